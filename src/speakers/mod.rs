//! Speakers: quotations, people, attribution and coreference.
//!
//! Rules and lexicons, no model: [`quotes`] pairs quotation marks paragraph
//! by paragraph; `tokens` splits words; `people` finds person names and
//! merges each document's aliases to the fullest name; `attribution` decides
//! which quoted segments are statements, finds their cue and speaker, finds
//! reported speech, resolves pronouns and descriptions to the salient person
//! and gives every sentence its speaker and mode.
//!
//! ```
//! use newstance::{Document, Pipeline, Source};
//! let doc = Document::new("d", r#"Kanye West spoke. "I love you John," West replied."#.into(), None);
//! let a = Pipeline::new().annotate(doc).attribution;
//! let q = &a.quotes[0];
//! assert_eq!(q.speaker.as_ref().map(|s| a.source_name(s)), Some("Kanye West"));
//! ```

mod attribution;
pub mod lexicon;
mod people;
pub mod quotes;
mod tokens;

use crate::sentences::Sentence;
use crate::span::Span;
use std::sync::Arc;

pub use lexicon::{CueClass, Gender, Lexicons};

/// How a sentence (or a quote) is spoken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// The article's own voice.
    #[default]
    Narration,
    /// Inside quotation marks.
    Direct,
    /// A short quoted phrase inside narration.
    Partial,
    /// Reported speech ("Legend said he did not disown West").
    Indirect,
}

impl Mode {
    /// The name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Narration => "narration",
            Mode::Direct => "direct",
            Mode::Partial => "partial",
            Mode::Indirect => "indirect",
        }
    }
}

/// Index of a person in [`Attribution::people`].
pub type PersonId = usize;

/// A person of one document, under the fullest name used for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Canonical name ("John Legend").
    pub name: String,
    /// Other names used for them in this document ("Legend", "John", "JL").
    pub aliases: Vec<String>,
}

/// How a mention refers to its person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A name or alias.
    Name,
    /// A pronoun resolved to the person.
    Pronoun,
    /// A description ("the singer").
    Description,
}

/// One place in the text that refers to a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte span of the mention in the document text.
    pub span: Span,
    /// Who it refers to.
    pub person: PersonId,
    /// How it refers to them.
    pub kind: MentionKind,
}

/// Who holds a statement: a person of the document, or a source that is not
/// a person, kept as written ("a campaign spokesman", "The Post").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A person of the document.
    Person(PersonId),
    /// A non-person source, as written.
    Other(String),
}

/// One attributed statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The content, without quotation marks; from the first part's start to
    /// the last part's end when the quote is interrupted by its attribution.
    pub span: Span,
    /// The content's parts (one, or more for `"A," he said, "B."`).
    pub parts: Vec<Span>,
    /// `Direct`, `Partial` or `Indirect`.
    pub kind: Mode,
    /// Who said it, if known.
    pub speaker: Option<Source>,
    /// The mention naming the speaker where the quote is attributed.
    pub speaker_span: Option<Span>,
    /// The attribution cue as written ("said", "according to", ":"); `None`
    /// when the speaker was carried over from context.
    pub cue: Option<Span>,
}

/// Who speaks one sentence, and how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceSpeech {
    /// The speaker; `None` for the article's own narration.
    pub speaker: Option<Source>,
    /// How the sentence is spoken.
    pub mode: Mode,
}

/// Everything the speakers stage finds in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attribution {
    /// The people, in order of first mention.
    pub people: Vec<Person>,
    /// Every mention of a person, in text order.
    pub mentions: Vec<Mention>,
    /// Attributed statements, in text order.
    pub quotes: Vec<Quote>,
    /// One entry per sentence, parallel to the sentence list.
    pub sentences: Vec<SentenceSpeech>,
}

impl Attribution {
    /// The display name of a source: the person's canonical name or the
    /// non-person source as written.
    pub fn source_name<'a>(&'a self, source: &'a Source) -> &'a str {
        match source {
            Source::Person(id) => &self.people[*id].name,
            Source::Other(s) => s,
        }
    }
}

/// The speakers stage with its lexicons (shared, read-only).
#[derive(Clone, Debug)]
pub struct Speakers {
    lex: Arc<Lexicons>,
    /// The lexicons' words, indexed for one lookup per token.
    index: Arc<lexicon::WordIndex>,
}

impl Default for Speakers {
    fn default() -> Speakers {
        Speakers::new()
    }
}

impl Speakers {
    /// The stage with the built-in lexicons.
    pub fn new() -> Speakers {
        Speakers::with_lexicons(Lexicons::builtin())
    }

    /// The stage with other lexicons (e.g. the built-in ones with cue verbs
    /// added from a file, see [`lexicon::parse_cues`]).
    pub fn with_lexicons(lex: Lexicons) -> Speakers {
        Speakers {
            index: Arc::new(lexicon::WordIndex::new(&lex)),
            lex: Arc::new(lex),
        }
    }

    /// The lexicons in use.
    pub fn lexicons(&self) -> &Lexicons {
        &self.lex
    }

    /// Finds quotes, people and who speaks each sentence. `sentences` are
    /// spans in `text` (the whole document text); `body` is the article part.
    #[inline(never)]
    pub fn analyze(&self, text: &str, body: Span, sentences: &[Sentence]) -> Attribution {
        let paras = quotes::paragraphs(text, body);
        let segs = quotes::scan(text, &paras);
        let mut lower = String::new();
        let (toks, nwords) =
            tokens::tokenize(text, &paras, sentences, &segs, &self.index, &mut lower);
        let (people, names) = people::find(text, &toks, nwords, &self.lex);
        let mut a =
            attribution::attribute(text, &toks, &segs, sentences, &self.lex, people, &names);
        a.sentences
            .resize(sentences.len(), SentenceSpeech::default());
        a
    }
}
