//! Byte spans into the original document text.
//!
//! Every stage speaks in [`Span`]s: UTF-8 byte offsets into the text the user
//! gave, end exclusive, like ripgrep's `Match`. Borrowing the original text and
//! passing spans (instead of copying substrings) keeps offsets exact through
//! the whole pipeline; the output stage converts them to character offsets
//! once, because that is what users slice with (see `INTERFACE.md`).

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The text this span covers. Panics if the span is out of range or not
    /// on char boundaries, which would be a bug in the stage that made it.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Whether `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// This span moved right by `offset` bytes.
    pub const fn shift(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn slices_and_relations() {
        let text = "Legend said.";
        let s = Span::new(0, 6);
        assert_eq!(s.of(text), "Legend");
        assert!(Span::new(0, 12).contains(s));
        assert!(s.overlaps(Span::new(5, 7)));
        assert!(!s.overlaps(Span::new(6, 7)));
        assert_eq!(s.shift(2), Span::new(2, 8));
        assert!(Span::new(3, 3).is_empty());
    }
}
