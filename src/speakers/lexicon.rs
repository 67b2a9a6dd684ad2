//! The speakers stage's word lists: TSV files in `lexicons/`, embedded as
//! defaults so the binary needs no data files at run time.
//!
//! Every file is `key` or `key<TAB>value` per line, `#` comments, keys in
//! lowercase and sorted (byte order), so diffs stay reviewable and the data
//! tests below can check them.

/// A map with the Fx hasher.
pub type HashMap<K, V> = crate::hash::FxMap<K, V>;
/// A set with the Fx hasher.
pub type HashSet<K> = crate::hash::FxSet<K>;

use crate::error::{Error, Result};
use std::hash::Hasher;

/// Cue verbs: `form<TAB>class`.
pub const CUES: &str = include_str!("../../lexicons/speakers_cues.tsv");
/// Titles before names: `title<TAB>gender`.
pub const TITLES: &str = include_str!("../../lexicons/speakers_titles.tsv");
/// Role nouns for descriptions: `noun<TAB>gender`.
pub const ROLES: &str = include_str!("../../lexicons/speakers_roles.tsv");
/// Words that make a capitalized phrase a non-person.
pub const NONPERSON: &str = include_str!("../../lexicons/speakers_nonperson.tsv");
/// Capitalized words that are never names.
pub const STOPWORDS: &str = include_str!("../../lexicons/speakers_stopwords.tsv");
/// First names with their usual gender.
pub const FIRST_NAMES: &str = include_str!("../../lexicons/speakers_first_names.tsv");
/// Nouns that carry someone's words ("a message from X").
pub const CARRIERS: &str = include_str!("../../lexicons/speakers_carriers.tsv");

/// What a cue word does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// A verb of saying: introduces quotes and reported speech.
    Speech,
    /// Only a cue right next to a quotation ("the message read, ...").
    Quote,
    /// Reported thought: needs a `that` or a subject after it.
    Cognition,
    /// Evidence that reports content ("a poll showed Clinton leading", "the
    /// study found ..."): takes any complement, introduces no quotation.
    Evidence,
    /// Evaluation: its subject holds a stance toward its object.
    Stance,
}

/// Grammatical gender a name, title or pronoun implies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// Masculine.
    Male,
    /// Feminine.
    Female,
    /// Not known or not marked.
    Unknown,
}

impl Gender {
    fn parse(s: &str) -> Option<Gender> {
        match s {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            "x" => Some(Gender::Unknown),
            _ => None,
        }
    }

    /// Whether a referent of gender `self` can be called `other`.
    pub fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// All word lists of the stage.
#[derive(Clone, Debug, Default)]
pub struct Lexicons {
    /// Cue word forms and their class.
    pub cues: HashMap<String, CueClass>,
    /// Titles ("mr", "sen", "president") and the gender they imply.
    pub titles: HashMap<String, Gender>,
    /// Role nouns ("singer", "spokeswoman") and their gender.
    pub roles: HashMap<String, Gender>,
    /// Non-person words and phrases.
    pub nonperson: HashSet<String>,
    /// Capitalized words that are never names.
    pub stopwords: HashSet<String>,
    /// First names and their usual gender.
    pub first_names: HashMap<String, Gender>,
    /// Nouns that carry someone's words.
    pub carriers: HashSet<String>,
}

/// The non-comment lines of a lexicon with their 1-based line numbers, split
/// on tabs; every line must have `cols` fields.
pub fn rows<'a>(name: &str, text: &'a str, cols: usize) -> Result<Vec<(u64, Vec<&'a str>)>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i as u64 + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != cols {
            return Err(Error::lexicon(
                name,
                n,
                format!(
                    "expected {cols} tab-separated fields, found {}",
                    fields.len()
                ),
            ));
        }
        if fields[0].is_empty() || fields[0] != fields[0].to_lowercase() {
            return Err(Error::lexicon(name, n, "key must be non-empty lowercase"));
        }
        out.push((n, fields));
    }
    Ok(out)
}

fn set(name: &str, text: &str) -> Result<HashSet<String>> {
    Ok(rows(name, text, 1)?
        .into_iter()
        .map(|(_, f)| f[0].to_string())
        .collect())
}

