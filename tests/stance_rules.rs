//! Holder and target rules of the stance stage on short texts, through the
//! whole pipeline (real splitter, VADER and speakers stage).

use newstance::stance::Label;
use newstance::{Annotated, Document, Pipeline};

fn annotate(text: &str) -> Annotated {
    Pipeline::new().annotate(Document::new("t", text.to_string(), None))
}

/// (holder, target, label) of every stance, by canonical names.
fn stances(a: &Annotated) -> Vec<(String, String, Label)> {
    a.stances
        .iter()
        .map(|s| {
            let holder = s
                .holder
                .as_ref()
                .map_or_else(String::new, |h| a.attribution.source_name(h).to_string());
            (holder, a.attribution.people[s.target].name.clone(), s.label)
        })
        .collect()
}

fn has(a: &Annotated, holder: &str, target: &str, label: Label) -> bool {
    stances(a)
        .iter()
        .any(|(h, t, l)| h == holder && t == target && *l == label)
}

#[test]
fn narration_holder_is_the_subject_of_the_cue() {
    let a = annotate(
        "Mary Jones met Tom Smith in May. In the end, Jones could not support Smith's bid.",
    );
    assert!(
        has(&a, "Mary Jones", "Tom Smith", Label::Against),
        "{:?}",
        stances(&a)
    );
}

#[test]
fn possessor_of_a_nominal_cue_holds_it() {
    let a =
        annotate("Mary Jones spoke about Tom Smith. They parted over Smith's support for Ann Lee.");
    assert!(
        has(&a, "Tom Smith", "Ann Lee", Label::Favor),
        "{:?}",
        stances(&a)
    );
}

#[test]
fn apposition_holds_the_cue() {
    let a = annotate("Tom Smith, an outspoken critic of Ann Lee, arrived late.");
    assert!(
        has(&a, "Tom Smith", "Ann Lee", Label::Against),
        "{:?}",
        stances(&a)
    );
}

#[test]
fn narration_tone_alone_is_not_a_stance() {
    // No stance word: the article's voice takes no side.
    let a = annotate("Tom Smith shared wonderful photos with Ann Lee on a beautiful day.");
    assert!(
        a.stances.iter().all(|s| s.holder.is_some()),
        "{:?}",
        stances(&a)
    );
}

#[test]
fn vocative_you_is_the_addressee() {
    let a = annotate(
        "Ann Lee wrote to Tom Smith in May. Smith replied, \"I love you Ann and I thank you.\"",
    );
    assert!(
        has(&a, "Tom Smith", "Ann Lee", Label::Favor),
        "{:?}",
        stances(&a)
    );
}

#[test]
fn negated_disown_in_reported_speech_is_favor() {
    let a = annotate("Ann Lee met Tom Smith. Lee said she did not disown Smith.");
    assert!(
        has(&a, "Ann Lee", "Tom Smith", Label::Favor),
        "{:?}",
        stances(&a)
    );
}

#[test]
fn stances_are_in_sentence_order_and_spans_point_at_the_target() {
    let a = annotate(
        "Ann Lee met Tom Smith. Lee said she did not disown Smith. Lee, a fierce critic of Bob Ray, left.",
    );
    let mut last = 0;
    for s in &a.stances {
        assert!(s.sentence >= last);
        last = s.sentence;
        assert!((0.0..=1.0).contains(&s.confidence));
        let mention = s.target_span.of(&a.doc.text);
        let person = &a.attribution.people[s.target];
        assert!(
            person.name.contains(mention)
                || person.aliases.iter().any(|x| x == mention)
                || mention.chars().all(char::is_lowercase),
            "{mention:?} for {}",
            person.name
        );
    }
}

#[test]
fn a_written_message_addresses_the_other_person_of_its_paragraph() {
    let a = annotate(
        "Ann Lee fell out with Tom Smith in 2018. A message from Lee read, \"Hey, it's Ann. You are the greatest artist of our time.\"",
    );
    assert!(
        has(&a, "Ann Lee", "Tom Smith", Label::Favor),
        "{:?}",
        stances(&a)
    );
}

#[test]
fn an_interview_answer_does_not_address_the_person_discussed() {
    // Lee speaks about Smith to a reporter: `you` is not Smith.
    let a = annotate(
        "Ann Lee talked about Tom Smith on Monday. \"You are the greatest,\" Lee explained to the crowd.",
    );
    assert!(
        !has(&a, "Ann Lee", "Tom Smith", Label::Favor),
        "{:?}",
        stances(&a)
    );
}

#[test]
fn reported_emotion_is_not_a_stance() {
    let a = annotate("Ann Lee met Tom Smith. \"He was not happy about that,\" Lee said.");
    assert!(
        !stances(&a)
            .iter()
            .any(|(_, t, l)| t == "Tom Smith" && *l != Label::Neutral),
        "{:?}",
        stances(&a)
    );
}

#[test]
fn the_article_voice_evaluates_but_does_not_relate() {
    let a = annotate("The disgraced financier Tom Smith was convicted of fraud on Monday.");
    assert!(
        has(&a, "", "Tom Smith", Label::Against),
        "{:?}",
        stances(&a)
    );
    // A relation between two people is no stance of the article.
    let a = annotate("A political rift between Tom Smith and Ann Lee ended their friendship.");
    assert!(a.stances.is_empty(), "{:?}", stances(&a));
}
