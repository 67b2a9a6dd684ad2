//! Times each pipeline stage (a diagnostic for slow or super-linear stages):
//!
//! ```text
//! cargo run --release --example stage_times -- FILE.txt [--no-stance]
//! cargo run --release --example stage_times -- CORPUS.jsonl
//! ```
//!
//! A `.jsonl` file is read as documents (`text` field) and the times are
//! summed over them.

use std::time::{Duration, Instant};

use std::path::PathBuf;

use newstance::Pipeline;
use newstance::document::{Inputs, ReadOptions};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: stage_times FILE [--no-stance]");
    let with_stance = std::env::args().nth(2).as_deref() != Some("--no-stance");
    let docs = Inputs::new(&[PathBuf::from(&path)], ReadOptions::default())
        .documents()
        .unwrap_or_else(|e| panic!("{e}"));
    let p = Pipeline::new();
    let mut t = [Duration::ZERO; 4];
    let (mut bytes, mut sentences_n, mut people, mut stances_n) = (0, 0, 0, 0);
    for doc in docs {
        bytes += doc.text.len();
        let start = Instant::now();
        let sentences = p.sentences(&doc);
        t[0] += start.elapsed();
        let start = Instant::now();
        let scores: Vec<_> = sentences
            .iter()
            .map(|s| p.vader.polarity_scores(s.span.of(&doc.text)))
            .collect();
        t[1] += start.elapsed();
        let start = Instant::now();
        let attribution = p.speakers.analyze(&doc.text, doc.body, &sentences);
        t[2] += start.elapsed();
        let start = Instant::now();
        let stances = if with_stance {
            p.stance
                .analyze(&doc.text, &sentences, &attribution, &p.vader)
        } else {
            Vec::new()
        };
        t[3] += start.elapsed();
        sentences_n += sentences.len();
        people += attribution.people.len();
        stances_n += stances.len();
        drop(scores);
    }
    let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    println!(
        "{bytes} bytes, {sentences_n} sentences, {people} people, {stances_n} stances: split {:?} ({:.0} MB/s), vader {:?} ({:.0} MB/s), speakers {:?} ({:.0} MB/s), stance {:?} ({:.0} MB/s)",
        t[0],
        mbs(t[0]),
        t[1],
        mbs(t[1]),
        t[2],
        mbs(t[2]),
        t[3],
        mbs(t[3]),
    );
}
