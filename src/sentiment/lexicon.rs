//! VADER's word table: the lexicon, boosters, negations and idioms, merged
//! into one map so that scoring a token costs one lookup.
//!
//! The data lives in `lexicons/` (see `lexicons/vader_LICENSE.txt`) and is
//! embedded at compile time. Lookups hash with [`crate::hash::FxHasher`], a fixed,
//! unseeded multiply-rotate hash: it is several times faster than SipHash on
//! short words, and nothing here ever iterates a map to produce output, so
//! no result depends on hash order.

use super::wordmap::WordMap;
use crate::error::{Error, Result};
use std::path::Path;

/// `lexicons/vader_lexicon.tsv`: word, mean valence (-4..4).
pub(crate) const VADER_LEXICON: &str = include_str!("../../lexicons/vader_lexicon.tsv");
/// `lexicons/emoji_utf8_lexicon.tsv`: emoji, the description replacing it.
pub(crate) const EMOJI_LEXICON: &str = include_str!("../../lexicons/emoji_utf8_lexicon.tsv");
/// `lexicons/vader_boosters.tsv`: `BOOSTER_DICT`.
pub(crate) const BOOSTERS: &str = include_str!("../../lexicons/vader_boosters.tsv");
/// `lexicons/vader_negations.txt`: `NEGATE`.
pub(crate) const NEGATIONS: &str = include_str!("../../lexicons/vader_negations.txt");
/// `lexicons/vader_special_cases.tsv`: `SPECIAL_CASES`.
pub(crate) const SPECIAL_CASES: &str = include_str!("../../lexicons/vader_special_cases.tsv");

/// The largest |valence| accepted from a lexicon file: VADER's raters used a
/// -4..+4 scale, and `normalize` (alpha = 15) assumes sums of that order.
pub const MAX_VALENCE: f64 = 4.0;

use crate::hash::FxMap;

/// What VADER knows about one lowercased token.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Entry {
    /// Lexicon valence (meaningful when `flags & IN_LEXICON`).
    pub valence: f64,
    /// Which roles the word plays, see the `flag` constants.
    pub flags: u32,
}

/// Flags of an [`Entry`]: the word sets and single words VADER's rules test.
pub(crate) mod flag {
    /// A key of the valence lexicon (`item.lower() in self.lexicon`).
    pub const IN_LEXICON: u32 = 1;
    /// A one-word key of `BOOSTER_DICT`, scalar `B_INCR` (+0.293)...
    pub const BOOSTER: u32 = 1 << 1;
    /// ...or `B_DECR` (-0.293) when this is set too.
    pub const DAMPENER: u32 = 1 << 17;
    /// In `NEGATE`.
    pub const NEGATE: u32 = 1 << 2;
    /// "no"
    pub const NO: u32 = 1 << 3;
    /// "or" or "nor"
    pub const OR_NOR: u32 = 1 << 4;
    /// "never"
    pub const NEVER: u32 = 1 << 5;
    /// "so" or "this"
    pub const SO_THIS: u32 = 1 << 6;
    /// "without"
    pub const WITHOUT: u32 = 1 << 7;
    /// "doubt"
    pub const DOUBT: u32 = 1 << 8;
    /// "least"
    pub const LEAST: u32 = 1 << 9;
    /// "at" or "very" (the words before "least" that keep it comparative)
    pub const AT_VERY: u32 = 1 << 10;
    /// "but"
    pub const BUT: u32 = 1 << 11;
    /// "kind"
    pub const KIND: u32 = 1 << 12;
    /// "of"
    pub const OF: u32 = 1 << 13;
    /// Contains "n't" (set per token, not in the table).
    pub const NT: u32 = 1 << 14;
    /// First word of a multi-word `SPECIAL_CASES` or `BOOSTER_DICT` key.
    pub const PHRASE_FIRST: u32 = 1 << 15;
    /// Second word of such a key.
    pub const PHRASE_SECOND: u32 = 1 << 16;
    /// A `PHRASE_FIRST` token followed by a `PHRASE_SECOND` one: the only
    /// place a multi-word key can start (set per token, not in the table).
    pub const PAIR: u32 = 1 << 18;
}

