//! Speed of the speakers stage alone (sentences are split beforehand and not
//! timed): the sum over documents of each document's best of N runs (robust
//! to other processes sharing the machine), and the best of N whole passes:
//!
//! ```text
//! cargo run --release --example speakers_speed -- CORPUS.jsonl [PASSES]
//! ```
//!
//! A `.jsonl` file is read as documents (`text` field); any other file is one
//! document. Prints bytes, passes and the best pass's MB/s (one thread).

use std::time::{Duration, Instant};

use std::path::PathBuf;

use newstance::Pipeline;
use newstance::document::{Inputs, ReadOptions};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: speakers_speed FILE [PASSES]");
    let passes: usize = std::env::args()
        .nth(2)
        .map_or(5, |n| n.parse().expect("PASSES is a number"));
    let docs = Inputs::new(&[PathBuf::from(&path)], ReadOptions::default())
        .documents()
        .unwrap_or_else(|e| panic!("{e}"));
    let p = Pipeline::new();
    let docs: Vec<_> = docs
        .into_iter()
        .map(|doc| {
            let sentences = p.sentences(&doc);
            (doc, sentences)
        })
        .collect();
    let bytes: usize = docs.iter().map(|(d, _)| d.text.len()).sum();
    let mut best = Duration::MAX;
    let mut best_doc = vec![Duration::MAX; docs.len()];
    let mut quotes = 0;
    for _ in 0..passes {
        let pass = Instant::now();
        quotes = 0;
        for ((doc, sentences), b) in docs.iter().zip(&mut best_doc) {
            let start = Instant::now();
            let a = p.speakers.analyze(&doc.text, doc.body, sentences);
            *b = (*b).min(start.elapsed());
            quotes += a.quotes.len();
        }
        best = best.min(pass.elapsed());
    }
    let per_doc: Duration = best_doc.iter().sum();
    let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    println!(
        "{bytes} bytes, {} documents, {quotes} quotes: speakers {:.1} MB/s (per-document best of {passes}: {per_doc:?}), {:.1} MB/s (best pass: {best:?})",
        docs.len(),
        mbs(per_doc),
        mbs(best),
    );
}
