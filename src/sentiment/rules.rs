//! VADER's scoring rules, transcribed from `vaderSentiment.py` 3.3.2.
//!
//! Every rule carries the name of the Python function (or constant) it
//! reproduces. The aim is bit-for-bit parity, so the reference's quirks are
//! kept where they change scores, each marked `QUIRK`. Arithmetic is done
//! in the same order as in Python, in `f64`, so that rounding errors are the
//! same too.
//!
//! Hot path: for ASCII text (nearly all news), each token is read as one
//! 16-byte window whose byte classes ([`super::swar`]: white space,
//! letters, case, punctuation, as bit masks) give its end, its stripped
//! word and its case without a branch per byte; each
//! token stays a span of the text (no copy, no allocation) and is looked up
//! once in an inline-key hash map ([`super::wordmap`]): hashed blind to case,
//! so that the three tokens in four that are no key are rejected by a small
//! filter before being lowercased. The map returns everything the rules ask
//! about the word ([`Entry`](super::lexicon::Entry): valence and role
//! flags). While tokenizing, the caps count, the union of flags, the idiom
//! pairs and the lexicon words ("hits") are gathered, so that scoring visits
//! only the hits, and runs the rules only for a hit with a flagged word
//! near it. The rules read flags, never strings, except for the rare idiom
//! candidates. Buffers are reused across calls (a thread-local
//! [`Scratch`]). Text with other characters takes a general path with
//! Python's Unicode white space and lowercasing.

use super::Scores;
use super::lexicon::{Table, flag};
use super::py;
use super::swar;
use super::wordmap::{INLINE, ascii_lower8, pack_window};
use std::cell::RefCell;

/// `B_INCR`: mean rating increase for a booster word; `B_DECR` is its
/// negative. (The two values of lexicons/vader_boosters.tsv.)
const B_INCR: f64 = 0.293;
/// `C_INCR`: mean rating increase for a word in ALL CAPS.
const C_INCR: f64 = 0.733;
/// `N_SCALAR`: a negated valence is multiplied by this.
const N_SCALAR: f64 = -0.74;

/// One token of `SentiText.words_and_emoticons`, with what the rules need.
#[derive(Clone, Copy, Debug)]
struct Token {
    /// Its text: `text[lo..hi]` of the scored text if `in_text` (ASCII
    /// tokens, compared case-insensitively), else its lowercased form in
    /// `Scratch::lower`.
    lo: u32,
    hi: u32,
    in_text: bool,
    /// The table entry of the lowercased text, flattened (with the fields
    /// above, 24 bytes instead of 32).
    valence: f64,
    flags: u32,
    /// `item.isupper()`.
    upper: bool,
}

impl Token {
    #[inline]
    fn is(&self, f: u32) -> bool {
        self.flags & f != 0
    }

    #[inline]
    fn in_lexicon(&self) -> bool {
        self.is(flag::IN_LEXICON)
    }
}

/// The tokens of a text, and what the rules ask about all of them, gathered
/// as they are pushed (so that scoring does not walk them all again).
#[derive(Default)]
struct Tokens {
    list: Vec<Token>,
    /// Indices of the lexicon words, in order: the only tokens that can
    /// score (`sentiment_valence` gives the others 0).
    hits: Vec<u32>,
    /// How many tokens are ALL CAPS (`allcap_differential`).
    upper: usize,
    /// The union of all tokens' flags.
    flags: u32,
}

impl Tokens {
    fn clear(&mut self) {
        self.list.clear();
        self.hits.clear();
        self.upper = 0;
        self.flags = 0;
    }

    /// Appends a token. A `PHRASE_FIRST` token followed by a
    /// `PHRASE_SECOND` one gets `PAIR`, so that `special_idioms_check`
    /// compares strings only near one.
    #[inline]
    fn push(&mut self, t: Token) {
        let f = t.flags;
        if f & flag::PHRASE_SECOND != 0
            && let Some(prev) = self.list.last_mut()
            && prev.is(flag::PHRASE_FIRST)
        {
            prev.flags |= flag::PAIR;
        }
        if f & flag::IN_LEXICON != 0 {
            self.hits.push(self.list.len() as u32);
        }
        self.upper += usize::from(t.upper);
        self.flags |= f;
        self.list.push(t);
    }
}

/// Buffers reused across calls on one thread, so scoring allocates nothing
/// per token (and, after warm-up, nothing per call for ASCII text).
#[derive(Default)]
struct Scratch {
    /// The text with emojis replaced by their descriptions.
    text: String,
    /// Lowercased non-ASCII tokens, back to back (and a long ASCII token
    /// while it is looked up).
    lower: Vec<u8>,
    /// ASCII text followed by [`INLINE`] spaces, so that every token
    /// starts a full 16-byte window.
    padded: Vec<u8>,
    tokens: Tokens,
    sentiments: Vec<f64>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// `SentimentIntensityAnalyzer.polarity_scores`.
pub(crate) fn polarity_scores(table: &Table, text: &str) -> Scores {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => score(table, text, &mut scratch),
        // Unreachable in practice (scoring never re-enters itself), but a
        // fresh scratch is always correct.
        Err(_) => score(table, text, &mut Scratch::default()),
    })
}

