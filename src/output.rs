//! Output: the tables, their schema, and the CSV / JSONL writers.
//!
//! Five tables, each a flat list of rows (see `INTERFACE.md`, the public
//! contract; columns may only be added at the end):
//!
//! | table | one row per | columns |
//! |---|---|---|
//! | `sentences` | sentence | `doc_id, date, sentence, paragraph, start, end, speaker, mode, neg, neu, pos, compound, targets, text` |
//! | `quotes` | attributed statement | `doc_id, quote, start, end, kind, speaker, speaker_start, speaker_end, cue, cue_start, cue_end, text` |
//! | `stances` | sentence, holder and target | `doc_id, sentence, holder, target, stance, confidence, target_start, target_end, evidence` |
//! | `people` | person of a document | `doc_id, person, aliases, mentions, statements, mean_compound` |
//! | `errors` | input that failed | `source, line, doc_id, error` |
//!
//! Offsets in tables are **character** offsets (Unicode code points, end
//! exclusive) into the document text, header included: what Python's
//! `text[start:end]` slices. Inside the library spans are byte offsets; the
//! conversion happens here, once per document ([`CharOffsets`]). Missing
//! values (no speaker, no date) are empty cells in CSV and `null` in JSONL.
//! Text cells have white-space runs collapsed to one space.
//!
//! ```
//! use newstance::{Document, Pipeline};
//! use newstance::output::{sentence_rows, Options};
//! let doc = Document::new("d", "date 2022-08-05 Hi there. Bye.".into(), None);
//! let annotated = Pipeline::new().annotate(doc);
//! let rows = sentence_rows(&annotated, &Options::default());
//! assert_eq!(rows[0].text, "Hi there.");
//! assert_eq!(rows[0].start, 16);
//! assert_eq!(rows[0].date.as_deref(), Some("2022-08-05"));
//! ```

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::pipeline::Annotated;
use crate::sentiment::Scores;
use crate::speakers::{Mode, Source};

/// The tables `annotate` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    /// One row per sentence.
    Sentences,
    /// One row per attributed statement.
    Quotes,
    /// One row per sentence, holder and target.
    Stances,
    /// One row per person of a document.
    People,
    /// One row per input that failed.
    Errors,
}

impl Table {
    /// Every table, in the order `--out-dir` writes them.
    pub const ALL: [Table; 5] = [
        Table::Sentences,
        Table::Quotes,
        Table::Stances,
        Table::People,
        Table::Errors,
    ];

    /// The table's name (and file stem under `--out-dir`).
    pub fn name(self) -> &'static str {
        match self {
            Table::Sentences => "sentences",
            Table::Quotes => "quotes",
            Table::Stances => "stances",
            Table::People => "people",
            Table::Errors => "errors",
        }
    }

    /// Columns with their types, in order: the schema `newstance schema`
    /// prints for tools that read headerless output.
    pub fn columns(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Table::Sentences => &[
                ("doc_id", "string"),
                ("date", "string (YYYY-MM-DD) or empty"),
                ("sentence", "integer (1-based)"),
                ("paragraph", "integer (1-based)"),
                ("start", "integer (character offset)"),
                ("end", "integer (character offset, exclusive)"),
                ("speaker", "string or empty (narration)"),
                ("mode", "narration|direct|partial|indirect"),
                ("neg", "float (3 decimals)"),
                ("neu", "float (3 decimals)"),
                ("pos", "float (3 decimals)"),
                ("compound", "float (4 decimals, -1..1)"),
                ("targets", "string (`Name:stance` joined by `; `)"),
                ("text", "string"),
            ],
            Table::Quotes => &[
                ("doc_id", "string"),
                ("quote", "integer (1-based)"),
                ("start", "integer (character offset)"),
                ("end", "integer (character offset, exclusive)"),
                ("kind", "direct|partial|indirect"),
                ("speaker", "string or empty"),
                ("speaker_start", "integer or empty"),
                ("speaker_end", "integer or empty"),
                ("cue", "string or empty"),
                ("cue_start", "integer or empty"),
                ("cue_end", "integer or empty"),
                ("text", "string"),
            ],
            Table::Stances => &[
                ("doc_id", "string"),
                ("sentence", "integer (1-based)"),
                ("holder", "string or empty (the article's voice)"),
                ("target", "string"),
                ("stance", "favor|against|neutral"),
                ("confidence", "float (0..1)"),
                ("target_start", "integer (character offset)"),
                ("target_end", "integer (character offset, exclusive)"),
                ("evidence", "string"),
            ],
            Table::People => &[
                ("doc_id", "string"),
                ("person", "string"),
                ("aliases", "string (joined by `; `)"),
                ("mentions", "integer"),
                ("statements", "integer"),
                ("mean_compound", "float (4 decimals) or empty"),
            ],
            Table::Errors => &[
                ("source", "string (file path, `-` for stdin)"),
                ("line", "integer or empty"),
                ("doc_id", "string or empty"),
                ("error", "string"),
            ],
        }
    }

    /// The column names, in order.
    pub fn header(self) -> Vec<&'static str> {
        self.columns().iter().map(|(name, _)| *name).collect()
    }
}

