//! The few Python built-ins whose exact behaviour VADER's scores depend on.
//!
//! vaderSentiment is defined by what CPython does, not by a spec: `str.split()`
//! decides the tokens, `str.strip(string.punctuation)` the words,
//! `str.isupper()` the ALL-CAPS emphasis, `str.lower()` the lexicon keys and
//! `round()` the published figures. Each function here reproduces one of
//! them, with an ASCII fast path (almost all news text) and a general path.

use std::fmt;

/// Python's `str.isspace()` for one character, which is what `str.split()`
/// (no argument) and `str.strip()` split and strip on.
///
/// It is Unicode `White_Space` (Rust's [`char::is_whitespace`]) plus the four
/// ASCII information separators U+001C..U+001F, which CPython also counts as
/// white space (its bidirectional class is B or S).
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// [`is_space`] for one byte of ASCII.
#[inline]
pub const fn is_space_ascii(b: u8) -> bool {
    // Bits 9..=13 (\t \n \v \f \r), 28..=31 (separators) and 32 (space).
    const MASK: u64 = 0x1_f000_3e00;
    b <= b' ' && (MASK >> b) & 1 == 1
}

/// Unicode general category Lt (titlecase letters), which Python's
/// `str.isupper()` treats as "not upper" but Rust has no predicate for.
fn is_titlecase(c: char) -> bool {
    matches!(c,
        '\u{01C5}' | '\u{01C8}' | '\u{01CB}' | '\u{01F2}'
        | '\u{1F88}'..='\u{1F8F}'
        | '\u{1F98}'..='\u{1F9F}'
        | '\u{1FA8}'..='\u{1FAF}'
        | '\u{1FBC}' | '\u{1FCC}' | '\u{1FFC}')
}

