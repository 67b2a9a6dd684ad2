//! Byte classes of a 16-byte window of ASCII text, as 16-bit masks: bit
//! `k` of a mask is set when byte `k` of the window is in the class.
//!
//! This is how [`super::rules`] finds a token's end, case and punctuation
//! without a data-dependent branch per byte (the per-byte loop it replaces
//! mispredicted once per token, at the token's end).
//!
//! On x86-64 the classes are SSE2 byte compares, one `pmovmskb` each (SSE2
//! is part of every x86-64 CPU). Elsewhere, the same masks are computed in
//! a `u128` (SWAR: "SIMD within a register") and compacted. Both are
//! checked against the byte predicates by the tests.
//!
//! All bytes must be ASCII (< 0x80).

/// The classes [`super::rules`] needs for every token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Common {
    /// Bytes up to 0x20 (space): the only ones that can be white space.
    /// (Python's ASCII white space is 9..=13, 28..=31 and 32; the caller
    /// checks the first byte found here with
    /// [`super::py::is_space_ascii`], since the others, control bytes,
    /// almost never occur in text.)
    pub le_space: u32,
    /// `A..=Z` and `a..=z`.
    pub letters: u32,
    /// `a..=z`.
    pub lowercase: u32,
}

/// The classes needed for a token with something other than letters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rare {
    /// `string.punctuation`: the printable ASCII bytes (0x21..=0x7E) that
    /// are neither letters nor digits.
    pub punct: u32,
    /// `!`
    pub bangs: u32,
    /// `?`
    pub questions: u32,
    /// Where "n't" starts, in any case (`negated`, include_nt); the "t" may
    /// lie up to two bytes past a token, so mask with the token shifted.
    pub nt: u32,
}

/// The first `n` bytes of a window (`n <= 16`).
#[inline]
pub(crate) fn first(n: usize) -> u32 {
    (1u32 << n) - 1
}

/// The first `n` bytes (all eight bits each), `n <= 16`, for masking a key:
/// a table, since a variable shift of a `u128` costs about ten
/// instructions.
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

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) use self::sse2::{common, rare};

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
pub(crate) use self::portable::{common, rare};

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use super::{Common, Rare};
    use crate::chars::sse2::within;
    use std::arch::x86_64::{
        __m128i, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set_epi64x, _mm_set1_epi8,
    };

    /// The classes of the window `x` (little endian: byte 0 is the low byte).
    #[inline(always)]
    pub(crate) fn common(x: u128) -> Common {
        // SAFETY: `common_sse2` only needs SSE2, which this module is
        // compiled for (the `cfg` above: `target_feature = "sse2"`, part
        // of the x86-64 baseline). It touches no memory.
        unsafe { common_sse2(x) }
    }

    /// The rarer classes of the window `x`.
    #[inline(always)]
    pub(crate) fn rare(x: u128) -> Rare {
        // SAFETY: as in `common`.
        unsafe { rare_sse2(x) }
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn load(x: u128) -> __m128i {
        _mm_set_epi64x((x >> 64) as i64, x as i64)
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn mask(v: __m128i) -> u32 {
        _mm_movemask_epi8(v) as u32
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn common_sse2(x: u128) -> Common {
        let v = load(x);
        let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        Common {
            le_space: mask(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21))),
            letters: mask(within(folded, b'a', b'z')),
            lowercase: mask(within(v, b'a', b'z')),
        }
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn rare_sse2(x: u128) -> Rare {
        let v = load(x);
        let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let alnum = _mm_or_si128(within(folded, b'a', b'z'), within(v, b'0', b'9'));
        let n = mask(_mm_cmpeq_epi8(folded, _mm_set1_epi8(b'n' as i8)));
        let apostrophe = mask(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'\'' as i8)));
        let t = mask(_mm_cmpeq_epi8(folded, _mm_set1_epi8(b't' as i8)));
        Rare {
            punct: mask(_mm_andnot_si128(alnum, within(v, 0x21, 0x7e))),
            bangs: mask(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'!' as i8))),
            questions: mask(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'?' as i8))),
            nt: n & (apostrophe >> 1) & (t >> 2),
        }
    }
}

/// SWAR in a `u128`: each class first has the high bit of each member
/// byte set, then those bits are gathered into a 16-bit mask.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
mod portable {
    use super::{Common, Rare};