/// Output formats of the tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row.
    #[default]
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// How rows are rendered.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Prefix text cells that begin with `=`, `+`, `-` or `@` with `'`, so
    /// spreadsheets do not run them as formulas (CSV injection).
    pub spreadsheet_safe: bool,
}

impl Options {
    /// A text cell: white space collapsed, made spreadsheet-safe if asked.
    fn text(&self, s: &str) -> String {
        self.cell(collapse_ws(s))
    }

    /// [`Options::text`] appended to `out`.
    fn push_text(&self, out: &mut String, s: &str) {
        let from = out.len();
        collapse_ws_into(out, s);
        self.guard(out, from);
    }

    /// [`Options::cell`] of `s` appended to `out`.
    fn push_cell(&self, out: &mut String, s: &str) {
        let from = out.len();
        out.push_str(s);
        self.guard(out, from);
    }

    /// Makes the cell `out[from..]` spreadsheet-safe if asked.
    fn guard(&self, out: &mut String, from: usize) {
        if self.spreadsheet_safe && out[from..].starts_with(['=', '+', '-', '@']) {
            out.insert(from, '\'');
        }
    }

    /// A cell that is already clean, made spreadsheet-safe if asked.
    fn cell(&self, mut s: String) -> String {
        self.guard(&mut s, 0);
        s
    }
}

/// Collapses every run of white space to one space and trims the ends.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::new();
    collapse_ws_into(&mut out, s);
    out
}

/// [`collapse_ws`] appended to `out`.
fn collapse_ws_into(out: &mut String, s: &str) {
    if is_collapsed(s.as_bytes()) {
        out.push_str(s);
        return;
    }
    out.reserve(s.len());
    for (k, word) in s.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Whether `b` has single spaces between words and no other white space, so
/// collapsing would change nothing (most sentences). Eight bytes at a time:
/// this runs over the whole text of every table.
fn is_collapsed(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The byte tests below flag every byte they look for; they may also
    // flag a byte above one (a borrow), which only sends a text to the slow
    // path: `false` is always safe, `true` must be exact.
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Whether the byte before the current chunk was a space.
    let mut carry = false;
    let mut chunks = b.chunks_exact(8);
    for (k, c) in (&mut chunks).enumerate() {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        // Non-ASCII bytes (curly quotes, dashes): only white space matters.
        if x & HIGH != 0 && (k * 8..k * 8 + 8).any(|i| wide_space_at(b, i)) {
            return false;
        }
        // Bytes below 0x0e: tab to carriage return, and the control bytes
        // under them (not white space, but rare: the slow path is right for
        // them too).
        let low = x.wrapping_sub(ONES * 0x0e) & !x & HIGH;
        if low != 0 {
            return false;
        }
        // Spaces: a zero byte of x ^ 0x20.. marks one (exact for ASCII).
        let y = x ^ (ONES * 0x20);
        let space = y.wrapping_sub(ONES) & !y & HIGH;
        // Two in a row, inside the chunk or across its start.
        if space & (space << 8) != 0 || (carry && space & 0x80 != 0) {
            return false;
        }
        carry = space >> 56 != 0;
    }
    let mut prev_space = carry;
    let tail = b.len() - chunks.remainder().len();
    for (i, &c) in chunks.remainder().iter().enumerate() {
        let space = c == b' ';
        if c < 0x0e || (space && prev_space) || wide_space_at(b, tail + i) {
            return false;
        }
        prev_space = space;
    }
    true
}

/// Whether a non-ASCII white-space character (`char::is_whitespace`: U+0085,
/// U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000)
/// starts at byte `i`.
fn wide_space_at(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        0xC2 => matches!(at(1), 0x85 | 0xA0),
        0xE1 => at(1) == 0x9A && at(2) == 0x80,
        0xE2 => match at(1) {
            0x80 => matches!(at(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            0x81 => at(2) == 0x9F,
            _ => false,
        },
        0xE3 => at(1) == 0x80 && at(2) == 0x80,
        _ => false,
    }
}

/// Converts byte offsets of one text to character offsets.
///
/// ASCII text (most news) needs no table; otherwise the character count at
/// every 64th byte is kept (built once per document, eight bytes at a time),
/// and a lookup counts the characters of at most 63 bytes after it.
pub struct CharOffsets<'a> {
    text: &'a [u8],
    /// Characters before byte `64 * k`, for every block `k` and for the end
    /// of the text; `None` for ASCII text.
    blocks: Option<Vec<u32>>,
}

/// Bytes per entry of [`CharOffsets`]'s table.
const BLOCK: usize = 64;

/// Characters starting in `b`: the bytes that are not UTF-8 continuation
/// bytes (`10xxxxxx`), counted eight at a time.
fn count_chars(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        // Bit 0 of each byte: set unless bit 7 is set and bit 6 is not.
        let continuation = (x >> 7) & !(x >> 6) & ONES;
        n += 8 - continuation.count_ones() as usize;
    }
    n + chunks
        .remainder()
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
}

