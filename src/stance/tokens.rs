//! Words of one sentence, with byte spans, clause numbers and quote marks.
//!
//! The stance rules look at words near a target, so they need a tokenizer
//! that keeps byte offsets into the original text (a lowercased copy of each
//! word is kept for lexicon look-ups only). Clitics are split off (`West's`
//! -> `West` `'s`, `don't` -> `do` `n't`) because the possessive marks who
//! holds a nominal stance ("West's support for Trump") and `n't` negates.

use crate::span::Span;
use smol_str::SmolStr;

/// Bytes a [`SmolStr`] keeps inline.
const INLINE: usize = 23;

/// The lowercased form of a token (curly apostrophes made straight), for
/// look-ups. Stance tokenizes every sentence, and one heap allocation per
/// token was a quarter of the stage's time: a `SmolStr` keeps words of up
/// to 23 bytes (nearly all of them) inline.
pub fn normalize(raw: &str) -> SmolStr {
    if raw.is_ascii() && raw.len() <= INLINE {
        let mut buf = [0u8; INLINE];
        for (b, r) in buf.iter_mut().zip(raw.bytes()) {
            *b = r.to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(&buf[..raw.len()]).expect("ASCII is UTF-8");
        return SmolStr::new(lower);
    }
    let mut s = raw.to_lowercase();
    if s.contains('’') {
        s = s.replace('’', "'");
    }
    SmolStr::from(s)
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
pub struct Token {
    /// Byte span in the document text.
    pub span: Span,
    /// Lowercased text, curly apostrophes made straight (for look-ups only).
    pub norm: SmolStr,
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
const CLAUSE_WORDS: &[&str] = &[
    "although", "but", "despite", "however", "though", "whereas", "while", "yet",
];

const CLITICS: &[&str] = &["n't", "'s", "'ll", "'re", "'ve", "'m", "'d"];

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Tokenizes `span` of `text`. Clause numbers start at 0 and grow at
/// `;`, `:`, dashes, parentheses, quotation marks and clause words ("but",
/// "while", "despite", ...);
/// `starts_quoted` says whether the sentence begins inside an open quote.
pub fn tokenize(text: &str, span: Span, starts_quoted: bool) -> Vec<Token> {
    let s = span.of(text);
    let base = span.start;
    let mut out: Vec<Token> = Vec::new();
    let mut clause = 0;
    let mut quoted = starts_quoted;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            // A word: alphanumerics, joined by single hyphens or apostrophes
            // that are not the start of a clitic.
            let mut j = i;
            loop {
                while j < chars.len() && chars[j].1.is_alphanumeric() {
                    j += 1;
                }
                if j + 1 < chars.len()
                    && (chars[j].1 == '-' || is_apostrophe(chars[j].1))
                    && chars[j + 1].1.is_alphanumeric()
                {
                    if is_apostrophe(chars[j].1)
                        && (clitic_at(&chars, j).is_some() || nt_at(&chars, j))
                    {
                        break;
                    }
                    j += 1;
                    continue;
                }
                break;
            }
            // `don't`: the word ends before `n`.
            let mut end_idx = j;
            if j < chars.len() && nt_at(&chars, j) && j - 1 > i {
                end_idx = j - 1;
            }
            let end_b = byte_at(&chars, end_idx, s.len());
            push(
                &mut out,
                text,
                base + b,
                base + end_b,
                Kind::Word,
                clause,
                quoted,
            );
            i = end_idx;
            if let Some(len) = clitic_at(&chars, i) {
                let e = byte_at(&chars, i + len, s.len());
                let cb = chars[i].0;
                push(
                    &mut out,
                    text,
                    base + cb,
                    base + e,
                    Kind::Clitic,
                    clause,
                    quoted,
                );
                i += len;
            }
            continue;
        }
        let e = byte_at(&chars, i + 1, s.len());
        if is_quote_char(c) {
            clause += 1;
            quoted = match c {
                '“' | '«' => true,
                '”' | '»' => false,
                _ => !quoted,
            };
            // The mark itself belongs to the inside of the quote.
            push(
                &mut out,
                text,
                base + b,
                base + e,
                Kind::Quote,
                clause,
                true,
            );
            i += 1;
            continue;
        }
        // Square brackets mark an editor's insertion ("he [West]",
        // "alining [sic]"), which is not a clause of its own.
        if matches!(c, ';' | ':' | '—' | '–' | '(' | ')') {
            clause += 1;
        }
        push(
            &mut out,
            text,
            base + b,
            base + e,
            Kind::Punct,
            clause,
            quoted,
        );
        i += 1;
    }
    // Clause words open a clause of their own (the word belongs to it).
    let mut bump = 0;
    let headline = is_headline(&out);
    for t in &mut out {
        if t.kind == Kind::Word && CLAUSE_WORDS.contains(&t.norm.as_str()) {
            bump += 1;
        }
        t.clause += bump;
        t.headline = headline;
    }
    out
}

/// Whether a sentence is a title in headline case ("Michael Bloomberg
/// Criticizes Obama"): most of its words of four letters or more are
/// capitalized.
pub fn is_headline(tokens: &[Token]) -> bool {
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

impl AsRef<str> for Token {
    /// The normalized text (for lexicon look-ups).
    fn as_ref(&self) -> &str {
        &self.norm
    }
}

fn byte_at(chars: &[(usize, char)], idx: usize, len: usize) -> usize {
    chars.get(idx).map_or(len, |&(b, _)| b)
}

/// Whether the apostrophe at `j` is the one of a word-final `n't`.
fn nt_at(chars: &[(usize, char)], j: usize) -> bool {
    j >= 1
        && matches!(chars[j - 1].1, 'n' | 'N')
        && is_apostrophe(chars[j].1)
        && chars.get(j + 1).is_some_and(|&(_, c)| c == 't' || c == 'T')
        && chars.get(j + 2).is_none_or(|&(_, c)| !c.is_alphanumeric())
}

/// Length in chars of a clitic starting at `i` (an apostrophe, or `n't`),
/// if one ends there as a whole token.
fn clitic_at(chars: &[(usize, char)], i: usize) -> Option<usize> {
    // Compared in place (this runs after every word): a typographic
    // apostrophe counts as `'`, case is ignored.
    let at = |k: usize| {
        chars.get(i + k).map(|&(_, c)| {
            if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            }
        })
    };
    if !matches!(at(0), Some('\'' | 'n')) {
        return None;
    }
    CLITICS.iter().find_map(|cl| {
        let n = cl.chars().count();
        let same = cl.chars().enumerate().all(|(k, want)| at(k) == Some(want));
        let ends = chars.get(i + n).is_none_or(|&(_, c)| !c.is_alphanumeric());
        (same && ends).then_some(n)
    })
}

fn push(
    out: &mut Vec<Token>,
    text: &str,
    start: usize,
    end: usize,
    kind: Kind,
    clause: usize,
    quoted: bool,
) {
    let raw = &text[start..end];
    out.push(Token {
        span: Span::new(start, end),
        norm: normalize(raw),
        kind,
        capitalized: raw.chars().next().is_some_and(char::is_uppercase),
        headline: false,
        clause,
        quoted,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, Span::new(0, s.len()), false)
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
        let t = tokenize(s, Span::new(0, s.len()), false);
        let love = t.iter().find(|t| t.norm == "love").unwrap();
        let left = t.iter().find(|t| t.norm == "left").unwrap();
        let said = t.iter().find(|t| t.norm == "said").unwrap();
        assert!(love.quoted && !left.quoted && !said.quoted);
        assert!(said.clause < love.clause && love.clause < left.clause);
    }

    #[test]
    fn non_ascii_offsets() {
        let s = "Café’s “rift”";
        let t = tokenize(s, Span::new(0, s.len()), false);
        assert_eq!(t[0].span.of(s), "Café");
        assert_eq!(t[1].span.of(s), "’s");
        assert_eq!(t[1].norm, "'s");
        assert_eq!(t[3].span.of(s), "rift");
    }
}
