//! Speed (and agreement) of newstance's VADER against the `vader_sentiment`
//! crate 0.1.1, timed in the same run on the same texts, one thread.
//!
//! Texts: the four ground-truth corpora of Hutto & Gilbert (ICWSM 2014), as
//! stored in `fixtures/vader/reference_scores.tsv` (23,703 sentences; the
//! 158 hand-written `tricky` rows are left out of the timing). Each scorer
//! runs N timed passes over every corpus (`--rounds N`, default 5),
//! alternating with the other so that both see the same machine load; the
//! best pass counts. On a loaded machine, more rounds give steadier figures.
//!
//! Run: `cargo run --release --example bench_sentiment [-- [--rounds N] [FILE]]`
//! (`-- --profile [--rounds N] [--crate] [FILE]` scores with newstance only,
//! or with `--crate` the `vader_sentiment` crate only, N passes over all
//! rows (default 50), for a profiler. Instructions per text, repeatable on
//! a loaded machine: run under `valgrind --tool=callgrind` with `--rounds 0`
//! and `--rounds 2`, and divide the difference by 2 x 23,861.)

use newstance::{PyFloat, Vader};
use std::hint::black_box;
use std::time::{Duration, Instant};

const CORPORA: [&str; 4] = [
    "tweets",
    "nyt_editorials",
    "movie_reviews",
    "amazon_reviews",
];

#[path = "../tests/common/golden.rs"]
mod golden;
use golden::unescape;

/// Python's `round(x, nd)`: the exact value rounded half-even, read back.
fn round(x: f64, nd: usize) -> f64 {
    format!("{x:.nd$}").parse().unwrap()
}

/// The best of the timed passes.
fn best(times: &[Duration]) -> Duration {
    times.iter().copied().min().unwrap_or_default()
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let profile = args.first().is_some_and(|a| a == "--profile");
    if profile {
        args.remove(0);
    }
    let mut rounds = if profile { 50 } else { 5 };
    if args.first().is_some_and(|a| a == "--rounds") {
        rounds = args
            .get(1)
            .and_then(|n| n.parse().ok())
            .expect("--rounds needs a number");
        args.drain(..2);
    }
    let only_crate = profile && args.first().is_some_and(|a| a == "--crate");
    if only_crate {
        args.remove(0);
    }
    let path = args
        .first()
        .cloned()
        .unwrap_or_else(|| "fixtures/vader/reference_scores.tsv".to_string());
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // (corpus, expected [neg, neu, pos, compound], text)
    let rows: Vec<(String, [String; 4], String)> = golden
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.splitn(7, '\t').collect();
            let exp = [f[2], f[3], f[4], f[5]].map(str::to_string);
            (f[0].to_string(), exp, unescape(f[6]))
        })
        .collect();

    if only_crate {
        let theirs = vader_sentiment::SentimentIntensityAnalyzer::new();
        let start = Instant::now();
        for _ in 0..rounds {
            for (_, _, text) in &rows {
                black_box(theirs.polarity_scores(black_box(text)));
            }
        }
        let rate = rounds as f64 * rows.len() as f64 / start.elapsed().as_secs_f64();
        println!("vader_sentiment: {rate:.0} sentences/s");
        return;
    }
    let ours = Vader::new();
    if profile {
        let start = Instant::now();
        for _ in 0..rounds {
            for (_, _, text) in &rows {
                black_box(ours.polarity_scores(black_box(text)));
            }
        }
        let rate = rounds as f64 * rows.len() as f64 / start.elapsed().as_secs_f64();
        println!("newstance: {rate:.0} sentences/s");
        return;
    }
    let theirs = vader_sentiment::SentimentIntensityAnalyzer::new();

    // Agreement with the reference (all 23,861 rows).
    let (mut ours_ok, mut theirs_compound_ok, mut theirs_all_ok) = (0usize, 0usize, 0usize);
    for (_, exp, text) in &rows {
        let s = ours.polarity_scores(text);
        let got = [s.neg, s.neu, s.pos, s.compound].map(|x| PyFloat(x).to_string());
        ours_ok += usize::from(got == *exp);
        let t = theirs.polarity_scores(text);
        let t = ["neg", "neu", "pos", "compound"].map(|k| t[k]);
        let want: Vec<f64> = exp.iter().map(|x| x.parse().unwrap()).collect();
        // The crate does not round: round as Python does (3 and 4 decimals).
        let t = [t[0], t[1], t[2]]
            .map(|x| round(x, 3))
            .into_iter()
            .chain([round(t[3], 4)]);
        let t: Vec<f64> = t.collect();
        theirs_compound_ok += usize::from(t[3] == want[3]);
        theirs_all_ok += usize::from(t.iter().zip(&want).all(|(a, b)| a == b));
    }
    let n = rows.len();
    println!("agreement with vaderSentiment 3.3.2 on {n} texts ({path}):");
    println!("  newstance        all four scores equal: {ours_ok} / {n}");
    println!(
        "  vader_sentiment  compound equal: {theirs_compound_ok} / {n} ({:.1}%), all four: {theirs_all_ok} / {n} ({:.1}%)",
        100.0 * theirs_compound_ok as f64 / n as f64,
        100.0 * theirs_all_ok as f64 / n as f64
    );

    println!(
        "\nspeed, one thread, best of {rounds} passes (sentences/s):\n{:<16} {:>7} {:>12} {:>16} {:>7}",
        "corpus", "texts", "newstance", "vader_sentiment", "ratio"
    );
    let (mut total_ours, mut total_theirs, mut total_n) = (Duration::ZERO, Duration::ZERO, 0);
    for corpus in CORPORA {
        let texts: Vec<&str> = rows
            .iter()
            .filter(|r| r.0 == corpus)
            .map(|r| r.2.as_str())
            .collect();
        // Warm-up (lexicon load, caches), then alternate timed passes.
        for t in &texts {
            black_box(ours.polarity_scores(t));
            black_box(theirs.polarity_scores(t));
        }
        let (mut ours_t, mut theirs_t) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let start = Instant::now();
            for t in &texts {
                black_box(ours.polarity_scores(black_box(t)));
            }
            ours_t.push(start.elapsed());
            let start = Instant::now();
            for t in &texts {
                black_box(theirs.polarity_scores(black_box(t)));
            }
            theirs_t.push(start.elapsed());
        }
        let (o, t) = (best(&ours_t), best(&theirs_t));
        let rate = |d: Duration| texts.len() as f64 / d.as_secs_f64();
        println!(
            "{corpus:<16} {:>7} {:>12.0} {:>16.0} {:>6.1}x",
            texts.len(),
            rate(o),
            rate(t),
            t.as_secs_f64() / o.as_secs_f64()
        );
        total_ours += o;
        total_theirs += t;
        total_n += texts.len();
    }
    let rate = |d: Duration| total_n as f64 / d.as_secs_f64();
    println!(
        "{:<16} {:>7} {:>12.0} {:>16.0} {:>6.1}x",
        "all four",
        total_n,
        rate(total_ours),
        rate(total_theirs),
        total_theirs.as_secs_f64() / total_ours.as_secs_f64()
    );
}