fn gendered(name: &str, text: &str) -> Result<HashMap<String, Gender>> {
    let mut out = HashMap::default();
    for (n, f) in rows(name, text, 2)? {
        let g = Gender::parse(f[1])
            .ok_or_else(|| Error::lexicon(name, n, format!("bad gender {:?}", f[1])))?;
        out.insert(f[0].to_string(), g);
    }
    Ok(out)
}

/// Parses a cue lexicon (`form<TAB>speech|quote|cognition|evidence|stance`).
pub fn parse_cues(name: &str, text: &str) -> Result<HashMap<String, CueClass>> {
    let mut out = HashMap::default();
    for (n, f) in rows(name, text, 2)? {
        let class = match f[1] {
            "speech" => CueClass::Speech,
            "quote" => CueClass::Quote,
            "cognition" => CueClass::Cognition,
            "evidence" => CueClass::Evidence,
            "stance" => CueClass::Stance,
            other => return Err(Error::lexicon(name, n, format!("bad cue class {other:?}"))),
        };
        out.insert(f[0].to_string(), class);
    }
    Ok(out)
}

impl Lexicons {
    /// Adds cue words from a user lexicon (`form<TAB>class` lines, as in
    /// `lexicons/speakers_cues.tsv`); a form already known takes the new class.
    pub fn add_cues(&mut self, name: &str, text: &str) -> Result<()> {
        self.cues.extend(parse_cues(name, text)?);
        Ok(())
    }

    /// The built-in lists.
    pub fn builtin() -> Lexicons {
        Lexicons::parse_all().expect("built-in speakers lexicons are valid (tested)")
    }

    fn parse_all() -> Result<Lexicons> {
        Ok(Lexicons {
            cues: parse_cues("lexicons/speakers_cues.tsv", CUES)?,
            titles: gendered("lexicons/speakers_titles.tsv", TITLES)?,
            roles: gendered("lexicons/speakers_roles.tsv", ROLES)?,
            nonperson: set("lexicons/speakers_nonperson.tsv", NONPERSON)?,
            stopwords: set("lexicons/speakers_stopwords.tsv", STOPWORDS)?,
            first_names: gendered("lexicons/speakers_first_names.tsv", FIRST_NAMES)?,
            carriers: set("lexicons/speakers_carriers.tsv", CARRIERS)?,
        })
    }
}

/// What the lexicons say about one lowercased word. Tokens look it up once,
/// so the rules test fields instead of hashing the word again and again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordInfo {
    /// Its cue class.
    pub cue: Option<CueClass>,
    /// A title, with the gender it implies.
    pub title: Option<Gender>,
    /// A role noun, with its gender.
    pub role: Option<Gender>,
    /// A first name, with its usual gender.
    pub first_name: Option<Gender>,
    /// A non-person word.
    pub nonperson: bool,
    /// A capitalized word that is never a name.
    pub stopword: bool,
    /// A noun that carries someone's words.
    pub carrier: bool,
}

/// A hash of a word from its length and at most its first and last eight
/// bytes (all of a word up to 16 bytes): one multiply, no loop. Longer words
/// that share both ends only share a slot chain; tables compare the words.
#[inline]
pub(crate) fn short_hash(b: &[u8]) -> u64 {
    let n = b.len();
    let (x, y) = if n >= 8 {
        (
            u64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
            u64::from_le_bytes(b[n - 8..].try_into().expect("8 bytes")),
        )
    } else if n >= 4 {
        (
            u64::from(u32::from_le_bytes(b[..4].try_into().expect("4 bytes"))),
            u64::from(u32::from_le_bytes(b[n - 4..].try_into().expect("4 bytes"))),
        )
    } else if n > 0 {
        (
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            0,
        )
    } else {
        (0, 0)
    };
    let mut h = crate::hash::FxHasher::default();
    h.write_u64(x ^ (n as u64).rotate_right(8));
    h.write_u64(y);
    h.finish()
}

