//! The splitter's word lists: abbreviations and the words it looks at after a
//! possible boundary.
//!
//! Both are TSV data files in `lexicons/`, embedded as defaults so the
//! splitter needs no files at run time; [`Lexicon::parse`] reads replacements
//! with the same format. Lookups lowercase ASCII into a stack buffer, so the
//! hot path never allocates.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};

/// Built-in abbreviations (`lexicons/sentences_abbreviations.tsv`).
pub const DEFAULT_ABBREVIATIONS: &str = include_str!("../../lexicons/sentences_abbreviations.tsv");
/// Built-in word kinds (`lexicons/sentences_words.tsv`).
pub const DEFAULT_WORDS: &str = include_str!("../../lexicons/sentences_words.tsv");

/// Longest key we look up; longer tokens are never abbreviations or list
/// words, so they skip the lookup (and the lowercase buffer stays on the stack).
const MAX_KEY: usize = 24;

/// What a period after an abbreviation can mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// A title or marker that precedes what it modifies (`Mr.`, `Dr.`, `Sen.`,
    /// `e.g.`): never ends a sentence before a capital or a digit.
    Prefix,
    /// Precedes a number (`No. 5`, `p. 55`, `Jan. 6`): no boundary before a
    /// digit, an ordinary sentence end before a capital.
    Number,
    /// `a.m.` / `p.m.`: ends a sentence before a capital, unless the capital
    /// is a time zone or the sentence so far is a fronted time phrase.
    Time,
    /// May end a sentence (`Inc.`, `U.S.`, `etc.`, initials): a boundary only
    /// before a word that usually starts a sentence (`The`, `He`, `How`).
    General,
    /// A state after a city (`Oakland, Calif.`): AP style puts a comma after
    /// it when the sentence goes on, so before a capital it ends one.
    Place,
}

/// What a word after a possible boundary tells us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordKind {
    /// A closed-class word that often begins a sentence (`the`, `he`, `but`).
    Starter,
    /// A starter that can open a fronted time phrase (`at`, `by`, `until`).
    Preposition,
    /// A time zone after `a.m.`/`p.m.` (`ET`, `Eastern`).
    Zone,
    /// A speech verb closing an attribution (`"Why?" Legend asked.`).
    Speech,
}

/// The splitter's lexicons.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// Lowercase abbreviation (without its final period) -> (class, whether
    /// the entry is written with a capital and so needs one).
    abbreviations: HashMap<Box<str>, (AbbrevClass, bool)>,
    /// Lowercase word -> kind.
    words: HashMap<Box<str>, WordKind>,
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::parse(
            DEFAULT_ABBREVIATIONS,
            "lexicons/sentences_abbreviations.tsv",
            DEFAULT_WORDS,
            "lexicons/sentences_words.tsv",
        )
        .expect("built-in sentence lexicons are valid (checked by tests)")
    }
}

impl Lexicon {
    /// Parses both files; `*_path` name them in errors.
    pub fn parse(
        abbreviations: &str,
        abbreviations_path: impl AsRef<Path>,
        words: &str,
        words_path: impl AsRef<Path>,
    ) -> Result<Lexicon> {
        let mut abbr = HashMap::new();
        for (line, key, value) in rows(abbreviations, abbreviations_path.as_ref())? {
            let class = match value {
                "prefix" => AbbrevClass::Prefix,
                "number" => AbbrevClass::Number,
                "time" => AbbrevClass::Time,
                "general" => AbbrevClass::General,
                "place" => AbbrevClass::Place,
                other => {
                    return Err(Error::lexicon(
                        abbreviations_path,
                        line,
                        format!("unknown class {other:?} (prefix, number, time, general, place)"),
                    ));
                }
            };
            let capital = key.chars().next().is_some_and(char::is_uppercase);
            let lower = key.to_ascii_lowercase().into_boxed_str();
            if abbr.insert(lower, (class, capital)).is_some() {
                return Err(Error::lexicon(
                    abbreviations_path,
                    line,
                    format!("duplicate abbreviation {key:?}"),
                ));
            }
        }
        let mut kinds = HashMap::new();
        for (line, key, value) in rows(words, words_path.as_ref())? {
            let kind = match value {
                "starter" => WordKind::Starter,
                "preposition" => WordKind::Preposition,
                "zone" => WordKind::Zone,
                "speech" => WordKind::Speech,
                other => {
                    return Err(Error::lexicon(
                        words_path,
                        line,
                        format!("unknown kind {other:?} (starter, preposition, zone, speech)"),
                    ));
                }
            };
            if key.chars().any(char::is_uppercase) {
                return Err(Error::lexicon(
                    words_path,
                    line,
                    format!("word {key:?} must be lowercase"),
                ));
            }
            if kinds.insert(key.into(), kind).is_some() {
                return Err(Error::lexicon(
                    words_path,
                    line,
                    format!("duplicate word {key:?}"),
                ));
            }
        }
        Ok(Lexicon {
            abbreviations: abbr,
            words: kinds,
        })
    }

    /// The class of `word` (without its final period), honouring the rule
    /// that an entry written with a capital (`Mass`, `Jan`) needs one: the
    /// word `mass.` ends sentences, the state `Mass.` need not.
    pub fn abbreviation(&self, word: &str) -> Option<AbbrevClass> {
        let mut buf = [0u8; MAX_KEY];
        let key = lower(word, &mut buf)?;
        let &(class, capital) = self.abbreviations.get(key)?;
        if capital && !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        Some(class)
    }

