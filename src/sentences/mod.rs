//! Sentences: a news-aware sentence splitter.
//!
//! [`Splitter::split`] yields [`Sentence`]s: byte spans into the text it was
//! given, trimmed of white space, in order, with 1-based paragraph numbers.
//! Everything between two spans is white space, so the spans and the gaps
//! between them give back the input exactly.
//!
//! How it decides, in one pass over the bytes (linear time, no allocation
//! per character, no regular expressions):
//!
//! - A boundary candidate is `.`, `!`, `?`, an ellipsis (`...`, `…`,
//!   `. . .`), a line break, a bullet, or the next item of a numbered list.
//! - Closing quotes and brackets after the punctuation belong to the sentence
//!   they close. A lowercase next word means no boundary (`"Why now?" she
//!   asked.`); so does an attribution such as `"Why?" Legend asked.`.
//! - A period after an abbreviation (`lexicons/sentences_abbreviations.tsv`)
//!   depends on its class: titles (`Mr.`) never end a sentence before a
//!   name; `U.S.`, `Inc.` and initials end one only before a word that
//!   usually starts sentences (`lexicons/sentences_words.tsv`: `The`, `He`,
//!   `How`); `No.`, `p.`, `Jan.` don't before a number; a state after a
//!   city (`Oakland, Calif.`) does before a capital, since AP style puts a
//!   comma after it when the sentence goes on.
//! - Glued sentences from careless copy-editing split when a lowercase word
//!   or number meets a capitalised word or an opening quote
//!   (`friendship.Legend`, `bid."I`), but not inside URLs or e-mail addresses.
//! - Ellipses: one glued to its word (`get… Like`), or a four-dot one, ends
//!   a sentence before a capital; a free-standing one (`embeds ... You`) only
//!   before a sentence-starting word other than `I` (`is . . . I didn't`).
//! - Paragraphs: blank lines separate paragraphs. A text without blank lines
//!   whose lines mostly end in terminal punctuation (one paragraph per line,
//!   as in PerSenT) gets one paragraph per line. Otherwise a single line break
//!   ends a sentence only after a line that looks like a headline, byline or
//!   list item (at most three words, or mostly capitalised words without
//!   terminal punctuation) or before a bullet or list marker: a line break
//!   inside a wrapped sentence is just white space.
//! - Quotations of several sentences are split into their sentences (the
//!   Universal Dependencies convention); text inside `[...]` is never split.
//!
//! ```
//! use newstance::Splitter;
//! let text = "Mr. Smith arrived at 5 p.m. on Jan. 6. \"Why now?\" he asked.";
//! let got: Vec<&str> = Splitter::new()
//!     .split(text)
//!     .iter()
//!     .map(|s| s.span.of(text))
//!     .collect();
//! assert_eq!(got, ["Mr. Smith arrived at 5 p.m. on Jan. 6.", "\"Why now?\" he asked."]);
//! ```

mod lexicon;

use std::path::Path;
use std::sync::Arc;

pub use self::lexicon::{AbbrevClass, DEFAULT_ABBREVIATIONS, DEFAULT_WORDS, Lexicon, WordKind};
use crate::error::Result;
use crate::span::Span;

/// One sentence: its span and the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the text given to the splitter (trimmed of white space).
    pub span: Span,
    /// 1-based paragraph number (paragraphs are separated by blank lines, or
    /// by line breaks in a text that puts one paragraph on each line).
    pub paragraph: usize,
}

/// The sentence splitter. Cheap to clone and share across threads: the
/// lexicons sit behind an [`Arc`].
#[derive(Clone, Debug)]
pub struct Splitter {
    lexicon: Arc<Lexicon>,
}

impl Default for Splitter {
    fn default() -> Splitter {
        Splitter::new()
    }
}

impl Splitter {
    /// A splitter with the built-in rules and lexicons.
    pub fn new() -> Splitter {
        Splitter {
            lexicon: Arc::new(Lexicon::default()),
        }
    }

