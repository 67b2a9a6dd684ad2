//! The pipeline: one document through every stage, in order.
//!
//! Document -> sentences -> sentiment -> speakers -> stance. Each stage reads
//! what the earlier ones produced and borrows the document text; all spans
//! are byte offsets into [`Document::text`].

use crate::document::Document;
use crate::report::Aliases;
use crate::sentences::{Sentence, Splitter};
use crate::sentiment::{Scores, Vader};
use crate::speakers::{Attribution, Person, Source, Speakers};
use crate::stance::{Stance, StanceTagger};

/// All stages, configured once and shared (read-only) by every document.
#[derive(Clone, Debug, Default)]
pub struct Pipeline {
    /// Sentence splitter.
    pub splitter: Splitter,
    /// Sentiment scorer.
    pub vader: Vader,
    /// Quotes, people and attribution.
    pub speakers: Speakers,
    /// Stance tagger.
    pub stance: StanceTagger,
    /// Corpus-wide names (`--aliases`): applied to each document's people
    /// before stance, so people who turn out to be one are merged.
    pub aliases: Aliases,
}

/// One document with everything the pipeline found in it.
#[derive(Clone, Debug)]
pub struct Annotated {
    /// The document.
    pub doc: Document,
    /// Its sentences; spans are into `doc.text`.
    pub sentences: Vec<Sentence>,
    /// VADER scores, parallel to `sentences`.
    pub scores: Vec<Scores>,
    /// Speakers, quotes and people.
    pub attribution: Attribution,
    /// Stances, by sentence.
    pub stances: Vec<Stance>,
}

impl Pipeline {
    /// A pipeline with the built-in lexicons.
    pub fn new() -> Pipeline {
        Pipeline {
            splitter: Splitter::new(),
            vader: Vader::new(),
            speakers: Speakers::new(),
            stance: StanceTagger::new(),
            aliases: Aliases::new(),
        }
    }

    /// The sentences of a document's body, with spans into the whole text.
    pub fn sentences(&self, doc: &Document) -> Vec<Sentence> {
        let offset = doc.body.start;
        let mut sentences = self.splitter.split(doc.body_text());
        for s in &mut sentences {
            s.span = s.span.shift(offset);
        }
        sentences
    }

    /// Runs every stage on one document.
    pub fn annotate(&self, doc: Document) -> Annotated {
        let sentences = self.sentences(&doc);
        let scores = sentences
            .iter()
            .map(|s| self.vader.polarity_scores(s.span.of(&doc.text)))
            .collect();
        let mut attribution = self.speakers.analyze(&doc.text, doc.body, &sentences);
        if !self.aliases.is_empty() {
            apply_aliases(&mut attribution, &self.aliases);
        }
        let stances = self
            .stance
            .analyze(&doc.text, &sentences, &attribution, &self.vader);
        Annotated {
            doc,
            sentences,
            scores,
            attribution,
            stances,
        }
    }
}

/// Renames each person (and non-person source) to its canonical name under
/// `aliases`, merging people of one document who get the same name: their
/// aliases are pooled and every reference to the merged person is remapped.
fn apply_aliases(a: &mut Attribution, aliases: &Aliases) {
    let mut people: Vec<Person> = Vec::with_capacity(a.people.len());
    let mut remap = Vec::with_capacity(a.people.len());
    for p in std::mem::take(&mut a.people) {
        let name = aliases.canonical(&p.name).to_string();
        let mut names = p.aliases;
        if name != p.name {
            names.push(p.name);
        }
        match people.iter().position(|q| q.name == name) {
            Some(i) => {
                people[i].aliases.extend(names);
                remap.push(i);
            }
            None => {
                remap.push(people.len());
                people.push(Person {
                    name,
                    aliases: names,
                });
            }
        }
    }
    for p in &mut people {
        let name = p.name.clone();
        p.aliases.retain(|n| *n != name);
        let mut seen = std::collections::BTreeSet::new();
        p.aliases.retain(|n| seen.insert(n.clone()));
    }
    a.people = people;
    let fix = |s: &mut Source| match s {
        Source::Person(id) => *id = remap[*id],
        Source::Other(name) => *name = aliases.canonical(name).to_string(),
    };
    for m in &mut a.mentions {
        m.person = remap[m.person];
    }
    for q in &mut a.quotes {
        if let Some(s) = &mut q.speaker {
            fix(s);
        }
    }
    for s in &mut a.sentences {
        if let Some(src) = &mut s.speaker {
            fix(src);
        }
    }
}