/// The merged tables of one scorer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    /// Lowercase word -> what the rules need to know about it.
    pub words: WordMap,
    /// One code point -> its description. vaderSentiment tests `chr in
    /// self.emojis` character by character, so emoji keys made of several
    /// code points (flags, keycaps, skin tones) never match; they are not
    /// indexed.
    pub emojis: FxMap<char, Box<str>>,
    /// `SPECIAL_CASES` with more than one word (one-word keys such as
    /// "badass" are never matched: the reference only looks up joined
    /// n-grams).
    pub special_cases: Vec<(Vec<Box<str>>, f64)>,
    /// Multi-word `BOOSTER_DICT` keys ("kind of", "sort of", "just enough").
    pub phrase_boosters: Vec<(Vec<Box<str>>, f64)>,
}

/// One data line of a TSV file: its 1-based line number and fields.
pub(crate) struct Line<'a> {
    pub number: u64,
    pub fields: Vec<&'a str>,
}

/// Splits TSV text into data lines, skipping blank lines and comments (a
/// line that is `#` or starts with `# `; keys such as `#⃣` stay data).
/// Fields are trimmed of white space, as Python's `line.strip()` does.
pub(crate) fn tsv_lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed == "#" || trimmed.starts_with("# ") {
            return None;
        }
        Some(Line {
            number: i as u64 + 1,
            fields: trimmed.split('\t').map(str::trim).collect(),
        })
    })
}

/// Parses `word<TAB>valence` lines (more columns are allowed and ignored, as
/// in vaderSentiment's own lexicon). With `user` set, the word must be one
/// lowercase token, since VADER looks up lowercased white-space-free tokens
/// and any other key could never match.
pub(crate) fn parse_valences(path: &Path, text: &str, user: bool) -> Result<Vec<(String, f64)>> {
    let mut out = Vec::new();
    for line in tsv_lines(text) {
        let bad = |msg: String| Error::lexicon(path, line.number, msg);
        let [word, value, ..] = line.fields[..] else {
            return Err(bad("expected `word<TAB>valence`".to_string()));
        };
        if word.is_empty() {
            return Err(bad("empty word".to_string()));
        }
        if user {
            if word.chars().any(super::py::is_space) {
                return Err(bad(format!(
                    "{word:?} contains white space; VADER scores single tokens"
                )));
            }
            let lower = super::py::lower(word);
            if lower != word {
                return Err(bad(format!(
                    "{word:?} is not lowercase; VADER looks up lowercased tokens, write {lower:?}"
                )));
            }
        }
        let valence: f64 = value
            .parse()
            .map_err(|_| bad(format!("valence {value:?} is not a number")))?;
        if !valence.is_finite() || valence.abs() > MAX_VALENCE {
            return Err(bad(format!(
                "valence {value} is outside [-{MAX_VALENCE}, {MAX_VALENCE}]"
            )));
        }
        out.push((word.to_string(), valence));
    }
    Ok(out)
}