fn score(table: &Table, text: &str, scratch: &mut Scratch) -> Scores {
    let Scratch {
        text: buf,
        lower,
        padded,
        tokens,
        sentiments,
    } = scratch;
    let (text, ascii) = if text.is_ascii() {
        (text, true)
    } else {
        let text = replace_emojis(table, text, buf);
        (text, text.is_ascii())
    };
    let marks = tokenize(table, text, ascii, lower, padded, tokens);

    // SentiText.__init__ -> allcap_differential: ALL CAPS emphasis counts
    // only if some, but not all, tokens are upper case.
    let n = tokens.list.len();
    let cap_diff = tokens.upper > 0 && tokens.upper < n;
    let has_but = tokens.flags & flag::BUT != 0;
    let hits = tokens.hits.as_slice();
    let tokens = tokens.list.as_slice();
    let words = Words {
        tokens,
        text: text.as_bytes(),
        lower: lower.as_slice(),
    };

    // polarity_scores, main loop. The sums of `score_valence` are taken on
    // the way. Without a "but" only the lexicon words are visited (the
    // others score 0, which changes no sum); with one, the list of
    // sentiments is kept for `but_check`, which changes it, after which
    // the sums are redone.
    let mut sums = Sums::default();
    if !has_but {
        for &i in hits {
            let i = i as usize;
            if let Some(valence) = scored_valence(table, &words, i, cap_diff) {
                sums.add(valence);
            }
        }
        return score_valence(&sums, n, marks);
    }
    sentiments.clear();
    for i in 0..n {
        let valence = scored_valence(table, &words, i, cap_diff).unwrap_or(0.0);
        sums.add(valence);
        sentiments.push(valence);
    }
    if but_check(tokens, sentiments) {
        sums = Sums::default();
        for &s in sentiments.iter() {
            sums.add(s);
        }
    }
    score_valence(&sums, n, marks)
}

/// The valence the main loop of `polarity_scores` gives token `i`, or
/// `None` for 0. Words outside the lexicon score 0 (`sentiment_valence`,
/// inlined here for speed). Boosters get no valence of their own
/// ("item.lower() in BOOSTER_DICT"), nor does "kind" in "kind of".
#[inline]
fn scored_valence(table: &Table, words: &Words, i: usize, cap_diff: bool) -> Option<f64> {
    let tokens = words.tokens;
    let t = &tokens[i];
    if !t.in_lexicon()
        || t.is(flag::BOOSTER)
        || (i + 1 < tokens.len() && t.is(flag::KIND) && tokens[i + 1].is(flag::OF))
    {
        return None;
    }
    Some(sentiment_valence(table, words, i, cap_diff))
}

/// The tokens of one text, and the buffers their spans point into.
struct Words<'a> {
    tokens: &'a [Token],
    text: &'a [u8],
    lower: &'a [u8],
}

impl Words<'_> {
    /// Whether `str(token).lower() == key`, for a lowercase ASCII `key`.
    #[inline]
    fn lower_eq(&self, i: usize, key: &str) -> bool {
        let t = &self.tokens[i];
        let (lo, hi) = (t.lo as usize, t.hi as usize);
        if t.in_text {
            self.text[lo..hi].eq_ignore_ascii_case(key.as_bytes())
        } else {
            self.lower[lo..hi] == *key.as_bytes()
        }
    }
}

/// The emoji loop at the top of `polarity_scores`: each code point found in
/// the emoji lexicon becomes its description, preceded by a space unless the
/// previous character was a space (`prev_space`). QUIRK: no space is added
/// *after* the description, so "😁ok" becomes "beaming face with smiling
/// eyesok". The final `.strip()` is skipped: it cannot change the tokens
/// nor the `!`/`?` counts.
fn replace_emojis<'a>(table: &Table, text: &'a str, buf: &'a mut String) -> &'a str {
    let Some((first, _)) = text
        .char_indices()
        .find(|&(_, c)| !c.is_ascii() && table.emojis.contains_key(&c))
    else {
        return text;
    };
    buf.clear();
    buf.push_str(&text[..first]);
    let mut prev_space = first == 0 || text[..first].ends_with(' ');
    for c in text[first..].chars() {
        match table.emojis.get(&c) {
            Some(description) if !c.is_ascii() => {
                if !prev_space {
                    buf.push(' ');
                }
                buf.push_str(description);
                prev_space = false;
            }
            _ => {
                buf.push(c);
                prev_space = c == ' ';
            }
        }
    }
    buf
}

/// `SentiText._words_and_emoticons`: `text.split()`, then
/// `_strip_punc_if_word` on each token: strip `string.punctuation` from both
/// ends unless that leaves two characters or fewer (then the token was
/// likely an emoticon such as ":)" and is kept whole). One-letter words are
/// kept (they count for the negation window). Each token is looked up as
/// it is found. `ascii` is `text.is_ascii()`, which the caller knows.
fn tokenize(
    table: &Table,
    text: &str,
    ascii: bool,
    lower: &mut Vec<u8>,
    padded: &mut Vec<u8>,
    tokens: &mut Tokens,
) -> Marks {
    lower.clear();
    tokens.clear();
    padded.clear();
    padded.extend_from_slice(text.as_bytes());
    padded.extend_from_slice(&[b' '; INLINE]);
    if ascii {
        tokenize_ascii(table, padded, lower, tokens)
    } else {
        tokenize_mixed(table, text, padded, lower, tokens);
        Marks::count(text.as_bytes())
    }
}

