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

/// The end of the run of ASCII letters and digits in `b` from `j`, and
/// whether the run has an upper-case letter. On x86-64 sixteen bytes are
/// classified at a time (SSE2, part of its baseline), so a word's end costs
/// no mispredicted branch per byte; the tail, and other targets, go byte
/// by byte.
#[inline]
pub(crate) fn ascii_alnum_run(b: &[u8], mut j: usize) -> (usize, bool) {
    let mut upper = false;
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    while let Some(window) = b.get(j..j + 16) {
        let (alnum, caps) = sse2::alnum_upper(window.try_into().expect("16 bytes"));
        let run = (!alnum).trailing_zeros() as usize;
        upper |= caps & ((1u32 << run) - 1) != 0;
        j += run;
        if run < 16 {
            return (j, upper);
        }
    }
    while let Some(&c) = b.get(j) {
        if !c.is_ascii_alphanumeric() {
            break;
        }
        upper |= c.is_ascii_uppercase();
        j += 1;
    }
    (j, upper)
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };

    /// Bits for the ASCII letters and digits of `w`, and for its capitals.
    #[inline]
    pub(super) fn alnum_upper(w: &[u8; 16]) -> (u32, u32) {
        // SAFETY: SSE2 is enabled (the `cfg` above), and the load reads
        // exactly the 16 bytes of `w`, unaligned.
        unsafe { alnum_upper_sse2(w) }
    }

    /// Bytes in `lo..=hi`; signed compares, so bytes >= 0x80 are never in
    /// (right for ASCII ranges; [`crate::sentiment`]'s windows use it too).
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn within(v: __m128i, lo: u8, hi: u8) -> __m128i {
        _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1)),
        )
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    unsafe fn alnum_upper_sse2(w: &[u8; 16]) -> (u32, u32) {
        // SAFETY: `w` is 16 readable bytes; `loadu` needs no alignment.
        let v = unsafe { _mm_loadu_si128(w.as_ptr().cast::<__m128i>()) };
        let caps = within(v, b'A', b'Z');
        let alnum = _mm_or_si128(
            _mm_or_si128(caps, within(v, b'a', b'z')),
            within(v, b'0', b'9'),
        );
        (
            _mm_movemask_epi8(alnum) as u32,
            _mm_movemask_epi8(caps) as u32,
        )
    }
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

    /// The sixteen-bytes-at-a-time run agrees with the byte-by-byte one for
    /// every byte value at every position of a window and of the tail.
    #[test]
    fn ascii_alnum_run_matches_bytes() {
        let scalar = |b: &[u8], mut j: usize| {
            let mut upper = false;
            while j < b.len() && b[j].is_ascii_alphanumeric() {
                upper |= b[j].is_ascii_uppercase();
                j += 1;
            }
            (j, upper)
        };
        for len in 0..40 {
            for at in 0..len {
                for v in 0..=255u8 {
                    let mut buf: Vec<u8> = (0..len).map(|k| b"abz09azmq"[k % 9]).collect();
                    buf[at] = v;
                    for from in [0, 1, 5] {
                        let from = from.min(len);
                        assert_eq!(
                            super::ascii_alnum_run(&buf, from),
                            scalar(&buf, from),
                            "{buf:?} from {from}"
                        );
                    }
                }
            }
        }
    }
}
