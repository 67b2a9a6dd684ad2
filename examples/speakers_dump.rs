//! Dumps the speakers stage's whole result (`Attribution`, debug format) for
//! every document, to check that a change leaves the stage's output as it was:
//!
//! ```text
//! cargo run --release --example speakers_dump -- CORPUS.jsonl > before.txt
//! # change the code, then
//! cargo run --release --example speakers_dump -- CORPUS.jsonl > after.txt
//! diff before.txt after.txt
//! ```
//!
//! A `.jsonl` file is read as documents (`text` field); any other file is one
//! document.

use std::io::Write;

use std::path::PathBuf;

use newstance::Pipeline;
use newstance::document::{Inputs, ReadOptions};

fn main() {
    let path = std::env::args().nth(1).expect("usage: speakers_dump FILE");
    let docs = Inputs::new(&[PathBuf::from(&path)], ReadOptions::default())
        .documents()
        .unwrap_or_else(|e| panic!("{e}"));
    let p = Pipeline::new();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for (i, doc) in docs.into_iter().enumerate() {
        let sentences = p.sentences(&doc);
        let a = p.speakers.analyze(&doc.text, doc.body, &sentences);
        writeln!(out, "# document {i}\n{a:#?}").expect("stdout");
    }
    out.flush().expect("stdout");
}
