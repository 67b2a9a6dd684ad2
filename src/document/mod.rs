//! Documents: what one article is, and the readers that produce them.
//!
//! A document is its id, its optional date and its full original text. A
//! text that begins (after white space) with a `date YYYY-MM-DD` header line
//! carries that date as metadata: [`Document::body`] is where the article
//! itself begins, and every later stage works inside it. Offsets still count
//! from the start of the original text, so users can slice what they gave.

use crate::span::Span;

/// One article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The document id (`doc_id` in every table).
    pub id: String,
    /// `YYYY-MM-DD`, from the input record or the text's `date` header.
    pub date: Option<String>,
    /// The original text, header included.
    pub text: String,
    /// The article proper: the text after the `date` header, if any.
    pub body: Span,
}

impl Document {
    /// A document from its text; a `date YYYY-MM-DD` header at the start of
    /// `text` is parsed into `date` (unless `date` is already given by the
    /// input record) and excluded from `body`.
    pub fn new(id: impl Into<String>, text: String, date: Option<String>) -> Document {
        let (header_date, body_start) = match parse_date_header(&text) {
            Some((d, end)) => (Some(d), end),
            None => (None, 0),
        };
        let body = Span::new(body_start, text.len());
        Document {
            id: id.into(),
            date: date.filter(|d| !d.is_empty()).or(header_date),
            text,
            body,
        }
    }

    /// The article text after the header.
    pub fn body_text(&self) -> &str {
        self.body.of(&self.text)
    }
}

/// Finds a leading `date YYYY-MM-DD` header: returns the date and the byte
/// offset where the article begins (after the header and the white space that
/// follows it). The header may share its line with the first sentence, as in
/// the seed article (` date 2022-08-05 A political rift ...`).
pub fn parse_date_header(text: &str) -> Option<(String, usize)> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let after = rest
        .strip_prefix("date ")
        .or_else(|| rest.strip_prefix("date\t"))
        .or_else(|| rest.strip_prefix("date:"))?;
    let skipped = rest.len() - after.len();
    let after_trim = after.trim_start_matches([' ', '\t']);
    let skipped = skipped + (after.len() - after_trim.len());
    let b = after_trim.as_bytes();
    if b.len() < 10 || !is_iso_date(&b[..10]) {
        return None;
    }
    // The date must end the token: `2022-08-05x` is not a header.
    if b.len() > 10 && !(b[10] as char).is_ascii_whitespace() {
        return None;
    }
    let date = after_trim[..10].to_string();
    let tail = &after_trim[10..];
    let body = lead + skipped + 10 + (tail.len() - tail.trim_start().len());
    Some((date, body))
}

fn is_iso_date(b: &[u8]) -> bool {
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_header_on_the_first_line_of_the_seed() {
        let text = " date 2022-08-05 A political rift.".to_string();
        let doc = Document::new("seed", text, None);
        assert_eq!(doc.date.as_deref(), Some("2022-08-05"));
        assert_eq!(doc.body_text(), "A political rift.");
        assert_eq!(doc.body.start, 17);
    }

    #[test]
    fn date_header_on_its_own_line() {
        let doc = Document::new("d", "date 2020-01-31\n\nText.".into(), None);
        assert_eq!(doc.date.as_deref(), Some("2020-01-31"));
        assert_eq!(doc.body_text(), "Text.");
    }

    #[test]
    fn not_a_header() {
        for t in [
            "dated 2020-01-01 x",
            "date 2020-13-01 x",
            "date 2020-01-011",
            "The date 2020-01-01",
        ] {
            let doc = Document::new("d", t.into(), None);
            assert_eq!(doc.date, None, "{t}");
            assert_eq!(doc.body.start, 0);
        }
    }

    #[test]
    fn record_date_wins_over_header() {
        let doc = Document::new(
            "d",
            "date 2020-01-31 Text.".into(),
            Some("2021-02-02".into()),
        );
        assert_eq!(doc.date.as_deref(), Some("2021-02-02"));
        assert_eq!(doc.body_text(), "Text.");
    }
}

mod read;

pub use read::{InputFormat, Inputs, Item, ReadOptions, list_folder};
