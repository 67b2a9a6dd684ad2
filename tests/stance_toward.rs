//! Target-level rules of `StanceTagger::toward` (what NewsMTSC measures), on
//! short sentences written for each rule. Each test names the rule it
//! guards; each fails if the rule is taken out.

use newstance::stance::{Judgement, Label};
use newstance::{Span, StanceTagger, Vader};

/// The judgement of the whole `text` toward the first occurrence of `target`.
fn judge(text: &str, target: &str) -> Judgement {
    let s = text.find(target).unwrap();
    StanceTagger::new().toward(
        text,
        Span::new(0, text.len()),
        Span::new(s, s + target.len()),
        &Vader::new(),
    )
}

#[test]
fn opposing_a_bad_thing_is_not_bad() {
    // Rule: a bad word right after a word of opposition counts for the agent
    // ("condemned racism"), and the opposition is not held against them.
    let j = judge("Senator Ann Lee condemned racism in the party.", "Ann Lee");
    assert_eq!(j.label, Label::Favor, "{j:?}");
    let j = judge("Ann Lee wants to reduce gun violence.", "Ann Lee");
    assert_ne!(j.label, Label::Against, "{j:?}");
}

#[test]
fn the_attacker_is_framed_by_the_attack() {
    // Weights::SENTIMENT.weak_agent: the agent of "attacked" leans against.
    let j = judge("Tom Smith attacked the new plan.", "Tom Smith");
    assert_eq!(j.label, Label::Against, "{j:?}");
    // And the one attacked more so.
    let j2 = judge("The new plan attacked Tom Smith.", "Tom Smith");
    assert_eq!(j2.label, Label::Against, "{j2:?}");
    assert!(j2.score < j.score, "{j:?} {j2:?}");
}

#[test]
fn modifiers_inside_a_long_target_span_count() {
    // name_core: "disgraced former mayor John Smith" frames John Smith.
    let t = "Officials met disgraced former mayor John Smith on Monday.";
    let j = judge(t, "disgraced former mayor John Smith");
    assert_eq!(j.label, Label::Against, "{j:?}");
    // An apposition inside the span is scored as context too.
    let t = "John Smith, a corrupt official, met reporters on Monday.";
    let j = judge(t, "John Smith, a corrupt official");
    assert_eq!(j.label, Label::Against, "{j:?}");
    // A span without capitals is kept whole (nothing to narrow to).
    let t = "Reporters met the president on Monday.";
    assert_eq!(judge(t, "the president").label, Label::Neutral);
}

#[test]
fn votes_are_stances_and_negation_reverses_them() {
    let j = judge("Ten senators voted against Ann Lee.", "Ann Lee");
    assert_eq!(j.label, Label::Against, "{j:?}");
    let j = judge(
        "Roe said he will absolutely not vote for Ann Lee.",
        "Ann Lee",
    );
    assert_eq!(j.label, Label::Against, "{j:?}");
    let j = judge("Roe said he will vote for Ann Lee.", "Ann Lee");
    assert_eq!(j.label, Label::Favor, "{j:?}");
}

#[test]
fn rank_and_topic_words_are_not_sentiment() {
    // `top` ranks, `health care` is a topic: both positive in VADER.
    let j = judge("Ann Lee met top aides on health care.", "Ann Lee");
    assert_eq!(j.label, Label::Neutral, "{j:?}");
}

#[test]
fn further_mentions_bring_their_own_context() {
    let t = "Lee arrived late on Monday at the crowded hall, and she was corrupt.";
    let lee = Span::new(0, 3);
    let she = t.find("she").map(|s| Span::new(s, s + 3)).unwrap();
    let tagger = StanceTagger::new();
    let vader = Vader::new();
    let whole = Span::new(0, t.len());
    let one = tagger.toward(t, whole, lee, &vader);
    let both = tagger.toward_mentions(t, whole, &[lee, she], &vader);
    assert!(both.score < one.score, "{one:?} {both:?}");
    assert_eq!(both.label, Label::Against, "{both:?}");
    // Each word counts once: the same mention twice changes nothing.
    assert_eq!(tagger.toward_mentions(t, whole, &[lee, lee], &vader), one);
    // No mention with words: neutral with no confidence.
    let none = tagger.toward_mentions(t, whole, &[], &vader);
    assert_eq!((none.label, none.confidence), (Label::Neutral, 0.0));
}

#[test]
fn the_pronoun_opening_reported_speech_is_the_speaker() {
    // reported_self: "X said he ..." speaks of X; what X says of others
    // still counts little toward X.
    let t = "Tom Smith said in an interview that he was a wonderful and honest leader.";
    let own = judge(t, "Tom Smith");
    assert_eq!(own.label, Label::Favor, "{own:?}");
    let t = "Tom Smith said in an interview that the mayor was a wonderful and honest leader.";
    let other = judge(t, "Tom Smith");
    assert!(other.score < own.score / 2.0, "{own:?} {other:?}");
}

#[test]
fn opposition_reaches_past_a_comma_and_a_quotation_mark() {
    // Prepared::with_cues: "condemned, \"that racism\"" opposes racism as
    // much as "condemned racism" does.
    let j = judge(
        "Ann Lee condemned, \"that racism in the old party\" on Monday.",
        "Ann Lee",
    );
    assert_eq!(j.label, Label::Favor, "{j:?}");
}

#[test]
fn lacking_a_good_thing_is_bad() {
    // lexicons/stance_negators.tsv: "lacks" negates what follows it.
    let j = judge(
        "Critics say Ann Lee lacks the credibility to lead.",
        "Ann Lee",
    );
    assert_eq!(j.label, Label::Against, "{j:?}");
}

#[test]
fn role_nouns_and_speech_are_not_evaluations() {
    // lexicons/stance_cues.tsv: "opponent" names a role in a race, and
    // "warned" reports speech; neither says the person is bad.
    let j = judge(
        "Tom Smith said he will debate his opponent, Ann Lee.",
        "Ann Lee",
    );
    assert_eq!(j.label, Label::Neutral, "{j:?}");
    let j = judge("Ann Lee warned that the vote would be close.", "Ann Lee");
    assert_eq!(j.label, Label::Neutral, "{j:?}");
}

#[test]
fn a_later_pronoun_with_no_other_name_between_is_the_target() {
    // later_pronouns: "her" can only be Ann Lee, so what is said of "her"
    // is said of Ann Lee; "them" is somebody else.
    let t = "Ann Lee placed second in the crowded state primary last night, \
             but recent polling by several groups shows her with a comfortable lead.";
    let her = judge(t, "Ann Lee");
    assert_eq!(her.label, Label::Favor, "{her:?}");
    let them = judge(&t.replace(" her ", " them "), "Ann Lee");
    assert!(her.score > them.score, "{her:?} {them:?}");
    // With another name between, the pronoun may be theirs.
    let other = judge(
        &t.replace("primary", "primary against Tom Smith"),
        "Ann Lee",
    );
    assert!(other.score < her.score, "{her:?} {other:?}");
}
