//! Input readers: files, folders, JSONL, CSV and stdin, as a stream of
//! documents and per-record failures.
//!
//! Readers are lazy: folders are listed when reached, JSONL and CSV files
//! are read record by record, so memory does not grow with the corpus. A bad
//! record or file becomes an [`Item::Failed`] naming the file and line, and
//! reading goes on with the next one: one broken line must not cost the user
//! the rest of the batch.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::{Error, ErrorKind};

/// How stdin (and files with an unknown extension) are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// The whole input is one document.
    #[default]
    Txt,
    /// One JSON object per line: `id`, `text`, `date`.
    Jsonl,
    /// A header row with a `text` column, optional `id` and `date`.
    Csv,
}

impl InputFormat {
    /// The format implied by a file name's extension, if any.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(InputFormat::Txt),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "csv" => Some(InputFormat::Csv),
            _ => None,
        }
    }
}

/// Reading options.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOptions {
    /// Format of stdin and of files whose extension says nothing.
    pub format: InputFormat,
    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing.
    pub lossy: bool,
}

/// One thing read from the inputs.
#[derive(Debug)]
pub enum Item {
    /// A document.
    Document(Document),
    /// An input (file, line or record) that could not be read.
    Failed {
        /// What went wrong and where.
        error: Error,
        /// The document id, when the record got far enough to have one.
        doc_id: Option<String>,
    },
    /// Something the user should know that did not stop the document (such
    /// as replaced invalid UTF-8 under `--lossy`).
    Warning(Error),
}

/// The documents of a list of inputs, in order.
pub struct Inputs {
    pending: VecDeque<PathBuf>,
    current: Option<Box<dyn Iterator<Item = Item> + Send>>,
    opts: ReadOptions,
}

impl Inputs {
    /// Reads `paths` in order (`-` is stdin; no paths means stdin).
    pub fn new(paths: &[PathBuf], opts: ReadOptions) -> Inputs {
        let mut pending: VecDeque<PathBuf> = paths.iter().cloned().collect();
        if pending.is_empty() {
            pending.push_back(PathBuf::from("-"));
        }
        Inputs {
            pending,
            current: None,
            opts,
        }
    }

    /// Every document of the inputs, in order, or the first input that
    /// failed: for tools that need a whole corpus in memory (benchmarks,
    /// diagnostics). Warnings are dropped.
    pub fn documents(self) -> crate::Result<Vec<Document>> {
        let mut out = Vec::new();
        for item in self {
            match item {
                Item::Document(d) => out.push(d),
                Item::Failed { error, .. } => return Err(error),
                Item::Warning(_) => {}
            }
        }
        Ok(out)
    }

