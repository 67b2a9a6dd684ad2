//! Sentiment: VADER (Hutto & Gilbert, ICWSM 2014) sentence scores.
//!
//! PLACEHOLDER until issue 3 lands; the interface is final.

use crate::error::Result;
use std::path::Path;

/// VADER's four scores, rounded as vaderSentiment 3.3.2 rounds them
/// (neg/neu/pos to 3 decimals, compound to 4).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Share of negative valence.
    pub neg: f64,
    /// Share of neutral words.
    pub neu: f64,
    /// Share of positive valence.
    pub pos: f64,
    /// Normalized sum in [-1, 1].
    pub compound: f64,
}

/// The VADER scorer with its lexicons.
#[derive(Clone, Debug, Default)]
pub struct Vader {}

impl Vader {
    /// The scorer with the bundled lexicons.
    pub fn new() -> Vader {
        Vader {}
    }

    /// Adds or overrides entries from a TSV file (`word<TAB>valence`).
    pub fn add_lexicon_file(&mut self, path: &Path) -> Result<()> {
        let _ = path;
        todo!("issue 3")
    }

    /// Scores one text like `SentimentIntensityAnalyzer().polarity_scores`.
    pub fn polarity_scores(&self, text: &str) -> Scores {
        let _ = text;
        Scores::default()
    }
}