/// Python's `str.isupper()`: at least one cased character, and no lowercase
/// or titlecase one. So `"GOOD"` and `":D"` are upper, `":)"` and `"Good"` are
/// not. CPython uses the derived `Lowercase`/`Uppercase` properties, as Rust's
/// [`char::is_lowercase`]/[`char::is_uppercase`] do.
pub fn is_upper(s: &str) -> bool {
    let mut cased = false;
    if s.is_ascii() {
        for &b in s.as_bytes() {
            if b.is_ascii_lowercase() {
                return false;
            }
            cased |= b.is_ascii_uppercase();
        }
        return cased;
    }
    for c in s.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// Appends Python's `s.lower()` to `out` (as UTF-8).
///
/// ASCII is lowered byte by byte. Other text uses Rust's full Unicode
/// lowercasing, which like CPython maps `İ` to two characters and a
/// word-final `Σ` to `ς` (that last rule needs the whole string, so a token
/// holding `Σ` goes through [`str::to_lowercase`], the one case that
/// allocates).
pub fn push_lower(s: &str, out: &mut Vec<u8>) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
    } else if s.contains('Σ') {
        out.extend_from_slice(s.to_lowercase().as_bytes());
    } else {
        let mut buf = [0u8; 4];
        for c in s.chars().flat_map(char::to_lowercase) {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// [`push_lower`] into a new `String`.
pub fn lower(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    push_lower(s, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// `token.strip(string.punctuation)`: removes ASCII punctuation (exactly the
/// 32 characters of Python's `string.punctuation`) from both ends.
#[inline]
pub fn strip_punctuation(token: &str) -> &str {
    token.trim_matches(|c: char| c.is_ascii_punctuation())
}

/// The number of characters (code points) in `s`, which is Python's `len`.
#[inline]
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Python's `round(x, ndigits)` for a float.
///
/// CPython rounds the *exact* binary value of `x` to `ndigits` decimals,
/// ties to even, and returns the double nearest that decimal. The fast path
/// scales by `10^ndigits`: unless the scaled value lies within a hair of a
/// `.5` boundary, rounding it gives the same integer as rounding the exact
/// product (the product's own rounding error is below 1e-11 for the
/// magnitudes allowed here), and IEEE division then yields the nearest
/// double. Near a boundary, Rust's exact decimal formatting (ties to even,
/// like `_Py_dg_dtoa` mode 3) decides. Signs are kept: `round(-0.00004, 4)`
/// is `-0.0`, as in Python.
#[inline]
pub fn round(x: f64, ndigits: u32) -> f64 {
    let scale = match ndigits {
        3 => 1e3,
        4 => 1e4,
        _ => 10f64.powi(ndigits as i32),
    };
    let y = x * scale;
    if y.abs() < 1e9 {
        // The nearest integer to `y`: adding 1.5 * 2^52 leaves no bits
        // below the units, so the FPU rounds there (to nearest, ties to
        // even; |y| < 2^51). Two additions, where `as i64` and back or
        // `f64::round` (a libm call without SSE4.1) cost several times more.
        const SHIFTER: f64 = 6_755_399_441_055_744.0;
        let r = (y + SHIFTER) - SHIFTER;
        if ((y - r).abs() - 0.5).abs() > 1e-6 {
            // Keep the sign of zero: round(-0.00004, 4) is -0.0 in Python.
            return r.copysign(y) / scale;
        }
    }
    round_exact(x, ndigits)
}

/// The slow path of [`round`]: exact decimal formatting, ties to even.
#[cold]
#[inline(never)]
fn round_exact(x: f64, ndigits: u32) -> f64 {
    format!("{:.*}", ndigits as usize, x).parse().unwrap_or(x)
}

/// Displays a score the way Python's `repr` prints the floats of
/// `polarity_scores` (`0.0`, `-0.0`, `1.0`, `0.4404`): the shortest text
/// that reads back as the same double, always with a decimal point.
///
/// Scores are rounded to at most 4 decimals and lie in [-1, 1], where
/// Python's `repr` never switches to exponent notation except for values
/// below 1e-4 (which rounding excludes), so Rust's shortest `Display` plus a
/// `.0` for integral values is the same text.
#[derive(Clone, Copy, Debug)]
pub struct PyFloat(pub f64);

impl fmt::Display for PyFloat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_finite() && x == x.trunc() {
            write!(f, "{x:.1}")
        } else {
            write!(f, "{x}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_matches_python_isspace() {
        // Python: [c for c in map(chr, range(0x3001)) if c.isspace()]
        let python: Vec<u32> = vec![
            0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
            0x2029, 0x202f, 0x205f, 0x3000,
        ];
        let ours: Vec<u32> = (0..0x3001u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_space(c))
            .map(u32::from)
            .collect();
        assert_eq!(ours, python);
        for b in 0..128u8 {
            assert_eq!(is_space_ascii(b), is_space(b as char), "byte {b}");
        }
    }

    #[test]
    fn isupper_like_python() {
        assert!(is_upper("GOOD"));
        assert!(is_upper(":D"));
        assert!(is_upper("I"));
        assert!(is_upper("DON'T"));
        assert!(!is_upper(":)"));
        assert!(!is_upper("Good"));
        assert!(!is_upper(""));
        assert!(!is_upper("123"));
        assert!(is_upper("ÉTÉ"));
        assert!(!is_upper("ÉTé"));
        // "ǅ" (U+01C5) is titlecase: 'ǅ'.isupper() is False in Python.
        assert!(!is_upper("ǅ"));
        assert!(!is_upper("AǅB"));
    }

    #[test]
    fn lower_like_python() {
        let mut s = Vec::new();
        push_lower("HeLLo", &mut s);
        push_lower(" İ", &mut s);
        push_lower(" ΟΔΟΣ", &mut s);
        assert_eq!(String::from_utf8(s).unwrap(), "hello i\u{307} οδος");
        assert_eq!(lower("ÉTÉ"), "été");
    }

    #[test]
    fn strip_punctuation_is_ascii_only() {
        assert_eq!(strip_punctuation("'great!'"), "great");
        assert_eq!(strip_punctuation(":)"), "");
        assert_eq!(strip_punctuation("“great”"), "“great”");
        assert_eq!(strip_punctuation("can't"), "can't");
    }

    #[test]
    fn round_like_python() {
        // Values checked with CPython 3.11 round().
        assert_eq!(round(0.125, 2), 0.12);
        assert_eq!(round(0.375, 2), 0.38);
        assert_eq!(round(2.5, 0), 2.0);
        assert_eq!(round(1.0005, 3), 1.0); // 1.0005 is stored as 1.000499999...
        assert_eq!(round(0.4404, 4), 0.4404);
        assert_eq!(round(2.0 / 3.0, 3), 0.667);
        assert_eq!(round(-2.0 / 3.0, 4), -0.6667);
        let z = round(-0.00004, 4);
        assert!(z == 0.0 && z.is_sign_negative());
        let z = round(0.00004, 4);
        assert!(z == 0.0 && z.is_sign_positive());
    }

    #[test]
    fn round_fast_path_agrees_with_exact_formatting() {
        // Every k/1000 +- a few ulps, and a spread of awkward values.
        let mut x = -1.0f64;
        while x <= 1.0 {
            for d in [-2i64, -1, 0, 1, 2] {
                let v = f64::from_bits((x.to_bits() as i64 + d) as u64);
                for nd in [3u32, 4] {
                    let exact: f64 = format!("{:.*}", nd as usize, v).parse().unwrap();
                    assert_eq!(round(v, nd).to_bits(), exact.to_bits(), "{v} {nd}");
                }
            }
            x += 0.0005;
        }
    }

    #[test]
    fn pyfloat_is_python_repr() {
        let cases = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (-1.0, "-1.0"),
            (0.4404, "0.4404"),
            (0.1, "0.1"),
            (0.0001, "0.0001"),
            (-0.0516, "-0.0516"),
        ];
        for (x, s) in cases {
            assert_eq!(PyFloat(x).to_string(), s);
        }
    }
}
