//! `newstance schema`: each table's columns and types, for tools reading
//! headerless output.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use crate::output::Table;

/// Flags of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Only this table (default: all).
    #[arg(long, value_enum)]
    table: Option<Table>,
}

pub(super) fn run(args: SchemaArgs) -> anyhow::Result<ExitCode> {
    let tables: Vec<Table> = match args.table {
        Some(t) => vec![t],
        None => Table::ALL.to_vec(),
    };
    let mut out = std::io::stdout().lock();
    let mut text = String::new();
    for t in tables {
        text.push_str(&format!("{}\n", t.name()));
        for (name, ty) in t.columns() {
            text.push_str(&format!("  {name:<14} {ty}\n"));
        }
    }
    let io = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    Ok(super::finish_output(io, "stdout")?.unwrap_or(ExitCode::SUCCESS))
}