/// [`tokenize`] for text with some non-ASCII character: split on Python's
/// white space (Unicode's, and the separators `\x1c..=\x1f`), with the
/// ASCII tokens (most of them: news text is ASCII but for curly quotes and
/// dashes) read as [`tokenize_ascii`] reads them, and the others stripped,
/// lowercased and looked up char by char. `padded` is the text and
/// [`INLINE`] spaces. The caller counts "!" and "?".
fn tokenize_mixed(
    table: &Table,
    text: &str,
    padded: &[u8],
    lower: &mut Vec<u8>,
    tokens: &mut Tokens,
) {
    let b = text.as_bytes();
    let char_at = |i: usize| text[i..].chars().next().expect("a char boundary");
    let mut uncounted = Marks::default();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            if py::is_space_ascii(b[i]) {
                i += 1;
                continue;
            }
        } else {
            let c = char_at(i);
            if py::is_space(c) {
                i += c.len_utf8();
                continue;
            }
        }
        // A token: up to the next white space.
        let (mut j, mut ascii) = (i, true);
        while j < b.len() {
            if b[j] < 0x80 {
                if py::is_space_ascii(b[j]) {
                    break;
                }
                j += 1;
            } else {
                let c = char_at(j);
                if py::is_space(c) {
                    break;
                }
                ascii = false;
                j += c.len_utf8();
            }
        }
        if ascii {
            ascii_token(table, padded, i, Some(j), lower, tokens, &mut uncounted);
        } else {
            let raw = &text[i..j];
            let stripped = py::strip_punctuation(raw);
            let word = if py::char_len(stripped) <= 2 {
                raw
            } else {
                stripped
            };
            push_lowered(table, word, lower, tokens);
        }
        i = j;
    }
}

/// The "!" and "?" of a text, for `_punctuation_emphasis`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Marks {
    bangs: usize,
    questions: usize,
}

impl Marks {
    fn count(bytes: &[u8]) -> Marks {
        let mut m = Marks::default();
        for &b in bytes {
            m.bangs += usize::from(b == b'!');
            m.questions += usize::from(b == b'?');
        }
        m
    }
}

/// Byte classes for [`tokenize_ascii`] (bit flags).
const SPACE: u8 = 1;
const PUNCT: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;
const APOSTROPHE: u8 = 16;

/// The class of every ASCII byte: Python white space, `string.punctuation`,
/// upper and lower case letters, and `'` (the "n't" prefilter). Bytes
/// >= 0x80 never occur (ASCII text only) and have no class.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut f = 0;
        if py::is_space_ascii(c) {
            f |= SPACE;
        }
        if c.is_ascii_punctuation() {
            f |= PUNCT;
        }
        if c.is_ascii_uppercase() {
            f |= UPPER;
        }
        if c.is_ascii_lowercase() {
            f |= LOWER;
        }
        if c == b'\'' {
            f |= APOSTROPHE;
        }
        t[b] = f;
        b += 1;
    }
    t
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
}

/// [`tokenize`] for ASCII text (the usual case). Tokens stay in place
/// (spans into the text). Each token is read as one 16-byte window
/// ([`swar`]): its end is the first white space byte of the window, its
/// case, punctuation and "n't" are bit tests on the window, its key (the
/// window masked to the stripped word) is looked up lowercased. Only the
/// rare token of 16 bytes or more is scanned byte by byte. `padded` is the
/// text and [`INLINE`] spaces.
fn tokenize_ascii(table: &Table, padded: &[u8], lower: &mut Vec<u8>, tokens: &mut Tokens) -> Marks {
    let n = padded.len() - INLINE;
    let mut marks = Marks::default();
    let mut i = 0;
    loop {
        while i < n && class(padded[i]) & SPACE != 0 {
            i += 1;
        }
        if i >= n {
            break;
        }
        // Past the white space byte that ends the token.
        i = ascii_token(table, padded, i, None, lower, tokens, &mut marks) + 1;
    }
    lower.clear();
    marks
}

/// Reads the ASCII token starting at `i` of `padded` (see
/// [`tokenize_ascii`]) and returns where it ends. `end` is its end if the
/// caller knows it ([`tokenize_mixed`]: the text after it may be
/// non-ASCII, so the window is cut there and filled with spaces, as if the
/// token were followed by one); else it ends at the first white space.
#[inline(always)]
fn ascii_token(
    table: &Table,
    padded: &[u8],
    i: usize,
    end: Option<usize>,
    lower: &mut Vec<u8>,
    tokens: &mut Tokens,
    marks: &mut Marks,
) -> usize {
    let window = padded[i..i + INLINE].try_into().unwrap_or(&[b' '; INLINE]);
    let mut w = u128::from_le_bytes(*window);
    if let Some(end) = end {
        if end - i >= INLINE {
            return long_token(table, padded, i, end, lower, tokens, marks);
        }
        let keep = swar::first_bytes(end - i);
        w = (w & keep) | (u128::from_le_bytes([b' '; INLINE]) & !keep);
    }
    let classes = swar::common(w);
    // The token ends at the first white space byte. Usually that is the
    // first byte <= 0x20; a control byte (not white space) before it,
    // or no white space in 16 bytes, makes a long token.
    let len = classes.le_space.trailing_zeros() as usize;
    let long = match end {
        None => len >= INLINE || !py::is_space_ascii(padded[i + len]),
        // Cut at the known end: a first byte <= 0x20 before it is a
        // control byte inside the token.
        Some(end) => len != end - i,
    };
    if long {
        let end = end.unwrap_or_else(|| ascii_token_end(padded, i));
        return long_token(table, padded, i, end, lower, tokens, marks);
    }
    // bytes[i] is not white space, so 1 <= len <= 15.
    let in_token = swar::first(len);
    let letters = classes.letters & in_token;
    // `item.isupper()`: some upper case letter, no lower case one.
    let upper = letters != 0 && classes.lowercase & in_token == 0;
    let x = w & swar::first_bytes(len);
    let (mut s, mut key, mut key_len, mut nt) = (i, x, len, 0);
    if letters != in_token {
        // Some byte is not a letter: punctuation to strip, "!" and
        // "?" to count, maybe "n't".
        let rare = swar::rare(w);
        let punct = rare.punct & in_token;
        if punct != 0 {
            // Every "!" and "?" of the text is in some token: count
            // here, in the tokens that have punctuation at all. (Most
            // punctuation is "," or "."; counting bits costs a dozen
            // instructions without a POPCNT instruction.)
            if (rare.bangs | rare.questions) & in_token != 0 {
                marks.bangs += (rare.bangs & in_token).count_ones() as usize;
                marks.questions += (rare.questions & in_token).count_ones() as usize;
            }
            // `_strip_punc_if_word`: strip both ends unless that leaves
            // two characters or fewer.
            let kept = !punct & in_token;
            if kept != 0 {
                let first = kept.trailing_zeros() as usize;
                let last = 31 - kept.leading_zeros() as usize;
                let word_len = last + 1 - first;
                if word_len > 2 {
                    s = i + first;
                    key_len = word_len;
                    key = (x >> (8 * first)) & swar::first_bytes(word_len);
                }
            }
        }
        // `negated`, include_nt: any word containing "n't" (any case)
        // negates. A "n't" in the raw token is in the stripped word too.
        if rare.nt & (in_token >> 2) != 0 {
            nt = flag::NT;
        }
    }
    let entry =
        table
            .words
            .get_ascii_packed([key as u64, (key >> 64) as u64], key_len, ascii_lower8);
    tokens.push(Token {
        lo: s as u32,
        hi: (s + key_len) as u32,
        in_text: true,
        valence: entry.valence,
        flags: entry.flags | nt,
        upper,
    });
    i + len
}

