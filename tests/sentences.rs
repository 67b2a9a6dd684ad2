//! The sentence splitter on real text: the seed article's gold sentences, the
//! English Golden Rules, and properties over arbitrary input.

use newstance::{Document, Pipeline, Sentence, Splitter};
use proptest::prelude::*;
use serde_json::Value;

/// White-space runs collapsed to one space, as the gold files compare.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn jsonl(path: &str) -> Vec<Value> {
    let src = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    src.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The seed article (`fixtures/legend-west.txt`): its 41 gold sentences,
/// exactly, through the pipeline (which skips the ` date 2022-08-05 ` header).
#[test]
fn seed_article_gold_sentences() {
    let path = format!("{}/fixtures/legend-west.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Document::new("legend-west", text, None);
    let sentences = Pipeline::new().sentences(&doc);
    let got: Vec<String> = sentences
        .iter()
        .map(|s| collapse(s.span.of(&doc.text)))
        .collect();
    let gold: Vec<String> = jsonl("fixtures/legend-west.gold.jsonl")
        .iter()
        .map(|v| collapse(v["text"].as_str().unwrap()))
        .collect();
    assert_eq!(gold.len(), 41);
    for (k, (g, e)) in got.iter().zip(&gold).enumerate() {
        assert_eq!(g, e, "sentence {}", k + 1);
    }
    assert_eq!(got.len(), gold.len());
    // Spans are into the whole text and never include the date header.
    assert!(sentences[0].span.start >= doc.body.start);
    // Blank lines separate the seed's paragraphs.
    let paragraphs: Vec<usize> = sentences.iter().map(|s| s.paragraph).collect();
    let blank_separated = doc
        .body_text()
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .count();
    assert_eq!(paragraphs.first(), Some(&1));
    assert_eq!(paragraphs.last(), Some(&blank_separated));
}

/// Golden Rules we do not pass, with the reason. Every other rule must pass.
const KNOWN_FAILURES: &[(u64, &str)] = &[];

/// The 52 English Golden Rules of pragmatic_segmenter (MIT; copied into
/// `fixtures/golden_rules_en.jsonl`).
#[test]
fn golden_rules() {
    let splitter = Splitter::new();
    let rules = jsonl("fixtures/golden_rules_en.jsonl");
    assert_eq!(rules.len(), 52);
    let mut failed = Vec::new();
    for rule in &rules {
        let num = rule["num"].as_u64().unwrap();
        let text = rule["text"].as_str().unwrap();
        let want: Vec<String> = rule["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| collapse(s.as_str().unwrap()))
            .collect();
        let got: Vec<String> = splitter
            .split(text)
            .iter()
            .map(|s| collapse(s.span.of(text)))
            .collect();
        if got != want {
            eprintln!(
                "rule {num} {}:\n  got  {got:?}\n  want {want:?}",
                rule["name"]
            );
            failed.push(num);
        }
    }
    let unexpected: Vec<u64> = failed
        .iter()
        .copied()
        .filter(|n| !KNOWN_FAILURES.iter().any(|(k, _)| k == n))
        .collect();
    assert!(unexpected.is_empty(), "unexpected failures: {unexpected:?}");
    assert!(
        52 - failed.len() >= 51,
        "passed {} of 52",
        52 - failed.len()
    );
}

/// The invariants every split must keep, whatever the input.
fn check_invariants(text: &str, sentences: &[Sentence]) {
    let mut rebuilt = String::with_capacity(text.len());
    let mut prev_end = 0;
    let mut prev_para = 1;
    for (k, s) in sentences.iter().enumerate() {
        assert!(s.span.start >= prev_end, "overlap at {k}");
        assert!(s.span.end > s.span.start, "empty sentence {k}");
        assert!(s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        let gap = &text[prev_end..s.span.start];
        assert!(gap.trim().is_empty(), "non-blank gap {gap:?}");
        let piece = s.span.of(text);
        assert_eq!(piece, piece.trim(), "untrimmed sentence {k}");
        if k == 0 {
            assert_eq!(s.paragraph, 1);
        }
        assert!(s.paragraph >= prev_para, "paragraphs go backwards");
        assert!(s.paragraph <= prev_para + 1, "paragraph number skipped");
        rebuilt.push_str(gap);
        rebuilt.push_str(piece);
        prev_end = s.span.end;
        prev_para = s.paragraph;
    }
    let tail = &text[prev_end..];
    assert!(tail.trim().is_empty(), "non-blank tail {tail:?}");
    rebuilt.push_str(tail);
    assert_eq!(rebuilt, text);
}

#[test]
fn empty_and_blank_texts() {
    let s = Splitter::new();
    for text in ["", " ", "\n\n\n", "\u{a0}\u{2029}\t", "\r\n \r\n"] {
        let got = s.split(text);
        assert!(got.is_empty(), "{text:?}: {got:?}");
    }
}

#[test]
fn edge_cases_keep_invariants() {
    let s = Splitter::new();
    let long_dots = ".".repeat(10_000);
    let long_word = "a".repeat(100_000) + ". The end.";
    let glued = "word.Word".repeat(5_000);
    for text in [
        ".",
        "…",
        ". . . .",
        "\"",
        "[",
        "[.",
        "1.",
        "a. b. c.",
        "• • •",
        "Mr.",
        "A.B.C.D.E.",
        "x.\u{a0}\u{a0}Y",
        "é.É",
        "?!?!\"\"''))",
        "\n\n.\n\n?",
        long_dots.as_str(),
        long_word.as_str(),
        glued.as_str(),
    ] {
        check_invariants(text, &s.split(text));
    }
}

/// Text made of the characters the rules look at, so the property test
/// reaches them often.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "Mr",
        "U.S",
        "a.m",
        "The",
        "he",
        "said",
        "Legend",
        "1",
        "10",
        "a",
        "b",
        "I",
        "www.x.com",
        "e@x.org",
        ".",
        ". ",
        "...",
        "…",
        ". . .",
        "!",
        "?",
        "\"",
        "“",
        "”",
        "'",
        "’",
        "(",
        ")",
        "[",
        "]",
        "[sic]",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\r\n",
        "\u{a0}",
        "\u{2003}",
        "—",
        "–",
        "•",
        "⁃",
        "1.)",
        "2)",
        "é",
        "日本",
        "😀",
        "\u{200b}",
        "\u{2029}",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Pieces plus gaps give back the input, on arbitrary Unicode.
    #[test]
    fn arbitrary_text_round_trips(text in any::<String>()) {
        let s = Splitter::new();
        check_invariants(&text, &s.split(&text));
    }

    /// The same on text built from the splitter's own trigger characters.
    #[test]
    fn newsy_text_round_trips(text in newsy()) {
        let s = Splitter::new();
        check_invariants(&text, &s.split(&text));
    }
}
