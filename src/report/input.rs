//! What `report` reads: articles, or tables `annotate` wrote.
//!
//! Every input path is classified before any work starts. A `.csv` file
//! whose header row is exactly the columns of an `annotate` table is that
//! table; a `.jsonl` file whose first record has exactly a table's fields is
//! that table in JSONL; anything else is an article input for the document
//! readers. Folders are searched the way the document readers search them
//! (recursively, `*.txt`, `*.jsonl`, `*.csv`, sorted path order), so a
//! folder written by `annotate --out-dir` is read as its tables. Of the
//! tables, `sentences` and `stances` feed the report; `quotes`, `people`
//! and `errors` are recognised and skipped (their rows are derived from the
//! other two, or are not rows of documents at all).
//!
//! Headerless tables (`annotate --no-header`) cannot be recognised: they
//! would be read as articles. Give the tables with their header.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::document::InputFormat;
use crate::error::{Error, ErrorKind};
use crate::output::{SentenceRow, StanceRow, Table};

/// One classified input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Articles (any format the document readers take), or `-` for stdin.
    Documents(PathBuf),
    /// An `annotate` table in CSV or JSONL.
    Table {
        /// The file.
        path: PathBuf,
        /// Which table.
        table: Table,
        /// CSV or JSONL.
        format: crate::output::Format,
    },
}

/// Classifies `paths` (folders expanded, in order). No paths means stdin.
/// A folder that cannot be listed is an error; a file that cannot be read
/// is passed on as documents, for the readers to report.
pub fn classify(paths: &[PathBuf]) -> Result<Vec<Input>, Error> {
    let mut out = Vec::new();
    if paths.is_empty() {
        out.push(Input::Documents(PathBuf::from("-")));
    }
    for p in paths {
        if p.as_os_str() != "-" && p.is_dir() {
            for f in list_folder(p)? {
                out.push(classify_file(f));
            }
        } else {
            out.push(classify_file(p.clone()));
        }
    }
    Ok(out)
}

fn classify_file(path: PathBuf) -> Input {
    if path.as_os_str() == "-" {
        return Input::Documents(path);
    }
    let sniffed = match InputFormat::from_path(&path) {
        Some(InputFormat::Csv) => sniff_csv(&path).map(|t| (t, crate::output::Format::Csv)),
        Some(InputFormat::Jsonl) => sniff_jsonl(&path).map(|t| (t, crate::output::Format::Jsonl)),
        _ => None,
    };
    match sniffed {
        Some((table, format)) => Input::Table {
            path,
            table,
            format,
        },
        None => Input::Documents(path),
    }
}

/// The table whose columns are exactly `names`, in order.
fn table_with_columns<'a>(names: impl Iterator<Item = &'a str>) -> Option<Table> {
    let names: Vec<&str> = names.collect();
    Table::ALL.into_iter().find(|t| t.header() == names)
}

fn sniff_csv(path: &Path) -> Option<Table> {
    let file = File::open(path).ok()?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(BufReader::new(file).take(1 << 16));
    let header = rdr.headers().ok()?;
    table_with_columns(header.iter().map(|h| h.trim_start_matches('\u{feff}')))
}

fn sniff_jsonl(path: &Path) -> Option<Table> {
    let file = File::open(path).ok()?;
    let mut reader = BufReader::new(file).take(1 << 20);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&line).ok()?;
    let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
    keys.sort_unstable();
    Table::ALL.into_iter().find(|t| {
        let mut cols = t.header();
        cols.sort_unstable();
        cols == keys
    })
}

use crate::document::list_folder;

/// A row of a table as read, or the error (naming file and line) of a row
/// that could not be read.
pub type RowResult<T> = Result<T, Error>;

fn table_error(path: &Path, line: u64, msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::Table {
        path: path.to_path_buf(),
        line,
        msg: msg.into(),
    })
}

/// Reads the rows of a table file (CSV with its header, or JSONL), each
/// with its 1-based line. Each bad row is an error naming the file and line,
/// and reading goes on; an unreadable file is one error.
pub fn read_rows<T: DeserializeOwned + 'static>(
    path: &Path,
    format: crate::output::Format,
) -> Box<dyn Iterator<Item = RowResult<(u64, T)>>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Err(Error::io(path, e)))),
    };
    let path = path.to_path_buf();
    match format {
        crate::output::Format::Csv => {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_reader(BufReader::with_capacity(1 << 16, file));
            let headers = match rdr.headers() {
                Ok(h) => h.clone(),
                Err(e) => return Box::new(std::iter::once(Err(csv_error(&path, &e)))),
            };
            let mut record = csv::StringRecord::new();
            let mut done = false;
            Box::new(std::iter::from_fn(move || {
                if done {
                    return None;
                }
                match rdr.read_record(&mut record) {
                    Ok(false) => None,
                    Ok(true) => {
                        let line = record.position().map_or(0, |p| p.line());
                        Some(
                            record
                                .deserialize::<T>(Some(&headers))
                                .map(|row| (line, row))
                                .map_err(|e| csv_error(&path, &e)),
                        )
                    }
                    Err(e) => {
                        // An I/O error ends the file; a bad record does not.
                        if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                            done = true;
                        }
                        Some(Err(csv_error(&path, &e)))
                    }
                }
            }))
        }
        crate::output::Format::Jsonl => {
            let mut lines = BufReader::with_capacity(1 << 16, file).lines();
            let mut n = 0u64;
            Box::new(std::iter::from_fn(move || {
                loop {
                    n += 1;
                    let line = match lines.next()? {
                        Ok(l) => l,
                        Err(e) => return Some(Err(Error::io(&path, e))),
                    };
                    if line.trim().is_empty() {
                        continue;
                    }
                    return Some(
                        serde_json::from_str::<T>(&line)
                            .map(|row| (n, row))
                            .map_err(|e| table_error(&path, n, e.to_string())),
                    );
                }
            }))
        }
    }
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::Io(err) => {
            Error::io(path, std::io::Error::new(err.kind(), err.to_string()))
        }
        _ => table_error(path, e.position().map_or(0, |p| p.line()), csv_message(e)),
    }
}