/// Where the ASCII token starting at `start` ends: at the first white space
/// byte, or at the end of the text.
fn ascii_token_end(padded: &[u8], start: usize) -> usize {
    let bytes = &padded[..padded.len() - INLINE];
    bytes[start..]
        .iter()
        .position(|&b| class(b) & SPACE != 0)
        .map_or(bytes.len(), |k| start + k)
}

/// A token of [`tokenize_ascii`] with no white space in its first 16 bytes,
/// or a control byte, from `start` to `end`: scanned byte by byte. Returns
/// `end`.
#[cold]
#[inline(never)]
fn long_token(
    table: &Table,
    padded: &[u8],
    start: usize,
    end: usize,
    lower: &mut Vec<u8>,
    tokens: &mut Tokens,
    marks: &mut Marks,
) -> usize {
    let bytes = &padded[..padded.len() - INLINE];
    let seen = bytes[start..end]
        .iter()
        .fold(0u8, |seen, &b| seen | class(b));
    let (mut s, mut e) = (start, end);
    if seen & PUNCT != 0 {
        let m = Marks::count(&bytes[start..end]);
        marks.bangs += m.bangs;
        marks.questions += m.questions;
        while s < e && class(bytes[s]) & PUNCT != 0 {
            s += 1;
        }
        while e > s && class(bytes[e - 1]) & PUNCT != 0 {
            e -= 1;
        }
        if e - s <= 2 {
            (s, e) = (start, end);
        }
    }
    let word = &bytes[s..e];
    let mut entry = if word.len() <= INLINE {
        let window = padded[s..s + INLINE].try_into().unwrap_or(&[0; INLINE]);
        let raw = pack_window(window, word.len());
        table.words.get_ascii_packed(raw, word.len(), ascii_lower8)
    } else {
        // Looked up lowercased at the end of `lower`, which may hold the
        // lowered non-ASCII tokens before it ([`tokenize_mixed`]).
        let lo = lower.len();
        lower.extend(word.iter().map(u8::to_ascii_lowercase));
        let entry = table.words.get(&lower[lo..]);
        lower.truncate(lo);
        entry
    };
    if seen & APOSTROPHE != 0
        && word.windows(3).any(|w| {
            w[0].eq_ignore_ascii_case(&b'n') && w[1] == b'\'' && w[2].eq_ignore_ascii_case(&b't')
        })
    {
        entry.flags |= flag::NT;
    }
    tokens.push(Token {
        lo: s as u32,
        hi: e as u32,
        in_text: true,
        valence: entry.valence,
        flags: entry.flags,
        upper: seen & UPPER != 0 && seen & LOWER == 0,
    });
    end
}

/// Lowercases a token of non-ASCII text into `lower` (Python's `lower()`,
/// see [`py::push_lower`]) and looks it up.
fn push_lowered(table: &Table, word: &str, lower: &mut Vec<u8>, tokens: &mut Tokens) {
    let lo = lower.len();
    py::push_lower(word, lower);
    let key = &lower[lo..];
    let mut entry = table.words.get(key);
    // `negated`, include_nt.
    if key.windows(3).any(|w| w == b"n't") {
        entry.flags |= flag::NT;
    }
    tokens.push(Token {
        lo: lo as u32,
        hi: lower.len() as u32,
        in_text: false,
        valence: entry.valence,
        flags: entry.flags,
        upper: py::is_upper(word),
    });
}

/// `scalar_inc_dec`: the boost (or damping) a booster word gives the
/// valence of a later word, signed like that valence, with ALL CAPS
/// emphasis. QUIRK: with `valence == 0` the scalar keeps its own sign but
/// caps emphasis subtracts.
#[inline]
fn scalar_inc_dec(t: &Token, valence: f64, cap_diff: bool) -> f64 {
    let mut scalar = 0.0;
    if t.is(flag::BOOSTER) {
        scalar = if t.is(flag::DAMPENER) {
            -B_INCR
        } else {
            B_INCR
        };
        if valence < 0.0 {
            scalar *= -1.0;
        }
        if t.upper && cap_diff {
            if valence > 0.0 {
                scalar += C_INCR;
            } else {
                scalar -= C_INCR;
            }
        }
    }
    scalar
}

