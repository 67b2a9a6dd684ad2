//! The stance-cue and negator lexicons (`lexicons/stance_*.tsv`).
//!
//! A **cue** is a word or phrase that expresses an attitude of someone
//! toward someone ("support", "criticized", "supporter of", "love"). Unlike a
//! VADER valence, a cue has two values, because the attitude differs for the
//! two people around it:
//!
//! - `agent`: toward the one who acts or feels (the subject, the possessor
//!   in "West's support", the `by` phrase of a passive). "Support" says
//!   little about the supporter (`0.3`); "arrested" or "lost" says much.
//! - `patient`: toward the one acted on (the object, "support *for* X",
//!   "supporter *of* X", the subject of a passive). "Support" is favor (`1.8`).
//!
//! A cue with both values `0` silences a VADER word that is not a stance:
//! reported emotion ("he was not happy about that", "I hope") describes the
//! one who feels it, not an attitude toward the people named.
//!
//! **Negators** reverse a cue that follows within a few words ("could *not*
//! support", "*declined to* endorse", "*reconsider* aligning yourself with").
//!
//! Both files are plain TSV, `#` starts a comment line, entries sorted and
//! unique, values in `[-4, 4]` (VADER's range), checked by the tests below.

use crate::error::{Error, Result};
use crate::hash::FxMap;
use smol_str::SmolStr;
use std::path::Path;

/// The built-in cue lexicon.
pub const DEFAULT_CUES: &str = include_str!("../../lexicons/stance_cues.tsv");
/// The built-in negators.
pub const DEFAULT_NEGATORS: &str = include_str!("../../lexicons/stance_negators.tsv");

/// One stance cue.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    /// The lowercased words of the phrase (clitics as separate words:
    /// `n't`, `'s`).
    pub words: Vec<String>,
    /// Valence toward the agent (the one acting or feeling), in [-4, 4].
    pub agent: f64,
    /// Valence toward the patient (the one acted on), in [-4, 4].
    pub patient: f64,
}

/// A quick "certainly not a key" test before a hash look-up. Stance looks
/// up every word of a sentence in several word lists, and most words are in
/// none: a bit per (length, first byte, last byte) answers for most of them
/// without hashing the word. A false "maybe" only costs the look-up.
#[derive(Clone, Debug, Default)]
pub(crate) struct Prefilter {
    /// `bits[len]`: 256 bits chosen by the first and last byte.
    bits: [[u64; 4]; 32],
    /// Whether some key is empty or 32 bytes or longer (those always pass).
    long: bool,
}

impl Prefilter {
    fn slot(w: &str) -> Option<(usize, usize)> {
        let b = w.as_bytes();
        let (&first, &last) = (b.first()?, b.last()?);
        if b.len() >= 32 {
            return None;
        }
        let h = (usize::from(first).wrapping_mul(31) ^ usize::from(last)) & 255;
        Some((b.len(), h))
    }

    /// Adds a key.
    pub(crate) fn insert(&mut self, w: &str) {
        match Prefilter::slot(w) {
            Some((len, h)) => self.bits[len][h / 64] |= 1 << (h % 64),
            None => self.long = true,
        }
    }

    /// False if `w` is certainly not a key.
    #[inline]
    pub(crate) fn may_contain(&self, w: &str) -> bool {
        match Prefilter::slot(w) {
            Some((len, h)) => self.bits[len][h / 64] & (1 << (h % 64)) != 0,
            None => self.long,
        }
    }
}

/// Cues indexed by their first word, and negator phrases indexed by their
/// last word. Every word of every sentence is looked up in both (Fx hash:
/// no SipHash; the maps are never iterated in an order that shows).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// First word -> cues starting with it, longest first.
    cues: FxMap<SmolStr, Vec<Cue>>,
    /// Negator phrases, as word lists.
    negators: Vec<Vec<String>>,
    /// Last word -> indices into `negators` of the phrases ending with it.
    negators_by_last: FxMap<SmolStr, Vec<usize>>,
    /// The keys of `cues`.
    cue_filter: Prefilter,
    /// The keys of `negators_by_last`.
    negator_filter: Prefilter,
}

