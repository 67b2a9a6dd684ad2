//! A hash map from lowercased tokens to [`Entry`], shaped for VADER's hot
//! path: one lookup per token.
//!
//! Keys of up to 16 bytes (all but a handful of lexicon words, and nearly
//! every token) are stored inline in the slot as two `u64`s, so a lookup is
//! one multiply-rotate hash of those two words, one slot load and two
//! integer compares: no SipHash, no pointer chase to a key on the heap, no
//! `memcmp` call. Longer keys go to an ordinary map with the Fx hash. The
//! map is never iterated, so nothing depends on slot order.

use super::lexicon::Entry;
use crate::hash::FxMap;

/// Bytes of a key stored inline.
pub(crate) const INLINE: usize = 16;

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: [u64; 2],
    valence: f64,
    flags: u32,
    /// Key length in bytes; 0 marks an empty slot (keys are never empty).
    len: u32,
}

/// Words of the presence filter (16 KiB, so it stays in L1 cache).
const FILTER_WORDS: usize = 1 << 11;

/// Lowercased token -> [`Entry`].
#[derive(Clone, Debug)]
pub(crate) struct WordMap {
    /// A blocked Bloom filter: each key sets two bits of one word (chosen
    /// by hash bits 20..43); either clear means "not a key". Most tokens
    /// of a text are not keys, and this answers for about 99% of them
    /// without touching the 512 KiB slot array, where each look-up would
    /// likely miss the cache.
    /// (A fixed-size array: indexing it needs no bounds check.)
    filter: Box<[u64; FILTER_WORDS]>,
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the slot.
    shift: u32,
    inline_len: usize,
    long: FxMap<Box<[u8]>, Entry>,
}

impl Default for WordMap {
    fn default() -> WordMap {
        WordMap {
            filter: Box::new([0; FILTER_WORDS]),
            slots: vec![Slot::default(); 16],
            shift: 64 - 4,
            inline_len: 0,
            long: FxMap::default(),
        }
    }
}

/// The two little-endian words of a key of at most 16 bytes, zero padded,
/// read with two overlapping loads per word instead of a variable-length
/// copy (the bytes where the loads overlap are the same bytes).
#[inline]
pub(crate) fn pack(k: &[u8]) -> [u64; 2] {
    let n = k.len();
    debug_assert!(n <= INLINE);
    let load8 = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap_or_default());
    let load4 = |s: &[u8]| u64::from(u32::from_le_bytes(s.try_into().unwrap_or_default()));
    match n {
        9..=16 => [load8(&k[..8]), load8(&k[n - 8..]) >> (8 * (16 - n))],
        8 => [load8(k), 0],
        4..=7 => [load4(&k[..4]) | (load4(&k[n - 4..]) << (8 * (n - 4))), 0],
        1..=3 => {
            let b = |i: usize| u64::from(k[i]) << (8 * i);
            [b(0) | b(n / 2) | b(n - 1), 0]
        }
        _ => [0, 0],
    }
}

/// [`pack`] for a key of `len` bytes that starts a 16-byte window (bytes
/// past `len` are ignored): two loads and two masks, no branch on the
/// length.
#[inline]
pub(crate) fn pack_window(window: &[u8; INLINE], len: usize) -> [u64; 2] {
    debug_assert!(len <= INLINE);
    let (a, b) = window.split_at(8);
    let w0 = u64::from_le_bytes(a.try_into().unwrap_or_default());
    let w1 = u64::from_le_bytes(b.try_into().unwrap_or_default());
    // Bytes kept of each word: min(len, 8) and len - 8 (if positive).
    let mask = |k: usize| u64::MAX.checked_shr(64 - 8 * k as u32).unwrap_or(0);
    [w0 & mask(len.min(8)), w1 & mask(len.saturating_sub(8))]
}

/// ASCII-lowercases the eight bytes of `x`, all of which must be ASCII:
/// adds 0x20 to each byte in `A..=Z` (SWAR: the high bit of each byte of
/// `x + 0x3f..` says "byte >= 'A'", of `x + 0x25..` "byte > 'Z'").
#[inline]
pub(crate) fn ascii_lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let ge_a = x.wrapping_add(ONES * (0x80 - b'A' as u64));
    let gt_z = x.wrapping_add(ONES * (0x80 - b'Z' as u64 - 1));
    x | (((ge_a & !gt_z) & (ONES * 0x80)) >> 2)
}

