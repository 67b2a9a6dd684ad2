//! Speakers: quotations, people, attribution and coreference.
//!
//! PLACEHOLDER until issue 5 lands (every sentence is narration, nobody is
//! found); the types are the interface the later stages rely on.

use crate::sentences::Sentence;
use crate::span::Span;

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

/// The speakers stage with its lexicons.
#[derive(Clone, Debug, Default)]
pub struct Speakers {}

impl Speakers {
    /// The stage with the built-in lexicons.
    pub fn new() -> Speakers {
        Speakers {}
    }

    /// Finds quotes, people and who speaks each sentence. `sentences` are
    /// spans in `text` (the whole document text); `body` is the article part.
    pub fn analyze(&self, text: &str, body: Span, sentences: &[Sentence]) -> Attribution {
        let _ = (text, body);
        Attribution {
            sentences: vec![SentenceSpeech::default(); sentences.len()],
            ..Attribution::default()
        }
    }
}