/// Splits a lexicon phrase into words the way the tokenizer does for the
/// look-ups: lowercase, clitics apart.
fn phrase_words(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in phrase.split_whitespace() {
        let w = w.to_lowercase().replace('’', "'");
        if w == "n't" {
            out.push(w);
        } else if let Some(stem) = w.strip_suffix("n't").filter(|s| !s.is_empty()) {
            out.push(stem.to_string());
            out.push("n't".to_string());
        } else if let Some(i) = w.find('\'').filter(|&i| i > 0) {
            out.push(w[..i].to_string());
            out.push(w[i..].to_string());
        } else {
            out.push(w);
        }
    }
    out
}

fn data_lines(content: &str) -> impl Iterator<Item = (u64, &str)> {
    content
        .lines()
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Parses a cue file: `phrase<TAB>agent<TAB>patient`.
pub fn parse_cues(path: &Path, content: &str) -> Result<Vec<Cue>> {
    let mut out = Vec::new();
    for (n, line) in data_lines(content) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 3 {
            return Err(Error::lexicon(
                path,
                n,
                format!(
                    "expected 3 tab-separated fields (cue, agent, patient), found {}",
                    f.len()
                ),
            ));
        }
        let value = |s: &str, what: &str| -> Result<f64> {
            let v: f64 = s.trim().parse().map_err(|_| {
                Error::lexicon(path, n, format!("{what} valence `{s}` is not a number"))
            })?;
            if !(-4.0..=4.0).contains(&v) {
                return Err(Error::lexicon(
                    path,
                    n,
                    format!("{what} valence {v} outside [-4, 4]"),
                ));
            }
            Ok(v)
        };
        let words = phrase_words(f[0]);
        if words.is_empty() {
            return Err(Error::lexicon(path, n, "empty cue"));
        }
        out.push(Cue {
            words,
            agent: value(f[1], "agent")?,
            patient: value(f[2], "patient")?,
        });
    }
    Ok(out)
}

/// Parses a negator file: one phrase per line.
pub fn parse_negators(path: &Path, content: &str) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for (n, line) in data_lines(content) {
        if line.contains('\t') {
            return Err(Error::lexicon(path, n, "expected one phrase per line"));
        }
        out.push(phrase_words(line));
    }
    Ok(out)
}

