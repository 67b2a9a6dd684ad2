//! Helpers shared by the report tests (included with `#[path]`): running
//! the binary, and the report's numbers computed *independently* from the
//! `sentences` and `stances` tables, with plain CSV records and no code of
//! the report module except the t quantile (unit-tested on its own).

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `newstance` with `args`: (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newstance"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .output()
        .expect("run newstance");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

/// Runs `newstance` and requires exit code 0.
pub fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "newstance {args:?} failed: {err}");
    out
}

/// A fresh, empty folder for one test.
pub fn tempdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("report-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Records of a CSV text as maps column -> value.
pub fn records(csv_text: &str) -> Vec<BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Mean and clipped 95% t interval, computed the textbook way (two-pass).
pub fn mean_ci(xs: &[f64]) -> (f64, Option<(f64, f64)>) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    if xs.len() < 2 {
        return (mean, None);
    }
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let half = newstance::report::t_quantile_975(xs.len() - 1) * var.sqrt() / n.sqrt();
    (
        mean,
        Some(((mean - half).max(-1.0), (mean + half).min(1.0))),
    )
}

/// One speaker's documents, mode counts (direct, partial, indirect,
/// narration) and compounds.
pub type SpeakerFacts = (BTreeSet<String>, [usize; 4], Vec<f64>);

/// What the report must say, from the tables.
#[derive(Debug, Default)]
pub struct Expected {
    pub documents: BTreeSet<String>,
    pub sentences: usize,
    /// speaker -> (docs, [direct, partial, indirect, narration], compounds)
    pub speakers: BTreeMap<String, SpeakerFacts>,
    /// (holder or "", target) -> [favor, against, neutral]
    pub matrix: BTreeMap<(String, String), [usize; 3]>,
    /// (date, speaker or "") -> (docs, compounds)
    pub days: BTreeMap<(String, String), (BTreeSet<String>, Vec<f64>)>,
    pub stances: usize,
}

/// Computes the expected figures from the text of a `sentences` and a
/// `stances` table, merging names through `aliases`.
pub fn expected(sentences: &str, stances: &str, aliases: &[(&str, &str)]) -> Expected {
    let canon = |name: &str| -> String {
        let n = collapse(name);
        aliases
            .iter()
            .find(|(a, _)| *a == n)
            .map_or(n, |(_, c)| c.to_string())
    };
    let mut e = Expected::default();
    for r in records(sentences) {
        e.sentences += 1;
        e.documents.insert(r["doc_id"].clone());
        let speaker = canon(&r["speaker"]);
        if speaker.is_empty() {
            continue;
        }
        let c: f64 = r["compound"].parse().unwrap();
        let mode = ["direct", "partial", "indirect", "narration"]
            .iter()
            .position(|m| *m == r["mode"])
            .unwrap();
        let s = e.speakers.entry(speaker.clone()).or_default();
        s.0.insert(r["doc_id"].clone());
        s.1[mode] += 1;
        s.2.push(c);
        if !r["date"].is_empty() {
            for who in [String::new(), speaker.clone()] {
                let d = e.days.entry((r["date"].clone(), who)).or_default();
                d.0.insert(r["doc_id"].clone());
                d.1.push(c);
            }
        }
    }
    for r in records(stances) {
        let i = ["favor", "against", "neutral"]
            .iter()
            .position(|l| *l == r["stance"])
            .unwrap();
        e.stances += 1;
        e.matrix
            .entry((canon(&r["holder"]), canon(&r["target"])))
            .or_default()[i] += 1;
    }
    e
}

/// `a` and `b` agree to the 4 decimals the report prints (one unit of the
/// last digit allowed, for ties rounded differently).
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1.0001e-4
}