/// `negated([word])` for one lowercased token: a `NEGATE` word, or any word
/// containing "n't" (`include_nt`). The disabled "least" branch of the
/// reference is not reproduced (it is commented out there).
#[inline]
fn negated(words: &Words, j: usize) -> bool {
    // NT is set by `push_token`.
    words.tokens[j].is(flag::NEGATE | flag::NT)
}

/// `SentimentIntensityAnalyzer.sentiment_valence`.
fn sentiment_valence(table: &Table, words: &Words, i: usize, cap_diff: bool) -> f64 {
    let tokens = words.tokens;
    let t = &tokens[i];
    if !t.in_lexicon() {
        return 0.0;
    }
    let n = tokens.len();
    let lexicon_valence = t.valence;

    // Fast path: every rule below needs a flagged word among the three
    // before (a booster, negation, "no", "never", "so"/"this", "without",
    // "least", or the start of an idiom), the word itself to be "no", to
    // start an idiom, or ALL CAPS emphasis. Without any, each step leaves
    // the valence as it is (adding a zero scalar changes no non-zero
    // valence, and the sign of a zero is never seen).
    const CONTEXT: u32 = flag::BOOSTER
        | flag::NEGATE
        | flag::NT
        | flag::NO
        | flag::NEVER
        | flag::SO_THIS
        | flag::WITHOUT
        | flag::LEAST
        | flag::PAIR;
    let before = tokens[i.saturating_sub(3)..i]
        .iter()
        .fold(0, |f, t| f | t.flags);
    if before & CONTEXT == 0 && !t.is(flag::NO | flag::PAIR) && !(t.upper && cap_diff) {
        return lexicon_valence;
    }

    let mut valence = lexicon_valence;

    // The 3.3 "no" rules: "no" before a lexicon word is a negation, not a
    // negative word of its own...
    if t.is(flag::NO) && i != n - 1 && tokens[i + 1].in_lexicon() {
        valence = 0.0;
    }
    // ...and a lexicon word up to two words after "no" (three with "or"/"nor"
    // between) is negated. QUIRK: this recomputes from the lexicon value, so
    // it overrides the line above ("no no good").
    if (i > 0 && tokens[i - 1].is(flag::NO))
        || (i > 1 && tokens[i - 2].is(flag::NO))
        || (i > 2 && tokens[i - 3].is(flag::NO) && tokens[i - 1].is(flag::OR_NOR))
    {
        valence = lexicon_valence * N_SCALAR;
    }

    // ALL CAPS emphasis, only if the text mixes cases. QUIRK: a zero valence
    // (the "no" rule) gets -C_INCR.
    if t.upper && cap_diff {
        if valence > 0.0 {
            valence += C_INCR;
        } else {
            valence -= C_INCR;
        }
    }

    // Boosters and negations in the three preceding tokens, damped with
    // distance (1, 0.95, 0.9). QUIRK: a preceding word that is itself in the
    // lexicon is skipped entirely, negation check included.
    for start_i in 0..3 {
        if i > start_i && !tokens[i - (start_i + 1)].in_lexicon() {
            let mut s = scalar_inc_dec(&tokens[i - (start_i + 1)], valence, cap_diff);
            if start_i == 1 && s != 0.0 {
                s *= 0.95;
            }
            if start_i == 2 && s != 0.0 {
                s *= 0.9;
            }
            valence += s;
            valence = negation_check(valence, words, start_i, i);
            if start_i == 2 {
                valence = special_idioms_check(table, valence, words, i);
            }
        }
    }

    least_check(valence, tokens, i)
}

/// `_negation_check`: the word `start_i + 1` places back negates, except
/// "never so/this" (which boosts by 1.25) and "without doubt".
fn negation_check(valence: f64, words: &Words, start_i: usize, i: usize) -> f64 {
    let tok = |j: usize| &words.tokens[j];
    let mut valence = valence;
    match start_i {
        0 => {
            if negated(words, i - 1) {
                valence *= N_SCALAR;
            }
        }
        1 => {
            if tok(i - 2).is(flag::NEVER) && tok(i - 1).is(flag::SO_THIS) {
                valence *= 1.25;
            } else if tok(i - 2).is(flag::WITHOUT) && tok(i - 1).is(flag::DOUBT) {
                // "without doubt": unchanged
            } else if negated(words, i - 2) {
                valence *= N_SCALAR;
            }
        }
        _ => {
            // QUIRK (operator precedence in the reference):
            // `a == "never" and (b == "so" or b == "this") or (c == "so" or
            // c == "this")` boosts whenever the word just before is "so" or
            // "this", with or without "never".
            if (tok(i - 3).is(flag::NEVER) && tok(i - 2).is(flag::SO_THIS))
                || tok(i - 1).is(flag::SO_THIS)
            {
                valence *= 1.25;
            } else if tok(i - 3).is(flag::WITHOUT)
                && (tok(i - 2).is(flag::DOUBT) || tok(i - 1).is(flag::DOUBT))
            {
                // "without (a) doubt": unchanged
            } else if negated(words, i - 3) {
                valence *= N_SCALAR;
            }
        }
    }
    valence
}