impl Lexicon {
    /// The built-in lexicons.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        lex.add_cues(
            parse_cues(Path::new("lexicons/stance_cues.tsv"), DEFAULT_CUES)
                .expect("built-in cue lexicon"),
        );
        lex.add_negators(
            parse_negators(Path::new("lexicons/stance_negators.tsv"), DEFAULT_NEGATORS)
                .expect("built-in negators"),
        );
        lex
    }

    /// Adds cues, replacing any with the same words.
    pub fn add_cues(&mut self, cues: Vec<Cue>) {
        for cue in cues {
            self.cue_filter.insert(&cue.words[0]);
            let list = self.cues.entry(SmolStr::new(&cue.words[0])).or_default();
            list.retain(|c| c.words != cue.words);
            list.push(cue);
            list.sort_by(|a, b| {
                b.words
                    .len()
                    .cmp(&a.words.len())
                    .then(a.words.cmp(&b.words))
            });
        }
    }

    /// Adds negator phrases.
    pub fn add_negators(&mut self, negators: Vec<Vec<String>>) {
        for n in negators {
            if !self.negators.contains(&n) {
                let Some(last) = n.last() else { continue };
                self.negator_filter.insert(last);
                self.negators_by_last
                    .entry(SmolStr::new(last))
                    .or_default()
                    .push(self.negators.len());
                self.negators.push(n);
            }
        }
    }

    /// The longest cue whose words are `words[i..]`'s prefix.
    pub fn cue_at<'a, S: AsRef<str>>(&'a self, words: &[S], i: usize) -> Option<&'a Cue> {
        let first = words.get(i)?.as_ref();
        if !self.cue_filter.may_contain(first) {
            return None;
        }
        self.cues.get(first)?.iter().find(|c| {
            c.words.len() <= words.len() - i
                && c.words
                    .iter()
                    .zip(&words[i..])
                    .all(|(a, b)| a == b.as_ref())
        })
    }

    /// The length of a negator phrase that ends exactly before `words[end]`
    /// (so `words[end - len..end]` is the phrase), if any.
    pub fn negator_ending_at<S: AsRef<str>>(&self, words: &[S], end: usize) -> Option<usize> {
        let last = words.get(end.checked_sub(1)?)?.as_ref();
        if !self.negator_filter.may_contain(last) {
            return None;
        }
        self.negators_by_last
            .get(last)?
            .iter()
            .map(|&k| &self.negators[k])
            .filter(|n| {
                n.len() <= end
                    && n.iter()
                        .zip(&words[end - n.len()..end])
                        .all(|(a, b)| a == b.as_ref())
            })
            .map(Vec::len)
            .max()
    }

    /// Whether `word` begins any negator phrase (so it carries no valence of
    /// its own).
    pub fn is_negator_word(&self, word: &str) -> bool {
        self.negator_filter.may_contain(word)
            && self
                .negators_by_last
                .get(word)
                .is_some_and(|ks| ks.iter().any(|&k| self.negators[k].len() == 1))
    }

    /// Number of cues.
    pub fn len(&self) -> usize {
        self.cues.values().map(Vec::len).sum()
    }

    /// Whether there are no cues.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(content: &str) -> Vec<String> {
        data_lines(content)
            .map(|(_, l)| l.split('\t').next().unwrap().to_string())
            .collect()
    }

    fn assert_sorted_unique(keys: &[String]) {
        for w in keys.windows(2) {
            assert!(
                w[0] < w[1],
                "not sorted or duplicate: {:?} then {:?}",
                w[0],
                w[1]
            );
        }
    }

    #[test]
    fn builtin_cues_sorted_unique_in_range() {
        let k = keys(DEFAULT_CUES);
        assert!(k.len() > 100, "{} cues", k.len());
        assert_sorted_unique(&k);
        let cues = parse_cues(Path::new("x"), DEFAULT_CUES).unwrap();
        for c in &cues {
            assert!((-4.0..=4.0).contains(&c.agent) && (-4.0..=4.0).contains(&c.patient));
            assert!(
                c.words.iter().all(|w| *w == w.to_lowercase()),
                "{:?}",
                c.words
            );
        }
    }

    #[test]
    fn builtin_negators_sorted_unique() {
        let k = keys(DEFAULT_NEGATORS);
        assert!(k.len() >= 10);
        assert_sorted_unique(&k);
    }

    #[test]
    fn the_issue_cues_are_there() {
        let lex = Lexicon::builtin();
        for (w, favor) in [
            ("support", true),
            ("endorse", true),
            ("back", true),
            ("love", true),
            ("appreciate", true),
            ("oppose", false),
            ("criticize", false),
            ("disown", false),
            ("betray", false),
        ] {
            let c = lex.cue_at(&[w], 0).unwrap_or_else(|| panic!("{w}"));
            assert_eq!(c.patient > 0.0, favor, "{w}");
        }
        let c = lex.cue_at(&["supporter", "of", "trump"], 0).unwrap();
        assert_eq!(c.words, ["supporter", "of"]);
    }

    #[test]
    fn negator_phrases_match_before_a_position() {
        let lex = Lexicon::builtin();
        let w = ["legend", "could", "not", "support"];
        assert_eq!(lex.negator_ending_at(&w, 3), Some(1));
        let w = ["he", "declined", "to", "endorse"];
        assert_eq!(lex.negator_ending_at(&w, 3), Some(2));
        assert_eq!(lex.negator_ending_at(&w, 2), None);
    }

    #[test]
    fn prefilter_never_rejects_a_key() {
        let mut f = Prefilter::default();
        let long = "x".repeat(40);
        let some = ["a", "support", "n't", "supporter", &long];
        for k in some {
            f.insert(k);
        }
        assert!(some.iter().all(|k| f.may_contain(k)));
        assert!(!f.may_contain("b") && !f.may_contain("zebra"));
        assert!(!Prefilter::default().may_contain(""));
        let lex = Lexicon::builtin();
        for k in keys(DEFAULT_CUES) {
            let words = phrase_words(&k);
            assert!(lex.cue_at(&words, 0).is_some(), "{k}");
        }
    }

    #[test]
    fn bad_lines_name_the_line() {
        let e = parse_cues(Path::new("my.tsv"), "# c\nlove\t0\t2\nhate\t-9\t1\n").unwrap_err();
        assert_eq!(e.line(), Some(3));
        assert!(e.to_string().contains("outside [-4, 4]"), "{e}");
        let e = parse_cues(Path::new("my.tsv"), "love 2\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "my.tsv:1: expected 3 tab-separated fields (cue, agent, patient), found 1"
        );
        assert_eq!(phrase_words("didn't West's"), ["did", "n't", "west", "'s"]);
        assert_eq!(phrase_words("n't"), ["n't"]);
    }
}
