//! The command-line interface: flags, and one small file per subcommand
//! over the library.
//!
//! Raw flags ([`Cli`]) are resolved into the library's settings before any
//! work starts; subcommands return the process exit code (see `INTERFACE.md`:
//! 0 all inputs processed, 1 some failed, 2 usage error or nothing could be
//! processed). No setting comes from environment variables.

mod annotate;
mod report;
mod schema;
mod sentiment;
mod split;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::batch::{BatchOptions, Event, Summary};
use crate::document::{InputFormat, Inputs, ReadOptions};
use crate::error::Error;
use crate::output::{ErrorRow, Format, Table, TableWriter};
use crate::pipeline::Pipeline;

/// newstance: who speaks in news articles, with what tone, and for or
/// against whom.
#[derive(Debug, Parser)]
#[command(name = "newstance", version, about, max_term_width = 100)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Annotate articles: sentences, speakers, sentiment, stance (tables).
    Annotate(annotate::AnnotateArgs),
    /// Split articles into sentences.
    Split(split::SplitArgs),
    /// Score each input line with VADER (no splitting).
    Sentiment(sentiment::SentimentArgs),
    /// Print each table's columns with their types.
    Schema(schema::SchemaArgs),
    /// Compare speakers across documents or annotate's tables (md, csv, html).
    Report(report::ReportArgs),
}

/// Where documents come from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files (.txt, .jsonl, .csv), folders (searched recursively, sorted),
    /// or `-` for stdin. No INPUT reads stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Format of stdin (and of files whose extension says nothing).
    #[arg(long, value_enum, default_value_t = InputFormat::Txt)]
    pub input_format: InputFormat,
    /// Replace invalid UTF-8 with U+FFFD and warn, instead of failing the
    /// input.
    #[arg(long)]
    pub lossy: bool,
}

impl InputArgs {
    fn open(&self) -> Inputs {
        Inputs::new(
            &self.inputs,
            ReadOptions {
                format: self.input_format,
                lossy: self.lossy,
            },
        )
    }
}

/// How a batch runs and reports failures.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Worker threads (default: all cores). Output is identical for any N.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Also write the failed inputs as an `errors` table (CSV) to FILE.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Exit 0 even when some inputs failed (they are still reported).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print a summary line (documents, sentences, errors, seconds) on stderr.
    #[arg(long, short)]
    pub verbose: bool,
}

impl RunArgs {
    fn batch(&self) -> BatchOptions {
        BatchOptions {
            threads: self.threads,
            progress: true,
        }
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Annotate(args) => annotate::run(args),
        Command::Split(args) => split::run(args),
        Command::Sentiment(args) => sentiment::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Report(args) => report::run(args),
    }
}

/// Collects failures: prints each on stderr, keeps the `errors` rows.
#[derive(Default)]
struct Failures {
    rows: Vec<ErrorRow>,
}

impl Failures {
    /// Handles the non-document events; returns the document ones.
    fn take<T>(&mut self, event: Event<T>) -> Option<T> {
        match event {
            Event::Done(t) => Some(t),
            Event::Failed { error, doc_id } => {
                eprintln!("newstance: {error}");
                self.rows.push(ErrorRow::new(&error, doc_id));
                None
            }
            Event::Warning(w) => {
                eprintln!("newstance: warning: {w} (replaced)");
                None
            }
        }
    }

    /// Writes the `errors` table to `path`, if given.
    fn write_to(&self, path: Option<&PathBuf>) -> Result<(), Error> {
        let Some(path) = path else { return Ok(()) };
        let file = crate::output::create(path)?;
        let mut w = TableWriter::new(file, Table::Errors, Format::Csv, true)
            .map_err(|e| Error::io(path, e))?;
        w.write_all(&self.rows).map_err(|e| Error::io(path, e))?;
        w.flush().map_err(|e| Error::io(path, e))
    }
}

/// The exit code for a finished batch.
fn exit_code(summary: &Summary, run: &RunArgs, extra: &str) -> ExitCode {
    if run.verbose {
        eprintln!(
            "newstance: {} documents{extra}, {} errors, {:.1} MB",
            summary.documents,
            summary.errors,
            summary.bytes as f64 / 1e6
        );
    }
    if summary.errors == 0 || run.exit_zero {
        ExitCode::SUCCESS
    } else if summary.documents == 0 {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

/// Standard output or `-o FILE`, buffered.
fn output(path: Option<&PathBuf>) -> Result<Box<dyn Write>, Error> {
    Ok(match path {
        None => Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        )),
        Some(p) if p.as_os_str() == "-" => {
            Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
        }
        Some(p) => Box::new(std::io::BufWriter::new(crate::output::create(p)?)),
    })
}

/// Builds the pipeline with user lexicons added.
fn pipeline(lexicons: &[PathBuf]) -> Result<Pipeline, Error> {
    let mut p = Pipeline::new();
    for path in lexicons {
        p.vader.add_lexicon_file(path)?;
    }
    Ok(p)
}

/// Turns an output error into the process outcome: a closed pipe is a
/// normal end (the reader stopped reading), anything else an error naming
/// the output.
fn finish_output(result: std::io::Result<()>, what: &str) -> anyhow::Result<Option<ExitCode>> {
    match result {
        Ok(()) => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Some(ExitCode::SUCCESS)),
        Err(e) => Err(anyhow::anyhow!("{what}: {e}")),
    }
}
