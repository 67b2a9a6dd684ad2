//! Words of one sentence, with byte spans, clause numbers and quote marks.
//!
//! The stance rules look at words near a target, so they need a tokenizer
//! that keeps byte offsets into the original text (a lowercased copy of each
//! word is kept for lexicon look-ups only). Clitics are split off (`West's`
//! -> `West` `'s`, `don't` -> `do` `n't`) because the possessive marks who
//! holds a nominal stance ("West's support for Trump") and `n't` negates.

use crate::span::Span;

/// The lowercased form of a non-ASCII token (curly apostrophes made
/// straight), for look-ups.
pub fn normalize(raw: &str) -> String {
    let mut s = raw.to_lowercase();
    if s.contains('’') {
        s = s.replace('’', "'");
    }
    s
}

/// Scratch space of [`tokenize`], reused from sentence to sentence so that
/// tokenizing allocates only the token vector.
#[derive(Debug, Default)]
pub struct Lowered {
    /// Lowercased forms that differ from the text, one after the other.
    text: String,
    /// Token index and byte range in `text` of each of them.
    fix: Vec<(usize, usize, usize)>,
}

/// What kind of token this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters or digits (hyphenated compounds stay one word).
    Word,
    /// A clitic split off a word: `'s`, `n't`, `'ll`, `'re`, `'ve`, `'m`, `'d`.
    Clitic,
    /// A quotation mark.
    Quote,
    /// Any other punctuation.
    Punct,
}

/// One token of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte span in the document text.
    pub span: Span,
    /// Lowercased text, curly apostrophes made straight (for look-ups only):
    /// the text itself when it is already so (most words), otherwise a
    /// piece of the [`Lowered`] scratch given to [`tokenize`], so no token
    /// is copied
    /// (stance tokenizes every sentence that mentions someone).
    pub norm: &'a str,
    /// Word, clitic, quote or punctuation.
    pub kind: Kind,
    /// Whether the original starts with an upper-case letter.
    pub capitalized: bool,
    /// Clause number within the sentence (see [`tokenize`]).
    pub clause: usize,
    /// Whether the sentence is in headline case (see [`is_headline`]), where
    /// capitals do not mark names.
    pub headline: bool,
    /// Whether the token is inside quotation marks opened in this sentence
    /// (or continuing a quote, when the caller says the sentence starts
    /// inside one).
    pub quoted: bool,
}

/// Words that open a new clause: what follows them is usually about
/// something else ("X did A, but Y did B"; "despite their rift").
fn is_clause_word(w: &str) -> bool {
    matches!(
        w,
        "although" | "but" | "despite" | "however" | "though" | "whereas" | "while" | "yet"
    )
}

const CLITICS: &[&str] = &["n't", "'s", "'ll", "'re", "'ve", "'m", "'d"];

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The char starting at byte `i` of `s` (ASCII without decoding).
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        s[i..].chars().next()
    }
}

/// The byte after the char starting at byte `i`.
#[inline]
fn after(s: &str, i: usize) -> usize {
    match s.as_bytes()[i] {
        b if b < 0x80 => i + 1,
        b if b >= 0xF0 => i + 4,
        b if b >= 0xE0 => i + 3,
        _ => i + 2,
    }
}

#[inline]
fn alnum_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(b) if *b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_at(s, i).is_some_and(crate::chars::is_alphanumeric),
    }
}

/// Tokenizes `span` of `text`. Clause numbers start at 0 and grow at
/// `;`, `:`, dashes, parentheses, quotation marks and clause words ("but",
/// "while", "despite", ...);
/// `starts_quoted` says whether the sentence begins inside an open quote.
/// Lowercased forms that differ from the text are written to `scratch`
/// (cleared first), which the tokens borrow.
///
/// The scan walks bytes, decoding only non-ASCII chars: this runs over
/// every sentence of every document.
pub fn tokenize<'a>(
    text: &'a str,
    span: Span,
    starts_quoted: bool,
    scratch: &'a mut Lowered,
) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    tokenize_into(text, span, starts_quoted, scratch, &mut out);
    out
}