    /// A splitter with other lexicons, in the format of
    /// `lexicons/sentences_abbreviations.tsv` and `lexicons/sentences_words.tsv`
    /// (the paths only name the files in errors).
    pub fn with_lexicons(
        abbreviations: &str,
        abbreviations_path: impl AsRef<Path>,
        words: &str,
        words_path: impl AsRef<Path>,
    ) -> Result<Splitter> {
        let lexicon = Lexicon::parse(abbreviations, abbreviations_path, words, words_path)?;
        Ok(Splitter {
            lexicon: Arc::new(lexicon),
        })
    }

    /// The lexicons in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Splits `text` into sentences, in order, non-overlapping, each trimmed
    /// of surrounding white space; the text between them is white space only.
    pub fn split(&self, text: &str) -> Vec<Sentence> {
        Scan::new(&self.lexicon, text).run()
    }
}

/// A list-item marker: `1.`, `2)`, `3.)`, `a.`, `b)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Marker {
    /// The number, or the letter's position (a = 1).
    value: u32,
    /// Whether it is a letter.
    letter: bool,
    /// `.`, `)` or `.)`, as 0, 1, 2.
    suffix: u8,
}

impl Marker {
    fn next(self) -> Marker {
        Marker {
            value: self.value + 1,
            ..self
        }
    }
}

/// What follows a possible boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    /// A lowercase word: the sentence goes on.
    Lower,
    /// A capitalised word (possibly after an opening quote or bracket), or a
    /// mixed-case brand like `iPhone`.
    Upper,
    /// A digit.
    Digit,
    /// Anything else (symbols, dashes, bullets).
    Other,
}

/// Bullets that start a list item.
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '‣' | '⁃' | '◦' | '▪' | '▫' | '●' | '○' | '■' | '□' | '▸' | '►' | '∙'
    )
}

/// Quote marks and brackets that close what a sentence opened.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}')
}

/// Quote marks and brackets that may open a sentence.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '¿' | '¡'
    )
}

/// Horizontal or vertical ASCII white space.
fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Whether the scan's main loop has nothing to do for byte `b` once its
/// segment has started: not white space and not one of the bytes it
/// dispatches on (`.`, `!`, `?`, brackets, the lead bytes of no-break space,
/// dashes, quotes and ellipses).
#[inline]
fn is_plain(b: u8) -> bool {
    PLAIN[usize::from(b)]
}

/// The first byte at or after `j` that is not [`is_plain`] (or the end).
/// On x86-64 sixteen bytes are tested at a time (SSE2, part of its
/// baseline), so that a word's end costs no mispredicted branch per byte;
/// the tail, and other targets, go byte by byte.
#[inline]
fn plain_run_end(b: &[u8], mut j: usize) -> usize {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    while let Some(window) = b.get(j..j + 16) {
        let candidates = sse2::special_bytes(window.try_into().expect("16 bytes"));
        if candidates == 0 {
            j += 16;
            continue;
        }
        let k = j + candidates.trailing_zeros() as usize;
        if !is_plain(b[k]) {
            return k;
        }
        // A control byte below the space: plain, look on.
        j = k + 1;
    }
    while j < b.len() && is_plain(b[j]) {
        j += 1;
    }
    j
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    /// A bit for each byte of `w` that may not be [`super::is_plain`]: every
    /// byte up to the space and every other byte the scan dispatches on.
    #[inline]
    pub(super) fn special_bytes(w: &[u8; 16]) -> u32 {
        // SAFETY: SSE2 is enabled (the `cfg` above), and the load reads
        // exactly the 16 bytes of `w`, unaligned.
        unsafe { special_sse2(w) }
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    unsafe fn special_sse2(w: &[u8; 16]) -> u32 {
        // SAFETY: `w` is 16 readable bytes; `loadu` needs no alignment.
        let x = unsafe { _mm_loadu_si128(w.as_ptr().cast::<__m128i>()) };
        let space = _mm_set1_epi8(0x20);
        let mut m = _mm_cmpeq_epi8(_mm_min_epu8(x, space), x);
        for c in *b".!?[]\xc2\xe2" {
            m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8(c as i8)));
        }
        _mm_movemask_epi8(m) as u32
    }
}

