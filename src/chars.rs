//! Character classes that the tokenizers share.

/// `char::is_alphanumeric`, answered at once for the General Punctuation
/// block (U+2000..=U+206F: curly quotes, dashes, the ellipsis, bullets,
/// spaces), which has no letter or digit. Those characters are most of the
/// non-ASCII in news text, and the standard test looks them up in the
/// Unicode tables (some hundred instructions each).
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    /// The shortcut agrees with the standard test on every char.
    #[test]
    fn is_alphanumeric_is_the_standard_test() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