impl<'a> CharOffsets<'a> {
    /// Prepares the conversion for `text`.
    pub fn new(text: &'a str) -> CharOffsets<'a> {
        let bytes = text.as_bytes();
        if text.is_ascii() {
            return CharOffsets {
                text: bytes,
                blocks: None,
            };
        }
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 2);
        let mut count = 0u32;
        for block in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += count_chars(block) as u32;
        }
        // So that the end of a text of whole blocks has an entry too.
        blocks.push(count);
        CharOffsets {
            text: bytes,
            blocks: Some(blocks),
        }
    }

    /// The character offset of byte offset `byte` (which must be on a char
    /// boundary).
    pub fn get(&self, byte: usize) -> usize {
        match &self.blocks {
            None => byte,
            Some(blocks) => {
                let k = byte / BLOCK;
                blocks[k] as usize + count_chars(&self.text[k * BLOCK..byte])
            }
        }
    }
}

/// A row of the `sentences` table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentenceRow {
    /// Document id.
    pub doc_id: String,
    /// Document date.
    pub date: Option<String>,
    /// 1-based sentence number.
    pub sentence: usize,
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// Character offset of the start.
    pub start: usize,
    /// Character offset of the end (exclusive).
    pub end: usize,
    /// Canonical speaker name; empty for narration.
    pub speaker: Option<String>,
    /// narration, direct, partial or indirect.
    pub mode: String,
    /// VADER neg.
    pub neg: f64,
    /// VADER neu.
    pub neu: f64,
    /// VADER pos.
    pub pos: f64,
    /// VADER compound.
    pub compound: f64,
    /// `Name:stance` joined by `; `.
    pub targets: String,
    /// The sentence, white space collapsed.
    pub text: String,
}

/// A row of the `quotes` table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    /// Document id.
    pub doc_id: String,
    /// 1-based quote number.
    pub quote: usize,
    /// Character offset of the content's start.
    pub start: usize,
    /// Character offset of the content's end (exclusive).
    pub end: usize,
    /// direct, partial or indirect.
    pub kind: String,
    /// Canonical speaker, or the non-person source as written.
    pub speaker: Option<String>,
    /// Start of the speaker mention.
    pub speaker_start: Option<usize>,
    /// End of the speaker mention.
    pub speaker_end: Option<usize>,
    /// The cue as written.
    pub cue: Option<String>,
    /// Start of the cue.
    pub cue_start: Option<usize>,
    /// End of the cue.
    pub cue_end: Option<usize>,
    /// The quoted content (parts joined by a space), white space collapsed.
    pub text: String,
}

/// A row of the `stances` table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceRow {
    /// Document id.
    pub doc_id: String,
    /// 1-based sentence number.
    pub sentence: usize,
    /// Canonical holder; empty for the article's own voice.
    pub holder: Option<String>,
    /// Canonical target.
    pub target: String,
    /// favor, against or neutral.
    pub stance: String,
    /// In [0, 1].
    pub confidence: f64,
    /// Character offset of the target mention.
    pub target_start: usize,
    /// End of the target mention.
    pub target_end: usize,
    /// The words that decided the label.
    pub evidence: String,
}

/// A row of the `people` table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonRow {
    /// Document id.
    pub doc_id: String,
    /// Canonical name.
    pub person: String,
    /// Other names, joined by `; `.
    pub aliases: String,
    /// Number of mentions (names, pronouns, descriptions).
    pub mentions: usize,
    /// Sentences attributed to them.
    pub statements: usize,
    /// Mean compound of those sentences.
    pub mean_compound: Option<f64>,
}

/// A row of the `errors` table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorRow {
    /// The input file (`-` for stdin).
    pub source: String,
    /// 1-based line or record, when known.
    pub line: Option<u64>,
    /// The document id, when known.
    pub doc_id: Option<String>,
    /// The message.
    pub error: String,
}

impl ErrorRow {
    /// The row for one failed input.
    pub fn new(err: &Error, doc_id: Option<String>) -> ErrorRow {
        ErrorRow {
            source: err.path().display().to_string(),
            line: err.line(),
            doc_id,
            error: err.message(),
        }
    }
}

