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

use newstance::{Document, Pipeline};

fn main() {
    let path = std::env::args().nth(1).expect("usage: speakers_dump FILE");
    let data = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let texts: Vec<String> = if path.ends_with(".jsonl") {
        data.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
                v["text"].as_str().expect("text field").to_string()
            })
            .collect()
    } else {
        vec![data]
    };
    let p = Pipeline::new();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for (i, text) in texts.into_iter().enumerate() {
        let doc = Document::new(path.clone(), text, None);
        let sentences = p.sentences(&doc);
        let a = p.speakers.analyze(&doc.text, doc.body, &sentences);
        writeln!(out, "# document {i}\n{a:#?}").expect("stdout");
    }
    out.flush().expect("stdout");
}