/// `_special_idioms_check`: idioms of `SPECIAL_CASES` around the word
/// replace its valence, and "kind of"-like booster phrases before it add
/// their scalar. Called only at `start_i == 2`, so only for a word with at
/// least three tokens before it and a non-lexicon word three back (QUIRK).
/// Matching is on whole tokens joined by one space, as in Python.
fn special_idioms_check(table: &Table, valence: f64, words: &Words, i: usize) -> f64 {
    let n = words.tokens.len();
    // Every window below starts at i-3, i-2, i-1 or i, and every key has
    // two or more words: without a PAIR token there, nothing can match.
    if words.tokens[i - 3..=i].iter().all(|t| !t.is(flag::PAIR)) {
        return valence;
    }
    let mut valence = valence;
    // Every key has two or more words; tokens that cannot start or continue
    // one (flags set from the same lists) are rejected without comparing.
    let phrase = |t: &[(Vec<Box<str>>, f64)], idx: &[usize]| {
        let tok = &words.tokens;
        if tok[idx[0]].is(flag::PHRASE_FIRST) && tok[idx[1]].is(flag::PHRASE_SECOND) {
            Table::phrase(t, |k, key| words.lower_eq(idx[k], key), idx.len())
        } else {
            None
        }
    };
    // onezero, twoonezero, twoone, threetwoone, threetwo: first match wins.
    let before: [&[usize]; 5] = [
        &[i - 1, i],
        &[i - 2, i - 1, i],
        &[i - 2, i - 1],
        &[i - 3, i - 2, i - 1],
        &[i - 3, i - 2],
    ];
    if let Some(v) = before
        .iter()
        .find_map(|idx| phrase(&table.special_cases, idx))
    {
        valence = v;
    }
    // zeroone, then zeroonetwo (each overriding).
    if n - 1 > i
        && let Some(v) = phrase(&table.special_cases, &[i, i + 1])
    {
        valence = v;
    }
    if n - 1 > i + 1
        && let Some(v) = phrase(&table.special_cases, &[i, i + 1, i + 2])
    {
        valence = v;
    }
    // Booster bi-grams such as "sort of": QUIRK, added unsigned.
    for idx in [&[i - 3, i - 2, i - 1][..], &[i - 3, i - 2], &[i - 2, i - 1]] {
        if let Some(b) = phrase(&table.phrase_boosters, idx) {
            valence += b;
        }
    }
    valence
}

/// `_least_check`: "least" before a word negates it, unless preceded by
/// "at" or "very" ("at least", "very least").
fn least_check(valence: f64, tokens: &[Token], i: usize) -> f64 {
    let mut valence = valence;
    if i > 1 && !tokens[i - 1].in_lexicon() && tokens[i - 1].is(flag::LEAST) {
        if !tokens[i - 2].is(flag::AT_VERY) {
            valence *= N_SCALAR;
        }
    } else if i > 0 && !tokens[i - 1].in_lexicon() && tokens[i - 1].is(flag::LEAST) {
        valence *= N_SCALAR;
    }
    valence
}

/// `_but_check`: valences before the first "but" are halved, those after it
/// multiplied by 1.5.
///
/// QUIRK: the reference walks the list with `sentiments.index(sentiment)`,
/// which finds the *first* equal value, so with repeated values the same
/// slot can be scaled twice and a later one not at all. Reproduced as is.
///
/// Returns whether there was a "but".
fn but_check(tokens: &[Token], sentiments: &mut [f64]) -> bool {
    let Some(bi) = tokens.iter().position(|t| t.is(flag::BUT)) else {
        return false;
    };
    if sentiments.len() <= BUT_CHECK_SCAN_MAX {
        but_check_scan(bi, sentiments);
    } else {
        but_check_indexed(bi, sentiments);
    }
    true
}

/// Up to this many words, `but_check` finds the first equal value by
/// scanning (quadratic, but fastest for sentences); longer texts use an
/// index with the same result, so a 50 MB "sentence" with a "but" stays
/// O(n log n).
const BUT_CHECK_SCAN_MAX: usize = 256;

/// `_but_check` as the reference writes it: `sentiments.index(sentiment)`.
fn but_check_scan(bi: usize, sentiments: &mut [f64]) {
    for k in 0..sentiments.len() {
        let sentiment = sentiments[k];
        let si = sentiments.iter().position(|&s| s == sentiment).unwrap_or(k);
        if si < bi {
            sentiments[si] = sentiment * 0.5;
        } else if si > bi {
            sentiments[si] = sentiment * 1.5;
        }
    }
}

/// The same as [`but_check_scan`], with the first position of each value
/// kept in an ordered index (values compared with `==`, so `0.0` and
/// `-0.0` are one key).
fn but_check_indexed(bi: usize, sentiments: &mut [f64]) {
    use std::collections::{BTreeMap, BTreeSet};
    let key = |v: f64| if v == 0.0 { 0u64 } else { v.to_bits() };
    let mut at: BTreeMap<u64, BTreeSet<usize>> = BTreeMap::new();
    for (i, &v) in sentiments.iter().enumerate() {
        at.entry(key(v)).or_default().insert(i);
    }
    for k in 0..sentiments.len() {
        let sentiment = sentiments[k];
        let si = at
            .get(&key(sentiment))
            .and_then(|set| set.first().copied())
            .unwrap_or(k);
        let new = if si < bi {
            sentiment * 0.5
        } else if si > bi {
            sentiment * 1.5
        } else {
            continue;
        };
        let old = key(sentiments[si]);
        if let Some(set) = at.get_mut(&old) {
            set.remove(&si);
            if set.is_empty() {
                at.remove(&old);
            }
        }
        at.entry(key(new)).or_default().insert(si);
        sentiments[si] = new;
    }
}

/// `_punctuation_emphasis`: up to four "!" add 0.292 each; two or three "?"
/// add 0.18 each, more add 0.96. A single "?" adds nothing. Counted over
/// the whole text after emoji replacement (descriptions such as "ON! arrow"
/// count too).
fn punctuation_emphasis(marks: Marks) -> f64 {
    let (ep, qm) = (marks.bangs, marks.questions);
    let ep_amplifier = ep.min(4) as f64 * 0.292;
    let qm_amplifier = if qm > 1 {
        if qm <= 3 { qm as f64 * 0.18 } else { 0.96 }
    } else {
        0.0
    };
    ep_amplifier + qm_amplifier
}

