//! Speed of the whole `annotate` pipeline (every stage and the CSV writer)
//! on real news text, with 1 and with 2 threads, in one run.
//!
//! ```text
//! cargo run --release --example bench_pipeline -- ../shared/corpora/attribution/polnear.dev.jsonl
//! cargo run --release --example bench_pipeline -- --rss ../shared/corpora/attribution/polnear.dev.jsonl
//! ```
//!
//! Without a path it uses the bundled seed article, repeated. `--rss` also
//! streams a ~100 MB JSONL file (the corpus repeated) through the release
//! binary and prints its peak resident memory.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use newstance::Pipeline;
use newstance::batch::{self, BatchOptions, Event};
use newstance::document::{Inputs, ReadOptions};
use newstance::output::{Format, Options, SentenceTable, Table, TableWriter};

/// How many times each run reads the corpus.
const PASSES: usize = 4;
/// Runs per thread count; the best is reported (others are disturbed by
/// whatever else the machine is doing).
const RUNS: usize = 3;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let rss = args.iter().any(|a| a == "--rss");
    args.retain(|a| a != "--rss");
    let (path, label) = match args.first() {
        Some(p) => (PathBuf::from(p), p.clone()),
        None => {
            let seed =
                std::fs::read_to_string("fixtures/legend-west.txt").expect("run from the repo");
            let path = std::env::temp_dir().join("newstance-bench-seed.jsonl");
            let mut f = std::fs::File::create(&path).unwrap();
            for i in 0..500 {
                let rec = serde_json::json!({"id": format!("seed{i}"), "text": seed});
                writeln!(f, "{rec}").unwrap();
            }
            (path, "seed article x500".to_string())
        }
    };
    let pipeline = Pipeline::new();
    println!("corpus: {label} (read {PASSES} times per run; best of {RUNS} runs)");
    // The inputs: the corpus file given PASSES times, so a run lasts long
    // enough to time on a busy machine.
    let paths = vec![path.clone(); PASSES];
    let mut best = [0f64; 3];
    for threads in [1, 2] {
        for _ in 0..RUNS {
            let start = Instant::now();
            let mut out =
                TableWriter::new(std::io::sink(), Table::Sentences, Format::Csv, true).unwrap();
            let opts = Options::default();
            let summary = batch::run(
                Inputs::new(&paths, ReadOptions::default()),
                BatchOptions {
                    threads,
                    progress: false,
                },
                |doc| SentenceTable::new(&pipeline.annotate(doc), &opts),
                |e: Event<_>| match e {
                    Event::Done(rows) => out.write_sentences(&rows),
                    _ => Ok(()),
                },
            )
            .unwrap();
            out.flush().unwrap();
            let secs = start.elapsed().as_secs_f64();
            let mbs = summary.bytes as f64 / 1e6 / secs;
            if mbs > best[threads] {
                best[threads] = mbs;
                println!(
                    "threads {threads}: {} documents, {:.1} MB in {secs:.2} s = {mbs:.1} MB/s, {:.0} documents/s",
                    summary.documents,
                    summary.bytes as f64 / 1e6,
                    summary.documents as f64 / secs
                );
            }
        }
    }
    println!(
        "best: 1 thread {:.1} MB/s, 2 threads {:.1} MB/s, speed-up x{:.2}",
        best[1],
        best[2],
        best[2] / best[1]
    );
    if rss {
        peak_rss(&path);
    }
}

/// Streams ~100 MB through the release binary and reports its peak RSS.
fn peak_rss(path: &PathBuf) {
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().unwrap().parent().unwrap().join("newstance");
    if !bin.exists() {
        println!("rss: build the binary first (cargo build --release)");
        return;
    }
    let corpus = std::fs::read(path).unwrap();
    let big = std::env::temp_dir().join("newstance-bench-100mb.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
    let mut written = 0;
    while written < 100_000_000 {
        f.write_all(&corpus).unwrap();
        if !corpus.ends_with(b"\n") {
            f.write_all(b"\n").unwrap();
        }
        written += corpus.len();
    }
    f.flush().unwrap();
    drop(f);
    let start = Instant::now();
    let mut child = std::process::Command::new(&bin)
        .args(["annotate", "--threads", "2"])
        .arg(&big)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    while child.try_wait().unwrap().is_none() {
        if let Ok(s) = std::fs::read_to_string(&status) {
            for line in s.lines().filter(|l| l.starts_with("VmHWM:")) {
                let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
                peak_kb = peak_kb.max(kb);
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    println!(
        "rss: annotate of {:.0} MB JSONL, 2 threads: peak RSS {:.1} MB, {:.1} s",
        written as f64 / 1e6,
        peak_kb as f64 / 1024.0,
        start.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_file(big);
}