/// Rounds like Python's `round(x, 4)` for the values we compute ourselves
/// (mean compound); VADER's own scores come rounded from the scorer.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn source_name(a: &Annotated, s: &Option<Source>) -> Option<String> {
    s.as_ref().map(|s| a.attribution.source_name(s).to_string())
}

/// The `sentences` rows of one document.
pub fn sentence_rows(a: &Annotated, opts: &Options) -> Vec<SentenceRow> {
    SentenceTable::new(a, opts).rows().collect()
}

/// The `sentences` table of one document as `annotate` writes it: the same
/// rows as [`sentence_rows`], with the document's id and date once and the
/// text cells of every row (speaker, targets, text) in one string. A
/// document's rows then cost a handful of allocations instead of four or
/// five per sentence; they are made on a worker thread and freed on the
/// writing thread, which is where glibc's allocator is slowest.
#[derive(Clone, Debug, Default)]
pub struct SentenceTable {
    doc_id: String,
    date: Option<String>,
    /// Every row's text cells, one after the other.
    cells: String,
    rows: Vec<SentenceCells>,
}

/// One row of a [`SentenceTable`]; cells are byte ranges of its `cells`.
#[derive(Clone, Debug)]
struct SentenceCells {
    sentence: usize,
    paragraph: usize,
    start: usize,
    end: usize,
    speaker: Option<(usize, usize)>,
    mode: Mode,
    scores: Scores,
    targets: (usize, usize),
    text: (usize, usize),
}

impl SentenceTable {
    /// The table of one annotated document.
    pub fn new(a: &Annotated, opts: &Options) -> SentenceTable {
        let chars = CharOffsets::new(&a.doc.text);
        // Stances in row order: by sentence, then by where the target stands.
        // A stable sort keeps the tagger's order for ties, as sorting each
        // sentence's own list would; one sort and a cursor instead of a list
        // per sentence (most sentences have no stance).
        let mut stances: Vec<&crate::stance::Stance> = a.stances.iter().collect();
        stances.sort_by_key(|st| (st.sentence, st.target_span.start));
        let mut next = 0;
        let mut cells = String::with_capacity(a.doc.text.len() + a.doc.text.len() / 8);
        let mut rows = Vec::with_capacity(a.sentences.len());
        for (i, s) in a.sentences.iter().enumerate() {
            let speech = a.attribution.sentences.get(i);
            while next < stances.len() && stances[next].sentence < i {
                next += 1;
            }
            let from = cells.len();
            while next < stances.len() && stances[next].sentence == i {
                let st = stances[next];
                if cells.len() > from {
                    cells.push_str("; ");
                }
                cells.push_str(&a.attribution.people[st.target].name);
                cells.push(':');
                cells.push_str(st.label.as_str());
                next += 1;
            }
            opts.guard(&mut cells, from);
            let targets = (from, cells.len());
            let speaker = speech.and_then(|sp| sp.speaker.as_ref()).map(|src| {
                let from = cells.len();
                opts.push_cell(&mut cells, a.attribution.source_name(src));
                (from, cells.len())
            });
            let from = cells.len();
            opts.push_text(&mut cells, s.span.of(&a.doc.text));
            rows.push(SentenceCells {
                sentence: i + 1,
                paragraph: s.paragraph,
                start: chars.get(s.span.start),
                end: chars.get(s.span.end),
                speaker,
                mode: speech.map_or(Mode::Narration, |sp| sp.mode),
                scores: a.scores[i],
                targets,
                text: (from, cells.len()),
            });
        }
        SentenceTable {
            doc_id: opts.cell(a.doc.id.clone()),
            date: a.doc.date.clone(),
            cells,
            rows,
        }
    }

    /// The number of rows (the document's sentences).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the document has no sentences.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows, as [`SentenceRow`]s.
    pub fn rows(&self) -> impl Iterator<Item = SentenceRow> + '_ {
        self.rows.iter().map(|r| {
            let cell = |(a, b): (usize, usize)| self.cells[a..b].to_string();
            SentenceRow {
                doc_id: self.doc_id.clone(),
                date: self.date.clone(),
                sentence: r.sentence,
                paragraph: r.paragraph,
                start: r.start,
                end: r.end,
                speaker: r.speaker.map(cell),
                mode: r.mode.as_str().to_string(),
                neg: r.scores.neg,
                neu: r.scores.neu,
                pos: r.scores.pos,
                compound: r.scores.compound,
                targets: cell(r.targets),
                text: cell(r.text),
            }
        })
    }

    /// Writes the rows as CSV records, as [`SentenceRow`]'s
    /// [`TableRow::write_csv`] does.
    fn write_csv<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        let cell = |(a, b): (usize, usize)| &self.cells[a..b];
        for r in &self.rows {
            let s = &r.scores;
            write_sentence_fields(
                w,
                SentenceFields {
                    doc_id: &self.doc_id,
                    date: self.date.as_deref(),
                    numbers: [r.sentence, r.paragraph, r.start, r.end],
                    speaker: r.speaker.map(cell),
                    mode: r.mode.as_str(),
                    scores: [s.neg, s.neu, s.pos, s.compound],
                    targets: cell(r.targets),
                    text: cell(r.text),
                },
            )?;
        }
        Ok(())
    }
}

