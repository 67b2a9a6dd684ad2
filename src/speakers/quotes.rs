//! Quotation marks: pairing opening and closing marks into quoted segments.
//!
//! News text mixes straight (`"`) and curly (`“ ”`) double quotes, nests
//! quotes ("the `"You & I"` singer" inside a quote, `“rant,”` inside a
//! straight-quoted excerpt), and continues a quotation over paragraphs by
//! reopening it at each new paragraph without closing the previous one. The
//! scanner works one paragraph at a time, so an unbalanced mark never runs
//! away past its paragraph; a segment left open at a paragraph's end is
//! continued by the next paragraph only if that one starts with an opening
//! mark. Single quotes are ignored: they are apostrophes far more often than
//! quotation marks, and only mark quotes nested inside double quotes.

use crate::span::Span;

/// One quoted segment: the text between one opening mark and its closing
/// mark (or the end of the paragraph).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte span of the closing mark, `None` when the paragraph ended first.
    pub close: Option<Span>,
    /// The content, trimmed of white space, without the marks.
    pub content: Span,
    /// Index of the paragraph (into the paragraph list).
    pub para: usize,
    /// Whether this segment reopens a quote left open at the end of the
    /// previous paragraph (the index of that segment).
    pub continues: Option<usize>,
}

/// The paragraphs of `body`: separated by blank lines when the text has any,
/// otherwise by single line breaks (one paragraph per line). Spans trimmed.
pub fn paragraphs(text: &str, body: Span) -> Vec<Span> {
    let b = body.of(text);
    let blank_lines = has_blank_line(b);
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = b.as_bytes();
    let mut i = 0;
    // From line break to line break (`find` of one byte is a memchr).
    while let Some(off) = b[i..].find('\n') {
        i += off;
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        let blank = j < bytes.len() && bytes[j] == b'\n';
        if !blank_lines || blank || quote_line(b, start, i, j) {
            push_trimmed(b, body.start, start, i, &mut out);
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(b, body.start, start, b.len(), &mut out);
    out
}

/// Whether the single line break at `i` (next line at `j`) separates
/// paragraphs in a text that otherwise separates them by blank lines: the
/// line before ends a sentence and the next one opens a quotation (`...
/// African-American.⏎“I have been ...`). Many texts put some paragraphs on
/// single lines; a quotation reopened there continues or starts a statement
/// just as after a blank line, and a line wrapped inside a sentence does not
/// end in terminal punctuation before an opening mark.
fn quote_line(b: &str, start: usize, i: usize, j: usize) -> bool {
    let mut next = b[j..].chars();
    let opens = match (next.next(), next.next()) {
        (Some('“' | '«' | '„' | '"'), Some(n)) => !n.is_whitespace(),
        (Some('\''), Some('\'')) => true,
        _ => false,
    };
    opens
        && b[start..i]
            .trim_end()
            .ends_with(['.', '!', '?', ':', '"', '”', '\'', '’', ')'])
}

fn has_blank_line(b: &str) -> bool {
    // A line break followed by spaces, tabs or returns and another break.
    let bytes = b.as_bytes();
    let mut i = 0;
    while let Some(off) = b[i..].find('\n') {
        i += off + 1;
        let mut j = i;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            return true;
        }
    }
    false
}

fn push_trimmed(b: &str, offset: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &b[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if !t.is_empty() {
        let s = offset + start + lead;
        out.push(Span::new(s, s + t.len()));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Straight,
    Curly,
}

/// Finds the quoted segments of every paragraph, in text order.
pub fn scan(text: &str, paras: &[Span]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    // Index of a segment left open at the end of the previous paragraph.
    let mut open_from_prev: Option<usize> = None;
    for (p, para) in paras.iter().enumerate() {
        let s = para.of(text);
        let first_is_opener =
            matches!(s.chars().next(), Some('"' | '“' | '„' | '«')) || s.starts_with("''");
        let mut carried = if first_is_opener {
            open_from_prev
        } else {
            None
        };
        open_from_prev = None;
        let mut pairing = Pairing::default();
        let bytes = s.as_bytes();
        // Where the last two-apostrophe mark ended: the character before a
        // mark there counts as `"`.
        let mut pair_end = usize::MAX;
        let mut i = 0;
        // Only `"`, `'` and the lead bytes of `“ ” „` (E2) and `« »` (C2)
        // can start a mark; everything else is skipped eight bytes at a time.
        while let Some(at) = next_candidate(bytes, i) {
            i = at;
            if !matches!(bytes[i], b'"' | b'\'' | 0xC2 | 0xE2) {
                // Another non-ASCII byte: no mark starts there.
                i += 1;
                continue;
            }
            let c = s[i..].chars().next().expect("a char boundary");
            // Two apostrophes are a straight double quote (some newswires).
            let (c, end) = if c == '\'' {
                if bytes.get(i + 1) != Some(&b'\'') {
                    i += 1;
                    continue;
                }
                ('"', i + 2)
            } else {
                (c, i + c.len_utf8())
            };
            if !matches!(c, '"' | '“' | '„' | '«' | '”' | '»') {
                i = end;
                continue;
            }
            let at = para.start + i;
            let after = para.start + end;
            let prev = if i == 0 {
                None
            } else if i == pair_end {
                Some('"')
            } else {
                s[..i].chars().next_back()
            };
            let next = s[end..].chars().next();
            if end == i + 2 && bytes[i] == b'\'' {
                pair_end = end;
            }
            i = end;
            if let Some((o, cs)) = pairing.mark(c, prev, next, at, after) {
                out.push(segment(text, o, cs, at, Some(after), p, carried.take()));
            }
        }
        if let Some((o, _, cs)) = pairing.outer {
            out.push(segment(text, o, cs, para.end, None, p, carried.take()));
            open_from_prev = Some(out.len() - 1);
        }
    }
    out
}

/// The first byte at or after `i` that is `"`, `'` or not ASCII: a superset
/// of the bytes that can start a quotation mark, found a word of eight bytes
/// at a time (most of a text is neither), since the scan reads every byte.
#[inline]
fn next_candidate(bytes: &[u8], mut i: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while i + 8 <= bytes.len() {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        // A byte of `x ^ c` is zero where `x` has `c`; the borrow trick may
        // flag bytes above a true zero, never below one, so the lowest flag
        // of each mask (and of their union) is exact.
        let (q, a) = (x ^ (ONES * u64::from(b'"')), x ^ (ONES * u64::from(b'\'')));
        let m = (q.wrapping_sub(ONES) & !q) | (a.wrapping_sub(ONES) & !a) | x;
        let m = m & HIGH;
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'') || b >= 0x80)
        .map(|off| i + off)
}

/// The pairing state of one paragraph's quotation marks.
#[derive(Default)]
struct Pairing {
    /// The open outer quote: (open offset, kind, content start).
    outer: Option<(usize, Kind, usize)>,
    /// The kind of an open nested quote.
    inner: Option<Kind>,
}

impl Pairing {
    /// Takes the mark `c` at offset `at` (ending at `after`), between the
    /// characters `prev` and `next`. Returns the open offset and content
    /// start of the outer quote it closes, if any (the caller makes the
    /// segment). Shared by the scanner and its test oracle, which differ
    /// only in how they walk to the marks.
    fn mark(
        &mut self,
        c: char,
        prev: Option<char>,
        next: Option<char>,
        at: usize,
        after: usize,
    ) -> Option<(usize, usize)> {
        let mut closed = None;
        // Mixed typography (`“...," Clinton said`, `“It's unusual,“
        // said`) is common: a mark's neighbours say whether it closes.
        let closer_like = prev.is_some_and(|p| !p.is_whitespace())
            && next.is_none_or(|n| {
                n.is_whitespace()
                    || matches!(
                        n,
                        ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '-'
                    )
            });
        let opener_like = prev.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/')
        }) && next.is_some_and(|n| !n.is_whitespace());
        match (c, self.outer) {
            ('“' | '„' | '«', None) if !closer_like => {
                self.outer = Some((at, Kind::Curly, after));
            }
            // A straight mark followed by a space is a stray closer (an
            // inch mark, or a quote opened in a lost paragraph).
            ('"', None) if next.is_some_and(|n| !n.is_whitespace()) => {
                self.outer = Some((at, Kind::Straight, after));
            }
            ('“' | '„' | '«', Some((o, _, cs))) => {
                if closer_like && !opener_like {
                    if self.inner.is_some() {
                        self.inner = None;
                    } else {
                        closed = Some((o, cs));
                        self.outer = None;
                    }
                } else if self.inner.is_none() {
                    self.inner = Some(Kind::Curly);
                }
            }
            ('”' | '»', Some((o, kind, cs))) => {
                if self.inner == Some(Kind::Curly) {
                    self.inner = None;
                } else if kind == Kind::Curly || self.inner.is_none() {
                    closed = Some((o, cs));
                    self.outer = None;
                    self.inner = None;
                }
            }
            ('"', Some((o, kind, cs))) => {
                if kind == Kind::Straight {
                    closed = Some((o, cs));
                    self.outer = None;
                    self.inner = None;
                } else if self.inner == Some(Kind::Straight) {
                    self.inner = None;
                } else if self.inner.is_none() && opener_like && !closer_like {
                    self.inner = Some(Kind::Straight);
                } else if self.inner.is_none() {
                    closed = Some((o, cs));
                    self.outer = None;
                }
            }
            _ => {}
        }
        closed
    }
}