fn num(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

fn check_ci(got_lo: &str, got_hi: &str, want: Option<(f64, f64)>, what: &str) {
    match want {
        None => assert!(
            got_lo.is_empty() && got_hi.is_empty(),
            "{what}: no interval"
        ),
        Some((lo, hi)) => {
            assert!(close(num(got_lo), lo), "{what}: ci_low {got_lo} vs {lo}");
            assert!(close(num(got_hi), hi), "{what}: ci_high {got_hi} vs {hi}");
        }
    }
}

/// Checks the three CSV views of a report against `e` (min statements 1).
pub fn check_views(e: &Expected, speakers: &str, matrix: &str, timeline: &str) {
    let rows = records(speakers);
    let want: BTreeSet<&String> = e.speakers.keys().collect();
    let got: BTreeSet<&String> = rows.iter().map(|r| &r["speaker"]).collect();
    assert_eq!(got, want, "speakers");
    let mut last: Option<(usize, String)> = None;
    for r in &rows {
        let name = &r["speaker"];
        let (docs, modes, cs) = &e.speakers[name];
        let n = cs.len();
        assert_eq!(
            num(&r["documents"]) as usize,
            docs.len(),
            "{name}: documents"
        );
        assert_eq!(num(&r["statements"]) as usize, n, "{name}: statements");
        for (k, col) in ["direct", "partial", "indirect", "narration"]
            .iter()
            .enumerate()
        {
            assert_eq!(num(&r[*col]) as usize, modes[k], "{name}: {col}");
        }
        let (mean, ci) = mean_ci(cs);
        assert!(
            close(num(&r["mean_compound"]), mean),
            "{name}: mean {} vs {mean}",
            r["mean_compound"]
        );
        check_ci(&r["ci_low"], &r["ci_high"], ci, name);
        let pos = cs.iter().filter(|c| **c >= 0.05).count() as f64 / n as f64;
        let neg = cs.iter().filter(|c| **c <= -0.05).count() as f64 / n as f64;
        assert!(close(num(&r["positive"]), pos), "{name}: positive");
        assert!(close(num(&r["negative"]), neg), "{name}: negative");
        assert!(
            close(num(&r["neutral"]), 1.0 - pos - neg),
            "{name}: neutral"
        );
        // Ordered by statements (descending), then name.
        if let Some((pn, pname)) = &last {
            assert!(*pn > n || (*pn == n && pname < name), "order at {name}");
        }
        last = Some((n, name.clone()));
    }

    let rows = records(matrix);
    assert_eq!(rows.len(), e.matrix.len(), "matrix cells");
    for r in &rows {
        let key = (r["holder"].clone(), r["target"].clone());
        let c = e
            .matrix
            .get(&key)
            .unwrap_or_else(|| panic!("unexpected cell {key:?}"));
        let total = c.iter().sum::<usize>();
        let got = [&r["favor"], &r["against"], &r["neutral"], &r["total"]].map(|x| num(x) as usize);
        assert_eq!(got, [c[0], c[1], c[2], total], "{key:?}");
        let net = (c[0] as f64 - c[1] as f64) / total as f64;
        assert!(close(num(&r["net"]), net), "{key:?}: net");
    }

    let rows = records(timeline);
    assert_eq!(rows.len(), e.days.len(), "timeline points");
    for r in &rows {
        let key = (r["date"].clone(), r["speaker"].clone());
        let (docs, cs) = e
            .days
            .get(&key)
            .unwrap_or_else(|| panic!("unexpected point {key:?}"));
        assert_eq!(num(&r["documents"]) as usize, docs.len(), "{key:?}");
        assert_eq!(num(&r["statements"]) as usize, cs.len(), "{key:?}");
        let (mean, ci) = mean_ci(cs);
        assert!(close(num(&r["mean_compound"]), mean), "{key:?}: mean");
        check_ci(&r["ci_low"], &r["ci_high"], ci, &format!("{key:?}"));
    }
}

/// Reads the three views from a folder written by `report --out-dir`.
pub fn views(dir: &Path) -> (String, String, String) {
    let read = |n: &str| std::fs::read_to_string(dir.join(format!("{n}.csv"))).unwrap();
    (read("speakers"), read("matrix"), read("timeline"))
}

/// The path of a fixture, as a string.
pub fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
        .display()
        .to_string()
}
