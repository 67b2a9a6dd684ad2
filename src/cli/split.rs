//! `newstance split`: the sentences of every input document.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Failures, InputArgs, RunArgs};
use crate::batch::{self, Event};
use crate::output::{CharOffsets, Format, TableWriter, collapse_ws};
use crate::pipeline::Pipeline;

/// Output formats of `split`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SplitFormat {
    /// One sentence per line (inner line breaks become spaces).
    Text,
    /// CSV: doc_id, sentence, start, end, text.
    Csv,
    /// JSONL with the same fields.
    Jsonl,
}

/// Flags of `split`.
#[derive(Debug, Args)]
pub struct SplitArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SplitFormat::Text)]
    format: SplitFormat,
    /// Leave out the CSV header row.
    #[arg(long)]
    no_header: bool,
}

/// Where `split` writes.
enum Out {
    Text(Box<dyn Write>),
    Table(TableWriter<Box<dyn Write>>),
}

/// One sentence of `split` (character offsets).
#[derive(Serialize)]
struct SplitRow {
    doc_id: String,
    sentence: usize,
    start: usize,
    end: usize,
    text: String,
}

impl crate::output::TableRow for SplitRow {}

pub(super) fn run(args: SplitArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new();
    let out = super::output(None)?;
    let mut out = match args.format {
        SplitFormat::Text => Out::Text(out),
        f => {
            let format = if f == SplitFormat::Csv {
                Format::Csv
            } else {
                Format::Jsonl
            };
            let header: &[&str] = &["doc_id", "sentence", "start", "end", "text"];
            Out::Table(TableWriter::with_columns(
                out,
                format,
                (!args.no_header).then_some(header),
            )?)
        }
    };
    let mut failures = Failures::default();
    let result = batch::run(
        args.input.open(),
        args.run.batch(),
        |doc| {
            let chars = CharOffsets::new(&doc.text);
            pipeline
                .sentences(&doc)
                .iter()
                .enumerate()
                .map(|(i, s)| SplitRow {
                    doc_id: doc.id.clone(),
                    sentence: i + 1,
                    start: chars.get(s.span.start),
                    end: chars.get(s.span.end),
                    text: collapse_ws(s.span.of(&doc.text)),
                })
                .collect::<Vec<_>>()
        },
        |event: Event<Vec<SplitRow>>| {
            if let Some(rows) = failures.take(event) {
                match &mut out {
                    Out::Table(w) => w.write_all(&rows)?,
                    Out::Text(out) => {
                        for r in &rows {
                            writeln!(out, "{}", r.text)?;
                        }
                    }
                }
            }
            Ok(())
        },
    );
    let flushed = result.and_then(|s| {
        match &mut out {
            Out::Table(w) => w.flush()?,
            Out::Text(out) => out.flush()?,
        }
        Ok(s)
    });
    let summary = match flushed {
        Ok(s) => s,
        Err(e) => {
            return super::finish_output(Err(e), "output").map(|c| c.unwrap_or(ExitCode::from(2)));
        }
    };
    failures.write_to(args.run.errors.as_ref())?;
    Ok(super::exit_code(&summary, &args.run, ""))
}
