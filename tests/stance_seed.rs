//! The seed article (John Legend and Kanye West) through the whole pipeline:
//! the stances of `fixtures/legend-west.gold.jsonl`.
//!
//! Holders and targets come from the real speakers stage (people, mentions,
//! pronouns, quotes); nothing is given by hand. Every gold stance marked
//! `certain: true` must be found with its holder, target and label; the
//! uncertain ones are counted and printed (`cargo test --test stance_seed --
//! --nocapture`), not asserted.

use newstance::stance::Stance;
use newstance::{Annotated, Attribution, Document, Pipeline, Span};
use serde_json::Value;

fn annotate() -> Annotated {
    let text = std::fs::read_to_string("fixtures/legend-west.txt").unwrap();
    Pipeline::new().annotate(Document::new("legend-west", text, None))
}

fn gold() -> Vec<Value> {
    std::fs::read_to_string("fixtures/legend-west.gold.jsonl")
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The span of a gold sentence (white space collapsed) in the document.
fn locate(text: &str, sentence: &str, from: usize) -> Option<Span> {
    let want: Vec<char> = sentence
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let starts: Vec<usize> = text[from..].char_indices().map(|(i, _)| from + i).collect();
    'outer: for &s in &starts {
        let mut it = text[s..].char_indices().peekable();
        let mut k = 0;
        while k < want.len() {
            let Some((_, c)) = it.next() else {
                continue 'outer;
            };
            if c.is_whitespace() {
                if want[k] != ' ' {
                    continue 'outer;
                }
                while it.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    it.next();
                }
                k += 1;
            } else if c == want[k] {
                k += 1;
            } else {
                continue 'outer;
            }
        }
        let end = it.peek().map_or(text.len(), |(i, _)| s + i);
        return Some(Span::new(s, end));
    }
    None
}

fn holder_name(a: &Attribution, s: &Stance) -> String {
    s.holder
        .as_ref()
        .map_or_else(String::new, |h| a.source_name(h).to_string())
}

struct Outcome {
    certain: Vec<(bool, String)>,
    uncertain: Vec<(bool, String)>,
    /// Our stances whose (sentence, holder, target) has no gold stance.
    extra: Vec<String>,
}

fn evaluate() -> Outcome {
    let ann = annotate();
    let a = &ann.attribution;
    let text = &ann.doc.text;
    let mut out = Outcome {
        certain: vec![],
        uncertain: vec![],
        extra: vec![],
    };
    let mut matched = vec![false; ann.stances.len()];
    let mut from = ann.doc.body.start;
    for g in gold() {
        let n = g["n"].as_u64().unwrap();
        let gs = g["text"].as_str().unwrap();
        let span =
            locate(text, gs, from).unwrap_or_else(|| panic!("gold sentence {n} not in text"));
        from = span.start;
        // Our sentences that overlap the gold one (the splitter may differ).
        let ours: Vec<usize> = ann
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.span.overlaps(span))
            .map(|(i, _)| i)
            .collect();
        for t in g["targets"].as_array().unwrap() {
            let holder = t["holder"].as_str().unwrap_or("");
            let entity = t["entity"].as_str().unwrap();
            let label = t["stance"].as_str().unwrap();
            let found: Vec<&Stance> = ann
                .stances
                .iter()
                .enumerate()
                .filter(|(_, s)| ours.contains(&s.sentence))
                .filter(|(_, s)| holder_name(a, s) == holder && a.people[s.target].name == entity)
                .map(|(i, s)| {
                    matched[i] = true;
                    s
                })
                .collect();
            let ok = found.iter().any(|s| s.label.as_str() == label);
            let got = if found.is_empty() {
                "nothing".to_string()
            } else {
                found
                    .iter()
                    .map(|s| {
                        format!(
                            "{} ({:.2}, {:?})",
                            s.label.as_str(),
                            s.confidence,
                            s.evidence
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let line = format!("#{n} {holder} -> {entity}: gold {label}, got {got}");
            if t["certain"].as_bool().unwrap() {
                out.certain.push((ok, line));
            } else {
                out.uncertain.push((ok, line));
            }
        }
    }
    for (s, m) in ann.stances.iter().zip(&matched) {
        if !m {
            out.extra.push(format!(
                "sentence {}: {:?} -> {}: {} ({:.2}, {:?})",
                s.sentence + 1,
                holder_name(a, s),
                a.people[s.target].name,
                s.label.as_str(),
                s.confidence,
                s.evidence
            ));
        }
    }
    out
}

#[test]
fn seed_certain_stances() {
    let o = evaluate();
    for (ok, line) in o.certain.iter().chain(&o.uncertain) {
        println!("{} {line}", if *ok { "ok  " } else { "MISS" });
    }
    for e in &o.extra {
        println!("extra {e}");
    }
    let agree = o.uncertain.iter().filter(|(ok, _)| *ok).count();
    println!(
        "certain: {}/{} found; uncertain: {}/{} agree; {} stances without a gold one",
        o.certain.iter().filter(|(ok, _)| *ok).count(),
        o.certain.len(),
        agree,
        o.uncertain.len(),
        o.extra.len()
    );
    assert_eq!(o.certain.len(), 16, "the gold file has 16 certain stances");
    let missed: Vec<&String> = o
        .certain
        .iter()
        .filter(|(ok, _)| !ok)
        .map(|(_, l)| l)
        .collect();
    assert!(
        missed.is_empty(),
        "missed certain gold stances:\n{missed:#?}"
    );
}
