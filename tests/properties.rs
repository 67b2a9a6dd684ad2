//! Property tests: arbitrary text through the whole pipeline never panics,
//! and every span it reports is valid.

use newstance::output::{
    Format, Options, SentenceTable, Table, TableWriter, person_rows, quote_rows, sentence_rows,
    stance_rows,
};
use newstance::{Document, Pipeline};
use proptest::prelude::*;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

/// Text made of news-like pieces (quotes, names, cue verbs, punctuation,
/// line breaks, multi-byte characters), so the stages' rules actually fire.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("'".to_string()),
        Just(". ".to_string()),
        Just(".".to_string()),
        Just("…".to_string()),
        Just("? ".to_string()),
        Just(", ".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just(" said ".to_string()),
        Just(" told ".to_string()),
        Just("according to ".to_string()),
        Just(": ".to_string()),
        Just("John Legend".to_string()),
        Just("Legend".to_string()),
        Just("Kanye West".to_string()),
        Just(" he ".to_string()),
        Just(" she ".to_string()),
        Just("Mr. ".to_string()),
        Just("Dr. ".to_string()),
        Just("U.S. ".to_string()),
        Just(" not ".to_string()),
        Just(" support ".to_string()),
        Just(" love ".to_string()),
        Just("=Legend".to_string()),
        Just("-".to_string()),
        Just("@".to_string()),
        Just(" hate ".to_string()),
        Just(" great ".to_string()),
        Just(" – ".to_string()),
        Just("date 2020-01-01 ".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{1,3}",
        " ",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check(text: String) {
    let doc = Document::new("p", text, None);
    let a = PIPELINE.annotate(doc);
    let t = &a.doc.text;
    let valid = |s: newstance::Span| {
        s.start <= s.end
            && s.end <= t.len()
            && t.is_char_boundary(s.start)
            && t.is_char_boundary(s.end)
    };
    let mut last = 0;
    for s in &a.sentences {
        assert!(valid(s.span), "sentence span {:?}", s.span);
        assert!(s.span.start >= last, "sentences in order");
        assert!(s.span.start >= a.doc.body.start);
        last = s.span.end;
    }
    assert_eq!(a.scores.len(), a.sentences.len());
    for sc in &a.scores {
        assert!((-1.0..=1.0).contains(&sc.compound));
        for v in [sc.neg, sc.neu, sc.pos] {
            assert!((0.0..=1.0).contains(&v));
        }
    }
    assert_eq!(a.attribution.sentences.len(), a.sentences.len());
    for m in &a.attribution.mentions {
        assert!(valid(m.span));
        assert!(m.person < a.attribution.people.len());
    }
    for q in &a.attribution.quotes {
        assert!(valid(q.span));
        q.parts.iter().for_each(|p| assert!(valid(*p)));
        q.speaker_span.iter().for_each(|p| assert!(valid(*p)));
        q.cue.iter().for_each(|p| assert!(valid(*p)));
    }
    for st in &a.stances {
        assert!(valid(st.target_span));
        assert!(st.sentence < a.sentences.len());
        assert!(st.target < a.attribution.people.len());
        assert!((0.0..=1.0).contains(&st.confidence));
    }
    let opts = Options::default();
    let rows = sentence_rows(&a, &opts);
    let chars = t.chars().count();
    for r in &rows {
        assert!(r.start <= r.end && r.end <= chars);
    }
    quote_rows(&a, &opts);
    stance_rows(&a, &opts);
    person_rows(&a, &opts);
    same_sentences_table(&a);
}

/// `annotate`'s [`SentenceTable`] writes the bytes that the rows of
/// [`sentence_rows`] write, in CSV and JSONL, spreadsheet-safe or not.
fn same_sentences_table(a: &newstance::Annotated) {
    for spreadsheet_safe in [false, true] {
        let opts = Options { spreadsheet_safe };
        for format in [Format::Csv, Format::Jsonl] {
            let write = |f: &dyn Fn(&mut TableWriter<&mut Vec<u8>>)| {
                let mut out = Vec::new();
                let mut w = TableWriter::new(&mut out, Table::Sentences, format, true).unwrap();
                f(&mut w);
                w.flush().unwrap();
                drop(w);
                out
            };
            let table = write(&|w| w.write_sentences(&SentenceTable::new(a, &opts)).unwrap());
            let rows = write(&|w| w.write_all(&sentence_rows(a, &opts)).unwrap());
            assert_eq!(
                String::from_utf8_lossy(&table),
                String::from_utf8_lossy(&rows)
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check(text);
    }

    #[test]
    fn newsy_text_never_panics(text in newsy()) {
        check(text);
    }
}