impl Table {
    /// The tables of vaderSentiment 3.3.2.
    pub fn bundled() -> Table {
        let mut t = Table::default();
        let lexicon = parse_valences(
            Path::new("lexicons/vader_lexicon.tsv"),
            VADER_LEXICON,
            false,
        )
        .expect("bundled lexicon is valid (tested)");
        for (word, valence) in lexicon {
            t.set_valence(&word, valence);
        }
        for line in tsv_lines(EMOJI_LEXICON) {
            let mut chars = line.fields[0].chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                t.emojis.insert(c, line.fields[1].into());
            }
        }
        for line in tsv_lines(BOOSTERS) {
            let scalar: f64 = line.fields[1].parse().expect("bundled boosters (tested)");
            let words: Vec<Box<str>> = line.fields[0].split(' ').map(Box::from).collect();
            if words.len() == 1 {
                // The two values of BOOSTER_DICT (checked by a data test).
                let f = if scalar < 0.0 {
                    flag::BOOSTER | flag::DAMPENER
                } else {
                    flag::BOOSTER
                };
                t.add_flags(line.fields[0], f);
            } else {
                t.mark_phrase(&words);
                t.phrase_boosters.push((words, scalar));
            }
        }
        for line in tsv_lines(NEGATIONS) {
            t.add_flags(line.fields[0], flag::NEGATE);
        }
        for line in tsv_lines(SPECIAL_CASES) {
            let valence: f64 = line.fields[1].parse().expect("bundled idioms (tested)");
            let words: Vec<Box<str>> = line.fields[0].split(' ').map(Box::from).collect();
            if words.len() > 1 {
                t.mark_phrase(&words);
                t.special_cases.push((words, valence));
            }
        }
        let roles = [
            ("no", flag::NO),
            ("or", flag::OR_NOR),
            ("nor", flag::OR_NOR),
            ("never", flag::NEVER),
            ("so", flag::SO_THIS),
            ("this", flag::SO_THIS),
            ("without", flag::WITHOUT),
            ("doubt", flag::DOUBT),
            ("least", flag::LEAST),
            ("at", flag::AT_VERY),
            ("very", flag::AT_VERY),
            ("but", flag::BUT),
            ("kind", flag::KIND),
            ("of", flag::OF),
        ];
        for (word, f) in roles {
            t.add_flags(word, f);
        }
        t
    }

    fn mark_phrase(&mut self, words: &[Box<str>]) {
        self.add_flags(&words[0], flag::PHRASE_FIRST);
        self.add_flags(&words[1], flag::PHRASE_SECOND);
    }

    fn add_flags(&mut self, word: &str, f: u32) {
        self.words.update(word.as_bytes(), |e| e.flags |= f);
    }

    /// Adds or overrides the valence of `word` (a lexicon key, used as is).
    pub fn set_valence(&mut self, word: &str, valence: f64) {
        self.words.update(word.as_bytes(), |e| {
            e.valence = valence;
            e.flags |= flag::IN_LEXICON;
        });
    }

    /// The entry of a lowercased token (all flags clear if unknown).
    #[inline]
    pub fn get(&self, lower: &str) -> Entry {
        self.words.get(lower.as_bytes())
    }

    /// The value of the multi-word key of `table` equal to `words`, if any.
    pub fn phrase(
        table: &[(Vec<Box<str>>, f64)],
        eq: impl Fn(usize, &str) -> bool,
        len: usize,
    ) -> Option<f64> {
        table
            .iter()
            .find(|(key, _)| key.len() == len && key.iter().enumerate().all(|(k, w)| eq(k, w)))
            .map(|&(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VADER_UPSTREAM: &str = include_str!("../../lexicons/vader_lexicon.upstream.txt");
    const EMOJI_UPSTREAM: &str = include_str!("../../lexicons/emoji_utf8_lexicon.upstream.txt");

    /// What `make_lex_dict`/`make_emoji_dict` build from the upstream file:
    /// `text.rstrip('\n').split('\n')`, `line.strip().split('\t')[0:2]`, a
    /// dict (later lines win), here written sorted as vader_generate.py does.
    fn derive(upstream: &str, source: &str, what: &str) -> String {
        let mut dict: std::collections::BTreeMap<&str, &str> = Default::default();
        for line in upstream.trim_end_matches('\n').split('\n') {
            if line.is_empty() {
                continue;
            }
            let mut f = line.trim().split('\t');
            dict.insert(f.next().unwrap(), f.next().unwrap());
        }
        let mut out = format!(
            "# generated by lexicons/vader_generate.py from {source}; do not edit\n\
             # {what} (vaderSentiment 3.3.2, MIT, see vader_LICENSE.txt)\n"
        );
        for (k, v) in dict {
            out.push_str(&format!("{k}\t{v}\n"));
        }
        out
    }

    #[test]
    fn generated_tsv_matches_upstream() {
        // Regenerate-and-diff: the TSVs are exactly what the reference reads.
        assert_eq!(
            derive(
                VADER_UPSTREAM,
                "vader_lexicon.upstream.txt",
                "word<TAB>mean valence on the -4..4 scale"
            ),
            VADER_LEXICON
        );
        assert_eq!(
            derive(
                EMOJI_UPSTREAM,
                "emoji_utf8_lexicon.upstream.txt",
                "emoji<TAB>text description that replaces it before scoring"
            ),
            EMOJI_LEXICON
        );
    }

    fn keys(text: &str) -> Vec<&str> {
        tsv_lines(text).map(|l| l.fields[0]).collect()
    }

    fn assert_sorted_unique(name: &str, keys: &[&str]) {
        for w in keys.windows(2) {
            assert!(w[0] < w[1], "{name}: {:?} before {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn lexicon_data_is_sorted_unique_in_range() {
        let keys = keys(VADER_LEXICON);
        // 7,520 upstream lines, 14 words listed twice, 7,506 distinct.
        assert_eq!(keys.len(), 7506);
        assert_sorted_unique("vader_lexicon.tsv", &keys);
        let entries = parse_valences(Path::new("vader_lexicon.tsv"), VADER_LEXICON, false).unwrap();
        for (w, v) in &entries {
            assert!(v.abs() <= MAX_VALENCE && *v != 0.0, "{w} {v}");
        }
        // The duplicates resolve to the last line, as in a Python dict.
        let lol = entries.iter().find(|(w, _)| w == "lol").unwrap();
        assert_eq!(lol.1, 1.8);
    }

    #[test]
    fn emoji_data_is_sorted_unique() {
        let lines: Vec<Line> = tsv_lines(EMOJI_LEXICON).collect();
        assert_eq!(lines.len(), 3570);
        assert_sorted_unique("emoji_utf8_lexicon.tsv", &keys(EMOJI_LEXICON));
        for l in &lines {
            assert_eq!(l.fields.len(), 2);
            assert!(!l.fields[1].is_empty());
            // No emoji key is ASCII, so ASCII text never needs the emoji pass.
            assert!(!l.fields[0].is_ascii(), "{}", l.fields[0]);
        }
    }

    #[test]
    fn rule_word_lists_are_sorted_unique_in_range() {
        let boosters = keys(BOOSTERS);
        assert_eq!(boosters.len(), 84);
        assert_sorted_unique("vader_boosters.tsv", &boosters);
        for l in tsv_lines(BOOSTERS) {
            let v: f64 = l.fields[1].parse().unwrap();
            assert!(v == 0.293 || v == -0.293, "{}", l.fields[0]);
        }
        let negations = keys(NEGATIONS);
        assert_eq!(negations.len(), 59);
        assert_sorted_unique("vader_negations.txt", &negations);
        let idioms = keys(SPECIAL_CASES);
        assert_eq!(idioms.len(), 9);
        assert_sorted_unique("vader_special_cases.tsv", &idioms);
        for l in tsv_lines(SPECIAL_CASES) {
            let v: f64 = l.fields[1].parse().unwrap();
            assert!(v.abs() <= MAX_VALENCE);
        }
        for list in [BOOSTERS, NEGATIONS, SPECIAL_CASES] {
            for k in keys(list) {
                assert_eq!(k, k.to_lowercase());
            }
        }
    }

    #[test]
    fn bundled_table_keeps_case_sensitive_keys() {
        let t = Table::bundled();
        // ":P" and ":p" are different keys upstream; only lowercase keys are
        // reachable because tokens are lowercased before lookup.
        assert_eq!(t.get(":p").valence, 1.0);
        assert_eq!(t.get(":P").valence, 1.4);
        assert!(t.get("heart").flags & flag::IN_LEXICON != 0);
        assert!(t.get("hearts").flags & flag::IN_LEXICON != 0);
        assert_eq!(t.get("software"), Entry::default());
        assert!(t.get("so").flags & flag::BOOSTER != 0);
        assert!(t.get("so").flags & flag::DAMPENER == 0);
        assert!(t.get("barely").flags & flag::DAMPENER != 0);
        assert!(t.get("of").flags & flag::IN_LEXICON == 0);
        assert_eq!(t.emojis[&'😁'].as_ref(), "beaming face with smiling eyes");
    }

    #[test]
    fn user_lines_are_checked() {
        let p = Path::new("my.tsv");
        let ok = parse_valences(p, "# comment\n\nfoo\t1.5\nbar\t-2\textra\n", true).unwrap();
        assert_eq!(ok, vec![("foo".into(), 1.5), ("bar".into(), -2.0)]);
        let line = |text: &str| parse_valences(p, text, true).unwrap_err().line();
        assert_eq!(line("a\t1\nb\n"), Some(2));
        assert_eq!(line("a\t1\nb\tx\n"), Some(2));
        assert_eq!(line("a\tNaN\n"), Some(1));
        assert_eq!(line("a\t1\r\n\r\nb\t9\r\n"), Some(3));
        assert_eq!(line("Trump\t1\n"), Some(1));
        assert_eq!(line("\t1\n"), Some(1));
        let e = parse_valences(p, "x\t1\nGood\t2\n", true).unwrap_err();
        assert_eq!(e.path(), p);
        assert!(e.to_string().starts_with("my.tsv:2: "), "{e}");
    }
}
