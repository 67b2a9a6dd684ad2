//! Prints how the splitter cuts real text, for inspection by eye.
//!
//! ```text
//! cargo run --release --example sentences_sample PATH [FIRST_DOC] [DOCS]
//! ```
//!
//! PATH is a `.jsonl` file with a `text` field per line (e.g. PolNeAR, read
//! in place, never copied) or a plain text file. Each sentence is printed on
//! its own line as `paragraph | text` (white space collapsed).

use newstance::Splitter;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: sentences_sample PATH [FIRST_DOC] [DOCS]");
    let first: usize = args.next().map_or(0, |s| s.parse().expect("FIRST_DOC"));
    let count: usize = args.next().map_or(3, |s| s.parse().expect("DOCS"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let docs: Vec<String> = if path.ends_with(".jsonl") {
        src.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect()
    } else {
        vec![src]
    };
    let splitter = Splitter::new();
    for (k, doc) in docs.iter().enumerate().skip(first).take(count) {
        println!("=== document {k}");
        for s in splitter.split(doc) {
            let text: Vec<&str> = s.span.of(doc).split_whitespace().collect();
            println!("{:>3} | {}", s.paragraph, text.join(" "));
        }
    }
}
