//! Properties of the stance stage on arbitrary text: no panics, confidence
//! in [0, 1], evidence taken from the text, spans on char boundaries, the
//! same output every time.

use newstance::{Document, Pipeline, Span, StanceTagger, Vader};
use proptest::prelude::*;

/// Text mixing stance words, names, quotes, brackets, negators and
/// non-ASCII characters, so the rules actually fire.
fn texty() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Legend",
        "West",
        "he",
        "his",
        "you",
        "I",
        "not",
        "never",
        "support",
        "disown",
        "love",
        "supporter",
        "of",
        "'s",
        "n't",
        "said",
        ",",
        ".",
        "\"",
        "“",
        "”",
        "[sic]",
        "too",
        "to",
        "by",
        "was",
        "criticized",
        "Café",
        "—",
        "…",
        "\n\n",
        "replied",
        "message",
        "you know",
    ]);
    prop::collection::vec(words, 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn toward_is_total(text in texty(), a in 0usize..400, b in 0usize..400) {
        let tagger = StanceTagger::new();
        let vader = Vader::new();
        let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bounds.push(text.len());
        let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
        let target = Span::new(a.min(b), a.max(b));
        let j = tagger.toward(&text, Span::new(0, text.len()), target, &vader);
        prop_assert!((0.0..=1.0).contains(&j.confidence));
        for piece in j.evidence.split("; ").filter(|p| !p.is_empty()) {
            prop_assert!(text.contains(piece), "{piece:?}");
        }
    }

    #[test]
    fn analyze_is_sound_and_deterministic(text in texty()) {
        let p = Pipeline::new();
        let a = p.annotate(Document::new("d", text.clone(), None));
        let b = p.annotate(Document::new("d", text.clone(), None));
        prop_assert_eq!(&a.stances, &b.stances);
        for s in &a.stances {
            prop_assert!(s.sentence < a.sentences.len());
            prop_assert!(s.target < a.attribution.people.len());
            prop_assert!((0.0..=1.0).contains(&s.confidence));
            prop_assert!(text.is_char_boundary(s.target_span.start));
            prop_assert!(text.is_char_boundary(s.target_span.end));
            prop_assert!(a.sentences[s.sentence].span.contains(s.target_span));
        }
    }
}
