//! Sentiment: VADER (Hutto & Gilbert, ICWSM 2014) sentence scores.
//!
//! A from-scratch port of Python vaderSentiment 3.3.2 that gives the same
//! four scores, to the last printed digit, on all 23,861 texts of
//! `fixtures/vader/reference_scores.tsv` (checked by `cargo test`). We own
//! it rather than use the `vader_sentiment` crate, which disagrees with the
//! reference on 22% of those texts and varies from run to run.
//!
//! How a text is scored (each step is the Python function named in
//! `rules.rs`):
//!
//! 1. emojis are replaced by their descriptions (`lexicons/emoji_*`);
//! 2. the text is split on white space and edge punctuation is stripped
//!    (short tokens such as `:)` are kept whole);
//! 3. every lexicon word (`lexicons/vader_lexicon.tsv`) gets its valence,
//!    adjusted by ALL CAPS, boosters and negations in the three preceding
//!    words, "no", "least", "never so", idioms; "but" shifts weight to what
//!    follows;
//! 4. the sum plus `!`/`?` emphasis is normalized into `compound`, and the
//!    shares of positive, negative and neutral tokens give `pos`/`neg`/`neu`.
//!
//! ```
//! use newstance::Vader;
//!
//! let vader = Vader::new();
//! let s = vader.polarity_scores("The book was good.");
//! assert_eq!((s.neg, s.neu, s.pos, s.compound), (0.0, 0.508, 0.492, 0.4404));
//! ```
//!
//! The lexicons are vaderSentiment's (MIT); see `lexicons/vader_LICENSE.txt`.
//! If you publish results, cite: Hutto, C.J. & Gilbert, E.E. (2014). VADER:
//! A Parsimonious Rule-based Model for Sentiment Analysis of Social Media
//! Text. ICWSM-14.

mod lexicon;
mod py;
mod rules;
mod swar;
mod wordmap;

pub use self::lexicon::MAX_VALENCE;
pub use self::py::PyFloat;

use crate::error::{Error, Result};
use lexicon::Table;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// VADER's four scores, rounded as vaderSentiment 3.3.2 rounds them
/// (neg/neu/pos to 3 decimals, compound to 4).
///
/// Print them with [`PyFloat`] to get the reference's text (`0.0`, `-0.0`).
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
///
/// Cheap to clone (the tables are shared until one clone adds entries) and
/// `Send + Sync`: one scorer can serve every thread. Scoring reuses
/// per-thread buffers, so it does not allocate per token.
#[derive(Clone)]
pub struct Vader {
    table: Arc<Table>,
}

impl Default for Vader {
    fn default() -> Vader {
        Vader::new()
    }
}

impl fmt::Debug for Vader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vader")
            .field("words", &self.table.words.len())
            .field("emojis", &self.table.emojis.len())
            .finish()
    }
}

impl Vader {
    /// The scorer with the bundled lexicons (built once per process, then
    /// shared).
    pub fn new() -> Vader {
        static BUNDLED: OnceLock<Arc<Table>> = OnceLock::new();
        Vader {
            table: BUNDLED.get_or_init(|| Arc::new(Table::bundled())).clone(),
        }
    }

