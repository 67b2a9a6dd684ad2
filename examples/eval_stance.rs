//! Evaluates the target-level stance classifier on target-sentiment corpora.
//!
//! ```text
//! cargo run --release --example eval_stance -- fixtures/newsmtsc.dev.jsonl
//! cargo run --release --example eval_stance -- --persent /path/to/persent.dev.jsonl
//! ```
//!
//! NewsMTSC: every record is one sentence and one gold target mention;
//! [`StanceTagger::toward`] labels it and favor/against/neutral is read as
//! positive/negative/neutral. Two VADER baselines are computed in the same
//! run: the whole sentence, and six words either side of the target
//! (compound >= 0.05 positive, <= -0.05 negative, as VADER recommends).
//!
//! PerSenT (research-only text: read from its path, never copied): the
//! sentiment toward the article's main person, per paragraph and for the
//! whole document. Every sentence that names the person (full name or last
//! name) or, after the first naming, refers to them by a third-person
//! pronoun, is scored with `toward`; a paragraph's score is the mean over its
//! mentions, the document's the mean over all its mentions.
//!
//! **Honesty split.** The rules were tuned by reading mistakes, so the
//! NewsMTSC records are split in two folds by document: the FNV-1a (64-bit)
//! hash of `doc_id`, even = fold A ("tune": the only fold whose mistakes are
//! looked at), odd = fold B ("check": the honest estimate). Metrics and the
//! confusion matrix are printed for A, B and all. Cues added before the
//! split was made were chosen on mistakes of the whole file, so fold B is
//! not entirely unseen for them; every change since was chosen on fold A.
//!
//! `--further-mentions` scores every mention of the target the record
//! lists (`further_mentions`) with `toward_mentions` instead of the one
//! target mention (on fold A: macro-F1 0.690 against 0.702 without, so off by
//! default).
//!
//! `--show-errors N` prints the first N mistakes of fold A (NewsMTSC);
//! `--dump-fold-a FILE` writes every fold-A record as JSONL (gold,
//! predicted, score, evidence, target, text) for analysis. Fold B's
//! records are never shown.

use newstance::stance::Label;
use newstance::{Span, Splitter, StanceTagger, Vader};
use serde_json::Value;
use std::process::ExitCode;

const CLASSES: [&str; 3] = ["positive", "negative", "neutral"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut persent = None;
    let mut newsmtsc = None;
    let mut show = 0usize;
    let mut dump = None;
    let mut further = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--persent" => persent = it.next().cloned(),
            "--dump-fold-a" => dump = it.next().cloned(),
            "--further-mentions" => further = true,
            "--show-errors" => show = it.next().and_then(|s| s.parse().ok()).unwrap_or(20),
            "-h" | "--help" => {
                eprintln!(
                    "usage: eval_stance [NEWSMTSC.jsonl] [--persent PERSENT.jsonl] [--show-errors N] [--dump-fold-a FILE] [--further-mentions]"
                );
                return ExitCode::SUCCESS;
            }
            _ => newsmtsc = Some(a.clone()),
        }
    }
    if persent.is_none() && newsmtsc.is_none() {
        eprintln!(
            "usage: eval_stance [NEWSMTSC.jsonl] [--persent PERSENT.jsonl] [--show-errors N] [--dump-fold-a FILE] [--further-mentions]"
        );
        return ExitCode::from(2);
    }
    let tagger = StanceTagger::new();
    let vader = Vader::new();
    if let Some(p) = newsmtsc
        && let Err(e) = eval_newsmtsc(
            &p,
            &tagger,
            &vader,
            &Options {
                show,
                dump: dump.as_deref(),
                further,
            },
        )
    {
        eprintln!("{p}: {e}");
        return ExitCode::from(1);
    }
    if let Some(p) = persent
        && let Err(e) = eval_persent(&p, &tagger, &vader)
    {
        eprintln!("{p}: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// NewsMTSC evaluation options.
struct Options<'a> {
    /// How many fold-A mistakes to print.
    show: usize,
    /// Where to write fold A's records with predictions.
    dump: Option<&'a str>,
    /// Whether to score the further mentions too.
    further: bool,
}

/// Gold labels in either vocabulary, as positive/negative/neutral.
fn gold_label(v: &Value) -> Option<&'static str> {
    match v.as_str()?.to_ascii_lowercase().as_str() {
        "positive" | "favor" => Some("positive"),
        "negative" | "against" => Some("negative"),
        "neutral" | "none" => Some("neutral"),
        _ => None,
    }
}