/// Linear probing in a power-of-two slot array of 1-based entry numbers (0
/// is empty), from the slot chosen by `hash`: `Ok(entry index)` for the
/// first entry that `is_key` accepts, or `Err(empty slot)` where the key
/// would go. Both word tables (the lexicon's, a document's) probe with it.
#[inline]
pub(crate) fn probe(
    slots: &[u32],
    hash: u64,
    mut is_key: impl FnMut(usize) -> bool,
) -> std::result::Result<usize, usize> {
    let mask = slots.len() - 1;
    let mut i = (hash >> 32) as usize & mask;
    loop {
        match slots[i] {
            0 => return Err(i),
            e if is_key(e as usize - 1) => return Ok(e as usize - 1),
            _ => i = (i + 1) & mask,
        }
    }
}

/// `a == b`, with words up to 16 bytes compared in two overlapping loads
/// each instead of a `memcmp` call.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let u64_at = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().expect("8 bytes"));
    let u32_at = |s: &[u8], i: usize| u32::from_le_bytes(s[i..i + 4].try_into().expect("4 bytes"));
    match n {
        0..=3 => a == b,
        4..=7 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        8..=16 => u64_at(a, 0) == u64_at(b, 0) && u64_at(a, n - 8) == u64_at(b, n - 8),
        _ => a == b,
    }
}

/// Every key of the lexicons with what each list says about it: one hash
/// lookup per word instead of one per list and rule. Open addressing over
/// [`short_hash`] with the keys in one string, so a lookup touches two small
/// arrays and usually ends at an empty slot.
#[derive(Clone, Debug)]
pub(crate) struct WordIndex {
    /// Index + 1 into `entries`; 0 is empty. Length a power of two.
    slots: Vec<u32>,
    /// Hash, key's byte range in `keys`, information.
    entries: Vec<(u64, u32, u32, WordInfo)>,
    /// All keys, one after the other.
    keys: String,
    /// Some key starts with a character that is not alphanumeric, so
    /// punctuation tokens must be looked up too.
    punct_keys: bool,
}

