//! Speed of `report` over tables: reads a synthetic `sentences` and
//! `stances` table (CSV, written first to a temporary folder), aggregates
//! and renders every format, and prints rows per second for each step.
//!
//! ```text
//! cargo run --release --example report_speed -- [DOCUMENTS]   # default 20000
//! ```
//!
//! The rows are synthetic (a fixed-seed generator: 30 sentences a document,
//! 2/3 of them statements by one of 500 speakers with a skewed frequency,
//! one stance row every other statement, 365 dates), because what is timed
//! is the report, not the annotation; their shape is that of `annotate`'s
//! tables.

use std::time::Instant;

use newstance::output::{Format, SentenceRow, StanceRow, Table, TableWriter};
use newstance::report::{self, Aggregator, Aliases, ReportOptions, View, input};

/// A small fixed-seed generator (SplitMix64), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let docs: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(20_000);
    let dir = std::env::temp_dir().join(format!("newstance-report-speed-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (spath, tpath) = (dir.join("sentences.csv"), dir.join("stances.csv"));
    let mut rng = Rng(42);
    let speakers: Vec<String> = (0..500).map(|i| format!("Speaker Number{i}")).collect();
    let modes = ["direct", "partial", "indirect", "narration"];
    let labels = ["favor", "against", "neutral"];
    let mut sw = TableWriter::new(
        std::fs::File::create(&spath)?,
        Table::Sentences,
        Format::Csv,
        true,
    )?;
    let mut tw = TableWriter::new(
        std::fs::File::create(&tpath)?,
        Table::Stances,
        Format::Csv,
        true,
    )?;
    let (mut n_sent, mut n_stance) = (0usize, 0usize);
    for d in 0..docs {
        let date = format!("2022-{:02}-{:02}", 1 + d % 12, 1 + (d / 12) % 28);
        for i in 1..=30 {
            let speaking = rng.unit() < 2.0 / 3.0;
            // Skewed: a few speakers say most.
            let who = (rng.unit().powi(3) * speakers.len() as f64) as usize;
            let compound = ((rng.unit() * 2.0 - 1.0) * 10_000.0).round() / 10_000.0;
            sw.write(&SentenceRow {
                doc_id: format!("doc{d}"),
                date: Some(date.clone()),
                sentence: i,
                paragraph: 1 + i / 4,
                start: i * 100,
                end: i * 100 + 99,
                speaker: speaking.then(|| speakers[who].clone()),
                mode: modes[if speaking {
                    (rng.next() % 3) as usize
                } else {
                    3
                }]
                .into(),
                neg: 0.1,
                neu: 0.8,
                pos: 0.1,
                compound,
                targets: String::new(),
                text: "A sentence of about the usual length for a news article, give or take."
                    .into(),
            })?;
            n_sent += 1;
            if speaking && rng.unit() < 0.5 {
                let target = (rng.unit().powi(2) * speakers.len() as f64) as usize;
                tw.write(&StanceRow {
                    doc_id: format!("doc{d}"),
                    sentence: i,
                    holder: Some(speakers[who].clone()),
                    target: speakers[target].clone(),
                    stance: labels[(rng.next() % 3) as usize].into(),
                    confidence: 0.7,
                    target_start: i * 100 + 10,
                    target_end: i * 100 + 20,
                    evidence: "could not support".into(),
                })?;
                n_stance += 1;
            }
        }
    }
    sw.flush()?;
    tw.flush()?;
    drop((sw, tw));
    let bytes = std::fs::metadata(&spath)?.len() + std::fs::metadata(&tpath)?.len();

    let start = Instant::now();
    let mut agg = Aggregator::new(Aliases::new());
    for row in input::read_sentences(&spath, Format::Csv) {
        agg.add_sentence(&row?);
    }
    for row in input::read_stances(&tpath, Format::Csv) {
        agg.add_stance(&row?);
    }
    let read = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let rep = agg.report(&ReportOptions::default());
    let compute = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut out = Vec::new();
    report::write_markdown(&rep, &mut out)?;
    let md = out.len();
    out.clear();
    for v in View::ALL {
        report::write_csv(&rep, v, &mut out)?;
    }
    out.clear();
    report::write_html(&rep, &mut out)?;
    let render = start.elapsed().as_secs_f64();
    println!(
        "{docs} documents: {n_sent} sentence rows + {n_stance} stance rows ({:.1} MB of CSV)",
        bytes as f64 / 1e6
    );
    println!(
        "read + aggregate: {read:.2} s ({:.0} rows/s, {:.1} MB/s)",
        (n_sent + n_stance) as f64 / read,
        bytes as f64 / 1e6 / read
    );
    println!(
        "compute views: {compute:.3} s; render md + csv + html: {render:.3} s ({} speakers, {} matrix cells, {} timeline points; md {} KB, html {} KB)",
        rep.speakers.len(),
        rep.stances.len(),
        rep.timeline.len(),
        md / 1000,
        out.len() / 1000
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