    fn open(&mut self, path: PathBuf) -> Box<dyn Iterator<Item = Item> + Send> {
        if path.as_os_str() == "-" {
            let stdin: Box<dyn Read + Send> = Box::new(std::io::stdin());
            return reader_items(path, stdin, self.opts.format, self.opts);
        }
        match std::fs::metadata(&path) {
            Err(e) => failed(Error::io(&path, e)),
            Ok(meta) if meta.is_dir() => match list_folder(&path) {
                Ok(files) => {
                    for f in files.into_iter().rev() {
                        self.pending.push_front(f);
                    }
                    Box::new(std::iter::empty())
                }
                Err(e) => failed(e),
            },
            Ok(_) => {
                let format = InputFormat::from_path(&path).unwrap_or(self.opts.format);
                match File::open(&path) {
                    Ok(f) => reader_items(path, Box::new(f), format, self.opts),
                    Err(e) => failed(Error::io(&path, e)),
                }
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(cur) = &mut self.current {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let path = self.pending.pop_front()?;
            self.current = Some(self.open(path));
        }
    }
}

fn failed(error: Error) -> Box<dyn Iterator<Item = Item> + Send> {
    Box::new(std::iter::once(Item::Failed {
        error,
        doc_id: None,
    }))
}

/// The `*.txt`, `*.jsonl` and `*.csv` files under `dir`, recursively, in
/// sorted path order (so output order does not depend on the file system).
pub fn list_folder(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&d, e))?;
            let path = entry.path();
            let ft = entry.file_type().map_err(|e| Error::io(&path, e))?;
            if ft.is_dir() || (ft.is_symlink() && path.is_dir()) {
                stack.push(path);
            } else if InputFormat::from_path(&path).is_some() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn reader_items(
    path: PathBuf,
    reader: Box<dyn Read + Send>,
    format: InputFormat,
    opts: ReadOptions,
) -> Box<dyn Iterator<Item = Item> + Send> {
    match format {
        InputFormat::Txt => Box::new(read_txt(path, reader, opts).into_iter()),
        InputFormat::Jsonl => Box::new(JsonlReader {
            path,
            reader: BufReader::with_capacity(1 << 16, reader),
            line: 0,
            buf: Vec::new(),
            queued: None,
            opts,
        }),
        InputFormat::Csv => Box::new(CsvReader::new(path, reader, opts)),
    }
}

/// Bytes to text: invalid UTF-8 is an error naming the offset, or, with
/// `lossy`, replaced with a warning.
fn decode(
    bytes: Vec<u8>,
    path: &Path,
    line: Option<u64>,
    lossy: bool,
) -> (Result<String, Error>, Option<Error>) {
    match String::from_utf8(bytes) {
        Ok(s) => (Ok(s), None),
        Err(e) => {
            let byte_offset = e.utf8_error().valid_up_to();
            let err = Error::new(ErrorKind::Utf8 {
                path: path.to_path_buf(),
                line,
                byte_offset,
            });
            if lossy {
                let s = String::from_utf8_lossy(e.as_bytes()).into_owned();
                (Ok(s), Some(err))
            } else {
                (Err(err), None)
            }
        }
    }
}

/// A document, or a failure if it has no text at all.
fn document(
    id: String,
    text: String,
    date: Option<String>,
    path: &Path,
    line: Option<u64>,
) -> Item {
    if text.trim().is_empty() {
        return Item::Failed {
            error: Error::new(ErrorKind::Empty {
                path: path.to_path_buf(),
                line,
            }),
            doc_id: Some(id),
        };
    }
    Item::Document(Document::new(id, text, date))
}

fn read_txt(path: PathBuf, mut reader: Box<dyn Read + Send>, opts: ReadOptions) -> Vec<Item> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return vec![Item::Failed {
            error: Error::io(&path, e),
            doc_id: None,
        }];
    }
    let id = path.display().to_string();
    if bytes.contains(&0) {
        return vec![Item::Failed {
            error: Error::new(ErrorKind::Binary { path }),
            doc_id: Some(id),
        }];
    }
    let (text, warning) = decode(bytes, &path, None, opts.lossy);
    let mut items = Vec::with_capacity(2);
    if let Some(w) = warning {
        items.push(Item::Warning(w));
    }
    items.push(match text {
        Ok(text) => document(id, text, None, &path, None),
        Err(error) => Item::Failed {
            error,
            doc_id: Some(id),
        },
    });
    items
}

/// One JSONL record as read: `id` may be a string or a number.
#[derive(serde::Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: String,
    date: Option<String>,
}

struct JsonlReader {
    path: PathBuf,
    reader: BufReader<Box<dyn Read + Send>>,
    line: u64,
    buf: Vec<u8>,
    queued: Option<Item>,
    opts: ReadOptions,
}

impl JsonlReader {
    fn fail(&self, msg: String) -> Item {
        Item::Failed {
            error: Error::new(ErrorKind::Json {
                path: self.path.clone(),
                line: self.line,
                msg,
            }),
            doc_id: None,
        }
    }

    fn parse(&self, line: &str) -> Item {
        let rec: Record = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => return self.fail(format!("not a document record: {e}")),
        };
        let id = match rec.id {
            None | Some(serde_json::Value::Null) => {
                format!("{}:{}", self.path.display(), self.line)
            }
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(other) => {
                return self.fail(format!("`id` must be a string or number, not {other}"));
            }
        };
        document(id, rec.text, rec.date, &self.path, Some(self.line))
    }
}

impl Iterator for JsonlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(item) = self.queued.take() {
            return Some(item);
        }
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    // An I/O error mid-file: report it and stop this file.
                    self.line += 1;
                    let item = Item::Failed {
                        error: Error::io(&self.path, e),
                        doc_id: None,
                    };
                    self.buf.clear();
                    self.reader = BufReader::new(Box::new(std::io::empty()));
                    return Some(item);
                }
            }
            self.line += 1;
            let bytes = std::mem::take(&mut self.buf);
            let (text, warning) = decode(bytes, &self.path, Some(self.line), self.opts.lossy);
            let text = match text {
                Ok(t) => t,
                Err(error) => {
                    return Some(Item::Failed {
                        error,
                        doc_id: None,
                    });
                }
            };
            let trimmed = text.trim();
            if trimmed.is_empty() {
                continue;
            }
            let item = self.parse(trimmed);
            self.buf = text.into_bytes();
            return Some(match warning {
                Some(w) => {
                    self.queued = Some(item);
                    Item::Warning(w)
                }
                None => item,
            });
        }
    }
}

struct CsvReader {
    path: PathBuf,
    reader: csv::Reader<Box<dyn Read + Send>>,
    columns: Option<(usize, Option<usize>, Option<usize>)>,
    record: csv::ByteRecord,
    queued: Option<Item>,
    done: bool,
    opts: ReadOptions,
}