/// The filter word and the two bits of a hash: middle bits, independent of
/// the top bits that pick the slot.
#[inline]
fn filter_bits(h: u64) -> (usize, u64) {
    let word = (h >> 20) as usize % FILTER_WORDS;
    (word, 1 << ((h >> 31) % 64) | 1 << ((h >> 37) % 64))
}

/// The hash of a packed key, blind to ASCII case: bit 5 of every byte is
/// set first (which lowercases `A..=Z` and maps a few other bytes onto
/// each other). So an ASCII token can be hashed, and rejected by the
/// filter, before it is lowercased: `hash(k) == hash(lowercase(k))`.
#[inline]
fn hash(key: [u64; 2], len: usize) -> u64 {
    const FOLD: u64 = 0x2020_2020_2020_2020;
    let (k0, k1) = (key[0] | FOLD, key[1] | FOLD);
    (k0.wrapping_mul(K).rotate_left(26) ^ k1 ^ len as u64).wrapping_mul(K)
}

impl WordMap {
    /// Number of keys.
    pub fn len(&self) -> usize {
        self.inline_len + self.long.len()
    }

    /// The entry of a key of at most [`INLINE`] bytes, packed by [`pack`].
    #[inline]
    pub fn get_packed(&self, key: [u64; 2], len: usize) -> Entry {
        self.get_ascii_packed(key, len, |k| k)
    }

