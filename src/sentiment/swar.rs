//! Byte classes of sixteen ASCII bytes at once, held in one `u128` (SWAR:
//! "SIMD within a register", plain integer arithmetic, no `unsafe`).
//!
//! Byte `k` of a window is bits `8k..8k+8` of the `u128` (little endian).
//! Every class below is a mask with the high bit of each member byte set
//! (`0x80`) and all other bits clear, so masks combine with `&`, `|`, `!`
//! (then `& HIGH`), and `trailing_zeros() / 8` is the first member's index.
//!
//! All bytes must be ASCII (< 0x80): then `(x | HIGH) - k` (per byte, for
//! `k <= 0x80`) never borrows from the next byte, and its high bit says
//! whether the byte is `>= k`.
//!
//! This is how [`super::rules`] finds a token's end, case and punctuation
//! without a data-dependent branch per byte (the per-byte loop it replaces
//! mispredicted once per token, at the token's end).

/// `0x01` in every byte.
const ONES: u128 = u128::from_le_bytes([1; 16]);
/// `0x80` in every byte: the bit each class sets.
pub(crate) const HIGH: u128 = ONES * 0x80;
/// `0x20` in every byte: bit 5, which ASCII letters differ by in case.
const CASE: u128 = ONES * 0x20;

/// Bytes `>= k`; `xh` is `x | HIGH`.
#[inline]
fn ge(xh: u128, k: u8) -> u128 {
    (xh - ONES * u128::from(k)) & HIGH
}

/// Bytes in `lo..hi`; `xh` is `x | HIGH`.
#[inline]
fn range(xh: u128, lo: u8, hi: u8) -> u128 {
    ge(xh, lo) & !ge(xh, hi)
}

/// The sixteen bytes of `window` as one integer.
#[inline]
pub(crate) fn load(window: &[u8; 16]) -> u128 {
    u128::from_le_bytes(*window)
}

/// The first `n` bytes (all eight bits each), `n <= 16`: a table, since a
/// variable shift of a `u128` costs about ten instructions.
#[inline]
pub(crate) fn first_bytes(n: usize) -> u128 {
    static FIRST: [u128; 17] = {
        let mut t = [0u128; 17];
        let mut n = 1;
        while n <= 16 {
            t[n] = u128::MAX >> (128 - 8 * n);
            n += 1;
        }
        t
    };
    FIRST[n]
}

/// The bytes up to 0x20 (space): the only ones that can be white space.
/// Python's ASCII white space is 9..=13, 28..=31 and 32; the caller
/// checks the first byte found here with [`super::py::is_space_ascii`] (the
/// others, control bytes, almost never occur in text).
#[inline]
pub(crate) fn maybe_spaces(x: u128) -> u128 {
    !ge(x | HIGH, 0x21) & HIGH
}

/// Python white space (`str.isspace()`) among ASCII bytes: `\t \n \v \f \r`
/// (9..=13), the separators 28..=31 and the space.
#[cfg(test)]
pub(crate) fn spaces(x: u128) -> u128 {
    let xh = x | HIGH;
    range(xh, 9, 14) | range(xh, 28, 33)
}

/// ASCII letters, `A..=Z` and `a..=z`. Setting bit 5 first maps the upper
/// case onto the lower and no other byte into `a..=z`.
#[inline]
pub(crate) fn letters(x: u128) -> u128 {
    range(x | CASE | HIGH, b'a', b'z' + 1)
}

/// The lowercase letters among `letters` (those with bit 5 set).
#[inline]
pub(crate) fn lowercase(x: u128, letters: u128) -> u128 {
    letters & (x << 2)
}

/// `string.punctuation`: the printable ASCII bytes (0x21..=0x7E) that are
/// neither letters nor digits.
#[inline]
pub(crate) fn punctuation(x: u128, letters: u128) -> u128 {
    let xh = x | HIGH;
    range(xh, 0x21, 0x7f) & !letters & !range(xh, b'0', b'9' + 1)
}

/// Bytes equal to `b`.
#[inline]
pub(crate) fn eq(x: u128, b: u8) -> u128 {
    range(x | HIGH, b, b + 1)
}

/// Whether the bytes hold `n't`, in any case (`negated`, include_nt).
#[inline]
pub(crate) fn has_nt(x: u128) -> bool {
    let folded = x | CASE;
    eq(folded, b'n') & (eq(x, b'\'') >> 8) & (eq(folded, b't') >> 16) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes whose high bit is set in `mask`.
    fn members(mask: u128) -> Vec<usize> {
        (0..16).filter(|k| mask >> (8 * k + 7) & 1 == 1).collect()
    }

    #[test]
    fn classes_agree_with_the_byte_predicates() {
        // Every ASCII byte in every lane.
        for start in 0..128u8 {
            let window: [u8; 16] = std::array::from_fn(|k| (start + k as u8 * 8) % 128);
            let x = load(&window);
            let l = letters(x);
            let want = |p: &dyn Fn(u8) -> bool| -> Vec<usize> {
                (0..16).filter(|&k| p(window[k])).collect()
            };
            assert_eq!(
                members(spaces(x)),
                want(&|b| super::super::py::is_space(b as char))
            );
            assert_eq!(members(maybe_spaces(x)), want(&|b| b <= b' '));
            assert_eq!(members(l), want(&|b| b.is_ascii_alphabetic()));
            assert_eq!(members(lowercase(x, l)), want(&|b| b.is_ascii_lowercase()));
            assert_eq!(
                members(punctuation(x, l)),
                want(&|b| b.is_ascii_punctuation())
            );
            assert_eq!(members(eq(x, b'!')), want(&|b| b == b'!'));
        }
    }

    #[test]
    fn nt_in_any_case_and_position() {
        let pad = |s: &str| {
            let mut w = [0u8; 16];
            w[..s.len()].copy_from_slice(s.as_bytes());
            load(&w)
        };
        for s in ["don't", "DON'T", "n't", "xxxxxxxxxxxxxn't", "caN'T"] {
            assert!(has_nt(pad(s)), "{s}");
        }
        for s in [
            "dont",
            "n't"[..2].as_ref(),
            "n`t",
            "n'",
            "'t",
            "nt'",
            "n 't",
        ] {
            assert!(!has_nt(pad(s)), "{s}");
        }
        assert_eq!(first_bytes(0), 0);
        assert_eq!(first_bytes(3), 0xff_ffff);
        assert_eq!(first_bytes(16), u128::MAX);
    }
}