/// Byte offset of the `n`-th code point (Python string offsets).
fn byte_of_char(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(b, _)| b)
}

fn read_jsonl(path: &str) -> Result<Vec<Value>, String> {
    let content = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Accuracy, macro-F1 and per-class (P, R, F1) over positive/negative/neutral.
struct Metrics {
    n: usize,
    accuracy: f64,
    macro_f1: f64,
    per_class: [(f64, f64, f64); 3],
}

fn metrics(gold: &[&str], pred: &[&str]) -> Metrics {
    let n = gold.len();
    let correct = gold.iter().zip(pred).filter(|(g, p)| g == p).count();
    let mut per_class = [(0.0, 0.0, 0.0); 3];
    for (k, c) in CLASSES.iter().enumerate() {
        let tp = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| *g == c && *p == c)
            .count() as f64;
        let fp = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| *g != c && *p == c)
            .count() as f64;
        let fneg = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| *g == c && *p != c)
            .count() as f64;
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let r = if tp + fneg > 0.0 {
            tp / (tp + fneg)
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        per_class[k] = (p, r, f);
    }
    Metrics {
        n,
        accuracy: if n > 0 {
            correct as f64 / n as f64
        } else {
            0.0
        },
        macro_f1: per_class.iter().map(|c| c.2).sum::<f64>() / 3.0,
        per_class,
    }
}

fn print_metrics(name: &str, m: &Metrics) {
    println!(
        "{name:<34} n={:<5} accuracy={:.3} macro-F1={:.3}   {}",
        m.n,
        m.accuracy,
        m.macro_f1,
        CLASSES
            .iter()
            .zip(&m.per_class)
            .map(|(c, (p, r, f))| format!("{c} P={p:.3} R={r:.3} F1={f:.3}"))
            .collect::<Vec<_>>()
            .join("  ")
    );
}

/// FNV-1a, 64-bit: a stable hash (unlike `DefaultHasher`, fixed forever).
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Fold of a document: A (tune) when the hash of its id is even.
fn fold_a(doc_id: &str) -> bool {
    fnv1a(doc_id).is_multiple_of(2)
}

/// Rows = gold, columns = predicted, in [`CLASSES`] order.
fn print_confusion(gold: &[&str], pred: &[&str]) {
    println!("    gold \\ predicted   positive negative  neutral");
    for g in CLASSES {
        let row: Vec<String> = CLASSES
            .iter()
            .map(|p| {
                let n = gold
                    .iter()
                    .zip(pred)
                    .filter(|(a, b)| **a == g && *b == p)
                    .count();
                format!("{n:>8}")
            })
            .collect();
        println!("    {g:<18}{}", row.join(" "));
    }
}

/// The elements of `v` where `keep` is true.
fn select<'a>(v: &[&'a str], keep: &[bool], want: bool) -> Vec<&'a str> {
    v.iter()
        .zip(keep)
        .filter(|(_, k)| **k == want)
        .map(|(x, _)| *x)
        .collect()
}

fn vader_label(compound: f64) -> &'static str {
    if compound >= 0.05 {
        "positive"
    } else if compound <= -0.05 {
        "negative"
    } else {
        "neutral"
    }
}