/// The `quotes` rows of one document.
pub fn quote_rows(a: &Annotated, opts: &Options) -> Vec<QuoteRow> {
    let chars = CharOffsets::new(&a.doc.text);
    let text = &a.doc.text;
    a.attribution
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let content = if q.parts.is_empty() {
                collapse_ws(q.span.of(text))
            } else {
                collapse_ws(
                    &q.parts
                        .iter()
                        .map(|p| p.of(text))
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            };
            QuoteRow {
                doc_id: opts.cell(a.doc.id.clone()),
                quote: i + 1,
                start: chars.get(q.span.start),
                end: chars.get(q.span.end),
                kind: q.kind.as_str().to_string(),
                speaker: source_name(a, &q.speaker).map(|n| opts.cell(n)),
                speaker_start: q.speaker_span.map(|s| chars.get(s.start)),
                speaker_end: q.speaker_span.map(|s| chars.get(s.end)),
                cue: q.cue.map(|c| opts.text(c.of(text))),
                cue_start: q.cue.map(|c| chars.get(c.start)),
                cue_end: q.cue.map(|c| chars.get(c.end)),
                text: opts.cell(content),
            }
        })
        .collect()
}

/// The `stances` rows of one document.
pub fn stance_rows(a: &Annotated, opts: &Options) -> Vec<StanceRow> {
    let chars = CharOffsets::new(&a.doc.text);
    a.stances
        .iter()
        .map(|st| StanceRow {
            doc_id: opts.cell(a.doc.id.clone()),
            sentence: st.sentence + 1,
            holder: source_name(a, &st.holder).map(|n| opts.cell(n)),
            target: opts.cell(a.attribution.people[st.target].name.clone()),
            stance: st.label.as_str().to_string(),
            confidence: round4(st.confidence),
            target_start: chars.get(st.target_span.start),
            target_end: chars.get(st.target_span.end),
            evidence: opts.text(&st.evidence),
        })
        .collect()
}

/// The `people` rows of one document.
pub fn person_rows(a: &Annotated, opts: &Options) -> Vec<PersonRow> {
    let n = a.attribution.people.len();
    let mut mentions = vec![0usize; n];
    for m in &a.attribution.mentions {
        if let Some(c) = mentions.get_mut(m.person) {
            *c += 1;
        }
    }
    let mut statements = vec![0usize; n];
    let mut sums = vec![0f64; n];
    for (i, sp) in a.attribution.sentences.iter().enumerate() {
        if let Some(Source::Person(p)) = sp.speaker {
            statements[p] += 1;
            sums[p] += a.scores[i].compound;
        }
    }
    a.attribution
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| PersonRow {
            doc_id: opts.cell(a.doc.id.clone()),
            person: opts.cell(p.name.clone()),
            aliases: opts.cell(p.aliases.join("; ")),
            mentions: mentions[i],
            statements: statements[i],
            mean_compound: (statements[i] > 0).then(|| round4(sums[i] / statements[i] as f64)),
        })
        .collect()
}

/// A writer of one table in CSV or JSONL.
pub struct TableWriter<W: Write> {
    inner: Inner<W>,
}

enum Inner<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(std::io::BufWriter<W>),
}

impl<W: Write> TableWriter<W> {
    /// A writer of `table` to `out`; a CSV header row is written first unless
    /// `header` is false (for stream filters).
    pub fn new(out: W, table: Table, format: Format, header: bool) -> std::io::Result<Self> {
        let columns = table.header();
        TableWriter::with_columns(out, format, header.then_some(&columns[..]))
    }