/// A csv error's message without its position (the error carries that).
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(f) => format!("field {}: {}", f + 1, err.kind()),
            None => err.kind().to_string(),
        },
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields, expected {expected_len}"),
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8: {err}"),
        _ => e.to_string(),
    }
}

/// Reads a `sentences` table, checking each row ([`super::check_sentence`]).
pub fn read_sentences(
    path: &Path,
    format: crate::output::Format,
) -> impl Iterator<Item = RowResult<SentenceRow>> {
    let owned = path.to_path_buf();
    read_rows::<SentenceRow>(path, format).map(move |r| {
        let (line, row) = r?;
        match super::check_sentence(&row) {
            None => Ok(row),
            Some(msg) => Err(table_error(&owned, line, msg)),
        }
    })
}

/// Reads a `stances` table, checking each row ([`super::check_stance`]).
pub fn read_stances(
    path: &Path,
    format: crate::output::Format,
) -> impl Iterator<Item = RowResult<StanceRow>> {
    let owned = path.to_path_buf();
    read_rows::<StanceRow>(path, format).map(move |r| {
        let (line, row) = r?;
        match super::check_stance(&row) {
            None => Ok(row),
            Some(msg) => Err(table_error(&owned, line, msg)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Format;

    fn tmp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("newstance-report-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn tables_are_recognised_by_their_header() {
        let dir = tmp("classify");
        let s = Table::Sentences.header().join(",");
        let st = Table::Stances.header().join(",");
        std::fs::write(dir.join("sentences.csv"), format!("{s}\n")).unwrap();
        std::fs::write(dir.join("b.csv"), format!("{st}\n")).unwrap();
        std::fs::write(
            dir.join("quotes.csv"),
            format!("{}\n", Table::Quotes.header().join(",")),
        )
        .unwrap();
        std::fs::write(dir.join("articles.csv"), "id,text\n1,Hello.\n").unwrap();
        std::fs::write(dir.join("a.txt"), "Hello.").unwrap();
        std::fs::write(
            dir.join("s.jsonl"),
            "{\"doc_id\":\"d\",\"sentence\":1,\"holder\":null,\"target\":\"A\",\"stance\":\"favor\",\"confidence\":1.0,\"target_start\":0,\"target_end\":1,\"evidence\":\"\"}\n",
        )
        .unwrap();
        std::fs::write(dir.join("docs.jsonl"), "{\"id\":\"1\",\"text\":\"Hi.\"}\n").unwrap();
        let got = classify(std::slice::from_ref(&dir)).unwrap();
        let kind = |i: &Input| match i {
            Input::Documents(p) => format!("doc {}", p.file_name().unwrap().to_string_lossy()),
            Input::Table {
                path,
                table,
                format,
            } => format!(
                "{} {:?} {}",
                table.name(),
                format,
                path.file_name().unwrap().to_string_lossy()
            ),
        };
        let got: Vec<String> = got.iter().map(kind).collect();
        assert_eq!(
            got,
            vec![
                "doc a.txt",
                "doc articles.csv",
                "stances Csv b.csv",
                "doc docs.jsonl",
                "quotes Csv quotes.csv",
                "stances Jsonl s.jsonl",
                "sentences Csv sentences.csv",
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_rows_name_file_and_line_and_reading_goes_on() {
        let dir = tmp("rows");
        let path = dir.join("stances.csv");
        std::fs::write(
            &path,
            format!(
                "{}\nd,1,A,B,favor,0.5,0,1,x\nd,x,A,B,favor,0.5,0,1,x\nd,2,A,B,pro,0.5,0,1,x\nd,3,,B,against,0.5,0,1,x\n",
                Table::Stances.header().join(",")
            ),
        )
        .unwrap();
        let rows: Vec<_> = read_stances(&path, Format::Csv).collect();
        assert_eq!(rows.len(), 4);
        assert!(rows[0].is_ok());
        let e = rows[1].as_ref().unwrap_err();
        assert_eq!(e.line(), Some(3), "{e}");
        let e = rows[2].as_ref().unwrap_err();
        assert_eq!(e.line(), Some(4), "{e}");
        assert!(e.to_string().contains("unknown stance `pro`"), "{e}");
        let last = rows[3].as_ref().unwrap();
        assert_eq!(last.holder, None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