fn segment(
    text: &str,
    open: usize,
    content_start: usize,
    content_end: usize,
    close_end: Option<usize>,
    para: usize,
    continues: Option<usize>,
) -> Segment {
    let raw = &text[content_start..content_end];
    let lead = raw.len() - raw.trim_start().len();
    let t = raw.trim();
    let start = content_start + lead;
    Segment {
        open,
        close: close_end.map(|e| Span::new(content_end, e)),
        content: Span::new(start, start + t.len()),
        para,
        continues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<String> {
        let paras = paragraphs(text, Span::new(0, text.len()));
        scan(text, &paras)
            .iter()
            .map(|s| s.content.of(text).to_string())
            .collect()
    }

    #[test]
    fn straight_and_curly_pairs() {
        assert_eq!(
            contents(r#""A," he said, "B." Then “C” and "D"."#),
            ["A,", "B.", "C", "D"]
        );
    }

    #[test]
    fn title_inside_narration_is_its_own_segment() {
        // Seed sentence 3: the song title is quoted after the quote closed.
        let t = r#""[Kanye and I] aren't friends," the "You & I" singer told host David Axelrod."#;
        assert_eq!(contents(t), ["[Kanye and I] aren't friends,", "You & I"]);
    }

    #[test]
    fn nested_curly_inside_straight() {
        let t = "\"She was hospitalized after what she called a “rant,” online.\"";
        assert_eq!(
            contents(t),
            ["She was hospitalized after what she called a “rant,” online."]
        );
    }

    #[test]
    fn quote_reopened_at_each_paragraph() {
        let t = "He read, \"Hey, it's JL. They are loyal.\n\n\"So many people. You're great.\"\n\nNarration.";
        let paras = paragraphs(t, Span::new(0, t.len()));
        let segs = scan(t, &paras);
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].close, None);
        assert_eq!(segs[0].content.of(t), "Hey, it's JL. They are loyal.");
        assert_eq!(segs[1].continues, Some(0));
        assert_eq!(segs[1].content.of(t), "So many people. You're great.");
    }

    #[test]
    fn unbalanced_mark_stops_at_paragraph_end() {
        let t = "He said \"it is over and left.\n\nThe next paragraph is \"narration\" here.";
        let c = contents(t);
        assert_eq!(c, ["it is over and left.", "narration"]);
    }

    #[test]
    fn quote_glued_to_previous_sentence() {
        // Seed: `bid."I wasn't alone` has no space before the opening mark.
        let t = "presidential bid.\"I wasn't alone in that,\" Legend said.";
        assert_eq!(contents(t), ["I wasn't alone in that,"]);
    }

    #[test]
    fn two_apostrophes_are_a_quotation_mark() {
        let t = "''It is over,'' Mr. Smith said. Don't ''panic.''";
        assert_eq!(contents(t), ["It is over,", "panic."]);
    }

    #[test]
    fn mixed_curly_and_straight_marks() {
        let t = "“Sanctions yet,\" Clinton said. “It's unusual,“ said Noble.";
        assert_eq!(contents(t), ["Sanctions yet,", "It's unusual,"]);
    }

    /// The scanner as it was before it skipped to possible marks: one
    /// character at a time, the definition the fast scanner must match.
    fn scan_by_chars(text: &str, paras: &[Span]) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::new();
        // Index of a segment left open at the end of the previous paragraph.
        let mut open_from_prev: Option<usize> = None;
        for (p, para) in paras.iter().enumerate() {
            let s = para.of(text);
            let first_is_opener =
                matches!(s.chars().next(), Some('"' | '“' | '„' | '«')) || s.starts_with("''");
            let mut carried = if first_is_opener {
                open_from_prev
            } else {
                None
            };
            open_from_prev = None;
            let mut pairing = Pairing::default();
            let mut prev: Option<char> = None;
            let mut it = s.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                let at = para.start + i;
                // Two apostrophes are a straight double quote (some newswires).
                let (c, after) = if c == '\'' && it.peek().is_some_and(|&(_, n)| n == '\'') {
                    it.next();
                    ('"', at + 2)
                } else {
                    (c, at + c.len_utf8())
                };
                let next = it.peek().map(|&(_, n)| n);
                if !matches!(c, '"' | '“' | '„' | '«' | '”' | '»') {
                    prev = Some(c);
                    continue;
                }
                if let Some((o, cs)) = pairing.mark(c, prev, next, at, after) {
                    out.push(segment(text, o, cs, at, Some(after), p, carried.take()));
                }
                prev = Some(c);
            }
            if let Some((o, _, cs)) = pairing.outer {
                out.push(segment(text, o, cs, para.end, None, p, carried.take()));
                open_from_prev = Some(out.len() - 1);
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Regression guard for the byte-skipping scanner: same segments as
        /// the character-by-character definition on text dense in quotation
        /// marks, apostrophes, dashes and line breaks.
        #[test]
        fn scan_matches_the_character_scanner(
            t in "([\"“”„«»'’ a-cA.,:;!?()—\n-]|''){0,60}"
        ) {
            let paras = paragraphs(&t, Span::new(0, t.len()));
            proptest::prop_assert_eq!(scan(&t, &paras), scan_by_chars(&t, &paras));
        }

        /// The same for paragraphs split by the line-break search.
        #[test]
        fn paragraphs_match_the_byte_loop(t in "[a \t\r\n]{0,40}") {
            let b = Span::new(0, t.len());
            let bytes = t.as_bytes();
            // The byte loops the search replaced.
            let blank_lines = {
                let mut last_nl = false;
                let mut found = false;
                for &c in bytes {
                    match c {
                        b'\n' if last_nl => { found = true; break; }
                        b'\n' => last_nl = true,
                        b' ' | b'\t' | b'\r' => {}
                        _ => last_nl = false,
                    }
                }
                found
            };
            proptest::prop_assert_eq!(has_blank_line(&t), blank_lines);
            let mut out = Vec::new();
            let mut start = 0;
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'\n' {
                    let mut j = i + 1;
                    while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                        j += 1;
                    }
                    let blank = j < bytes.len() && bytes[j] == b'\n';
                    if !blank_lines || blank {
                        push_trimmed(&t, 0, start, i, &mut out);
                        start = j;
                        i = j;
                        continue;
                    }
                }
                i += 1;
            }
            push_trimmed(&t, 0, start, t.len(), &mut out);
            proptest::prop_assert_eq!(paragraphs(&t, b), out);
        }
    }

    #[test]
    fn paragraphs_by_blank_lines_or_lines() {
        let t = "a\nb\n\nc";
        let p = paragraphs(t, Span::new(0, t.len()));
        assert_eq!(p.iter().map(|s| s.of(t)).collect::<Vec<_>>(), ["a\nb", "c"]);
        let t = "a\nb";
        let p = paragraphs(t, Span::new(0, t.len()));
        assert_eq!(p.len(), 2);
    }
}