    /// A writer of rows that are not one of the [`Table`]s (the outputs of
    /// `split` and `sentiment`); `header` is the CSV header row, if any
    /// (JSONL has none).
    pub fn with_columns(out: W, format: Format, header: Option<&[&str]>) -> std::io::Result<Self> {
        let inner = match format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(out);
                if let Some(columns) = header {
                    w.write_record(columns).map_err(csv_io)?;
                }
                Inner::Csv(Box::new(w))
            }
            Format::Jsonl => Inner::Jsonl(std::io::BufWriter::with_capacity(1 << 16, out)),
        };
        Ok(TableWriter { inner })
    }

    /// Writes one row.
    pub fn write<T: Serialize>(&mut self, row: &T) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Csv(w) => w.serialize(row).map_err(csv_io),
            Inner::Jsonl(w) => {
                serde_json::to_writer(&mut *w, row).map_err(std::io::Error::other)?;
                w.write_all(b"\n")
            }
        }
    }

    /// Writes many rows of a table.
    pub fn write_all<T: TableRow>(&mut self, rows: &[T]) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Csv(w) => rows.iter().try_for_each(|r| r.write_csv(w)).map_err(csv_io),
            Inner::Jsonl(_) => rows.iter().try_for_each(|r| self.write(r)),
        }
    }

    /// Writes a document's `sentences` table.
    pub fn write_sentences(&mut self, table: &SentenceTable) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Csv(w) => table.write_csv(w).map_err(csv_io),
            Inner::Jsonl(_) => table.rows().try_for_each(|r| self.write(&r)),
        }
    }

    /// Flushes buffered rows (errors are returned, not dropped).
    pub fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Csv(w) => w.flush(),
            Inner::Jsonl(w) => w.flush(),
        }
    }
}

/// A row of one of the tables, which can write itself as a CSV record.
///
/// The default goes through serde. [`SentenceRow`], one per sentence and so
/// most of what `annotate` writes, writes its fields one by one instead (as
/// [`SentenceTable`] does), with a short path for VADER's scores: on the
/// writing thread that is about half the work per row (callgrind), and the
/// writing thread shares the cores with the workers. Tests check that these
/// paths give the bytes serde gives.
pub trait TableRow: Serialize {
    /// Writes the row as one record.
    fn write_csv<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        w.serialize(self)
    }
}

impl TableRow for QuoteRow {}
impl TableRow for StanceRow {}
impl TableRow for PersonRow {}
impl TableRow for ErrorRow {}

impl TableRow for SentenceRow {
    fn write_csv<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        write_sentence_fields(
            w,
            SentenceFields {
                doc_id: &self.doc_id,
                date: self.date.as_deref(),
                numbers: [self.sentence, self.paragraph, self.start, self.end],
                speaker: self.speaker.as_deref(),
                mode: &self.mode,
                scores: [self.neg, self.neu, self.pos, self.compound],
                targets: &self.targets,
                text: &self.text,
            },
        )
    }
}

/// The cells of one `sentences` record, borrowed from a [`SentenceRow`] or
/// a [`SentenceTable`].
struct SentenceFields<'a> {
    doc_id: &'a str,
    date: Option<&'a str>,
    /// sentence, paragraph, start, end.
    numbers: [usize; 4],
    speaker: Option<&'a str>,
    mode: &'a str,
    /// neg, neu, pos, compound.
    scores: [f64; 4],
    targets: &'a str,
    text: &'a str,
}

/// Writes one `sentences` record field by field, in the order of
/// [`SentenceRow`]'s fields, which serde would follow.
fn write_sentence_fields<W: Write>(
    w: &mut csv::Writer<W>,
    f: SentenceFields<'_>,
) -> csv::Result<()> {
    let mut int = itoa::Buffer::new();
    let mut float = ScoreBuffer::default();
    w.write_field(f.doc_id)?;
    w.write_field(f.date.unwrap_or_default())?;
    for n in f.numbers {
        w.write_field(int.format(n))?;
    }
    w.write_field(f.speaker.unwrap_or_default())?;
    w.write_field(f.mode)?;
    for x in f.scores {
        w.write_field(float.format(x))?;
    }
    w.write_field(f.targets)?;
    w.write_field(f.text)?;
    w.write_record(None::<&[u8]>)
}

/// Formats an `f64` exactly as serde's CSV and JSON writers do (ryu's
/// shortest round-trip form), with a short path for the values scores take:
/// multiples of 0.0001 below 1000 in magnitude.
///
/// Why the short path is exact: if `x` is the double nearest `k / 10^4`, then
/// that decimal round-trips, and no decimal with fewer digits lies within
/// `x`'s rounding interval (any other multiple of 0.0001 is 0.0001 away, and
/// a decimal with more places needs more digits), so it is ryu's answer too;
/// ryu prints such values without an exponent. Anything else, `-0.0`
/// included, goes to ryu.
#[derive(Default)]
pub struct ScoreBuffer {
    bytes: [u8; 16],
    ryu: ryu::Buffer,
}

impl ScoreBuffer {
    /// The text of `x`.
    pub fn format(&mut self, x: f64) -> &str {
        match self.short(x) {
            Some(n) => std::str::from_utf8(&self.bytes[..n]).expect("ASCII digits"),
            None => self.ryu.format(x),
        }
    }

