//! `newstance report`: speakers compared across everything given, as
//! Markdown, CSV or a self-contained HTML page.
//!
//! Inputs are articles (annotated on the fly) or `sentences` / `stances`
//! tables written by `annotate` (recognised by their header; a folder from
//! `annotate --out-dir` works as is). Both become the same rows and go
//! through one [`Aggregator`], so the report equals what the tables say.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{Failures, InputArgs, RunArgs};
use crate::batch::{self, Event, Summary};
use crate::document::{Inputs, ReadOptions};
use crate::output::{self, Options, SentenceRow, StanceRow, Table};
use crate::report::input::{self, Input};
use crate::report::{Aggregator, Aliases, ReportOptions, View};

/// Output formats of `report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Markdown tables (readable in a terminal).
    Md,
    /// CSV, one tidy table per view (`--view`, or all with `--out-dir`).
    Csv,
    /// One self-contained HTML page with SVG charts.
    Html,
}

/// Flags of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    format: ReportFormat,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// The CSV view to write (with --format csv).
    #[arg(long, value_enum, default_value_t = View::Speakers)]
    view: View,
    /// With --format csv: write every view as DIR/<view>.csv.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// TSV `alias<TAB>canonical`: names merged into one person.
    #[arg(long, value_name = "FILE")]
    aliases: Option<PathBuf>,
    /// Hide speakers with fewer statements (and holders with fewer stances).
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_statements: usize,
    /// Extra VADER lexicon for articles annotated on the fly; repeatable.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

/// The rows one article contributes.
type Rows = (Vec<SentenceRow>, Vec<StanceRow>);

pub(super) fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    if args.out_dir.is_some() && args.format != ReportFormat::Csv {
        anyhow::bail!("--out-dir needs --format csv (Markdown and HTML are one file: use -o)");
    }
    let aliases = match &args.aliases {
        Some(path) => Aliases::from_file(path)?,
        None => Aliases::new(),
    };
    let inputs = input::classify(&args.input.inputs)?;
    let mut agg = Aggregator::new(aliases);
    let mut failures = Failures::default();
    let mut summary = Summary::default();

    // Tables first (the order does not change the report).
    let mut documents: Vec<PathBuf> = Vec::new();
    for item in inputs {
        match item {
            Input::Documents(path) => documents.push(path),
            Input::Table {
                path,
                table,
                format,
            } => {
                let mut good = 0usize;
                let mut fail = |error| {
                    summary.errors += 1;
                    failures.take::<()>(Event::Failed {
                        error,
                        doc_id: None,
                    });
                };
                match table {
                    Table::Sentences => {
                        for row in input::read_sentences(&path, format) {
                            match row {
                                Ok(r) => {
                                    good += 1;
                                    agg.add_sentence(&r);
                                }
                                Err(e) => fail(e),
                            }
                        }
                    }
                    Table::Stances => {
                        for row in input::read_stances(&path, format) {
                            match row {
                                Ok(r) => {
                                    good += 1;
                                    agg.add_stance(&r);
                                }
                                Err(e) => fail(e),
                            }
                        }
                    }
                    other => {
                        if args.run.verbose {
                            eprintln!(
                                "newstance: {}: `{}` table, not used by report",
                                path.display(),
                                other.name()
                            );
                        }
                        continue;
                    }
                }
                if args.run.verbose {
                    eprintln!(
                        "newstance: {}: {good} {} rows",
                        path.display(),
                        table.name()
                    );
                }
            }
        }
    }

    if !documents.is_empty() {
        let pipeline = super::pipeline(&args.lexicon)?;
        let opts = Options::default();
        let read = ReadOptions {
            format: args.input.input_format,
            lossy: args.input.lossy,
        };
        let result = batch::run(
            Inputs::new(&documents, read),
            args.run.batch(),
            |doc| -> Rows {
                let a = pipeline.annotate(doc);
                (
                    output::sentence_rows(&a, &opts),
                    output::stance_rows(&a, &opts),
                )
            },
            |event: Event<Rows>| {
                if let Some((sentences, stances)) = failures.take(event) {
                    agg.add_sentences(&sentences);
                    agg.add_stances(&stances);
                }
                Ok(())
            },
        )?;
        summary.documents += result.documents;
        summary.errors += result.errors;
        summary.bytes += result.bytes;
        summary.seconds += result.seconds;
    }

    let report = agg.report(&ReportOptions {
        min_statements: args.min_statements.max(1),
    });
    // Documents processed: those of the articles, or seen in table rows
    // (so tables whose every row failed count as nothing processed).
    summary.documents = summary.documents.max(report.totals.documents);
    let written = match (&args.out_dir, args.format) {
        (Some(dir), _) => {
            for view in View::ALL {
                let path = dir.join(format!("{}.csv", view.name()));
                let file = std::io::BufWriter::new(output::create(&path)?);
                crate::report::write_csv(&report, view, file)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            }
            Ok(())
        }
        (None, format) => {
            let out = super::output(args.output.as_ref())?;
            match format {
                ReportFormat::Md => crate::report::write_markdown(&report, out),
                ReportFormat::Csv => crate::report::write_csv(&report, args.view, out),
                ReportFormat::Html => crate::report::write_html(&report, out),
            }
        }
    };
    if let Some(code) = super::finish_output(written, "output")? {
        return Ok(code);
    }
    failures.write_to(args.run.errors.as_ref())?;
    let t = report.totals;
    Ok(super::exit_code(
        &summary,
        &args.run,
        &format!(
            " ({} sentences, {} statements, {} stances)",
            t.sentences, t.statements, t.stances
        ),
    ))
}
