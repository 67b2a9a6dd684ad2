//! Speed of the sentence splitter against the `sentencex` crate, on the same
//! texts in one run.
//!
//! ```text
//! cargo run --release --example bench_sentences [PATH]
//! ```
//!
//! Without PATH the text is built from files in the repository: the seed
//! article (`fixtures/legend-west.txt`) and the Golden Rules texts
//! (`fixtures/golden_rules_en.jsonl`), each document split on its own, the
//! set repeated to about 20 M characters. PATH may be a `.jsonl` file with a
//! `text` field per line (e.g. the PolNeAR texts, read in place) or any other
//! file, taken as one document. A pathological document (one 8 MB line with
//! no punctuation) is timed last, to show that time stays linear.

use std::time::{Duration, Instant};

use newstance::Splitter;

fn load(path: &str) -> Vec<String> {
    let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    if path.ends_with(".jsonl") {
        src.lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect()
    } else {
        vec![src]
    }
}

fn default_docs() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut base = load(&format!("{root}/fixtures/legend-west.txt"));
    base.extend(load(&format!("{root}/fixtures/golden_rules_en.jsonl")));
    let chars: usize = base.iter().map(|d| d.chars().count()).sum();
    let copies = (20_000_000 / chars.max(1)).max(1);
    let mut docs = Vec::with_capacity(base.len() * copies);
    for _ in 0..copies {
        docs.extend(base.iter().cloned());
    }
    docs
}

/// Runs `f` over all docs until at least a second has passed; returns the
/// sentences found in one pass and the best chars/s of the passes.
fn time(docs: &[String], chars: usize, mut f: impl FnMut(&str) -> usize) -> (usize, f64) {
    let mut best = Duration::MAX;
    let mut found = 0;
    let started = Instant::now();
    let mut passes = 0;
    while passes < 3 || started.elapsed() < Duration::from_secs(1) {
        let t = Instant::now();
        found = docs.iter().map(|d| f(d)).sum();
        best = best.min(t.elapsed());
        passes += 1;
    }
    (found, chars as f64 / best.as_secs_f64())
}

fn report(label: &str, docs: &[String]) {
    let chars: usize = docs.iter().map(|d| d.chars().count()).sum();
    let splitter = Splitter::new();
    let (ours, ours_speed) = time(docs, chars, |d| splitter.split(d).len());
    // sentencex also yields blank pieces between paragraphs: not counted.
    let (theirs, theirs_speed) = time(docs, chars, |d| {
        sentencex::segment("en", d)
            .iter()
            .filter(|s| !s.trim().is_empty())
            .count()
    });
    println!("{label}: {} documents, {chars} chars", docs.len());
    println!(
        "  newstance  {:>8.1} M chars/s  ({ours} sentences)",
        ours_speed / 1e6
    );
    println!(
        "  sentencex  {:>8.1} M chars/s  ({theirs} sentences)",
        theirs_speed / 1e6
    );
    println!("  ratio      {:>8.2}x", ours_speed / theirs_speed);
}

fn main() {
    let arg = std::env::args().nth(1);
    match &arg {
        Some(path) => report(path, &load(path)),
        None => report("seed + golden rules (repeated)", &default_docs()),
    }
    let line = "word ".repeat(8_000_000 / 5);
    let splitter = Splitter::new();
    let t = Instant::now();
    let n = splitter.split(&line).len();
    println!(
        "one 8 MB line without punctuation: {n} sentence in {:.3} s",
        t.elapsed().as_secs_f64()
    );
}
