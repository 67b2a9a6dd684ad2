//! The seed article: speaker and mode of all 41 gold sentences.
//!
//! The speakers stage is tested in isolation: sentence spans come from the
//! gold sentence texts (white space collapsed, in order) located in the
//! article, so a splitter change cannot move these assertions. The gold is
//! `fixtures/legend-west.gold.jsonl`; nothing here is specific to it beyond
//! reading it.

use newstance::{Document, Sentence, Source, Span, Speakers};
use serde_json::Value;

const TEXT: &str = include_str!("../fixtures/legend-west.txt");
const GOLD: &str = include_str!("../fixtures/legend-west.gold.jsonl");

/// Finds `want` (white space collapsed) in `text` at or after `from`,
/// allowing any run of white space where `want` has a space.
fn locate(text: &str, from: usize, want: &str) -> Span {
    let start = from + (text[from..].len() - text[from..].trim_start().len());
    let mut t = text[start..].char_indices().peekable();
    let mut end = start;
    for w in want.chars() {
        if w == ' ' {
            let mut any = false;
            while let Some(&(_, c)) = t.peek() {
                if !c.is_whitespace() {
                    break;
                }
                any = true;
                t.next();
            }
            assert!(any, "expected white space in {want:?}");
            continue;
        }
        let (i, c) = t.next().expect("text ended");
        assert_eq!(c, w, "at byte {} while locating {want:?}", start + i);
        end = start + i + c.len_utf8();
    }
    Span::new(start, end)
}

fn gold() -> Vec<Value> {
    GOLD.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn seed_sentences(doc: &Document, gold: &[Value]) -> Vec<Sentence> {
    let mut cursor = doc.body.start;
    gold.iter()
        .map(|g| {
            let span = locate(&doc.text, cursor, g["text"].as_str().unwrap());
            cursor = span.end;
            Sentence { span, paragraph: 1 }
        })
        .collect()
}

#[test]
fn seed_speaker_and_mode_of_every_sentence() {
    let doc = Document::new("seed", TEXT.to_string(), None);
    let gold = gold();
    assert_eq!(gold.len(), 41);
    let sentences = seed_sentences(&doc, &gold);
    let a = Speakers::new().analyze(&doc.text, doc.body, &sentences);
    assert_eq!(a.sentences.len(), 41);
    let mut wrong = Vec::new();
    for (g, s) in gold.iter().zip(&a.sentences) {
        let want_speaker = g["speaker"].as_str();
        let got_speaker = s.speaker.as_ref().map(|x| a.source_name(x));
        let want_mode = g["mode"].as_str().unwrap();
        if want_speaker != got_speaker || want_mode != s.mode.as_str() {
            wrong.push(format!(
                "{:>2}: want {:?}/{} got {:?}/{}  {}",
                g["n"],
                want_speaker,
                want_mode,
                got_speaker,
                s.mode.as_str(),
                g["text"].as_str().unwrap()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of 41 wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn seed_people_and_aliases() {
    let doc = Document::new("seed", TEXT.to_string(), None);
    let sentences = seed_sentences(&doc, &gold());
    let a = Speakers::new().analyze(&doc.text, doc.body, &sentences);
    let names: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
    // Regression (issue 5): works and labels are not people.
    for not_person in [
        "The Axe Files",
        "Axe Files",
        "Vanity Fair",
        "GOOD Music",
        "Get Lifted",
    ] {
        assert!(!names.contains(&not_person), "{not_person} in {names:?}");
    }
    for person in ["John Legend", "Kanye West", "Donald Trump", "David Axelrod"] {
        assert!(names.contains(&person), "{person} missing from {names:?}");
    }
    assert_eq!(
        names[0], "John Legend",
        "people are in order of first mention"
    );
    let legend = &a.people[0];
    for alias in ["Legend", "JL", "John"] {
        assert!(
            legend.aliases.iter().any(|x| x == alias),
            "{alias}: {:?}",
            legend.aliases
        );
    }
    let west = a.people.iter().find(|p| p.name == "Kanye West").unwrap();
    for alias in ["West", "Kanye"] {
        assert!(
            west.aliases.iter().any(|x| x == alias),
            "{alias}: {:?}",
            west.aliases
        );
    }
}

#[test]
fn seed_quotes_are_attributed_with_cues() {
    let doc = Document::new("seed", TEXT.to_string(), None);
    let sentences = seed_sentences(&doc, &gold());
    let a = Speakers::new().analyze(&doc.text, doc.body, &sentences);
    let t = &doc.text;
    // The description "the "You & I" singer" is the speaker mention of the
    // first quote and resolves to Legend, not to Kanye, whom the quote names.
    let q = a
        .quotes
        .iter()
        .find(|q| q.span.of(t).starts_with("[Kanye and I]"))
        .expect("first quote");
    assert_eq!(
        q.speaker_span.map(|s| s.of(t)),
        Some("the \"You & I\" singer")
    );
    assert_eq!(q.cue.map(|s| s.of(t)), Some("told"));
    assert_eq!(q.speaker, Some(Source::Person(0)));
    // The song title is not a quote.
    assert!(a.quotes.iter().all(|q| q.span.of(t) != "You & I"));
    // "A," he said, "B." style and the multi-paragraph message.
    let msg = a
        .quotes
        .iter()
        .find(|q| q.span.of(t).starts_with("Hey, it's JL."))
        .expect("message quote");
    assert_eq!(msg.cue.map(|s| s.of(t)), Some("read"));
    assert_eq!(msg.speaker_span.map(|s| s.of(t)), Some("Legend"));
    let cont = a
        .quotes
        .iter()
        .find(|q| q.span.of(t).starts_with("So many people who love you"))
        .expect("continued paragraph");
    assert_eq!(cont.speaker, msg.speaker);
    assert_eq!(cont.cue, None);
    // Pronouns: "He then took to Twitter" is Legend.
    let he = t.find("He then took").unwrap();
    let m = a
        .mentions
        .iter()
        .find(|m| m.span.start == he)
        .expect("He mention");
    assert_eq!(a.people[m.person].name, "John Legend");
}

/// Through the whole pipeline (the real splitter): each gold sentence is
/// compared with the predicted sentence that starts where it starts.
#[test]
fn seed_through_the_pipeline() {
    let doc = Document::new("seed", TEXT.to_string(), None);
    let gold = gold();
    let gold_spans = seed_sentences(&doc, &gold);
    let ann = newstance::Pipeline::new().annotate(doc);
    let a = &ann.attribution;
    let mut compared = 0;
    let mut wrong = Vec::new();
    for (g, span) in gold.iter().zip(&gold_spans) {
        let Some(i) = ann
            .sentences
            .iter()
            .position(|s| s.span.start == span.span.start)
        else {
            continue;
        };
        compared += 1;
        let s = &a.sentences[i];
        let got = s.speaker.as_ref().map(|x| a.source_name(x));
        if g["speaker"].as_str() != got || g["mode"].as_str().unwrap() != s.mode.as_str() {
            wrong.push(format!("{}: got {:?}/{}", g["n"], got, s.mode.as_str()));
        }
    }
    assert!(
        compared >= 38,
        "the splitter agrees on only {compared} sentence starts"
    );
    assert!(wrong.is_empty(), "{wrong:?}");
}