    /// The entry of the lowercased form of an ASCII token of at most
    /// [`INLINE`] bytes, packed by [`pack`] or [`pack_window`]. `lower`
    /// lowercases a packed word; it only runs for the few tokens the
    /// filter lets through. Always inlined: it runs once per token, and a
    /// call costs a fifth of it in register saves.
    #[inline(always)]
    pub fn get_ascii_packed(&self, raw: [u64; 2], len: usize, lower: impl Fn(u64) -> u64) -> Entry {
        let h = hash(raw, len);
        let (word, bits) = filter_bits(h);
        if self.filter[word] & bits != bits {
            return Entry::default();
        }
        let key = raw.map(lower);
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let s = &self.slots[i];
            if s.len as usize == len && s.key == key {
                return Entry {
                    valence: s.valence,
                    flags: s.flags,
                };
            }
            if s.len == 0 {
                return Entry::default();
            }
            i = (i + 1) & mask;
        }
    }

    /// The entry of `key` (all flags clear if absent).
    pub fn get(&self, key: &[u8]) -> Entry {
        if key.len() > INLINE {
            self.long.get(key).copied().unwrap_or_default()
        } else if key.is_empty() {
            Entry::default()
        } else {
            self.get_packed(pack(key), key.len())
        }
    }

    /// Applies `f` to the entry of `key`, inserting a default one first if
    /// absent. `key` must not be empty.
    pub fn update(&mut self, key: &[u8], f: impl FnOnce(&mut Entry)) {
        assert!(!key.is_empty(), "empty lexicon key");
        if key.len() > INLINE {
            f(self.long.entry(key.into()).or_default());
            return;
        }
        if 2 * (self.inline_len + 1) > self.slots.len() {
            self.grow();
        }
        let (packed, len) = (pack(key), key.len());
        let h = hash(packed, len);
        let (word, bits) = filter_bits(h);
        self.filter[word] |= bits;
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let s = &mut self.slots[i];
            if s.len == 0 {
                *s = Slot {
                    key: packed,
                    len: len as u32,
                    ..Slot::default()
                };
                self.inline_len += 1;
            }
            if s.len as usize == len && s.key == packed {
                let mut e = Entry {
                    valence: s.valence,
                    flags: s.flags,
                };
                f(&mut e);
                s.valence = e.valence;
                s.flags = e.flags;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether the filter lets `key` (at most [`INLINE`] bytes) through.
    #[cfg(test)]
    fn passes_filter(&self, key: &[u8]) -> bool {
        let (word, bits) = filter_bits(hash(pack(key), key.len()));
        self.filter[word] & bits == bits
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let size = old.len() * 2;
        self.slots = vec![Slot::default(); size];
        self.shift = 64 - size.trailing_zeros();
        let mask = size - 1;
        for s in old.into_iter().filter(|s| s.len != 0) {
            let mut i = (hash(s.key, s.len as usize) >> self.shift) as usize;
            while self.slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_update_long_and_short() {
        let mut m = WordMap::default();
        let words = [
            "a",
            "good",
            "exactly8",
            "exactly16bytes!!",
            "seventeen-bytes!!",
            "a much longer word than sixteen",
        ];
        for (k, w) in words.iter().enumerate() {
            m.update(w.as_bytes(), |e| e.valence = k as f64);
        }
        // Enough keys to force several rehashes.
        for k in 0..1000 {
            m.update(format!("w{k}").as_bytes(), |e| e.flags = k);
        }
        assert_eq!(m.len(), words.len() + 1000);
        for (k, w) in words.iter().enumerate() {
            assert_eq!(m.get(w.as_bytes()).valence, k as f64, "{w}");
        }
        for k in 0..1000 {
            assert_eq!(m.get(format!("w{k}").as_bytes()).flags, k);
        }
        m.update(b"good", |e| e.flags |= 8);
        assert_eq!(m.get(b"good").flags, 8);
        assert_eq!(m.get(b"good").valence, 1.0);
        assert_eq!(m.get(b"goo"), Entry::default());
        assert_eq!(m.get(b"goods"), Entry::default());
        assert_eq!(m.get(b""), Entry::default());
        // Keys that differ only past byte 8, or only in length.
        assert_eq!(m.get(b"exactly16bytes!?"), Entry::default());
        assert_eq!(m.get(b"a\0"), Entry::default());
    }

    #[test]
    fn filter_passes_keys_and_stops_most_other_words() {
        let t = super::super::lexicon::Table::bundled();
        for w in ["good", "the", "of", "not", ":)", "kind"] {
            assert!(t.words.passes_filter(w.as_bytes()), "{w}");
        }
        // Made-up words (no key has a digit after letters and a `#`).
        let passed = (0..10_000)
            .filter(|k| t.words.passes_filter(format!("w{k}x#").as_bytes()))
            .count();
        assert!(passed < 300, "{passed} of 10000 non-keys pass");
    }

    #[test]
    fn ascii_lookup_lowercases_after_the_case_blind_hash() {
        let mut m = WordMap::default();
        m.update(b"good", |e| e.valence = 1.9);
        m.update(b":p", |e| e.valence = 1.0);
        m.update(b":P", |e| e.valence = 1.4);
        let get = |w: &[u8]| m.get_ascii_packed(pack(w), w.len(), ascii_lower8).valence;
        assert_eq!(get(b"GooD"), 1.9);
        assert_eq!(get(b"good"), 1.9);
        // Tokens are lowercased, so ":P" finds ":p"; the exact-key lookup
        // still tells the two apart.
        assert_eq!(get(b":P"), 1.0);
        assert_eq!(m.get(b":P").valence, 1.4);
        assert_eq!(get(b"GOODS"), 0.0);
    }

    #[test]
    fn pack_is_the_zero_padded_key() {
        let text = b"0123456789abcdefXYZ";
        for n in 0..=INLINE {
            let mut b = [0u8; 16];
            b[..n].copy_from_slice(&text[..n]);
            let want = [
                u64::from_le_bytes(b[..8].try_into().unwrap()),
                u64::from_le_bytes(b[8..].try_into().unwrap()),
            ];
            assert_eq!(pack(&text[..n]), want, "{n}");
        }
    }

    #[test]
    fn pack_window_ignores_trailing_bytes() {
        let text = *b"0123456789abcdef";
        for n in 0..=INLINE {
            assert_eq!(pack_window(&text, n), pack(&text[..n]), "{n}");
        }
    }

    #[test]
    fn lower8_is_ascii_lowercase() {
        for chunk in (0u8..128).collect::<Vec<_>>().chunks(8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap());
            let want: Vec<u8> = chunk.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(ascii_lower8(x).to_le_bytes().to_vec(), want);
        }
    }
}
