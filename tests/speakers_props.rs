//! Invariants of the speakers stage on arbitrary text: no panic, one entry
//! per sentence, every span inside the text and on character boundaries,
//! mentions in text order, and the same output on a second run.

use newstance::{Document, Pipeline, Source};
use proptest::prelude::*;

fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("''".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(": ".to_string()),
        Just("\n\n".to_string()),
        Just(" said ".to_string()),
        Just(" according to ".to_string()),
        Just("Mr. ".to_string()),
        Just("he ".to_string()),
        Just("the singer ".to_string()),
        Just("John Legend ".to_string()),
        Just("Zoë Ångström ".to_string()),
        Just("Legend's ".to_string()),
        Just("that ".to_string()),
        "[A-Za-z]{1,8} ",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_are_valid_and_output_is_deterministic(text in texty()) {
        let doc = Document::new("p", text, None);
        let p = Pipeline::new();
        let sentences = p.sentences(&doc);
        let a = p.speakers.analyze(&doc.text, doc.body, &sentences);
        let t = &doc.text;
        prop_assert_eq!(a.sentences.len(), sentences.len());
        let ok = |s: newstance::Span| s.start <= s.end && s.end <= t.len()
            && t.is_char_boundary(s.start) && t.is_char_boundary(s.end);
        for q in &a.quotes {
            prop_assert!(ok(q.span));
            prop_assert!(!q.parts.is_empty());
            for part in &q.parts {
                prop_assert!(ok(*part));
            }
            for s in q.speaker_span.iter().chain(q.cue.iter()) {
                prop_assert!(ok(*s));
            }
            if let Some(Source::Person(id)) = q.speaker {
                prop_assert!(id < a.people.len());
            }
        }
        for w in a.mentions.windows(2) {
            prop_assert!(w[0].span.start <= w[1].span.start);
        }
        for m in &a.mentions {
            prop_assert!(ok(m.span));
            prop_assert!(m.person < a.people.len());
        }
        let again = p.speakers.analyze(&doc.text, doc.body, &sentences);
        prop_assert_eq!(again, a);
    }
}