    /// `0x01` in every byte.
    const ONES: u128 = u128::from_le_bytes([1; 16]);
    /// `0x80` in every byte.
    const HIGH: u128 = ONES * 0x80;
    /// `0x20` in every byte: the bit ASCII letters differ by in case.
    const CASE: u128 = ONES * 0x20;

    /// Bytes `>= k` (as high bits); `xh` is `x | HIGH`, so for ASCII `x`
    /// and `k <= 0x80` no byte borrows from the next.
    #[inline]
    fn ge(xh: u128, k: u8) -> u128 {
        (xh - ONES * u128::from(k)) & HIGH
    }

    /// Bytes in `lo..=hi` (as high bits).
    #[inline]
    fn within(x: u128, lo: u8, hi: u8) -> u128 {
        let xh = x | HIGH;
        ge(xh, lo) & !ge(xh, hi + 1)
    }

    /// The high bit of each byte, gathered into bit `k` for byte `k`.
    #[inline]
    fn mask(h: u128) -> u32 {
        const GATHER: u64 = 0x0102_0408_1020_4080;
        let half = |w: u64| ((w >> 7).wrapping_mul(GATHER) >> 56) as u32;
        half(h as u64) | half((h >> 64) as u64) << 8
    }

    pub(crate) fn common(x: u128) -> Common {
        Common {
            le_space: mask(!ge(x | HIGH, 0x21) & HIGH),
            letters: mask(within(x | CASE, b'a', b'z')),
            lowercase: mask(within(x, b'a', b'z')),
        }
    }

    pub(crate) fn rare(x: u128) -> Rare {
        let alnum = within(x | CASE, b'a', b'z') | within(x, b'0', b'9');
        let eq = |b: u8| mask(within(x, b, b));
        let n = mask(within(x | CASE, b'n', b'n'));
        let t = mask(within(x | CASE, b't', b't'));
        Rare {
            punct: mask(within(x, 0x21, 0x7e) & !alnum),
            bangs: eq(b'!'),
            questions: eq(b'?'),
            nt: n & (eq(b'\'') >> 1) & (t >> 2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes set in a 16-bit mask.
    fn members(mask: u32) -> Vec<usize> {
        (0..16).filter(|k| mask >> k & 1 == 1).collect()
    }

    fn check(common: fn(u128) -> Common, rare: fn(u128) -> Rare) {
        // Every ASCII byte in every lane.
        for start in 0..128u8 {
            let window: [u8; 16] = std::array::from_fn(|k| (start + k as u8 * 8) % 128);
            let x = u128::from_le_bytes(window);
            let want = |p: &dyn Fn(u8) -> bool| -> Vec<usize> {
                (0..16).filter(|&k| p(window[k])).collect()
            };
            let c = common(x);
            assert_eq!(members(c.le_space), want(&|b| b <= b' '));
            assert_eq!(members(c.letters), want(&|b| b.is_ascii_alphabetic()));
            assert_eq!(members(c.lowercase), want(&|b| b.is_ascii_lowercase()));
            let r = rare(x);
            assert_eq!(members(r.punct), want(&|b| b.is_ascii_punctuation()));
            assert_eq!(members(r.bangs), want(&|b| b == b'!'));
            assert_eq!(members(r.questions), want(&|b| b == b'?'));
        }
        let window = |s: &str| {
            let mut w = [b' '; 16];
            w[..s.len()].copy_from_slice(s.as_bytes());
            u128::from_le_bytes(w)
        };
        for (s, at) in [
            ("don't", 2),
            ("DON'T", 2),
            ("n't", 0),
            ("xxxxxxxxxxxxxn't", 13),
            ("caN'T", 2),
        ] {
            assert_eq!(members(rare(window(s)).nt), [at], "{s}");
        }
        for s in ["dont", "n`t", "n'", "'t", "nt'", "n 't", "n''t"] {
            assert_eq!(rare(window(s)).nt, 0, "{s}");
        }
    }

    #[test]
    fn portable_classes_agree_with_the_byte_predicates() {
        check(portable::common, portable::rare);
    }

    #[test]
    fn selected_classes_agree_with_the_byte_predicates() {
        check(common, rare);
    }

    #[test]
    fn first_masks() {
        assert_eq!(first(0), 0);
        assert_eq!(first(3), 0b111);
        assert_eq!(first(16), 0xffff);
        assert_eq!(first_bytes(0), 0);
        assert_eq!(first_bytes(3), 0xff_ffff);
        assert_eq!(first_bytes(16), u128::MAX);
    }
}
