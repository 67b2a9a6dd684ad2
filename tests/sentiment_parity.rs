//! Exact parity with Python vaderSentiment 3.3.2 on every row of
//! `fixtures/vader/reference_scores.tsv` (23,861 texts: the four corpora of
//! Hutto & Gilbert 2014 and 158 rule-targeted sentences; see
//! fixtures/vader/README.md). A row passes when neg/neu/pos (3 decimals)
//! and compound (4 decimals) print exactly as Python's `repr` printed them,
//! sign of zero included.

use newstance::{PyFloat, Vader};

const GOLDEN: &str = include_str!("../fixtures/vader/reference_scores.tsv");

#[path = "common/golden.rs"]
mod golden;
use golden::unescape;

struct Row<'a> {
    corpus: &'a str,
    id: &'a str,
    expected: [&'a str; 4],
    text: String,
}

fn rows() -> Vec<Row<'static>> {
    let mut lines = GOLDEN.lines();
    assert_eq!(
        lines.next(),
        Some("corpus\tid\tneg\tneu\tpos\tcompound\ttext")
    );
    lines
        .map(|line| {
            let f: Vec<&str> = line.splitn(7, '\t').collect();
            assert_eq!(f.len(), 7, "{line}");
            Row {
                corpus: f[0],
                id: f[1],
                expected: [f[2], f[3], f[4], f[5]],
                text: unescape(f[6]),
            }
        })
        .collect()
}

#[test]
fn all_reference_rows_match_exactly() {
    let vader = Vader::new();
    let rows = rows();
    assert_eq!(rows.len(), 23_861);
    let mut failures = Vec::new();
    for row in &rows {
        let s = vader.polarity_scores(&row.text);
        let got = [s.neg, s.neu, s.pos, s.compound].map(|x| PyFloat(x).to_string());
        if got != row.expected {
            failures.push(format!(
                "{} {}: got {:?}, want {:?}: {:?}",
                row.corpus, row.id, got, row.expected, row.text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows differ; first ones:\n{}",
        failures.len(),
        rows.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}

#[test]
fn every_corpus_and_rule_family_is_covered() {
    // Guards the fixture itself: a truncated copy would make parity vacuous.
    let rows = rows();
    let count = |c: &str| rows.iter().filter(|r| r.corpus == c).count();
    assert_eq!(count("tweets"), 4_200);
    assert_eq!(count("nyt_editorials"), 5_190);
    assert_eq!(count("movie_reviews"), 10_605);
    assert_eq!(count("amazon_reviews"), 3_708);
    assert_eq!(count("tricky"), 158);
    // Negative zero really occurs in the reference and must be reproduced.
    assert!(rows.iter().any(|r| r.expected[3] == "-0.0"));
}

#[test]
fn scores_are_deterministic_across_threads_and_clones() {
    // No hash-order dependence: the same text scores the same in any
    // thread, any clone, any order.
    let vader = Vader::new();
    let rows = rows();
    let texts: Vec<&str> = rows.iter().step_by(7).map(|r| r.text.as_str()).collect();
    let first: Vec<_> = texts.iter().map(|t| vader.polarity_scores(t)).collect();
    let handles: Vec<_> = (0..4)
        .map(|k| {
            let v = vader.clone();
            let texts: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
            std::thread::spawn(move || {
                let mut out: Vec<_> = texts
                    .iter()
                    .enumerate()
                    .rev()
                    .skip(k)
                    .map(|(i, t)| (i, v.polarity_scores(t)))
                    .collect();
                out.sort_by_key(|&(i, _)| i);
                out
            })
        })
        .collect();
    for h in handles {
        for (i, s) in h.join().unwrap() {
            assert_eq!(s, first[i], "{}", texts[i]);
            assert_eq!(s.compound.to_bits(), first[i].compound.to_bits());
        }
    }
}

const FUZZ: &str = include_str!("../fixtures/vader/fuzz_scores.tsv");

/// 5,000 random texts from VADER's own vocabulary, with odd white space,
/// non-ASCII words, emoji and long tokens (fixtures/vader/make_fuzz.py):
/// paths the corpora rarely reach.
#[test]
fn random_vocabulary_texts_match_exactly() {
    let vader = Vader::new();
    let mut lines = FUZZ.lines();
    assert_eq!(lines.next(), Some("id\tneg\tneu\tpos\tcompound\ttext"));
    let mut n = 0;
    let mut failures = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.splitn(6, '\t').collect();
        assert_eq!(f.len(), 6, "{line}");
        let text = unescape(f[5]);
        let s = vader.polarity_scores(&text);
        let got = [s.neg, s.neu, s.pos, s.compound].map(|x| PyFloat(x).to_string());
        if got != [f[1], f[2], f[3], f[4]] {
            failures.push(format!(
                "{}: got {got:?}, want {:?}: {text:?}",
                f[0],
                &f[1..5]
            ));
        }
        n += 1;
    }
    assert_eq!(n, 5000);
    assert!(
        failures.is_empty(),
        "{} of {n} differ:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}
