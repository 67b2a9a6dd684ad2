//! The one error type of the library.
//!
//! Every error says *where*: the file (or `-` for stdin), and the line,
//! record or byte offset when there is one, so a user with a batch of
//! thousands of files can find the bad one (like csv's `Error` and ripgrep's
//! `ignore::Error::WithPath`). Errors about one input never abort a batch: the
//! caller reports them and goes on.

use std::fmt;
use std::path::{Path, PathBuf};

/// A `Result` whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// An error with the file and position it concerns.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong, and where.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file or folder could not be read (or written).
    Io {
        /// The path as the user gave it (`-` for stdin/stdout).
        path: PathBuf,
        /// The underlying error.
        err: std::io::Error,
    },
    /// The bytes of an input are not UTF-8.
    Utf8 {
        /// The input.
        path: PathBuf,
        /// 1-based line of the bad byte, when the input is line based.
        line: Option<u64>,
        /// Offset of the first invalid byte (within the line, if `line` is set).
        byte_offset: usize,
    },
    /// A line of a JSONL input is not a valid document record.
    Json {
        /// The input.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        msg: String,
    },
    /// A record of a CSV input could not be read.
    Csv {
        /// The input.
        path: PathBuf,
        /// 1-based line number where the record starts.
        line: u64,
        /// What is wrong with it.
        msg: String,
    },
    /// A CSV input without a `text` column in its header.
    MissingTextColumn {
        /// The input.
        path: PathBuf,
    },
    /// A bad line in a lexicon or aliases file.
    Lexicon {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        msg: String,
    },
    /// A table written by `annotate` that cannot be read back (for `report`).
    Table {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        msg: String,
    },
    /// The input is a binary file (it holds NUL bytes), not text.
    Binary {
        /// The input.
        path: PathBuf,
    },
    /// A document with no text (an empty file, record or field): reported so
    /// that every input shows up in the output or in the error report.
    Empty {
        /// The input.
        path: PathBuf,
        /// 1-based line of the record, for JSONL and CSV inputs.
        line: Option<u64>,
    },
}

impl Error {
    /// Wraps a kind.
    pub fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, err: std::io::Error) -> Error {
        Error::new(ErrorKind::Io {
            path: path.as_ref().to_path_buf(),
            err,
        })
    }

    /// A bad line of a lexicon-like TSV file.
    pub fn lexicon(path: impl AsRef<Path>, line: u64, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Lexicon {
            path: path.as_ref().to_path_buf(),
            line,
            msg: msg.into(),
        })
    }

    /// The input file this error concerns.
    pub fn path(&self) -> &Path {
        match &*self.0 {
            ErrorKind::Io { path, .. }
            | ErrorKind::Utf8 { path, .. }
            | ErrorKind::Json { path, .. }
            | ErrorKind::Csv { path, .. }
            | ErrorKind::MissingTextColumn { path }
            | ErrorKind::Lexicon { path, .. }
            | ErrorKind::Table { path, .. }
            | ErrorKind::Binary { path }
            | ErrorKind::Empty { path, .. } => path,
        }
    }

    /// The 1-based line this error concerns, if any.
    pub fn line(&self) -> Option<u64> {
        match &*self.0 {
            ErrorKind::Json { line, .. }
            | ErrorKind::Csv { line, .. }
            | ErrorKind::Lexicon { line, .. }
            | ErrorKind::Table { line, .. } => Some(*line),
            ErrorKind::Utf8 { line, .. } | ErrorKind::Empty { line, .. } => *line,
            _ => None,
        }
    }

    /// Whether this is a closed pipe on output (which is not a failure: a
    /// reader like `head` simply stopped reading).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&*self.0, ErrorKind::Io { err, .. } if err.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// The message without the location prefix (for the `errors` table,
    /// whose other columns carry the location).
    pub fn message(&self) -> String {
        match &*self.0 {
            ErrorKind::Io { err, .. } => err.to_string(),
            ErrorKind::Utf8 { byte_offset, .. } => {
                format!("invalid UTF-8 at byte {byte_offset} (use --lossy to replace bad bytes)")
            }
            ErrorKind::Json { msg, .. }
            | ErrorKind::Csv { msg, .. }
            | ErrorKind::Lexicon { msg, .. }
            | ErrorKind::Table { msg, .. } => msg.clone(),
            ErrorKind::MissingTextColumn { .. } => "CSV header has no `text` column".to_string(),
            ErrorKind::Binary { .. } => "binary file (contains NUL bytes), not text".to_string(),
            ErrorKind::Empty { .. } => "empty document (no text)".to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path().display())?;
        if let Some(line) = self.line() {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io { err, .. } => Some(err),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_file_and_line() {
        let e = Error::new(ErrorKind::Json {
            path: "in.jsonl".into(),
            line: 3,
            msg: "expected value".into(),
        });
        assert_eq!(e.to_string(), "in.jsonl:3: expected value");
        let e = Error::new(ErrorKind::MissingTextColumn {
            path: "a.csv".into(),
        });
        assert_eq!(e.to_string(), "a.csv: CSV header has no `text` column");
    }
}
