//! `newstance annotate`: the tables of every input document.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Failures, InputArgs, RunArgs};
use crate::batch::{self, Event};
use crate::output::{self, Format, Options, Table, TableWriter};
use crate::pipeline::Annotated;

/// Flags of `annotate`.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    run: RunArgs,
    /// The table to write.
    #[arg(long, value_enum, default_value_t = Table::Sentences)]
    table: Table,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Write every table as DIR/<table>.csv (or .jsonl) in one pass, and the
    /// failed inputs as DIR/errors.csv.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Extra VADER lexicon (TSV `word<TAB>valence`) adding or overriding
    /// entries; repeatable.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Names to merge (TSV `alias<TAB>canonical`, e.g. `Ye<TAB>Kanye West`):
    /// people are written under the canonical name.
    #[arg(long, value_name = "FILE")]
    aliases: Option<PathBuf>,
    /// Leave out the CSV header row (for stream filters).
    #[arg(long)]
    no_header: bool,
    /// Prefix text cells beginning with = + - @ with ' (CSV injection).
    #[arg(long)]
    spreadsheet_safe: bool,
}

/// The rows of every table for one document.
struct Rows {
    sentences: output::SentenceTable,
    quotes: Vec<output::QuoteRow>,
    stances: Vec<output::StanceRow>,
    people: Vec<output::PersonRow>,
}

impl Rows {
    fn new(a: &Annotated, opts: &Options, only: Option<Table>) -> Rows {
        let want = |t: Table| only.is_none_or(|o| o == t);
        Rows {
            sentences: if want(Table::Sentences) {
                output::SentenceTable::new(a, opts)
            } else {
                output::SentenceTable::default()
            },
            quotes: if want(Table::Quotes) {
                output::quote_rows(a, opts)
            } else {
                Vec::new()
            },
            stances: if want(Table::Stances) {
                output::stance_rows(a, opts)
            } else {
                Vec::new()
            },
            people: if want(Table::People) {
                output::person_rows(a, opts)
            } else {
                Vec::new()
            },
        }
    }
}

/// Writers of the tables being written.
struct Writers {
    sentences: Option<TableWriter<Box<dyn Write>>>,
    quotes: Option<TableWriter<Box<dyn Write>>>,
    stances: Option<TableWriter<Box<dyn Write>>>,
    people: Option<TableWriter<Box<dyn Write>>>,
    errors: Option<TableWriter<Box<dyn Write>>>,
}

impl Writers {
    fn write(&mut self, rows: &Rows) -> std::io::Result<()> {
        if let Some(w) = &mut self.sentences {
            w.write_sentences(&rows.sentences)?;
        }
        if let Some(w) = &mut self.quotes {
            w.write_all(&rows.quotes)?;
        }
        if let Some(w) = &mut self.stances {
            w.write_all(&rows.stances)?;
        }
        if let Some(w) = &mut self.people {
            w.write_all(&rows.people)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        for w in [
            &mut self.sentences,
            &mut self.quotes,
            &mut self.stances,
            &mut self.people,
            &mut self.errors,
        ]
        .into_iter()
        .flatten()
        {
            w.flush()?;
        }
        Ok(())
    }
}

pub(super) fn run(args: AnnotateArgs) -> anyhow::Result<ExitCode> {
    let mut pipeline = super::pipeline(&args.lexicon)?;
    if let Some(path) = &args.aliases {
        pipeline.aliases = crate::report::Aliases::from_file(path)?;
    }
    let opts = Options {
        spreadsheet_safe: args.spreadsheet_safe,
    };
    let header = !args.no_header;
    let mut writers = Writers {
        sentences: None,
        quotes: None,
        stances: None,
        people: None,
        errors: None,
    };
    let only = match &args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
            let ext = match args.format {
                Format::Csv => "csv",
                Format::Jsonl => "jsonl",
            };
            let open = |t: Table, format: Format, ext: &str| -> anyhow::Result<_> {
                let path = dir.join(format!("{}.{ext}", t.name()));
                let file: Box<dyn Write> = Box::new(output::create(&path)?);
                Ok(Some(TableWriter::new(file, t, format, header)?))
            };
            writers.sentences = open(Table::Sentences, args.format, ext)?;
            writers.quotes = open(Table::Quotes, args.format, ext)?;
            writers.stances = open(Table::Stances, args.format, ext)?;
            writers.people = open(Table::People, args.format, ext)?;
            writers.errors = open(Table::Errors, Format::Csv, "csv")?;
            None
        }
        None => {
            let w = Some(TableWriter::new(
                super::output(args.output.as_ref())?,
                args.table,
                args.format,
                header,
            )?);
            match args.table {
                Table::Sentences => writers.sentences = w,
                Table::Quotes => writers.quotes = w,
                Table::Stances => writers.stances = w,
                Table::People => writers.people = w,
                Table::Errors => writers.errors = w,
            }
            Some(args.table)
        }
    };

    let mut failures = Failures::default();
    let mut sentences = 0usize;
    let result = batch::run(
        args.input.open(),
        args.run.batch(),
        |doc| Rows::new(&pipeline.annotate(doc), &opts, only),
        |event: Event<Rows>| {
            if let Some(rows) = failures.take(event) {
                sentences += rows.sentences.len();
                writers.write(&rows)?;
            }
            Ok(())
        },
    );
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            return super::finish_output(Err(e), "output").map(|c| c.unwrap_or(ExitCode::from(2)));
        }
    };
    if let Some(w) = &mut writers.errors {
        let io = w.write_all(&failures.rows);
        if let Some(code) = super::finish_output(io, "output")? {
            return Ok(code);
        }
    }
    if let Some(code) = super::finish_output(writers.flush(), "output")? {
        return Ok(code);
    }
    failures.write_to(args.run.errors.as_ref())?;
    let extra = if only.is_none_or(|t| t == Table::Sentences) {
        format!(", {sentences} sentences")
    } else {
        String::new()
    };
    Ok(super::exit_code(
        &summary,
        &args.run,
        &format!("{extra}, {:.2} s", summary.seconds),
    ))
}