    /// Adds or overrides entries from a TSV file (`word<TAB>valence`).
    ///
    /// Blank lines and lines starting with `# ` are skipped; columns after
    /// the second are ignored (so vaderSentiment's own 4-column lexicon
    /// format reads too). Words must be lowercase single tokens (VADER looks
    /// up lowercased tokens, so other keys could never match) and valences
    /// numbers within +-[`MAX_VALENCE`]. Later lines override earlier ones.
    /// The file is checked whole before any entry is applied: on error the
    /// scorer is unchanged, and the error names the file and line.
    pub fn add_lexicon_file(&mut self, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => text,
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                let line = good.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                return Err(Error::lexicon(path, line, "invalid UTF-8"));
            }
        };
        self.add_lexicon_str(path, text)
    }

    /// Like [`Vader::add_lexicon_file`], for TSV text already in memory;
    /// `name` is used in error messages.
    pub fn add_lexicon_str(&mut self, name: impl AsRef<Path>, tsv: &str) -> Result<()> {
        let entries = lexicon::parse_valences(name.as_ref(), tsv, true)?;
        let table = Arc::make_mut(&mut self.table);
        for (word, valence) in entries {
            table.set_valence(&word, valence);
        }
        Ok(())
    }

    /// The lexicon valence of a word as VADER looks it up (lowercased), or
    /// `None` if the word is not in the lexicon.
    pub fn valence(&self, word: &str) -> Option<f64> {
        // Stance looks up every word of a sentence, nearly all of them
        // already lowercase ASCII: those need no lowercased copy.
        let e = if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            self.table.get(word)
        } else {
            self.table.get(&py::lower(word))
        };
        (e.flags & lexicon::flag::IN_LEXICON != 0).then_some(e.valence)
    }

    /// Scores one text like `SentimentIntensityAnalyzer().polarity_scores`.
    pub fn polarity_scores(&self, text: &str) -> Scores {
        rules::polarity_scores(&self.table, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(text: &str) -> (f64, f64, f64, f64) {
        let s = Vader::new().polarity_scores(text);
        (s.neg, s.neu, s.pos, s.compound)
    }

    // Expected values below are vaderSentiment 3.3.2's output (CPython
    // 3.11), one test per rule; most are rows of reference_scores.tsv.

    #[test]
    fn vader_is_shareable() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Vader>();
    }

    #[test]
    fn empty_and_blank_text() {
        assert_eq!(scores(""), (0.0, 0.0, 0.0, 0.0));
        assert_eq!(scores(" \n\t"), (0.0, 0.0, 0.0, 0.0));
        assert_eq!(scores("the table"), (0.0, 1.0, 0.0, 0.0));
        // No lexicon word: "!" and "?" add no emphasis, zeros are positive.
        let s = scores("Is it the TABLE??? Tomorrow!!");
        assert_eq!(s, (0.0, 1.0, 0.0, 0.0));
        assert!(s.0.is_sign_positive() && s.3.is_sign_positive());
    }

    #[test]
    fn readme_examples() {
        assert_eq!(
            scores("VADER is smart, handsome, and funny."),
            (0.0, 0.254, 0.746, 0.8316)
        );
        assert_eq!(
            scores("VADER is smart, handsome, and funny!"),
            (0.0, 0.248, 0.752, 0.8439)
        );
        assert_eq!(
            scores("VADER is very smart, handsome, and funny."),
            (0.0, 0.299, 0.701, 0.8545)
        );
        assert_eq!(
            scores("VADER is VERY SMART, handsome, and FUNNY."),
            (0.0, 0.246, 0.754, 0.9227)
        );
        assert_eq!(
            scores("VADER is not smart, handsome, nor funny."),
            (0.646, 0.354, 0.0, -0.7424)
        );
        assert_eq!(
            scores("At least it isn't a horrible book."),
            (0.0, 0.678, 0.322, 0.431)
        );
        assert_eq!(
            scores("The book was only kind of good."),
            (0.0, 0.697, 0.303, 0.3832)
        );
        assert_eq!(
            scores("Today only kinda sux! But I'll get by, lol"),
            (0.127, 0.556, 0.317, 0.5249)
        );
        assert_eq!(
            scores("Make sure you :) or :D today!"),
            (0.0, 0.294, 0.706, 0.8633)
        );
        assert_eq!(
            scores("Catch utf-8 emoji such as 💘 and 💋 and 😁"),
            (0.0, 0.583, 0.417, 0.875)
        );
        assert_eq!(scores("Not bad at all"), (0.0, 0.513, 0.487, 0.431));
    }

    #[test]
    fn bomb_is_deterministic_and_idiomatic() {
        // The vader_sentiment crate gives 0.7579 or 0.9186 depending on its
        // HashMap seed; the reference says 0.8402.
        for _ in 0..3 {
            assert_eq!(scores("That was the bomb, bad ass stuff.").3, 0.8402);
        }
    }

    #[test]
    fn boosters_are_whole_words() {
        // "so" inside "software" must not boost "good".
        assert_eq!(
            scores("The software is good."),
            scores("The hardware is good.")
        );
        assert!(scores("It is so good.").3 > scores("It is good.").3);
    }

    #[test]
    fn user_lexicon_adds_and_overrides() {
        let mut v = Vader::new();
        assert_eq!(v.polarity_scores("a bazinga moment").compound, 0.0);
        v.add_lexicon_str("extra.tsv", "bazinga\t2.0\ngood\t-1.9\n")
            .unwrap();
        assert!(v.polarity_scores("a bazinga moment").compound > 0.0);
        assert!(v.polarity_scores("a good moment").compound < 0.0);
        assert_eq!(v.valence("GOOD"), Some(-1.9));
        // The shared bundled table is untouched.
        assert_eq!(Vader::new().valence("good"), Some(1.9));
        assert_eq!(Vader::new().valence("bazinga"), None);
    }

    #[test]
    fn bad_user_lexicon_names_file_and_line_and_changes_nothing() {
        let mut v = Vader::new();
        let e = v
            .add_lexicon_str("extra.tsv", "bazinga\t2.0\noops 1.0\n")
            .unwrap_err();
        assert_eq!(e.line(), Some(2));
        assert_eq!(e.path(), Path::new("extra.tsv"));
        assert_eq!(v.valence("bazinga"), None);
    }

    #[test]
    fn lexicon_file_errors() {
        let dir = std::env::temp_dir().join(format!("newstance-vader-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.tsv");
        std::fs::write(&good, "# mine\nbazinga\t2\n").unwrap();
        let bad = dir.join("bad.tsv");
        std::fs::write(&bad, b"ok\t1\nbad\t\xff\n").unwrap();
        let mut v = Vader::new();
        v.add_lexicon_file(&good).unwrap();
        assert_eq!(v.valence("bazinga"), Some(2.0));
        let e = v.add_lexicon_file(&bad).unwrap_err();
        assert_eq!((e.path(), e.line()), (bad.as_path(), Some(2)));
        let e = v.add_lexicon_file(&dir.join("missing.tsv")).unwrap_err();
        assert!(e.to_string().contains("missing.tsv"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