fn eval_newsmtsc(
    path: &str,
    tagger: &StanceTagger,
    vader: &Vader,
    opts: &Options,
) -> Result<(), String> {
    let (show, dump) = (opts.show, opts.dump);
    let records = read_jsonl(path)?;
    let mut dumped = String::new();
    let (mut gold, mut ours, mut whole, mut window) = (vec![], vec![], vec![], vec![]);
    let mut in_a = vec![];
    // Words per sentence, for accuracy by sentence length.
    let mut lengths: Vec<usize> = vec![];
    let mut shown = 0;
    let mut elapsed = std::time::Duration::ZERO;
    for (i, r) in records.iter().enumerate() {
        let text = r["text"]
            .as_str()
            .ok_or(format!("record {}: no text", i + 1))?;
        let g = gold_label(&r["label"]).ok_or(format!("record {}: bad label", i + 1))?;
        let cs = r["target_start"]
            .as_u64()
            .ok_or(format!("record {}: no target_start", i + 1))?;
        let ce = r["target_end"]
            .as_u64()
            .ok_or(format!("record {}: no target_end", i + 1))?;
        let target = Span::new(
            byte_of_char(text, cs as usize),
            byte_of_char(text, ce as usize),
        );
        let a = fold_a(r["doc_id"].as_str().unwrap_or(""));
        in_a.push(a);
        let t = std::time::Instant::now();
        // The other mentions of the target in the sentence, which the
        // dataset gives as input (coreference), not as part of the label.
        let mut mentions = vec![target];
        let further = r["further_mentions"].as_array().filter(|_| opts.further);
        for m in further.into_iter().flatten() {
            if let (Some(s), Some(e)) = (m[0].as_u64(), m[1].as_u64()) {
                mentions.push(Span::new(
                    byte_of_char(text, s as usize),
                    byte_of_char(text, e as usize),
                ));
            }
        }
        let j = tagger.toward_mentions(text, Span::new(0, text.len()), &mentions, vader);
        elapsed += t.elapsed();
        gold.push(g);
        ours.push(j.label.as_sentiment());
        lengths.push(text.split_whitespace().count());
        whole.push(vader_label(vader.polarity_scores(text).compound));
        let left: Vec<&str> = text[..target.start].split_whitespace().collect();
        let right: Vec<&str> = text[target.end..].split_whitespace().collect();
        let win = [
            &left[left.len().saturating_sub(6)..],
            &[target.of(text)][..],
            &right[..right.len().min(6)],
        ]
        .concat()
        .join(" ");
        window.push(vader_label(vader.polarity_scores(&win).compound));
        if a && dump.is_some() {
            let row = serde_json::json!({
                "id": r["id"], "gold": g, "pred": j.label.as_sentiment(), "score": j.score,
                "evidence": j.evidence, "target": target.of(text), "text": text,
            });
            dumped.push_str(&row.to_string());
            dumped.push('\n');
        }
        if a && shown < show && j.label.as_sentiment() != g {
            shown += 1;
            println!(
                "gold={g:<8} ours={:<8} score={:+.2} target={:?} evidence={:?}\n    {}",
                j.label.as_sentiment(),
                j.score,
                target.of(text),
                j.evidence,
                text.replace('\n', " ")
            );
        }
    }
    if let Some(d) = dump {
        std::fs::write(d, dumped).map_err(|e| format!("{d}: {e}"))?;
    }
    println!("NewsMTSC ({path})");
    print_metrics("stance toward target (ours)", &metrics(&gold, &ours));
    for (name, want) in [("fold A (tune)", true), ("fold B (check)", false)] {
        let (g, o) = (select(&gold, &in_a, want), select(&ours, &in_a, want));
        print_metrics(&format!("  {name}"), &metrics(&g, &o));
    }
    for (name, want) in [("fold A", true), ("fold B", false)] {
        println!("  confusion, {name}:");
        print_confusion(&select(&gold, &in_a, want), &select(&ours, &in_a, want));
    }
    print!("  accuracy by sentence length (words):");
    for (lo, hi) in [(0, 20), (20, 40), (40, usize::MAX)] {
        let keep: Vec<bool> = lengths.iter().map(|&n| n >= lo && n < hi).collect();
        let (g, o) = (select(&gold, &keep, true), select(&ours, &keep, true));
        let right = g.iter().zip(&o).filter(|(a, b)| a == b).count();
        let label = if hi == usize::MAX {
            format!("{lo}+")
        } else {
            format!("{lo}-{}", hi - 1)
        };
        print!(
            "  {label}: {:.3} (n={})",
            right as f64 / g.len().max(1) as f64,
            g.len()
        );
    }
    println!();
    print_metrics("VADER, whole sentence", &metrics(&gold, &whole));
    print_metrics(
        "  fold B (check)",
        &metrics(&select(&gold, &in_a, false), &select(&whole, &in_a, false)),
    );
    print_metrics("VADER, 6 words around target", &metrics(&gold, &window));
    println!(
        "toward(): {} targets in {:.1} ms ({:.0} targets/s)",
        gold.len(),
        elapsed.as_secs_f64() * 1e3,
        gold.len() as f64 / elapsed.as_secs_f64().max(1e-9)
    );
    Ok(())
}