/// `normalize`: maps a sum of valences into (-1, 1), alpha = 15.
fn normalize(score: f64) -> f64 {
    let norm = score / (score * score + 15.0).sqrt();
    norm.clamp(-1.0, 1.0)
}

/// The running sums of `score_valence` and `_sift_sentiment_scores`.
///
/// Zeros are not added: the Python sums start at `0`, never become `-0.0`
/// (in round-to-nearest, `x + y` is `-0.0` only if both are), and adding
/// `0.0` to anything else changes nothing. So skipping them gives the same
/// bits, and neutral words are simply the tokens not counted here.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    /// `sum(sentiments)`, left to right (CPython before 3.12 sums floats
    /// plainly; the reference file was produced that way, as the parity
    /// test confirms).
    sum: f64,
    /// Positive scores, each + 1 (compensates for neutral words counted
    /// as 1).
    pos: f64,
    /// Negative scores, each - 1.
    neg: f64,
    /// How many scores were not zero.
    nonzero: u32,
}

impl Sums {
    #[inline]
    fn add(&mut self, s: f64) {
        if s > 0.0 {
            self.sum += s;
            self.pos += s + 1.0;
            self.nonzero += 1;
        } else if s < 0.0 {
            self.sum += s;
            self.neg += s - 1.0;
            self.nonzero += 1;
        }
    }
}

