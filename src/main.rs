//! The `newstance` binary: parses flags and hands over to the library
//! (`newstance::cli`), which owns all logic.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = newstance::cli::Cli::parse();
    match newstance::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newstance: {err:#}");
            ExitCode::from(2)
        }
    }
}
