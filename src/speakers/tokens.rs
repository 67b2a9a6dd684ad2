//! Words and punctuation of the article body, with the sentence, paragraph
//! and quoted segment each belongs to.
//!
//! A word is a run of letters and digits with inner apostrophes and hyphens
//! (`don't`, `then-president`); a trailing possessive `'s` is left out of the
//! word's span and flagged, so "West's" is a mention of "West". A period is
//! kept inside a word only after a single letter (`U.S`), so "friendship.Legend"
//! splits into two words.

use super::lexicon::{WordIndex, WordInfo, probe, same_bytes, short_hash};
use super::quotes::Segment;
use crate::sentences::Sentence;
use crate::span::Span;

/// One token.
#[derive(Clone, Debug)]
pub struct Tok<'a> {
    /// Byte span in the document text.
    pub span: Span,
    /// Lowercased text (words) or the punctuation character; borrowed from
    /// the text when it is already lowercase (most tokens), otherwise from
    /// one per-document buffer, so tokenizing allocates nothing per token.
    pub lower: &'a str,
    /// What the lexicons say about `lower`.
    pub info: WordInfo,
    /// The word's number in its document: words with the same `lower`
    /// have the same id, numbered from 0 ([`NO_ID`] for punctuation).
    pub id: u32,
    /// Whether the last hyphen-separated part of `lower` ("president" in
    /// "then-president") is a title or a role noun.
    pub tail_title_or_role: bool,
    /// A word (not punctuation).
    pub word: bool,
    /// First character uppercase.
    pub cap: bool,
    /// Followed by a possessive `'s`.
    pub poss: bool,
    /// A quotation mark.
    pub mark: bool,
    /// Index of the sentence containing it (32 bits keep tokens small).
    pub sent: u32,
    /// Index of the paragraph containing it.
    pub para: u32,
    /// The quoted segment whose content contains it.
    pub seg: Option<u32>,
}

impl Tok<'_> {
    /// The lowercased text.
    #[inline]
    pub fn low(&self) -> &str {
        self.lower
    }
}

/// The `id` of a punctuation token.
pub const NO_ID: u32 = u32::MAX;

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The character at byte `i` of `s` and its length, ASCII first.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().expect("i is a char boundary");
        (c, c.len_utf8())
    }
}

/// [`CLASS`] bit: an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`CLASS`] bit: an ASCII capital.
const UPPER: u8 = 2;
/// [`CLASS`] bit: not ASCII.
const NON_ASCII: u8 = 4;

/// What each byte is, for the word loops: one load instead of a chain of
/// range tests per byte.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() { ALNUM } else { 0 }
            | if c.is_ascii_uppercase() { UPPER } else { 0 }
            | if c >= 0x80 { NON_ASCII } else { 0 };
        b += 1;
    }
    t
};

#[inline]
fn alnum_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => crate::chars::is_alphanumeric(char_at(s, i).0),
    }
}

/// The distinct words of a document: open addressing over Fx hashes, so a
/// lookup is one hash, usually one slot, and a short byte comparison.
struct Words<'a> {
    /// Index + 1 into `entries`; 0 is empty. Length a power of two.
    slots: Vec<u32>,
    /// Hash, word, lexicon information, `tail_title_or_role`.
    entries: Vec<(u64, &'a str, WordInfo, bool)>,
}

impl<'a> Words<'a> {
    fn with_capacity(n: usize) -> Words<'a> {
        Words {
            slots: vec![0; (2 * n).next_power_of_two().max(16)],
            entries: Vec::with_capacity(n),
        }
    }

    /// The id and entry of `w`, adding it with `make` (given the word's
    /// hash) when new.
    #[inline]
    fn get_or_add(
        &mut self,
        w: &'a str,
        make: impl FnOnce(u64) -> (WordInfo, bool),
    ) -> (u32, WordInfo, bool) {
        let hash = short_hash(w.as_bytes());
        let i = match probe(&self.slots, hash, |e| {
            let (eh, ew, _, _) = self.entries[e];
            eh == hash && same_bytes(ew.as_bytes(), w.as_bytes())
        }) {
            Ok(e) => {
                let (_, _, info, tail) = self.entries[e];
                return (e as u32, info, tail);
            }
            Err(i) => i,
        };
        let (info, tail) = make(hash);
        let id = self.entries.len() as u32;
        self.entries.push((hash, w, info, tail));
        self.slots[i] = id + 1;
        if self.entries.len() * 2 > self.slots.len() {
            self.grow();
        }
        (id, info, tail)
    }

    fn grow(&mut self) {
        let mut slots = vec![0u32; self.slots.len() * 2];
        for (n, e) in self.entries.iter().enumerate() {
            let Err(i) = probe(&slots, e.0, |_| false) else {
                unreachable!("a probe that accepts no key ends at an empty slot")
            };
            slots[i] = n as u32 + 1;
        }
        self.slots = slots;
    }
}