    /// The kind of `word`, case-insensitively.
    pub fn word(&self, word: &str) -> Option<WordKind> {
        let mut buf = [0u8; MAX_KEY];
        let key = lower(word, &mut buf)?;
        self.words.get(key).copied()
    }
}

/// ASCII-lowercases `s` into `buf`; `None` if it does not fit.
fn lower<'b>(s: &str, buf: &'b mut [u8; MAX_KEY]) -> Option<&'b str> {
    if s.is_empty() || s.len() > MAX_KEY {
        return None;
    }
    for (d, b) in buf.iter_mut().zip(s.bytes()) {
        *d = b.to_ascii_lowercase();
    }
    // ASCII lowercasing leaves multi-byte sequences untouched: still UTF-8.
    std::str::from_utf8(&buf[..s.len()]).ok()
}

/// The data rows of a two-column TSV: `(line number, key, value)`; blank
/// lines and `#` comments are skipped.
fn rows<'s>(src: &'s str, path: &Path) -> Result<Vec<(u64, &'s str, &'s str)>> {
    let mut out = Vec::new();
    for (n, raw) in src.lines().enumerate() {
        let line = n as u64 + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let mut fields = raw.split('\t');
        let (Some(key), Some(value), None) = (fields.next(), fields.next(), fields.next()) else {
            return Err(Error::lexicon(
                path,
                line,
                "expected two tab-separated fields",
            ));
        };
        if key.is_empty() || key.len() > MAX_KEY || key.contains(char::is_whitespace) {
            return Err(Error::lexicon(
                path,
                line,
                format!("bad key {key:?} (1 to {MAX_KEY} bytes, no spaces)"),
            ));
        }
        out.push((line, key, value.trim_end_matches('\r')));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The data rows' keys, in file order.
    fn keys(src: &str) -> Vec<&str> {
        src.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').next().unwrap())
            .collect()
    }

    #[test]
    fn built_in_files_parse() {
        let lex = Lexicon::default();
        assert_eq!(lex.abbreviation("Mr"), Some(AbbrevClass::Prefix));
        assert_eq!(lex.abbreviation("MR"), Some(AbbrevClass::Prefix));
        assert_eq!(lex.abbreviation("U.S"), Some(AbbrevClass::General));
        assert_eq!(lex.abbreviation("a.m"), Some(AbbrevClass::Time));
        assert_eq!(lex.abbreviation("P.M"), Some(AbbrevClass::Time));
        assert_eq!(lex.word("The"), Some(WordKind::Starter));
        assert_eq!(lex.word("said"), Some(WordKind::Speech));
    }

    #[test]
    fn capitalised_entries_need_a_capital() {
        let lex = Lexicon::default();
        assert_eq!(lex.abbreviation("Mass"), Some(AbbrevClass::Place));
        assert_eq!(lex.abbreviation("mass"), None);
        assert_eq!(lex.abbreviation("Jan"), Some(AbbrevClass::Number));
        assert_eq!(lex.abbreviation("jan"), None);
        // Lowercase entries match either case.
        assert_eq!(lex.abbreviation("Co"), Some(AbbrevClass::General));
        assert_eq!(lex.abbreviation("co"), Some(AbbrevClass::General));
    }

    #[test]
    fn data_files_are_sorted_without_duplicates() {
        for (name, src) in [
            ("abbreviations", DEFAULT_ABBREVIATIONS),
            ("words", DEFAULT_WORDS),
        ] {
            let k = keys(src);
            assert!(k.len() > 50, "{name}: {} entries", k.len());
            for w in k.windows(2) {
                assert!(
                    w[0].as_bytes() < w[1].as_bytes(),
                    "{name}: {:?} >= {:?}",
                    w[0],
                    w[1]
                );
            }
            let mut lower: Vec<String> = k.iter().map(|s| s.to_ascii_lowercase()).collect();
            lower.sort();
            lower.dedup();
            assert_eq!(lower.len(), k.len(), "{name}: case-insensitive duplicates");
        }
    }

    #[test]
    fn abbreviations_have_no_final_period_and_words_are_single_words() {
        for k in keys(DEFAULT_ABBREVIATIONS) {
            assert!(!k.ends_with('.'), "{k:?}: written without its final period");
        }
        for k in keys(DEFAULT_WORDS) {
            assert!(k.chars().all(|c| c.is_ascii_lowercase()), "{k:?}");
        }
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = Lexicon::parse("# c\nMr\tprefix\nDr\ttitle\n", "a.tsv", "", "w.tsv").unwrap_err();
        assert_eq!(err.line(), Some(3));
        assert!(err.message().contains("title"), "{}", err.message());
        let err = Lexicon::parse("", "a.tsv", "the\tstarter\nThe\tstarter\n", "w.tsv").unwrap_err();
        assert_eq!(err.line(), Some(2));
        let err = Lexicon::parse("Mr prefix\n", "a.tsv", "", "w.tsv").unwrap_err();
        assert_eq!(err.line(), Some(1));
        let err = Lexicon::parse("Mr\tprefix\nMR\tgeneral\n", "a.tsv", "", "w.tsv").unwrap_err();
        assert!(err.message().contains("duplicate"), "{}", err.message());
    }
}