/// [`tokenize`] into `out` (cleared first), so that a caller reading many
/// sentences reuses one vector (see [`recycle`]).
pub fn tokenize_into<'a>(
    text: &'a str,
    span: Span,
    starts_quoted: bool,
    scratch: &'a mut Lowered,
    out: &mut Vec<Token<'a>>,
) {
    let s = span.of(text);
    let base = span.start;
    let Lowered { text: buf, fix } = scratch;
    buf.clear();
    fix.clear();
    out.clear();
    out.reserve(s.len() / 5 + 2);
    let mut clause = 0;
    let mut quoted = starts_quoted;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII (nearly every byte of news text) is classified by table;
        // only other chars are decoded.
        let class = BYTE_CLASS[usize::from(bytes[i])];
        if class & SPACE != 0 {
            i += 1;
            continue;
        }
        let c = if class & HIGH == 0 {
            char::from(bytes[i])
        } else {
            let c = char_at(s, i).expect("a char starts here");
            if c.is_whitespace() {
                i = after(s, i);
                continue;
            }
            c
        };
        if class & ALNUM != 0 || (class & HIGH != 0 && crate::chars::is_alphanumeric(c)) {
            // A word: alphanumerics, joined by single hyphens or apostrophes
            // that are not the start of a clitic. `seen` collects the
            // UPPER and HIGH bits of its bytes, so that a lowercase ASCII
            // word (most of them) needs no second look to be its own
            // lowercased form.
            let mut j = i;
            let mut seen = 0u8;
            loop {
                // ASCII letters and digits without decoding; others below.
                let (end, upper) = crate::chars::ascii_alnum_run(bytes, j);
                j = end;
                if upper {
                    seen |= UPPER;
                }
                if j < bytes.len() && bytes[j] >= 0x80 && alnum_at(s, j) {
                    seen |= HIGH;
                    j = after(s, j);
                    continue;
                }
                let Some(joiner) = char_at(s, j) else { break };
                if (joiner == '-' || is_apostrophe(joiner)) && alnum_at(s, after(s, j)) {
                    if is_apostrophe(joiner) && (clitic_at(s, j).is_some() || nt_at(s, j)) {
                        break;
                    }
                    if joiner == '’' {
                        seen |= HIGH;
                    }
                    j = after(s, j);
                    continue;
                }
                break;
            }
            // `don't`: the word ends before `n` (one byte: ASCII).
            let mut end = j;
            if j < s.len() && matches!(bytes[j], b'\'' | 0xE2) && nt_at(s, j) && j - 1 > i {
                end = j - 1;
            }
            // (A cut-off `N` may have set UPPER: then the word is only
            // checked in full.)
            let plain = seen & (UPPER | HIGH) == 0;
            push(
                (&mut *out, &mut *fix, &mut *buf),
                text,
                base + i,
                base + end,
                Kind::Word,
                clause,
                quoted,
                plain,
            );
            i = end;
            if let Some(e) = clitic_at(s, i) {
                push(
                    (&mut *out, &mut *fix, &mut *buf),
                    text,
                    base + i,
                    base + e,
                    Kind::Clitic,
                    clause,
                    quoted,
                    false,
                );
                i = e;
            }
            continue;
        }
        let e = after(s, i);
        // A mark is its own lowercased form, except the typographic
        // apostrophe; an ASCII one always (no upper-case punctuation).
        let plain = class & HIGH == 0 || (c != '’' && is_own_lowercase(c));
        if is_quote_char(c) {
            clause += 1;
            quoted = match c {
                '“' | '«' => true,
                '”' | '»' => false,
                _ => !quoted,
            };
            // The mark itself belongs to the inside of the quote.
            push(
                (&mut *out, &mut *fix, &mut *buf),
                text,
                base + i,
                base + e,
                Kind::Quote,
                clause,
                true,
                plain,
            );
            i = e;
            continue;
        }
        // Square brackets mark an editor's insertion ("he [West]",
        // "alining [sic]"), which is not a clause of its own.
        if matches!(c, ';' | ':' | '—' | '–' | '(' | ')') {
            clause += 1;
        }
        push(
            (&mut *out, &mut *fix, &mut *buf),
            text,
            base + i,
            base + e,
            Kind::Punct,
            clause,
            quoted,
            plain,
        );
        i = e;
    }
    let buf: &'a String = buf;
    for &(k, a, b) in fix.iter() {
        out[k].norm = &buf[a..b];
    }
    // Clause words open a clause of their own (the word belongs to it).
    let mut bump = 0;
    let headline = is_headline(out);
    for t in out.iter_mut() {
        if t.kind == Kind::Word && is_clause_word(t.norm) {
            bump += 1;
        }
        t.clause += bump;
        t.headline = headline;
    }
}