impl CsvReader {
    fn new(path: PathBuf, reader: Box<dyn Read + Send>, opts: ReadOptions) -> CsvReader {
        let reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(reader);
        CsvReader {
            path,
            reader,
            columns: None,
            record: csv::ByteRecord::new(),
            queued: None,
            done: false,
            opts,
        }
    }

    fn csv_error(&self, e: &csv::Error) -> Error {
        let line = e.position().map_or(0, |p| p.line());
        match e.kind() {
            csv::ErrorKind::Io(io) => {
                Error::io(&self.path, std::io::Error::new(io.kind(), io.to_string()))
            }
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => Error::new(ErrorKind::Csv {
                path: self.path.clone(),
                line,
                msg: format!("record has {len} fields, the header has {expected_len}"),
            }),
            _ => Error::new(ErrorKind::Csv {
                path: self.path.clone(),
                line,
                msg: e.to_string(),
            }),
        }
    }

    /// Finds the `text`, `id` and `date` columns (names compared without
    /// case and surrounding space).
    fn header(&mut self) -> Result<(usize, Option<usize>, Option<usize>), Error> {
        let headers = match self.reader.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(self.csv_error(&e)),
        };
        let find = |name: &str| {
            headers.iter().position(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .eq_ignore_ascii_case(name)
            })
        };
        let text = find("text").ok_or_else(|| {
            Error::new(ErrorKind::MissingTextColumn {
                path: self.path.clone(),
            })
        })?;
        Ok((text, find("id"), find("date")))
    }
}

impl Iterator for CsvReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(item) = self.queued.take() {
            return Some(item);
        }
        if self.done {
            return None;
        }
        let (text_col, id_col, date_col) = match self.columns {
            Some(c) => c,
            None => match self.header() {
                Ok(c) => {
                    self.columns = Some(c);
                    c
                }
                Err(error) => {
                    self.done = true;
                    return Some(Item::Failed {
                        error,
                        doc_id: None,
                    });
                }
            },
        };
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => {
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                }
                Some(Item::Failed {
                    error: self.csv_error(&e),
                    doc_id: None,
                })
            }
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                let field = |i: Option<usize>| -> Option<String> {
                    i.and_then(|i| self.record.get(i))
                        .map(|b| String::from_utf8_lossy(b).trim().to_string())
                        .filter(|s| !s.is_empty())
                };
                let id =
                    field(id_col).unwrap_or_else(|| format!("{}:{}", self.path.display(), line));
                let date = field(date_col);
                let bytes = self.record.get(text_col).unwrap_or_default().to_vec();
                let (text, warning) = decode(bytes, &self.path, Some(line), self.opts.lossy);
                let item = match text {
                    Ok(text) => document(id, text, date, &self.path, Some(line)),
                    Err(error) => Item::Failed {
                        error,
                        doc_id: Some(id),
                    },
                };
                Some(match warning {
                    Some(w) => {
                        self.queued = Some(item);
                        Item::Warning(w)
                    }
                    None => item,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(format: InputFormat, data: &str) -> Vec<Item> {
        let opts = ReadOptions {
            format,
            lossy: false,
        };
        reader_items(
            PathBuf::from("in"),
            Box::new(std::io::Cursor::new(data.as_bytes().to_vec())),
            format,
            opts,
        )
        .collect()
    }

    fn summary(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Document(d) => format!("doc {} {:?} {}", d.id, d.date, d.text),
                Item::Failed { error, .. } => format!("err {error}"),
                Item::Warning(w) => format!("warn {w}"),
            })
            .collect()
    }

    #[test]
    fn jsonl_records_and_bad_lines() {
        let data = "{\"id\": \"a\", \"text\": \"One.\", \"date\": \"2020-01-02\"}\n\n{oops\n{\"id\": 7, \"text\": \"Two.\"}\n{\"text\": \"Three.\"}\n{\"id\": \"x\"}\n";
        assert_eq!(
            summary(&items(InputFormat::Jsonl, data)),
            vec![
                "doc a Some(\"2020-01-02\") One.",
                "err in:3: not a document record: key must be a string at line 1 column 2",
                "doc 7 None Two.",
                "doc in:5 None Three.",
                "err in:6: not a document record: missing field `text` at line 1 column 11",
            ]
        );
    }

    #[test]
    fn csv_records_and_bad_records() {
        let data = "id,date,text\na,2021-03-04,\"Hello, world.\"\nb,,x,extra\n,,No id.\n";
        assert_eq!(
            summary(&items(InputFormat::Csv, data)),
            vec![
                "doc a Some(\"2021-03-04\") Hello, world.",
                "err in:3: record has 4 fields, the header has 3",
                "doc in:4 None No id.",
            ]
        );
    }

    #[test]
    fn csv_without_text_column() {
        assert_eq!(
            summary(&items(InputFormat::Csv, "id,body\na,b\n")),
            vec!["err in: CSV header has no `text` column"]
        );
    }
}