/// Word-boundary occurrences of `needle` in `hay`.
fn find_words(hay: &str, needle: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(k) = hay[from..].find(needle) {
        let s = from + k;
        let e = s + needle.len();
        let before_ok = hay[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push(Span::new(s, e));
        }
        from = e;
    }
    out
}

const PRONOUNS: &[&str] = &["He", "he", "She", "she", "him", "his", "His", "her", "Her"];

/// Sum of `toward` scores over the main person's mentions in `span`.
fn score_span(
    text: &str,
    span: Span,
    target: &str,
    tagger: &StanceTagger,
    vader: &Vader,
    splitter: &Splitter,
    named_before: &mut bool,
) -> (f64, usize) {
    let last = target.split_whitespace().last().unwrap_or(target);
    let mut total = 0.0;
    let mut count = 0;
    for s in splitter.split(span.of(text)) {
        let sent = s.span.shift(span.start);
        let st = sent.of(text);
        let mut mentions = find_words(st, target);
        for m in find_words(st, last) {
            if !mentions.iter().any(|x| x.overlaps(m)) {
                mentions.push(m);
            }
        }
        if !mentions.is_empty() {
            *named_before = true;
        } else if *named_before {
            for p in PRONOUNS {
                mentions.extend(find_words(st, p));
            }
        }
        for m in mentions {
            let j = tagger.toward(text, sent, m.shift(sent.start), vader);
            total += j.score;
            count += 1;
        }
    }
    (total, count)
}

/// Mean score per mention (0 without mentions).
fn mean(total: f64, n: usize) -> f64 {
    if n == 0 { 0.0 } else { total / n as f64 }
}

fn eval_persent(path: &str, tagger: &StanceTagger, vader: &Vader) -> Result<(), String> {
    let records = read_jsonl(path)?;
    let splitter = Splitter::new();
    let (mut dgold, mut dpred, mut pgold, mut ppred) = (vec![], vec![], vec![], vec![]);
    let (mut dbase, mut pbase) = (vec![], vec![]);
    for (i, r) in records.iter().enumerate() {
        let text = r["text"]
            .as_str()
            .ok_or(format!("record {}: no text", i + 1))?;
        let target = r["target"]
            .as_str()
            .ok_or(format!("record {}: no target", i + 1))?;
        let g = gold_label(&r["label"]).ok_or(format!("record {}: bad label", i + 1))?;
        let plabels: Vec<Option<&'static str>> = r["paragraph_labels"]
            .as_array()
            .map(|a| a.iter().map(gold_label).collect())
            .unwrap_or_default();
        let mut named = false;
        let mut doc = 0.0;
        let mut mentions = 0;
        let mut k = 0;
        let mut offset = 0;
        for para in text.split('\n') {
            let span = Span::new(offset, offset + para.len());
            offset += para.len() + 1;
            if para.trim().is_empty() {
                continue;
            }
            let (s, n) = score_span(text, span, target, tagger, vader, &splitter, &mut named);
            doc += s;
            mentions += n;
            if let Some(Some(pg)) = plabels.get(k) {
                pgold.push(*pg);
                ppred.push(Label::of_score(mean(s, n)).as_sentiment());
                pbase.push(vader_label(vader.polarity_scores(para).compound));
            }
            k += 1;
        }
        dgold.push(g);
        dpred.push(Label::of_score(mean(doc, mentions)).as_sentiment());
        dbase.push(vader_label(vader.polarity_scores(text).compound));
    }
    println!("PerSenT ({path})");
    print_metrics("document, toward main person", &metrics(&dgold, &dpred));
    print_metrics("paragraph, toward main person", &metrics(&pgold, &ppred));
    print_metrics("VADER, whole document", &metrics(&dgold, &dbase));
    print_metrics("VADER, whole paragraph", &metrics(&pgold, &pbase));
    Ok(())
}
