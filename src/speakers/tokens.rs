//! Words and punctuation of the article body, with the sentence, paragraph
//! and quoted segment each belongs to.
//!
//! A word is a run of letters and digits with inner apostrophes and hyphens
//! (`don't`, `then-president`); a trailing possessive `'s` is left out of the
//! word's span and flagged, so "West's" is a mention of "West". A period is
//! kept inside a word only after a single letter (`U.S`), so "friendship.Legend"
//! splits into two words.

use std::borrow::Cow;

use super::quotes::Segment;
use crate::sentences::Sentence;
use crate::span::Span;

/// One token.
#[derive(Clone, Debug)]
pub struct Tok<'a> {
    /// Byte span in the document text.
    pub span: Span,
    /// Lowercased text (words) or the punctuation character; borrowed from
    /// the text when it is already lowercase (most tokens), so tokenizing
    /// allocates only for capitalized words.
    pub lower: Cow<'a, str>,
    /// A word (not punctuation).
    pub word: bool,
    /// First character uppercase.
    pub cap: bool,
    /// Followed by a possessive `'s`.
    pub poss: bool,
    /// A quotation mark.
    pub mark: bool,
    /// Index of the sentence containing it.
    pub sent: usize,
    /// Index of the paragraph containing it.
    pub para: usize,
    /// The quoted segment whose content contains it.
    pub seg: Option<usize>,
}

impl Tok<'_> {
    /// The lowercased text.
    pub fn low(&self) -> &str {
        &self.lower
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Tokenizes the paragraphs of a text and assigns sentences and segments.
pub fn tokenize<'a>(
    text: &'a str,
    paras: &[Span],
    sentences: &[Sentence],
    segs: &[Segment],
) -> Vec<Tok<'a>> {
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
                    let next_alnum = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
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
                toks.push(Tok {
                    span: Span::new(start, start + word.len()),
                    lower: if word.chars().any(|c| c.is_uppercase() || c == '’') {
                        Cow::Owned(word.to_lowercase().replace('’', "'"))
                    } else {
                        Cow::Borrowed(word)
                    },
                    word: true,
                    cap: c.is_uppercase(),
                    poss,
                    mark: false,
                    sent: 0,
                    para: p,
                    seg: None,
                });
                i = j;
                continue;
            }
            let start = para.start + bi;
            if c == '\'' && chars.get(i + 1).is_some_and(|&(_, n)| n == '\'') {
                toks.push(Tok {
                    span: Span::new(start, start + 2),
                    lower: Cow::Borrowed("\""),
                    word: false,
                    cap: false,
                    poss: false,
                    mark: true,
                    sent: 0,
                    para: p,
                    seg: None,
                });
                i += 2;
                continue;
            }
            toks.push(Tok {
                span: Span::new(start, start + c.len_utf8()),
                lower: Cow::Borrowed(&s[bi..bi + c.len_utf8()]),
                word: false,
                cap: false,
                poss: false,
                mark: is_mark(c),
                sent: 0,
                para: p,
                seg: None,
            });
            i += 1;
        }
    }
    // Sentences and segments, by a linear merge (both are sorted).
    let mut si = 0;
    let mut gi = 0;
    for t in &mut toks {
        while si + 1 < sentences.len() && sentences[si + 1].span.start <= t.span.start {
            si += 1;
        }
        t.sent = si;
        while gi < segs.len() && segs[gi].content.end <= t.span.start {
            gi += 1;
        }
        if let Some(g) = segs.get(gi)
            && g.content.start <= t.span.start
            && t.span.end <= g.content.end
        {
            t.seg = Some(gi);
        }
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<(String, bool)> {
        let paras = vec![Span::new(0, t.len())];
        tokenize(t, &paras, &[], &[])
            .into_iter()
            .map(|k| (k.span.of(t).to_string(), k.poss))
            .collect()
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
