//! Stance: who is for or against whom, with the evidence.
//!
//! PLACEHOLDER until issue 6 lands (no stances are produced); the types are
//! the interface the output stage relies on.

use crate::sentences::Sentence;
use crate::sentiment::Vader;
use crate::span::Span;
use crate::speakers::{Attribution, PersonId, Source};

/// A stance label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// For the target.
    Favor,
    /// Against the target.
    Against,
    /// Neither.
    Neutral,
}

impl Label {
    /// The name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Favor => "favor",
            Label::Against => "against",
            Label::Neutral => "neutral",
        }
    }
}

/// One holder's stance toward one target in one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Stance {
    /// 0-based index of the sentence.
    pub sentence: usize,
    /// Who holds the stance; `None` is the article's own voice.
    pub holder: Option<Source>,
    /// The person it is about.
    pub target: PersonId,
    /// Favor, against or neutral.
    pub label: Label,
    /// In [0, 1].
    pub confidence: f64,
    /// The mention of the target that the stance was read from.
    pub target_span: Span,
    /// The words that decided the label.
    pub evidence: String,
}

/// The stance stage with its lexicon.
#[derive(Clone, Debug, Default)]
pub struct StanceTagger {}

impl StanceTagger {
    /// The stage with the built-in stance-cue lexicon.
    pub fn new() -> StanceTagger {
        StanceTagger {}
    }

    /// Finds the stances of each sentence's holder toward the people it
    /// mentions.
    pub fn analyze(
        &self,
        text: &str,
        sentences: &[Sentence],
        attribution: &Attribution,
        vader: &Vader,
    ) -> Vec<Stance> {
        let _ = (text, sentences, attribution, vader);
        Vec::new()
    }
}