/// [`is_plain`] for every byte value: one load per byte in the skip loop.
static PLAIN: [bool; 256] = {
    let mut t = [true; 256];
    let special = *b" \t\n\r\x0b\x0c.!?[]\xc2\xe2";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = false;
        i += 1;
    }
    t
};

/// Whether the line (already trimmed) ends a sentence by its punctuation.
fn ends_terminal(line: &str) -> bool {
    let core = line.trim_end_matches(is_closer);
    core.ends_with(['.', '!', '?', '…'])
}

/// Whether `text` puts one paragraph on each line: no blank line between two
/// text lines, and at least half of the lines before the last end in terminal
/// punctuation (the last line of any text usually does, so it proves nothing).
fn uses_line_paragraphs(text: &str) -> bool {
    let mut before_last = 0usize;
    let mut ended = 0usize;
    let mut last: Option<bool> = None;
    let mut pending_blank = false;
    for line in text.split('\n') {
        let t = line.trim();
        if t.is_empty() {
            pending_blank = last.is_some();
            continue;
        }
        if pending_blank {
            return false;
        }
        if let Some(e) = last {
            before_last += 1;
            ended += usize::from(e);
        }
        last = Some(ends_terminal(t));
    }
    before_last >= 1 && ended * 2 >= before_last
}

/// One run of the splitter over one text.
struct Scan<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    b: &'a [u8],
    out: Vec<Sentence>,
    /// Where the current (unfinished) sentence began.
    seg_start: usize,
    /// Whether the current sentence has had its first token looked at.
    seg_checked: bool,
    paragraph: usize,
    /// Whether a sentence was emitted in the current paragraph.
    para_used: bool,
    /// One paragraph per line (see [`uses_line_paragraphs`]).
    line_mode: bool,
    line_start: usize,
    /// Start of the white-space-delimited token being scanned.
    tok_start: usize,
    /// The last unclosed `[`.
    bracket_open: Option<usize>,
    /// The marker the next list item would carry.
    list_expect: Option<Marker>,
    /// `(token start, whether that token is a URL or e-mail address)`.
    url_cache: (usize, bool),
}

/// Text inside `[...]` further than this from its `[` is treated as if the
/// bracket were never closed: a stray `[` must not swallow a whole article.
const MAX_BRACKET: usize = 160;