impl WordIndex {
    /// The index of `lex`.
    pub fn new(lex: &Lexicons) -> WordIndex {
        let mut map: HashMap<Box<str>, WordInfo> = HashMap::default();
        fn at<'m>(map: &'m mut HashMap<Box<str>, WordInfo>, k: &str) -> &'m mut WordInfo {
            map.entry(k.into()).or_default()
        }
        for (k, &c) in &lex.cues {
            at(&mut map, k).cue = Some(c);
        }
        for (k, &g) in &lex.titles {
            at(&mut map, k).title = Some(g);
        }
        for (k, &g) in &lex.roles {
            at(&mut map, k).role = Some(g);
        }
        for (k, &g) in &lex.first_names {
            at(&mut map, k).first_name = Some(g);
        }
        for k in &lex.nonperson {
            at(&mut map, k).nonperson = true;
        }
        for k in &lex.stopwords {
            at(&mut map, k).stopword = true;
        }
        for k in &lex.carriers {
            at(&mut map, k).carrier = true;
        }
        let punct_keys = map
            .keys()
            .any(|k| !k.chars().next().is_some_and(char::is_alphanumeric));
        let mut sorted: Vec<(Box<str>, WordInfo)> = map.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut ix = WordIndex {
            slots: vec![0; (sorted.len() * 3).next_power_of_two().max(16)],
            entries: Vec::with_capacity(sorted.len()),
            keys: String::new(),
            punct_keys,
        };
        for (k, info) in sorted {
            let hash = short_hash(k.as_bytes());
            let Err(i) = probe(&ix.slots, hash, |_| false) else {
                unreachable!("a probe that accepts no key ends at an empty slot")
            };
            let start = ix.keys.len() as u32;
            ix.keys.push_str(&k);
            ix.entries.push((hash, start, ix.keys.len() as u32, info));
            ix.slots[i] = ix.entries.len() as u32;
        }
        ix
    }

    /// What the lexicons say about the lowercased word `w`.
    #[inline]
    pub fn get(&self, w: &str) -> WordInfo {
        self.get_hashed(w, short_hash(w.as_bytes()))
    }

    /// [`WordIndex::get`] with `hash = short_hash(w)` already computed (a
    /// document's word table hashes each word the same way).
    #[inline]
    pub fn get_hashed(&self, w: &str, hash: u64) -> WordInfo {
        let keys = self.keys.as_bytes();
        match probe(&self.slots, hash, |e| {
            let (eh, a, b, _) = self.entries[e];
            eh == hash && same_bytes(&keys[a as usize..b as usize], w.as_bytes())
        }) {
            Ok(e) => self.entries[e].3,
            Err(_) => WordInfo::default(),
        }
    }

    /// What the lexicons say about a punctuation token.
    #[inline]
    pub fn get_punct(&self, w: &str) -> WordInfo {
        if self.punct_keys {
            self.get(w)
        } else {
            WordInfo::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [(&str, &str, usize); 7] = [
        ("cues", CUES, 2),
        ("titles", TITLES, 2),
        ("roles", ROLES, 2),
        ("nonperson", NONPERSON, 1),
        ("stopwords", STOPWORDS, 1),
        ("first_names", FIRST_NAMES, 2),
        ("carriers", CARRIERS, 1),
    ];

    #[test]
    fn lexicons_parse() {
        let lex = Lexicons::parse_all().unwrap();
        assert_eq!(lex.cues.get("said"), Some(&CueClass::Speech));
        assert_eq!(lex.titles.get("mrs"), Some(&Gender::Female));
        assert!(lex.nonperson.contains("music"));
    }

    #[test]
    fn lexicons_sorted_unique_lowercase() {
        for (name, text, cols) in ALL {
            let keys: Vec<&str> = rows(name, text, cols)
                .unwrap()
                .into_iter()
                .map(|(_, f)| f[0])
                .collect();
            assert!(keys.len() > 5, "{name} is nearly empty");
            for w in keys.windows(2) {
                assert!(
                    w[0] < w[1],
                    "{name}: {:?} then {:?} (unsorted or duplicate)",
                    w[0],
                    w[1]
                );
            }
            for k in keys {
                assert_eq!(k, k.trim(), "{name}: stray white space in {k:?}");
            }
        }
    }

    #[test]
    fn lexicon_values_in_range() {
        parse_cues("cues", CUES).unwrap();
        for (name, text) in [("titles", TITLES), ("roles", ROLES), ("first", FIRST_NAMES)] {
            gendered(name, text).unwrap();
        }
        let mut lex = Lexicons::builtin();
        lex.add_cues("mine.tsv", "# extra\nharrumphed\tspeech\n")
            .unwrap();
        assert_eq!(lex.cues.get("harrumphed"), Some(&CueClass::Speech));
        let err = parse_cues("x.tsv", "said\tshouting\n").unwrap_err();
        assert_eq!(err.to_string(), "x.tsv:1: bad cue class \"shouting\"");
    }

    #[test]
    fn word_index_agrees_with_the_lists() {
        let lex = Lexicons::builtin();
        let ix = WordIndex::new(&lex);
        for w in [
            "said", "mr", "singer", "john", "music", "the", "message", "zzz",
        ] {
            let i = ix.get(w);
            assert_eq!(i.cue, lex.cues.get(w).copied(), "{w}");
            assert_eq!(i.title, lex.titles.get(w).copied(), "{w}");
            assert_eq!(i.role, lex.roles.get(w).copied(), "{w}");
            assert_eq!(i.first_name, lex.first_names.get(w).copied(), "{w}");
            assert_eq!(i.nonperson, lex.nonperson.contains(w), "{w}");
            assert_eq!(i.stopword, lex.stopwords.contains(w), "{w}");
            assert_eq!(i.carrier, lex.carriers.contains(w), "{w}");
        }
        assert_eq!(ix.get("said").cue, Some(CueClass::Speech));
        assert_eq!(ix.get("zzz"), WordInfo::default());
        assert_eq!(ix.get_punct(","), WordInfo::default());
        let mut odd = Lexicons::builtin();
        odd.add_cues("odd.tsv", "--\tquote\n").unwrap();
        assert_eq!(
            WordIndex::new(&odd).get_punct("--").cue,
            Some(CueClass::Quote)
        );
    }

    #[test]
    fn names_that_are_not_non_person_words() {
        // Regression: "Bill Clinton" and "Theresa May" must stay people.
        let lex = Lexicons::builtin();
        for w in ["bill", "may", "will", "west", "legend"] {
            assert!(!lex.nonperson.contains(w), "{w}");
            assert!(!lex.stopwords.contains(w), "{w}");
        }
    }
}
