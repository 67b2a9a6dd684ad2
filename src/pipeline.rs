//! The pipeline: one document through every stage, in order.
//!
//! Document -> sentences -> sentiment -> speakers -> stance. Each stage reads
//! what the earlier ones produced and borrows the document text; all spans
//! are byte offsets into [`Document::text`].

use crate::document::Document;
use crate::sentences::{Sentence, Splitter};
use crate::sentiment::{Scores, Vader};
use crate::speakers::{Attribution, Speakers};
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
        let attribution = self.speakers.analyze(&doc.text, doc.body, &sentences);
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
