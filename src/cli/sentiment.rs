//! `newstance sentiment`: VADER scores of each input line, as one text
//! (like vaderSentiment's `polarity_scores`; no sentence splitting).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::Failures;
use crate::batch::{Event, Summary};
use crate::error::{Error, ErrorKind};
use crate::output::{Format, TableWriter};

/// Flags of `sentiment`.
#[derive(Debug, Args)]
pub struct SentimentArgs {
    /// Files whose lines are scored, or `-` for stdin (the default).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Extra VADER lexicon (TSV `word<TAB>valence`); repeatable.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Leave out the CSV header row.
    #[arg(long)]
    no_header: bool,
    /// Replace invalid UTF-8 with U+FFFD and warn, instead of failing the line.
    #[arg(long)]
    lossy: bool,
    #[command(flatten)]
    run: super::RunArgs,
}

#[derive(Serialize)]
struct Row<'a> {
    neg: f64,
    neu: f64,
    pos: f64,
    compound: f64,
    text: &'a str,
}

pub(super) fn run(args: SentimentArgs) -> anyhow::Result<ExitCode> {
    let vader = super::pipeline(&args.lexicon)?.vader;
    let header: &[&str] = &["neg", "neu", "pos", "compound", "text"];
    let mut out = TableWriter::with_columns(
        super::output(None)?,
        args.format,
        (!args.no_header).then_some(header),
    )?;
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    let mut failures = Failures::default();
    let mut summary = Summary::default();
    let start = std::time::Instant::now();
    for path in &inputs {
        let reader: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            match std::fs::File::open(path) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    summary.errors += 1;
                    failures.take::<()>(Event::Failed {
                        error: Error::io(path, e),
                        doc_id: None,
                    });
                    continue;
                }
            }
        };
        let io = score_lines(
            path,
            reader,
            &vader,
            &mut out,
            &mut failures,
            &mut summary,
            args.lossy,
        );
        if let Some(code) = super::finish_output(io, "output")? {
            return Ok(code);
        }
    }
    if let Some(code) = super::finish_output(out.flush(), "output")? {
        return Ok(code);
    }
    summary.seconds = start.elapsed().as_secs_f64();
    failures.write_to(args.run.errors.as_ref())?;
    Ok(super::exit_code(&summary, &args.run, " (lines)"))
}

fn score_lines(
    path: &Path,
    reader: Box<dyn Read>,
    vader: &crate::Vader,
    out: &mut TableWriter<Box<dyn std::io::Write>>,
    failures: &mut Failures,
    summary: &mut Summary,
    lossy: bool,
) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) => {
                summary.errors += 1;
                failures.take::<()>(Event::Failed {
                    error: Error::io(path, e),
                    doc_id: None,
                });
                return Ok(());
            }
        }
        line += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => std::borrow::Cow::Borrowed(t),
            Err(e) => {
                let error = Error::new(ErrorKind::Utf8 {
                    path: path.to_path_buf(),
                    line: Some(line),
                    byte_offset: e.valid_up_to(),
                });
                if !lossy {
                    summary.errors += 1;
                    failures.take::<()>(Event::Failed {
                        error,
                        doc_id: None,
                    });
                    continue;
                }
                failures.take::<()>(Event::Warning(error));
                String::from_utf8_lossy(&buf)
            }
        };
        let s = vader.polarity_scores(&text);
        summary.documents += 1;
        summary.bytes += text.len();
        out.write(&Row {
            neg: s.neg,
            neu: s.neu,
            pos: s.pos,
            compound: s.compound,
            text: &text,
        })?;
    }
}