/// Gives a word token its id and lexicon information.
#[inline]
fn intern<'a>(words: &mut Words<'a>, index: &WordIndex, t: &mut Tok<'a>) {
    let w = t.lower;
    let (id, info, tail) = words.get_or_add(w, |hash| {
        let info = index.get_hashed(w, hash);
        let tail = match w.bytes().rposition(|b| b == b'-') {
            None => info.title.is_some() || info.role.is_some(),
            Some(h) => {
                let i = index.get(&w[h + 1..]);
                i.title.is_some() || i.role.is_some()
            }
        };
        (info, tail)
    });
    t.id = id;
    t.info = info;
    t.tail_title_or_role = tail;
}

/// Tokenizes the paragraphs of a text and assigns sentences and segments.
/// Lowercased words that differ from the text go to `buf`, which the tokens
/// borrow. Returns the tokens and the number of distinct words.
pub fn tokenize<'a>(
    text: &'a str,
    paras: &[Span],
    sentences: &[Sentence],
    segs: &[Segment],
    index: &WordIndex,
    buf: &'a mut String,
) -> (Vec<Tok<'a>>, usize) {
    buf.clear();
    buf.reserve(text.len() / 8);
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(text.len() / 5);
    // Words whose lowercased text is in the buffer: token and where. They
    // are numbered and looked up once the buffer is complete.
    let mut in_buf: Vec<(usize, usize, usize)> = Vec::with_capacity(text.len() / 32);
    let mut words = Words::with_capacity((text.len() / 10).min(1 << 16));
    // Sentence and segment of the next token, by a linear merge (tokens,
    // sentences and segments are all sorted).
    let (mut si, mut gi) = (0, 0);
    // Builds the token in place, with its sentence and segment.
    let mut push = |toks: &mut Vec<Tok<'a>>,
                    span: Span,
                    lower: &'a str,
                    word: bool,
                    cap: bool,
                    poss: bool,
                    mark: bool,
                    para: usize| {
        while si + 1 < sentences.len() && sentences[si + 1].span.start <= span.start {
            si += 1;
        }
        while gi < segs.len() && segs[gi].content.end <= span.start {
            gi += 1;
        }
        let seg = segs
            .get(gi)
            .filter(|g| g.content.start <= span.start && span.end <= g.content.end)
            .map(|_| gi as u32);
        toks.push(Tok {
            span,
            lower,
            info: WordInfo::default(),
            id: NO_ID,
            tail_title_or_role: false,
            word,
            cap,
            poss,
            mark,
            sent: si as u32,
            para: para as u32,
            seg,
        });
    };
    for (p, para) in paras.iter().enumerate() {
        let s = para.of(text);
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A space between words: the common case, without decoding.
            let b = bytes[i];
            if b == b' ' {
                i += 1;
                continue;
            }
            // ASCII by table (its white space is \t..=\r and the space);
            // only other chars are decoded.
            let first = CLASS[usize::from(b)];
            let ascii = first & NON_ASCII == 0;
            let (c, cl) = if ascii {
                if matches!(b, b'\t'..=b'\r') {
                    i += 1;
                    continue;
                }
                (char::from(b), 1)
            } else {
                let (c, cl) = char_at(s, i);
                if c.is_whitespace() {
                    i += cl;
                    continue;
                }
                (c, cl)
            };
            if (ascii && first & ALNUM != 0) || (!ascii && crate::chars::is_alphanumeric(c)) {
                let cap = if ascii {
                    first & UPPER != 0
                } else {
                    c.is_uppercase()
                };
                let mut j = i + cl;
                let mut seg_len = 1; // letters since the last inner period
                while j < bytes.len() {
                    // ASCII letters and digits first: most of the text.
                    let run = crate::chars::ascii_alnum_run(bytes, j).0 - j;
                    seg_len += run;
                    j += run;
                    if j == bytes.len() {
                        break;
                    }
                    let bj = bytes[j];
                    if bj < 0x80 {
                        // Not a letter or digit, or the run would go on.
                        if ((bj == b'\'' || bj == b'-') && alnum_at(s, j + 1))
                            || (bj == b'.' && seg_len == 1 && alnum_at(s, j + 1))
                        {
                            seg_len = 0;
                            j += 1;
                            continue;
                        }
                        break;
                    }
                    let (cj, lj) = char_at(s, j);
                    if crate::chars::is_alphanumeric(cj) {
                        seg_len += 1;
                        j += lj;
                    } else if ((is_apostrophe(cj) || cj == '-') && alnum_at(s, j + lj))
                        || (cj == '.' && seg_len == 1 && alnum_at(s, j + lj))
                    {
                        seg_len = 0;
                        j += lj;
                    } else {
                        break;
                    }
                }
                let mut word = &s[i..j];
                let mut poss = false;
                if word.len() > 3 && matches!(word.as_bytes()[word.len() - 1], b's' | b'S') {
                    for suffix in ["'s", "’s", "'S", "’S"] {
                        if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
                            word = &word[..word.len() - suffix.len()];
                            poss = true;
                            break;
                        }
                    }
                }
                let start = para.start + i;
                let from = buf.len();
                // One pass says whether the word is ASCII and has capitals.
                let class = word.bytes().fold(0, |c, b| c | CLASS[b as usize]);
                if class & NON_ASCII == 0 {
                    if class & UPPER != 0 {
                        buf.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
                    }
                } else if word.chars().any(|c| c.is_uppercase() || c == '’') {
                    buf.push_str(&word.to_lowercase().replace('’', "'"));
                }
                let span = Span::new(start, start + word.len());
                push(&mut toks, span, word, true, cap, poss, false, p);
                if buf.len() > from {
                    in_buf.push((toks.len() - 1, from, buf.len()));
                } else {
                    let t = toks.last_mut().expect("just pushed");
                    intern(&mut words, index, t);
                }
                i = j;
                continue;
            }
            let start = para.start + i;
            if c == '\'' && bytes.get(i + 1) == Some(&b'\'') {
                let span = Span::new(start, start + 2);
                push(&mut toks, span, "\"", false, false, false, true, p);
                let t = toks.last_mut().expect("just pushed");
                t.info = index.get_punct(t.lower);
                i += 2;
                continue;
            }
            let span = Span::new(start, start + cl);
            push(
                &mut toks,
                span,
                &s[i..i + cl],
                false,
                false,
                false,
                is_mark(c),
                p,
            );
            let t = toks.last_mut().expect("just pushed");
            t.info = index.get_punct(t.lower);
            i += cl;
        }
    }
    // The buffer is complete: the remaining words.
    let buf: &'a str = buf;
    for (k, a, b) in in_buf {
        let t = &mut toks[k];
        t.lower = &buf[a..b];
        intern(&mut words, index, t);
    }
    (toks, words.entries.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<(String, bool)> {
        let paras = vec![Span::new(0, t.len())];
        let index = WordIndex::new(&super::super::Lexicons::builtin());
        let mut buf = String::new();
        tokenize(t, &paras, &[], &[], &index, &mut buf)
            .0
            .into_iter()
            .map(|k| (k.span.of(t).to_string(), k.poss))
            .collect()
    }

    /// A token of the tokenizer as it was before its ASCII fast paths and
    /// lowercase buffer.
    #[derive(Debug, PartialEq)]
    struct OldTok {
        span: Span,
        lower: String,
        word: bool,
        cap: bool,
        poss: bool,
        mark: bool,
        para: usize,
    }

    /// That tokenizer, one character at a time: the definition the fast one
    /// must match.
    fn tokenize_by_chars(text: &str, paras: &[Span]) -> Vec<OldTok> {
        let mut toks = Vec::new();
        for (p, para) in paras.iter().enumerate() {
            let s = para.of(text);
            let chars: Vec<(usize, char)> = s.char_indices().collect();
            let mut i = 0;
            while i < chars.len() {
                let (bi, c) = chars[i];
                if c.is_whitespace() {
                    i += 1;
                    continue;
                }
                if c.is_alphanumeric() {
                    let mut j = i + 1;
                    let mut seg_len = 1; // letters since the last inner period
                    while j < chars.len() {
                        let cj = chars[j].1;
                        let next_alnum =
                            chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                        if cj.is_alphanumeric() {
                            seg_len += 1;
                            j += 1;
                        } else if ((is_apostrophe(cj) || cj == '-') && next_alnum)
                            || (cj == '.' && next_alnum && seg_len == 1)
                        {
                            seg_len = 0;
                            j += 1;
                        } else {
                            break;
                        }
                    }
                    let end_b = chars.get(j).map_or(s.len(), |&(b, _)| b);
                    let mut word = &s[bi..end_b];
                    let mut poss = false;
                    for suffix in ["'s", "’s", "'S", "’S"] {
                        if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
                            word = &word[..word.len() - suffix.len()];
                            poss = true;
                            break;
                        }
                    }
                    let start = para.start + bi;
                    toks.push(OldTok {
                        span: Span::new(start, start + word.len()),
                        lower: if word.chars().any(|c| c.is_uppercase() || c == '’') {
                            word.to_lowercase().replace('’', "'")
                        } else {
                            String::from(word)
                        },
                        word: true,
                        cap: c.is_uppercase(),
                        poss,
                        mark: false,
                        para: p,
                    });
                    i = j;
                    continue;
                }
                let start = para.start + bi;
                if c == '\'' && chars.get(i + 1).is_some_and(|&(_, n)| n == '\'') {
                    toks.push(OldTok {
                        span: Span::new(start, start + 2),
                        lower: String::from("\""),
                        word: false,
                        cap: false,
                        poss: false,
                        mark: true,
                        para: p,
                    });
                    i += 2;
                    continue;
                }
                toks.push(OldTok {
                    span: Span::new(start, start + c.len_utf8()),
                    lower: String::from(&s[bi..bi + c.len_utf8()]),
                    word: false,
                    cap: false,
                    poss: false,
                    mark: is_mark(c),
                    para: p,
                });
                i += 1;
            }
        }
        toks
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Regression guard for the fast tokenizer: the same words, spans,
        /// lowercased forms and flags as the character-by-character one, on
        /// text mixing ASCII, accented and uncased letters, apostrophes,
        /// hyphens, periods and possessives.
        #[test]
        fn tokens_match_the_character_tokenizer(
            t in "([a-cA-CéÉßİǅ1 .,'’\"\n-]|'s|’S|U\\.S|''){0,50}"
        ) {
            let paras = super::super::quotes::paragraphs(&t, Span::new(0, t.len()));
            let index = WordIndex::new(&super::super::Lexicons::builtin());
            let mut buf = String::new();
            let (toks, _) = tokenize(&t, &paras, &[], &[], &index, &mut buf);
            let fast: Vec<OldTok> = toks
                .iter()
                .map(|k| OldTok {
                    span: k.span,
                    lower: k.lower.to_string(),
                    word: k.word,
                    cap: k.cap,
                    poss: k.poss,
                    mark: k.mark,
                    para: k.para as usize,
                })
                .collect();
            proptest::prop_assert_eq!(fast, tokenize_by_chars(&t, &paras));
        }
    }

    #[test]
    fn possessive_and_glued_sentences() {
        let w = words("friendship.Legend West's then-president U.S. don't");
        let s: Vec<&str> = w.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            s,
            [
                "friendship",
                ".",
                "Legend",
                "West",
                "then-president",
                "U.S",
                ".",
                "don't"
            ]
        );
        assert!(w[3].1);
    }
}
#[cfg(test)]
mod words_tests {
    use super::*;
    #[test]
    fn ids_repeat() {
        let t = "the cat and the dog and the Cat";
        let paras = vec![Span::new(0, t.len())];
        let index = WordIndex::new(&super::super::Lexicons::builtin());
        let mut buf = String::new();
        let (toks, n) = tokenize(t, &paras, &[], &[], &index, &mut buf);
        let ids: Vec<u32> = toks.iter().map(|t| t.id).collect();
        // "Cat" is numbered after the lowercase words, but as "cat".
        assert_eq!(ids, [0, 1, 2, 0, 3, 2, 0, 1]);
        assert_eq!(n, 4);
    }

    #[test]
    fn same_bytes_is_equality() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abd",
            "abcd",
            "abce",
            "bbcd",
            "abcdefg",
            "abcdefh",
            "abcdefgh",
            "abcdefgi",
            "bbcdefgh",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "abcdefgxijklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmnopr",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    same_bytes(a.as_bytes(), b.as_bytes()),
                    a == b,
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
