//! Speed of the speakers stage alone (sentences are split beforehand and not
//! timed), best of N passes over a corpus:
//!
//! ```text
//! cargo run --release --example speakers_speed -- CORPUS.jsonl [PASSES]
//! ```
//!
//! A `.jsonl` file is read as documents (`text` field); any other file is one
//! document. Prints bytes, passes and the best pass's MB/s (one thread).

use std::time::{Duration, Instant};

use newstance::{Document, Pipeline};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: speakers_speed FILE [PASSES]");
    let passes: usize = std::env::args()
        .nth(2)
        .map_or(5, |n| n.parse().expect("PASSES is a number"));
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
    let docs: Vec<_> = texts
        .into_iter()
        .map(|t| {
            let doc = Document::new(path.clone(), t, None);
            let sentences = p.sentences(&doc);
            (doc, sentences)
        })
        .collect();
    let bytes: usize = docs.iter().map(|(d, _)| d.text.len()).sum();
    let mut best = Duration::MAX;
    let mut quotes = 0;
    for _ in 0..passes {
        let start = Instant::now();
        quotes = 0;
        for (doc, sentences) in &docs {
            let a = p.speakers.analyze(&doc.text, doc.body, sentences);
            quotes += a.quotes.len();
        }
        best = best.min(start.elapsed());
    }
    println!(
        "{bytes} bytes, {} documents, {quotes} quotes: speakers best of {passes} {best:?} ({:.1} MB/s)",
        docs.len(),
        bytes as f64 / 1e6 / best.as_secs_f64()
    );
}
