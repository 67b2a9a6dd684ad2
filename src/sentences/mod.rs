//! Sentences: a news-aware sentence splitter.
//!
//! INTERIM: a simple rule splitter until the real one (issue 4) lands.
//! The interface is final: [`Splitter::split`] yields [`Sentence`]s whose
//! spans are byte offsets into the text it was given; the caller shifts them.

use crate::span::Span;

/// One sentence: its span and the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the text given to the splitter (trimmed of white space).
    pub span: Span,
    /// 1-based paragraph number (paragraphs are separated by blank lines).
    pub paragraph: usize,
}

/// The sentence splitter.
#[derive(Clone, Debug, Default)]
pub struct Splitter {}

impl Splitter {
    /// A splitter with the built-in rules and lexicons.
    pub fn new() -> Splitter {
        Splitter {}
    }

    /// Splits `text` into sentences, in order, non-overlapping, each trimmed
    /// of surrounding white space; the text between them is white space only.
    pub fn split(&self, text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut paragraph = 1;
        let mut start: Option<usize> = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' {
                if let Some(s) = start.take() {
                    push(text, &mut out, s, i, paragraph);
                }
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r')
                {
                    j += 1;
                }
                if j < bytes.len()
                    && bytes[j] == b'\n'
                    && !out.is_empty()
                    && out.last().unwrap().paragraph == paragraph
                {
                    paragraph += 1;
                }
                i += 1;
                continue;
            }
            if start.is_none() && !b.is_ascii_whitespace() {
                start = Some(i);
            }
            if matches!(b, b'.' | b'!' | b'?') {
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                    j += 1;
                }
                if j >= bytes.len() || bytes[j] == b' ' {
                    if let Some(s) = start.take() {
                        push(text, &mut out, s, j, paragraph);
                    }
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        if let Some(s) = start {
            push(text, &mut out, s, text.len(), paragraph);
        }
        out
    }
}

fn push(text: &str, out: &mut Vec<Sentence>, start: usize, end: usize, paragraph: usize) {
    let piece = &text[start..end];
    let trimmed = piece.trim_end();
    if !trimmed.is_empty() {
        out.push(Sentence {
            span: Span::new(start, start + trimmed.len()),
            paragraph,
        });
    }
}
