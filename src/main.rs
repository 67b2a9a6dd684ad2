//! The `newstance` binary: parses flags and hands over to the library
//! (`newstance::cli`), which owns all logic.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: the pipeline makes many small,
/// short-lived allocations per document (token vectors, rows, strings), and
/// glibc's malloc/free took about 8% of `annotate`'s instructions.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