/// `score_valence` and `_sift_sentiment_scores`, over `n` sentiments
/// summed in `sums`.
fn score_valence(sums: &Sums, n: usize, marks: Marks) -> Scores {
    if n == 0 {
        return Scores::default();
    }
    if sums.nonzero == 0 {
        // Every sentiment is zero (most sentences without a lexicon
        // word): the sums below are all +0.0, no emphasis applies, and
        // the scores are those of all-neutral words, neu = n / n.
        return Scores {
            neg: 0.0,
            neu: 1.0,
            pos: 0.0,
            compound: 0.0,
        };
    }
    let mut sum_s = sums.sum;
    let punct = punctuation_emphasis(marks);
    // QUIRK kept from the reference: a zero sum gets no emphasis.
    if sum_s > 0.0 {
        sum_s += punct;
    } else if sum_s < 0.0 {
        sum_s -= punct;
    }
    let compound = normalize(sum_s);

    let (mut pos_sum, mut neg_sum) = (sums.pos, sums.neg);
    let neu_count = (n - sums.nonzero as usize) as f64;
    if pos_sum > neg_sum.abs() {
        pos_sum += punct;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= punct;
    }
    let total = pos_sum + neg_sum.abs() + neu_count;
    Scores {
        neg: py::round((neg_sum / total).abs(), 3),
        neu: py::round((neu_count / total).abs(), 3),
        pos: py::round((pos_sum / total).abs(), 3),
        compound: py::round(compound, 4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table::bundled()
    }

    fn tokens_of(text: &str) -> Vec<String> {
        let t = table();
        let (mut lower, mut padded, mut tokens) = (Vec::new(), Vec::new(), Tokens::default());
        tokenize(
            &t,
            text,
            text.is_ascii(),
            &mut lower,
            &mut padded,
            &mut tokens,
        );
        tokens
            .list
            .iter()
            .map(|k| {
                let (lo, hi) = (k.lo as usize, k.hi as usize);
                if k.in_text {
                    text[lo..hi].to_lowercase()
                } else {
                    String::from_utf8(lower[lo..hi].to_vec()).unwrap()
                }
            })
            .collect()
    }

    #[test]
    fn tokens_keep_emoticons_and_one_letter_words() {
        assert_eq!(
            tokens_of("I  love it :) , \"really\"!! a b"),
            ["i", "love", "it", ":)", ",", "really", "a", "b"]
        );
        // Python splits on U+001F and NBSP, not on U+200B.
        assert_eq!(
            tokens_of("a\u{1f}b\u{a0}c\u{200b}d"),
            ["a", "b", "c\u{200b}d"]
        );
        // Stripping stops at two characters: "'ok'" keeps its quotes.
        assert_eq!(tokens_of("'ok' (good)"), ["'ok'", "good"]);
    }

    /// Every token of `text` as (lowercased text, flags, valence bits,
    /// upper), and the marks, from the ASCII path (`ascii`) or the general
    /// one.
    fn token_view(t: &Table, text: &str, ascii: bool) -> (Vec<(String, u32, u64, bool)>, Marks) {
        let (mut lower, mut padded, mut tokens) = (Vec::new(), Vec::new(), Tokens::default());
        let marks = tokenize(t, text, ascii, &mut lower, &mut padded, &mut tokens);
        let list = tokens
            .list
            .iter()
            .map(|k| {
                let (lo, hi) = (k.lo as usize, k.hi as usize);
                let word = if k.in_text {
                    text[lo..hi].to_ascii_lowercase()
                } else {
                    String::from_utf8(lower[lo..hi].to_vec()).unwrap()
                };
                (word, k.flags, k.valence.to_bits(), k.upper)
            })
            .collect();
        (list, marks)
    }

    #[test]
    fn ascii_tokenizer_equals_general_path() {
        // The 16-byte-window tokenizer against the plain split/strip/lower
        // path, on texts built from lexicon words, rule words, punctuation,
        // digits, control bytes and runs long enough for the byte-by-byte
        // fallback (tokens of 15, 16, 17 bytes and more).
        let pieces = [
            "good",
            "GOOD",
            "Good",
            "not",
            "don't",
            "DON'T",
            "isn't",
            "n't",
            "no",
            "never",
            "so",
            "kind",
            "of",
            "but",
            "BUT",
            ":)",
            ":D",
            ":-)",
            "<3",
            "'ok'",
            "(good)",
            "good!!",
            "bad?",
            "?!",
            "!",
            "...",
            "'",
            "\"really\"",
            "x",
            "I",
            "a1",
            "123",
            "--",
            "#tag",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "!!!good!!!!!!!!!!!",
            "''''''''''''''''''",
            "horrible,",
            "well-being",
            "DON'Tx",
            "\u{7f}",
            "\u{1}x",
            "\u{e}",
            "\u{1b}",
            "a\u{0}b",
            "sort",
            "kind-of",
            "at",
            "least",
            "without",
            "doubt",
        ];
        let seps = [
            " ", "  ", "\t", "\n", "\r\n", "\u{1c}", "\u{1f}", "\u{b}", "\u{c}",
        ];
        let t = table();
        let mut seed = 12345u64;
        let mut next = |m: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % m
        };
        for _ in 0..3000 {
            let mut text = String::new();
            if next(4) == 0 {
                text.push_str(seps[next(seps.len())]);
            }
            for _ in 0..next(12) {
                text.push_str(pieces[next(pieces.len())]);
                if next(5) == 0 {
                    text.push_str(pieces[next(pieces.len())]);
                }
                text.push_str(seps[next(seps.len())]);
            }
            if next(2) == 0 {
                text.pop();
            }
            assert!(text.is_ascii());
            assert_eq!(
                token_view(&t, &text, true),
                token_view(&t, &text, false),
                "{text:?}"
            );
        }
    }

    #[test]
    fn emojis_become_descriptions_without_trailing_space() {
        let t = table();
        let mut buf = String::new();
        assert_eq!(replace_emojis(&t, "plain", &mut buf), "plain");
        let mut buf = String::new();
        assert_eq!(
            replace_emojis(&t, "ok😁ok 😁", &mut buf),
            "ok beaming face with smiling eyesok beaming face with smiling eyes"
        );
    }

    #[test]
    fn punctuation_counts() {
        let emphasis = |text: &str| punctuation_emphasis(Marks::count(text.as_bytes()));
        assert_eq!(emphasis("Really?"), 0.0);
        assert_eq!(emphasis("Really??"), 2.0 * 0.18);
        assert_eq!(emphasis("Really????"), 0.96);
        assert_eq!(emphasis("Wow!!!!!!"), 4.0 * 0.292);
        // The ASCII tokenizer counts the marks of the tokens it scans.
        let t = table();
        let (mut lower, mut padded, mut tokens) = (Vec::new(), Vec::new(), Tokens::default());
        for text in ["Wow!! Really?? ?! ! x!y?z", "no marks", "?", " ! "] {
            let marks = tokenize(
                &t,
                text,
                text.is_ascii(),
                &mut lower,
                &mut padded,
                &mut tokens,
            );
            assert_eq!(marks, Marks::count(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn tokens_gather_hits_caps_and_idiom_pairs() {
        let t = table();
        let (mut lower, mut padded, mut tokens) = (Vec::new(), Vec::new(), Tokens::default());
        let text = "The GOOD, the BAD and the bomb: kind of sad";
        tokenize(&t, text, true, &mut lower, &mut padded, &mut tokens);
        // Lexicon words: good, bad, bomb, sad ("kind" too: it is a word of
        // its own in the lexicon).
        let lexicon: Vec<u32> = (0..tokens.list.len() as u32)
            .filter(|&i| tokens.list[i as usize].in_lexicon())
            .collect();
        assert_eq!(tokens.hits, lexicon);
        assert_eq!(tokens.hits.len(), 5);
        assert_eq!(tokens.upper, 2);
        assert!(tokens.flags & flag::IN_LEXICON != 0 && tokens.flags & flag::BUT == 0);
        // "the bomb" and "kind of" can start idioms; "The GOOD" and "the
        // BAD" cannot.
        let pairs: Vec<usize> = (0..tokens.list.len())
            .filter(|&i| tokens.list[i].is(flag::PAIR))
            .collect();
        assert_eq!(pairs, [5, 7]);
    }

    #[test]
    fn but_check_index_equals_scan() {
        // Many repeated values (the quirk's hard case), "but" anywhere.
        let mut seed = 7u64;
        for round in 0..200 {
            let n = 1 + round % 40;
            let v: Vec<f64> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    [0.0, -0.0, 1.0, 0.5, 2.0, -1.0, -0.5, 1.5][(seed >> 33) as usize % 8]
                })
                .collect();
            let bi = (seed >> 40) as usize % n;
            let (mut a, mut b) = (v.clone(), v.clone());
            but_check_scan(bi, &mut a);
            but_check_indexed(bi, &mut b);
            let bits = |x: &[f64]| x.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&a), bits(&b), "{v:?} but at {bi}");
        }
    }

    #[test]
    fn but_check_uses_first_equal_value() {
        // CPython 3.11: SentimentIntensityAnalyzer._but_check(
        //   ['x', 'y', 'but', 'z'], [1.0, 0.5, 0, 1.0]) == [0.25, 0.5, 0, 1.5]
        // (slot 0 is halved twice, slot 1 never).
        let t = table();
        let (mut lower, mut padded, mut tokens) = (Vec::new(), Vec::new(), Tokens::default());
        tokenize(&t, "x y but z", true, &mut lower, &mut padded, &mut tokens);
        let mut s = [1.0, 0.5, 0.0, 1.0];
        but_check(&tokens.list, &mut s);
        assert_eq!(s, [0.25, 0.5, 0.0, 1.5]);
    }
}