    /// Writes `x` into `bytes` if it is a small multiple of 0.0001; returns
    /// the length.
    fn short(&mut self, x: f64) -> Option<usize> {
        // NaN fails the first test.
        let small = x.abs() < 1000.0;
        if !small || (x == 0.0 && x.is_sign_negative()) {
            return None;
        }
        let k = (x * 10_000.0).round();
        if k / 10_000.0 != x {
            return None;
        }
        let b = &mut self.bytes;
        let mut n = 0;
        if k < 0.0 {
            b[0] = b'-';
            n = 1;
        }
        let k = k.abs() as u32; // < 10^7
        let (whole, mut frac) = (k / 10_000, k % 10_000);
        for (place, started) in [(100, whole >= 100), (10, whole >= 10), (1, true)] {
            if started {
                b[n] = b'0' + (whole / place % 10) as u8;
                n += 1;
            }
        }
        b[n] = b'.';
        n += 1;
        if frac == 0 {
            b[n] = b'0';
            return Some(n + 1);
        }
        for _ in 0..4 {
            if frac == 0 {
                break;
            }
            b[n] = b'0' + (frac / 1000) as u8;
            frac = frac % 1000 * 10;
            n += 1;
        }
        Some(n)
    }
}

fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Opens `path` for writing (creating parent folders), with the path in
/// the error.
pub fn create(path: &Path) -> Result<std::fs::File> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::File::create(path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_ws_fast_path_agrees_with_split_whitespace() {
        let slow = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for s in [
            "",
            " ",
            "One two.",
            " lead",
            "trail ",
            "a  b",
            "a\tb",
            "a\nb",
            "a\u{a0}b",
            "a\u{2003}b c",
            "caf\u{e9} ok",
            "x\x0by\x0cz\r",
            "A sentence of more than eight bytes.",
            "eight by  tes",
            "1234567  9",
            "1234567 \n9",
            "12345678 123456  9",
            "It said: \"no!\" Then  more",
            "tabs\tafter eight bytes",
            "\x00\x01 control",
            "curly \u{2019}quotes\u{2019} and a dash \u{2014} here",
            "thin\u{2009}space after eight bytes",
            "no-break\u{a0}space",
            "ideographic\u{3000}space",
        ] {
            assert_eq!(collapse_ws(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn wide_space_at_is_char_is_whitespace_for_every_non_ascii_char() {
        let mut buf = [0u8; 4];
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(wide_space_at(b, 0), c.is_whitespace(), "{c:?}");
        }
    }

    /// ryu's text, as serde's writers print an `f64`.
    fn ryu_text(x: f64) -> String {
        ryu::Buffer::new().format(x).to_string()
    }

    #[test]
    fn score_buffer_agrees_with_ryu_on_every_multiple_of_a_ten_thousandth() {
        // Every score VADER can give (and far beyond): k / 10^4 for |k| up
        // to two million, each computed the way the scorer rounds.
        let mut b = ScoreBuffer::default();
        for k in -2_000_000i32..=2_000_000 {
            let x = f64::from(k) / 10_000.0;
            assert_eq!(b.format(x), ryu_text(x), "k = {k}");
            let y = (x * 10_000.0).round() / 10_000.0;
            assert_eq!(b.format(y), ryu_text(y), "k = {k}");
        }
    }

    #[test]
    fn score_buffer_leaves_other_values_to_ryu() {
        let mut b = ScoreBuffer::default();
        for x in [
            -0.0,
            0.0,
            0.00005,
            1e-5,
            0.1 + 0.2,
            999.9999,
            1000.0,
            -1000.0,
            123_456.5,
            1e300,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(b.format(x), ryu_text(x), "{x:?}");
        }
    }

    fn serde_csv<T: Serialize>(rows: &[T]) -> String {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        rows.iter().for_each(|r| w.serialize(r).unwrap());
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    fn table_csv(rows: &[SentenceRow]) -> String {
        let mut out = Vec::new();
        let mut w = TableWriter::new(&mut out, Table::Sentences, Format::Csv, false).unwrap();
        w.write_all(rows).unwrap();
        w.flush().unwrap();
        drop(w);
        String::from_utf8(out).unwrap()
    }

    proptest::proptest! {
        /// A sentence row written field by field is the record serde writes:
        /// quoting, empty options, numbers and all.
        #[test]
        fn sentence_rows_write_the_bytes_serde_writes(
            cells in proptest::collection::vec("([a-z,;\"' ]|\n|\r|é|’){0,12}", 6),
            date in proptest::option::of("[0-9-]{0,10}"),
            speaker in proptest::option::of("([A-Za-z ,\"]){0,10}"),
            ints in proptest::array::uniform4(0usize..100_000),
            scores in proptest::array::uniform4(-20_000i32..20_000),
            raw in proptest::num::f64::ANY,
        ) {
            let row = SentenceRow {
                doc_id: cells[0].clone(),
                date,
                sentence: ints[0],
                paragraph: ints[1],
                start: ints[2],
                end: ints[3],
                speaker,
                mode: cells[1].clone(),
                neg: f64::from(scores[0]) / 10_000.0,
                neu: f64::from(scores[1]) / 1_000.0,
                pos: raw,
                compound: f64::from(scores[3]) / 10_000.0,
                targets: cells[2].clone(),
                text: cells[3].clone(),
            };
            let empty = SentenceRow { doc_id: String::new(), date: None, speaker: None, ..row.clone() };
            let rows = [row, empty];
            proptest::prop_assert_eq!(table_csv(&rows), serde_csv(&rows));
        }
    }

    proptest::proptest! {
        /// A cell appended to a string of a table's cells is the cell made on
        /// its own: spreadsheet-safe or not, white space collapsed or not.
        #[test]
        fn cells_in_one_string_are_the_cells_on_their_own(
            prefix in "[a-z ]{0,4}",
            s in "([=+@a-z -]| |\n|\t|’){0,12}",
            safe in proptest::bool::ANY,
        ) {
            let opts = Options { spreadsheet_safe: safe };
            let mut out = prefix.clone();
            opts.push_cell(&mut out, &s);
            proptest::prop_assert_eq!(&out[prefix.len()..], opts.cell(s.clone()));
            let mut out = prefix.clone();
            opts.push_text(&mut out, &s);
            proptest::prop_assert_eq!(&out[prefix.len()..], opts.text(&s));
        }
    }

    proptest::proptest! {
        /// The eight-bytes-at-a-time check never calls a text collapsed that
        /// is not: the result is always `split_whitespace` joined by spaces.
        #[test]
        fn collapse_ws_agrees_with_split_whitespace_on_any_text(
            s in "([a-z!\"]| |  |\t|\n|\r|\x0b|\x00|\u{a0}|\u{85}|\u{2009}|\u{3000}|\u{1680}|\u{205f}|é|’|—){0,40}"
        ) {
            let slow = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_ws(&s), slow);
        }
    }

    proptest::proptest! {
        /// Every char boundary of any text maps to the number of chars
        /// before it (texts longer than a few blocks, mixed widths).
        #[test]
        fn char_offsets_agree_with_char_indices(
            s in "([a-z ]|é|—|😀|\u{10ffff}){0,300}"
        ) {
            let c = CharOffsets::new(&s);
            for (n, (b, _)) in s.char_indices().enumerate() {
                proptest::prop_assert_eq!(c.get(b), n);
            }
            proptest::prop_assert_eq!(c.get(s.len()), s.chars().count());
        }
    }

    #[test]
    fn char_offsets_at_the_end_of_whole_blocks() {
        // 64 bytes, a multiple of the block size: the end has no block.
        let text = "é".repeat(32);
        let c = CharOffsets::new(&text);
        assert_eq!(c.get(text.len()), 32);
        assert_eq!(c.get(62), 31);
    }

    #[test]
    fn char_offsets_count_code_points() {
        let text = "a–b…c";
        let c = CharOffsets::new(text);
        assert_eq!(c.get(0), 0);
        assert_eq!(c.get(1), 1);
        assert_eq!(c.get(4), 2); // after the 3-byte en dash
        assert_eq!(c.get(text.len()), 5);
    }

    #[test]
    fn spreadsheet_safe_prefixes_formula_cells() {
        let o = Options {
            spreadsheet_safe: true,
        };
        assert_eq!(o.text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(o.text("-1 point"), "'-1 point");
        assert_eq!(o.text("fine"), "fine");
        assert_eq!(Options::default().text("=x"), "=x");
    }

    #[test]
    fn csv_header_even_without_rows() {
        let mut buf = Vec::new();
        {
            let mut w = TableWriter::new(&mut buf, Table::Errors, Format::Csv, true).unwrap();
            w.flush().unwrap();
        }
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "source,line,doc_id,error\n"
        );
    }

    #[test]
    fn row_structs_match_schema() {
        // The serialized field order of each row type is the schema's order.
        fn header_of<T: Serialize>(row: &T) -> String {
            let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
            w.serialize(row).unwrap();
            let s = String::from_utf8(w.into_inner().unwrap()).unwrap();
            s.lines().next().unwrap().to_string()
        }
        let e = ErrorRow {
            source: "a".into(),
            line: None,
            doc_id: None,
            error: "x".into(),
        };
        assert_eq!(header_of(&e), Table::Errors.header().join(","));
        let p = PersonRow {
            doc_id: "d".into(),
            person: "p".into(),
            aliases: String::new(),
            mentions: 0,
            statements: 0,
            mean_compound: None,
        };
        assert_eq!(header_of(&p), Table::People.header().join(","));
    }
}
