//! A hash map from lowercased tokens to [`Entry`], shaped for VADER's hot
//! path: one lookup per token.
//!
//! Keys of up to 16 bytes (all but a handful of lexicon words, and nearly
//! every token) are stored inline in the slot as two `u64`s, so a lookup is
//! one multiply-rotate hash of those two words, one slot load and two
//! integer compares: no SipHash, no pointer chase to a key on the heap, no
//! `memcmp` call. Longer keys go to an ordinary map with the Fx hash. The
//! map is never iterated, so nothing depends on slot order.

use super::lexicon::{Entry, FxMap};

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

/// Lowercased token -> [`Entry`].
#[derive(Clone, Debug)]
pub(crate) struct WordMap {
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the slot.
    shift: u32,
    inline_len: usize,
    long: FxMap<Box<[u8]>, Entry>,
}

impl Default for WordMap {
    fn default() -> WordMap {
        WordMap {
            slots: vec![Slot::default(); 16],
            shift: 64 - 4,
            inline_len: 0,
            long: FxMap::default(),
        }
    }
}

/// The two little-endian words of a key of at most 16 bytes, zero padded.
#[inline]
fn pack(key: &[u8]) -> [u64; 2] {
    let mut b = [0u8; INLINE];
    b[..key.len()].copy_from_slice(key);
    pack_padded(&b, key.len())
}

/// [`pack`] for a key that starts a 16-byte window (bytes past `len` are
/// ignored), which avoids a variable-length copy in the hot path.
#[inline]
pub(crate) fn pack_padded(window: &[u8; INLINE], len: usize) -> [u64; 2] {
    debug_assert!(len <= INLINE);
    let (a, b) = window.split_at(8);
    let w0 = u64::from_le_bytes(a.try_into().unwrap_or_default());
    let w1 = u64::from_le_bytes(b.try_into().unwrap_or_default());
    let mask = |n: usize| {
        if n >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        }
    };
    [w0 & mask(len), w1 & mask(len.saturating_sub(8))]
}

#[inline]
fn hash(key: [u64; 2], len: usize) -> u64 {
    (key[0].wrapping_mul(K).rotate_left(26) ^ key[1] ^ len as u64).wrapping_mul(K)
}

impl WordMap {
    /// Number of keys.
    pub fn len(&self) -> usize {
        self.inline_len + self.long.len()
    }

    /// The entry of a key of at most [`INLINE`] bytes given as a padded
    /// window (see [`pack_padded`]).
    #[inline]
    pub fn get_packed(&self, key: [u64; 2], len: usize) -> Entry {
        let mask = self.slots.len() - 1;
        let mut i = (hash(key, len) >> self.shift) as usize;
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
        let mask = self.slots.len() - 1;
        let mut i = (hash(packed, len) >> self.shift) as usize;
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
    fn padded_window_ignores_trailing_bytes() {
        let mut window = *b"goodXXXXXXXXXXXX";
        let a = pack_padded(&window, 4);
        window[5] = b'Y';
        assert_eq!(pack_padded(&window, 4), a);
        assert_eq!(pack(b"good"), a);
        let w = *b"0123456789abcdef";
        assert_eq!(pack_padded(&w, 16), pack(&w));
        assert_eq!(pack_padded(&w, 9), pack(b"012345678"));
    }
}