/// An emptied token vector with another lifetime, keeping its allocation:
/// the tokens of one sentence borrow that sentence's [`Lowered`] scratch, so
/// the vector cannot outlive it as it is, but its memory can be reused for
/// the next sentence. (An in-place `collect` of an empty vector's
/// `into_iter` reuses the buffer, as the types have one layout.)
pub fn recycle<'b>(mut v: Vec<Token<'_>>) -> Vec<Token<'b>> {
    v.clear();
    v.into_iter()
        .map(|_| unreachable!("the vector is empty"))
        .collect()
}

/// Whether a sentence is a title in headline case ("Michael Bloomberg
/// Criticizes Obama"): most of its words of four letters or more are
/// capitalized.
pub fn is_headline(tokens: &[Token<'_>]) -> bool {
    let (mut n, mut caps) = (0, 0);
    for t in tokens
        .iter()
        .filter(|t| t.kind == Kind::Word && t.span.len() >= 4)
    {
        n += 1;
        caps += usize::from(t.capitalized);
    }
    n >= 3 && caps * 10 >= n * 8
}

impl AsRef<str> for Token<'_> {
    /// The normalized text (for lexicon look-ups).
    fn as_ref(&self) -> &str {
        self.norm
    }
}

/// Whether the apostrophe at byte `j` is the one of a word-final `n't`.
#[inline]
fn nt_at(s: &str, j: usize) -> bool {
    let b = s.as_bytes();
    j >= 1 && matches!(b[j - 1], b'n' | b'N') && char_at(s, j).is_some_and(is_apostrophe) && {
        let t = after(s, j);
        matches!(b.get(t), Some(b't' | b'T')) && !alnum_at(s, t + 1)
    }
}

/// The byte where a clitic starting at byte `i` (an apostrophe, or `n't`)
/// ends, if one ends there as a whole token.
#[inline]
fn clitic_at(s: &str, i: usize) -> Option<usize> {
    // Most words end at a space or punctuation: no clitic (a clitic starts
    // with `'`, `n`, or the first byte of `’`).
    if !matches!(s.as_bytes().get(i), Some(b'\'' | b'n' | b'N' | 0xE2)) {
        return None;
    }
    clitic_here(s, i)
}

fn clitic_here(s: &str, i: usize) -> Option<usize> {
    // Compared in place (this runs after every word): a typographic
    // apostrophe counts as `'`, case is ignored.
    let first = char_at(s, i)?;
    if !(is_apostrophe(first) || first == 'n' || first == 'N') {
        return None;
    }
    CLITICS.iter().find_map(|cl| {
        let mut at = i;
        for want in cl.chars() {
            let c = char_at(s, at)?;
            let c = if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            };
            if c != want {
                return None;
            }
            at = after(s, at);
        }
        (!alnum_at(s, at)).then_some(at)
    })
}

/// The token vector, the lowered-token list and the buffer [`tokenize`]
/// fills.
type Sinks<'s, 'a> = (
    &'s mut Vec<Token<'a>>,
    &'s mut Vec<(usize, usize, usize)>,
    &'s mut String,
);