impl<'a> Scan<'a> {
    fn new(lex: &'a Lexicon, text: &'a str) -> Scan<'a> {
        Scan {
            lex,
            text,
            b: text.as_bytes(),
            out: Vec::with_capacity(text.len() / 100 + 1),
            seg_start: 0,
            seg_checked: false,
            paragraph: 1,
            para_used: false,
            line_mode: uses_line_paragraphs(text),
            line_start: 0,
            tok_start: 0,
            bracket_open: None,
            list_expect: None,
            url_cache: (usize::MAX, false),
        }
    }

    fn run(mut self) -> Vec<Sentence> {
        let n = self.b.len();
        let mut i = 0;
        while i < n {
            let c = self.b[i];
            if !self.seg_checked && !is_ascii_ws(c) {
                i = self.start_segment(i);
                continue;
            }
            i = match c {
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => {
                    self.tok_start = i + 1;
                    if self.list_expect.is_some() {
                        self.check_list_item(i + 1);
                    }
                    i + 1
                }
                b'\n' => {
                    self.tok_start = i + 1;
                    self.newline(i)
                }
                b'.' => self.period(i),
                b'!' | b'?' => self.bang(i),
                b'[' => {
                    self.bracket_open = Some(i);
                    i + 1
                }
                b']' => {
                    self.bracket_open = None;
                    i + 1
                }
                0xC2 if self.b.get(i + 1) == Some(&0xA0) => {
                    // No-break space: separates tokens like a space.
                    self.tok_start = i + 2;
                    i + 2
                }
                0xE2 => self.e2(i),
                // An ordinary byte changes no state, and neither do the ones
                // after it up to the next byte the arms above look at: skip
                // the run (most of a text is letters between spaces).
                _ => plain_run_end(self.b, i + 1),
            };
        }
        self.emit(n);
        self.out
    }

    /// Ends the current sentence at `end` (if it has any text) and starts the
    /// next one there.
    fn emit(&mut self, end: usize) {
        let piece = &self.text[self.seg_start..end];
        let start = self.seg_start + (piece.len() - piece.trim_start().len());
        let stop = self.seg_start + piece.trim_end().len();
        if start < stop {
            self.out.push(Sentence {
                span: Span::new(start, stop),
                paragraph: self.paragraph,
            });
            self.para_used = true;
        }
        self.seg_start = end;
        self.seg_checked = false;
    }

    fn paragraph_break(&mut self, at: usize) {
        self.emit(at);
        if self.para_used {
            self.paragraph += 1;
            self.para_used = false;
        }
        self.bracket_open = None;
    }

    /// Whether the current sentence has any non-white-space text before `i`.
    fn has_content(&self, i: usize) -> bool {
        !self.text[self.seg_start..i].trim_start().is_empty()
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.text[..i].chars().next_back()
    }

    /// Skips white space (any Unicode white space) from `i`.
    fn skip_ws(&self, mut i: usize) -> usize {
        let n = self.b.len();
        while i < n {
            let b = self.b[i];
            if b < 0x80 {
                if !is_ascii_ws(b) {
                    break;
                }
                i += 1;
            } else {
                match self.char_at(i) {
                    Some(c) if c.is_whitespace() => i += c.len_utf8(),
                    _ => break,
                }
            }
        }
        i
    }

    /// The first non-blank byte of a sentence: notes a list marker (after an
    /// optional bullet) so its period is not taken as a sentence end and the
    /// next item can be found. Returns where scanning resumes.
    fn start_segment(&mut self, i: usize) -> usize {
        self.seg_checked = true;
        let mut p = i;
        if let Some(c) = self.char_at(p).filter(|&c| is_bullet(c)) {
            p = self.skip_ws(p + c.len_utf8());
        }
        match self.marker_at(p) {
            Some((m, end)) => {
                self.list_expect = Some(m.next());
                end
            }
            None => {
                self.list_expect = None;
                i
            }
        }
    }

    /// A list marker at `p` followed by white space: `(marker, end)`.
    fn marker_at(&self, p: usize) -> Option<(Marker, usize)> {
        let b = self.b;
        let n = b.len();
        let mut q = p;
        let mut value = 0u32;
        while q < n && q - p < 2 && b[q].is_ascii_digit() {
            value = value * 10 + u32::from(b[q] - b'0');
            q += 1;
        }
        let letter = q == p;
        if letter {
            if q < n && b[q].is_ascii_lowercase() {
                value = u32::from(b[q] - b'a') + 1;
                q += 1;
            } else {
                return None;
            }
        }
        let suffix = if b.get(q) == Some(&b'.') && b.get(q + 1) == Some(&b')') {
            q += 2;
            2
        } else if b.get(q) == Some(&b'.') {
            q += 1;
            0
        } else if b.get(q) == Some(&b')') {
            q += 1;
            1
        } else {
            return None;
        };
        if q < n && matches!(b[q], b' ' | b'\t') {
            Some((
                Marker {
                    value,
                    letter,
                    suffix,
                },
                q,
            ))
        } else {
            None
        }
    }

    /// Inside a list, a token at `p` that is the next item's marker starts a
    /// new sentence (`1) The first item 2) The second item`).
    fn check_list_item(&mut self, p: usize) {
        let Some(expect) = self.list_expect else {
            return;
        };
        if p < self.b.len()
            && !is_ascii_ws(self.b[p])
            && let Some((m, _)) = self.marker_at(p)
            && m == expect
            && self.has_content(p)
        {
            self.emit(p);
        }
    }

    fn in_brackets(&self, i: usize) -> bool {
        self.bracket_open.is_some_and(|o| i - o < MAX_BRACKET)
    }

    /// Non-ASCII characters starting with 0xE2: the ellipsis, bullets and
    /// typographic spaces.
    fn e2(&mut self, i: usize) -> usize {
        let Some(c) = self.char_at(i) else {
            return i + 1;
        };
        let len = c.len_utf8();
        if c == '…' {
            return self.period(i);
        }
        if is_bullet(c) {
            if self.char_before(i).is_none_or(char::is_whitespace) && self.has_content(i) {
                // Resume at the bullet: `start_segment` looks at it next.
                self.emit(i);
                return i;
            }
            return i + len;
        }
        if c.is_whitespace() {
            self.tok_start = i + len;
        }
        i + len
    }

    /// A single line break at `i` (blank lines make paragraphs).
    fn newline(&mut self, i: usize) -> usize {
        let b = self.b;
        let n = b.len();
        let mut j = i + 1;
        while j < n && matches!(b[j], b' ' | b'\t' | b'\r' | 0x0b | 0x0c) {
            j += 1;
        }
        let line_start = std::mem::replace(&mut self.line_start, i + 1);
        if j >= n {
            return j;
        }
        if b[j] == b'\n' || self.line_mode {
            self.paragraph_break(i);
        } else if self.seg_checked && self.line_ends_sentence(line_start, i, j) {
            self.emit(i);
        }
        i + 1
    }

    /// Whether the line `ls..le` ends its sentence though it has no terminal
    /// punctuation: a headline, byline or list line. `next` starts the next line.
    fn line_ends_sentence(&self, ls: usize, le: usize, next: usize) -> bool {
        let line = self.text[ls..le].trim();
        if line.is_empty() || ends_terminal(line) {
            // Terminal punctuation was judged where it stands.
            return false;
        }
        if line.ends_with([',', ';', ':', '-', '–', '—', '(', '/', '&']) {
            return false;
        }
        if self.char_at(next).is_some_and(is_bullet) || self.marker_at(next).is_some() {
            return true;
        }
        if self.seg_start > ls {
            // The line began inside another sentence (`He left. Then\nhe
            // came back.`): its tail is no headline.
            return false;
        }
        let mut words = 0usize;
        let mut caps = 0usize;
        for w in line.split_whitespace() {
            let Some(first) = w.chars().find(|c| c.is_alphanumeric()) else {
                continue;
            };
            words += 1;
            if words > 20 {
                return false;
            }
            if first.is_uppercase() || first.is_numeric() {
                caps += 1;
            }
        }
        if words <= 3 {
            return true;
        }
        let next_upper = self
            .char_at(next)
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || is_opener(c));
        next_upper && caps * 4 >= words * 3
    }

    /// Whether the token around `i` is a URL or an e-mail address; each
    /// token is scanned at most once (the answer is cached by its start).
    fn in_url(&mut self, i: usize) -> bool {
        let start = self.tok_start.min(i);
        if self.url_cache.0 == start {
            return self.url_cache.1;
        }
        let b = self.b;
        let mut end = i;
        while end < b.len() && !is_ascii_ws(b[end]) {
            end += 1;
        }
        let tok = &b[start..end];
        let url = tok.contains(&b'@')
            || tok.windows(3).any(|w| w == b"://")
            || (tok.len() > 4 && tok[..4].eq_ignore_ascii_case(b"www."));
        self.url_cache = (start, url);
        url
    }

    /// The word before the punctuation at `i`, without opening quotes or
    /// brackets.
    fn word_before(&self, i: usize) -> &'a str {
        let start = self.tok_start.min(i);
        let text: &'a str = self.text;
        text[start..i].trim_start_matches(|c: char| is_opener(c) || matches!(c, '-' | '—' | '–'))
    }

    /// How the abbreviation-like `word` (before a period) behaves.
    fn abbreviation(&self, word: &str) -> Option<AbbrevClass> {
        if word.is_empty() || word.len() > 24 {
            return None;
        }
        let mut chars = word.chars();
        let first = chars.next()?;
        if chars.next().is_none() && first.is_uppercase() {
            // An initial (`J. K. Rowling`, `Roy P. Crocker`), even where the
            // lowercase letter is listed (`p. 55`).
            return Some(AbbrevClass::General);
        }
        if let Some(c) = self.lex.abbreviation(word) {
            return Some(c);
        }
        // Unlisted dotted acronyms: `U.S.A`, `Ph.D`, `N.Y`.
        let mut parts = 0;
        for part in word.split('.') {
            if part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_alphabetic()) {
                return None;
            }
            parts += 1;
        }
        (parts >= 2).then_some(AbbrevClass::General)
    }

    /// Consumes closing quotes and brackets from `j`: `(end, saw a quote)`.
    /// A quote followed by a letter opens the next sentence (`bid."I`) or
    /// is an apostrophe (`Jr.'s`), so it stops there.
    fn closers(&self, mut j: usize) -> (usize, bool) {
        let mut quote = false;
        while let Some(c) = self.char_at(j) {
            if !is_closer(c) {
                break;
            }
            let after = self.char_at(j + c.len_utf8());
            if matches!(c, '"' | '\'' | '’') && after.is_some_and(char::is_alphanumeric) {
                break;
            }
            quote |= !matches!(c, ')' | ']' | '}');
            j += c.len_utf8();
        }
        (j, quote)
    }

    /// What starts at `m` (a non-blank position), and where its word begins.
    fn next_at(&self, m: usize) -> (Next, usize) {
        let Some(c) = self.char_at(m) else {
            return (Next::Other, m);
        };
        let (c, w) = if is_opener(c) {
            let w = m + c.len_utf8();
            match self.char_at(w) {
                Some(d) if d.is_alphanumeric() => (d, w),
                _ => return (Next::Other, m),
            }
        } else {
            (c, m)
        };
        let kind = if c.is_uppercase() {
            Next::Upper
        } else if c.is_lowercase() {
            // `iPhone`, `eBay`: brands that start sentences in lowercase.
            let mixed = self.text[w..]
                .chars()
                .take(12)
                .take_while(|c| c.is_alphanumeric())
                .any(char::is_uppercase);
            if mixed { Next::Upper } else { Next::Lower }
        } else if c.is_numeric() {
            Next::Digit
        } else {
            Next::Other
        };
        (kind, w)
    }

    /// The word (letters, digits) starting at `w`; at most 25 characters are
    /// looked at, since longer words are in no list.
    fn word_at(&self, w: usize) -> &'a str {
        let text: &'a str = self.text;
        let rest = &text[w..];
        let mut end = 0;
        for (k, c) in rest.char_indices().take(25) {
            if !c.is_alphanumeric() {
                return &rest[..k];
            }
            end = k + c.len_utf8();
        }
        &rest[..end]
    }

    /// Whether a quotation of more than two words opens at `m`:
    /// `Gov. C.L. "Butch" Otter` quotes a nickname, `N.Y. “Secretary
    /// Clinton lied,”` starts a sentence.
    fn opens_long_quote(&self, m: usize) -> bool {
        let Some(q) = self
            .char_at(m)
            .filter(|&c| matches!(c, '"' | '“' | '‘' | '«'))
        else {
            return false;
        };
        let mut spaces = 0;
        for c in self.text[m + q.len_utf8()..].chars().take(40) {
            if matches!(c, '"' | '”' | '’' | '»') {
                return false;
            }
            if c.is_whitespace() {
                spaces += 1;
                if spaces >= 2 {
                    return true;
                }
            }
        }
        true
    }

    fn is_starter(&self, word: &str) -> bool {
        matches!(
            self.lex.word(word),
            Some(WordKind::Starter | WordKind::Preposition)
        )
    }

    /// `"Why?" Legend asked.`: after a closing quote, up to four words then a
    /// speech verb that ends the clause keep the attribution with its quote.
    fn is_attribution(&self, m: usize) -> bool {
        let b = self.b;
        let n = b.len();
        let mut p = m;
        for t in 0..5 {
            let mut q = p;
            while q < n && !is_ascii_ws(b[q]) {
                q += 1;
                if q - p > 40 {
                    return false;
                }
            }
            let tok = &self.text[p..q];
            if t == 0 && !tok.starts_with(char::is_alphabetic) {
                // `"great heart." (That said, ...`: not an attribution.
                return false;
            }
            let word = tok.trim_end_matches(['.', ',', '!', '?', ';', ':']);
            if t >= 1 && self.lex.word(word) == Some(WordKind::Speech) {
                // `Legend added, "I'm not ...` introduces the next quote.
                let next = self.skip_ws(q);
                let opens = self.char_at(next).is_some_and(is_opener);
                return q >= n || tok.ends_with('.') || (tok.ends_with(',') && !opens);
            }
            if word.len() < tok.len() && self.lex.abbreviation(word) != Some(AbbrevClass::Prefix) {
                return false;
            }
            p = q;
            while p < n && matches!(b[p], b' ' | b'\t') {
                p += 1;
            }
            if p >= n || is_ascii_ws(b[p]) {
                return false;
            }
        }
        false
    }

    /// `At 5 a.m.`: the sentence so far is a short phrase opened by a
    /// preposition, which cannot stand as a sentence on its own.
    fn fronted_phrase(&self, i: usize) -> bool {
        let mut words = self.text[self.seg_start..i].split_whitespace();
        let Some(first) = words.next() else {
            return false;
        };
        self.lex.word(first) == Some(WordKind::Preposition) && words.take(3).count() <= 2
    }

    /// A run of dots starting at `i`, spaced (`. . .`) or not, or `…`:
    /// `(dots, spaced, end)`.
    fn dot_run(&self, i: usize) -> (usize, bool, usize) {
        let b = self.b;
        let n = b.len();
        let (mut j, mut count, mut spaced) = (i, 0, false);
        loop {
            if j < n && b[j] == b'.' {
                count += 1;
                j += 1;
            } else if b[j..].starts_with("…".as_bytes()) {
                count += 3;
                j += 3;
            } else if count >= 1
                && j + 1 < n
                && b[j] == b' '
                && b[j + 1] == b'.'
                && b.get(j + 2).is_none_or(|&c| !c.is_ascii_alphanumeric())
            {
                spaced = true;
                j += 1;
            } else {
                break;
            }
        }
        (count, spaced, j)
    }

    /// A period or an ellipsis at `i`.
    fn period(&mut self, i: usize) -> usize {
        let (count, spaced, j) = self.dot_run(i);
        if self.in_brackets(i) {
            return j;
        }
        let glued = self
            .char_before(i)
            .is_some_and(|c| !c.is_whitespace() && !is_opener(c));
        if count >= 2 {
            self.ellipsis(i, j, count, spaced, glued);
            return j;
        }
        let n = self.b.len();
        if j >= n {
            return j;
        }
        let nb = self.b[j];
        if nb.is_ascii_alphanumeric() {
            self.glued(i, j);
            return j;
        }
        // `bid."I wasn't`: an opening quote glued to the period.
        if let Some(q @ ('"' | '“')) = self.char_at(j)
            && self
                .char_at(j + q.len_utf8())
                .is_some_and(char::is_uppercase)
            && glued
            && self.abbreviation(self.word_before(i)).is_none()
        {
            self.emit(j);
            self.tok_start = j;
            return j;
        }
        let (k, quote) = self.closers(j);
        if k >= n || !is_ascii_ws(self.b[k]) && !self.char_at(k).is_some_and(char::is_whitespace) {
            return k;
        }
        let m = self.skip_ws(k);
        if m >= n {
            return k;
        }
        let (next, w) = self.next_at(m);
        if next == Next::Lower {
            return k;
        }
        let class = self.abbreviation(self.word_before(i));
        let boundary = match class {
            None => true,
            // `RENO, Nev. (AP) —`: an aside after an abbreviation goes with it.
            Some(_) if matches!(self.b[m], b'(' | b'[') => false,
            Some(AbbrevClass::Prefix) => false,
            // `Naples (Fla.) Daily News`: a closed bracket ended the aside,
            // not necessarily the sentence.
            Some(AbbrevClass::Number | AbbrevClass::Place) if self.b[k - 1] == b')' => {
                next == Next::Upper && self.is_starter(self.word_at(w))
            }
            Some(AbbrevClass::Number | AbbrevClass::Place) => next == Next::Upper,
            Some(AbbrevClass::Time) => {
                let word = self.word_at(w);
                next == Next::Upper
                    && self.lex.word(word) != Some(WordKind::Zone)
                    && !(word.len() <= 4 && word.bytes().all(|b| b.is_ascii_uppercase()))
                    && !self.fronted_phrase(i)
            }
            // `in Binghamton, N.Y. “Secretary Clinton`: a quotation opens a
            // sentence far more often than it follows an abbreviation.
            Some(AbbrevClass::General) => {
                next == Next::Upper
                    && (self.opens_long_quote(m) || self.is_starter(self.word_at(w)))
            }
        };
        if boundary && !(quote && next == Next::Upper && self.is_attribution(m)) {
            self.emit(k);
        }
        k
    }

    /// A period at `i` with a letter or digit right after it (at `j`).
    fn glued(&mut self, i: usize, j: usize) {
        let b = self.b;
        // `friendship.Legend`, `1,000.That`: lowercase word or number, then a
        // capitalised word (a capital and a lowercase letter).
        let left_ok = i > 0 && (b[i - 1].is_ascii_lowercase() || b[i - 1].is_ascii_digit());
        let right_ok =
            b[j].is_ascii_uppercase() && b.get(j + 1).is_some_and(u8::is_ascii_lowercase);
        if left_ok
            && right_ok
            && !self.in_url(i)
            && self.abbreviation(self.word_before(i)).is_none()
        {
            self.emit(j);
            // The next sentence's first word starts here, not at the token's start.
            self.tok_start = j;
        }
    }

    /// An ellipsis `i..j` of `count` dots.
    fn ellipsis(&mut self, i: usize, j: usize, count: usize, spaced: bool, glued: bool) {
        let n = self.b.len();
        let (k, _) = self.closers(j);
        if k >= n || !self.char_at(k).is_some_and(char::is_whitespace) {
            return;
        }
        let m = self.skip_ws(k);
        if m >= n {
            return;
        }
        let (next, w) = self.next_at(m);
        if next != Next::Upper {
            return;
        }
        if glued && spaced && count >= 4 && self.b[i] == b'.' {
            // `compounds. . . . The`: a period, then an ellipsis that opens
            // the next sentence.
            self.emit(i + 1);
        } else if glued || count >= 4 {
            self.emit(k);
        } else {
            // A free-standing ellipsis (`embeds ... You said`) ends a sentence
            // before a sentence-starting word, but not before `I`, which
            // trails on after a pause (`the thing is . . . I didn't`).
            // It needs a sentence before it: `"... These thefts` opens one.
            let before = self.text[self.seg_start..i].trim_end();
            let opens = before.chars().next_back().is_none_or(is_opener);
            let word = self.word_at(w);
            if !opens && w == m && word != "I" && self.is_starter(word) {
                self.emit(k);
            }
        }
    }

    /// `!` or `?` at `i` (with any run of them).
    fn bang(&mut self, i: usize) -> usize {
        let b = self.b;
        let n = b.len();
        let mut j = i;
        while j < n && matches!(b[j], b'!' | b'?') {
            j += 1;
        }
        if self.in_brackets(i) || j >= n {
            return j;
        }
        // `now?Legend`: a question glued to the next sentence (not `!`,
        // which brands like `Yahoo!News` glue to words).
        if b[j - 1] == b'?'
            && b[j].is_ascii_uppercase()
            && b.get(j + 1).is_some_and(u8::is_ascii_lowercase)
        {
            self.emit(j);
            self.tok_start = j;
            return j;
        }
        if let Some(q @ ('"' | '“')) = self.char_at(j)
            && self
                .char_at(j + q.len_utf8())
                .is_some_and(char::is_uppercase)
        {
            self.emit(j);
            self.tok_start = j;
            return j;
        }
        let (k, quote) = self.closers(j);
        if k >= n || !self.char_at(k).is_some_and(char::is_whitespace) {
            return k;
        }
        let m = self.skip_ws(k);
        if m >= n {
            return k;
        }
        let (next, _) = self.next_at(m);
        if next == Next::Lower || (quote && next == Next::Upper && self.is_attribution(m)) {
            return k;
        }
        self.emit(k);
        k
    }
}

#[cfg(test)]
mod tests;