/// Adds the token `text[start..end]`. `plain` says the caller knows it to
/// be its own lowercased form (no upper-case letter, nothing non-ASCII to
/// normalize), which spares looking at its bytes again.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn push<'a>(
    (out, lowered, buf): Sinks<'_, 'a>,
    text: &'a str,
    start: usize,
    end: usize,
    kind: Kind,
    clause: usize,
    quoted: bool,
    plain: bool,
) {
    let raw = &text[start..end];
    if !plain {
        lower_into(raw, out.len(), lowered, buf);
    }
    out.push(Token {
        span: Span::new(start, end),
        norm: raw,
        kind,
        capitalized: match raw.as_bytes().first() {
            Some(b) if *b < 0x80 => BYTE_CLASS[usize::from(*b)] & UPPER != 0,
            _ => raw.chars().next().is_some_and(char::is_uppercase),
        },
        headline: false,
        clause,
        quoted,
    });
}

/// Writes the lowercased form of token `k` (`raw`) to `buf` and records it
/// in `lowered`, if it differs from `raw`.
#[inline(never)]
fn lower_into(raw: &str, k: usize, lowered: &mut Vec<(usize, usize, usize)>, buf: &mut String) {
    let from = buf.len();
    // One pass: any non-ASCII byte, any upper-case letter.
    let (mut high, mut upper) = (0u8, false);
    for b in raw.bytes() {
        high |= b;
        upper |= b.is_ascii_uppercase();
    }
    if high < 0x80 {
        if upper {
            buf.push_str(raw);
            buf[from..].make_ascii_lowercase();
        }
    } else {
        let lower = normalize(raw);
        if lower != raw {
            buf.push_str(&lower);
        }
    }
    if buf.len() > from {
        lowered.push((k, from, buf.len()));
    }
}

/// Whether a char lowercases to itself (what `str::to_lowercase` does to
/// a string of that one char: no final-sigma rule applies to a lone char).
fn is_own_lowercase(c: char) -> bool {
    let mut l = c.to_lowercase();
    l.next() == Some(c) && l.next().is_none()
}

/// [`BYTE_CLASS`] bit: ASCII whitespace as [`char::is_whitespace`] has it.
const SPACE: u8 = 1;
/// [`BYTE_CLASS`] bit: ASCII letter or digit.
const ALNUM: u8 = 2;
/// [`BYTE_CLASS`] bit: ASCII upper-case letter.
const UPPER: u8 = 4;
/// [`BYTE_CLASS`] bit: not ASCII (part of a multi-byte char).
const HIGH: u8 = 8;

/// The class bits of every byte: one load instead of several range tests
/// per byte of every sentence.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            HIGH
        } else if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            SPACE
        } else if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, Span::new(0, s.len()), false, &mut Lowered::default())
            .iter()
            .map(|t| t.span.of(s).to_string())
            .collect()
    }

    #[test]
    fn clitics_are_split_and_spans_are_exact() {
        assert_eq!(
            words("West's support; I don't, you'll won’t."),
            [
                "West", "'s", "support", ";", "I", "do", "n't", ",", "you", "'ll", "wo", "n’t", "."
            ]
        );
        assert_eq!(
            words("then-president O'Brien"),
            ["then-president", "O'Brien"]
        );
    }

    #[test]
    fn clauses_and_quotes() {
        let s = "He said, \u{201c}I love you John\u{201d} but left.";
        let mut lowered = Lowered::default();
        let t = tokenize(s, Span::new(0, s.len()), false, &mut lowered);
        let love = t.iter().find(|t| t.norm == "love").unwrap();
        let left = t.iter().find(|t| t.norm == "left").unwrap();
        let said = t.iter().find(|t| t.norm == "said").unwrap();
        assert!(love.quoted && !left.quoted && !said.quoted);
        assert!(said.clause < love.clause && love.clause < left.clause);
    }

    #[test]
    fn non_ascii_offsets() {
        let s = "Café’s “rift”";
        let mut lowered = Lowered::default();
        let t = tokenize(s, Span::new(0, s.len()), false, &mut lowered);
        assert_eq!(t[0].span.of(s), "Café");
        assert_eq!(t[1].span.of(s), "’s");
        assert_eq!(t[1].norm, "'s");
        assert_eq!(t[3].span.of(s), "rift");
    }
}
