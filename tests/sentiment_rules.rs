//! One case per VADER rule (and per bug of the `vader_sentiment` crate
//! listed in issue 3), each with the scores of Python vaderSentiment 3.3.2
//! (CPython 3.11) for that exact text. The parity test covers 23,861 texts;
//! these name the rule a regression would break.

use newstance::{Scores, Vader};

/// (rule, text, [neg, neu, pos, compound]) from vaderSentiment 3.3.2.
const CASES: &[(&str, &str, [f64; 4])] = &[
    // Punctuation emphasis: a single "?" adds nothing, 2-3 add 0.18 each,
    // more add 0.96 (the crate counted a single "?").
    ("single ?", "Is it good?", [0.0, 0.408, 0.592, 0.4404]),
    ("no ?", "Is it good", [0.0, 0.408, 0.592, 0.4404]),
    ("two ?", "Is it good??", [0.0, 0.38, 0.62, 0.504]),
    ("four ?", "Is it good????", [0.0, 0.341, 0.659, 0.594]),
    // A zero sum gets no punctuation emphasis.
    (
        "zero sum !!!",
        "The meeting is on Tuesday!!!",
        [0.0, 1.0, 0.0, 0.0],
    ),
    // ALL CAPS: only when the text mixes cases; ":)" has no cased letter.
    (
        "caps + emoticon",
        "I am HAPPY :)",
        [0.0, 0.212, 0.788, 0.8143],
    ),
    ("caps", "I am HAPPY today", [0.0, 0.404, 0.596, 0.6633]),
    (
        "caps differential",
        "I LOVE it",
        [0.0, 0.288, 0.712, 0.7125],
    ),
    ("all caps = none", "I LOVE IT", [0.0, 0.323, 0.677, 0.6369]),
    (
        "caps negation",
        "I DONT like it",
        [0.413, 0.587, 0.0, -0.2755],
    ),
    // The 3.3 "no" rules.
    (
        "no before word",
        "There is no good reason.",
        [0.376, 0.624, 0.0, -0.3412],
    ),
    ("no alone", "No, I like it.", [0.0, 0.545, 0.455, 0.3612]),
    ("no no", "no no good", [0.454, 0.189, 0.357, -0.1326]),
    // One-letter tokens count for the three-word window.
    (
        "window with a b c",
        "It is not a b c good",
        [0.0, 0.674, 0.326, 0.4404],
    ),
    ("not", "It is not good", [0.445, 0.555, 0.0, -0.3412]),
    (
        "not very",
        "He was not very good",
        [0.396, 0.604, 0.0, -0.3865],
    ),
    ("not bad", "It is not bad", [0.0, 0.513, 0.487, 0.431]),
    // Curly apostrophes are not "n't".
    (
        "curly n't",
        "It isn\u{2019}t good",
        [0.0, 0.408, 0.592, 0.4404],
    ),
    // Lexicon: heart/hearts exist; keys are case-sensitive, tokens lowered.
    ("heart", "I heart NY", [0.0, 0.323, 0.677, 0.6369]),
    ("hearts", "I hearts NY", [0.0, 0.317, 0.683, 0.6486]),
    (":P is :p", "that is funny :P", [0.0, 0.262, 0.738, 0.6841]),
    (":p", "that is funny :p", [0.0, 0.29, 0.71, 0.5994]),
    // The "so/this" precedence quirk boosts "this good" three words in.
    (
        "this quirk",
        "We saw this good film",
        [0.0, 0.542, 0.458, 0.5228],
    ),
    ("that", "We saw that good film", [0.0, 0.58, 0.42, 0.4404]),
    (
        "never so",
        "It was never so good",
        [0.0, 0.475, 0.525, 0.6626],
    ),
    ("never", "It was never good", [0.445, 0.555, 0.0, -0.3412]),
    (
        "without doubt",
        "He is without doubt a good man",
        [0.0, 0.5, 0.5, 0.6136],
    ),
    (
        "without a doubt",
        "He is without a doubt good",
        [0.0, 0.444, 0.556, 0.6136],
    ),
    // Idioms match whole tokens only.
    (
        "idiom inside word",
        "He said the shitake was bad",
        [0.545, 0.455, 0.0, -0.5859],
    ),
    (
        "idiom",
        "He said the shit was bad",
        [0.0, 0.333, 0.667, 0.8402],
    ),
    (
        "idiom not reached",
        "That movie was to die for",
        [0.438, 0.562, 0.0, -0.5994],
    ),
    (
        "yeah right not reached",
        "yeah right, great job",
        [0.0, 0.241, 0.759, 0.743],
    ),
    // "at least" is not a negation; "the least" is.
    (
        "at least",
        "It was at least good.",
        [0.0, 0.58, 0.42, 0.4404],
    ),
    (
        "least",
        "It was the least good.",
        [0.376, 0.624, 0.0, -0.3412],
    ),
    // Dampeners.
    (
        "kind of",
        "It was kind of good",
        [0.0, 0.605, 0.395, 0.3832],
    ),
    (
        "sort of",
        "It was sort of good",
        [0.0, 0.605, 0.395, 0.3832],
    ),
    // "but" halves what comes before, raises what follows.
    (
        "but",
        "The food was good but the service was bad",
        [0.347, 0.511, 0.142, -0.5859],
    ),
    (
        "trailing not",
        "He is the best, not!",
        [0.0, 0.471, 0.529, 0.6696],
    ),
    // Emoji: replaced by its description, no space added after it.
    (
        "emoji glued",
        "Das ist gut \u{1F601}ok",
        [0.0, 0.7, 0.3, 0.4588],
    ),
    // Python splits on NO-BREAK SPACE.
    (
        "nbsp",
        "Caf\u{e9} was great\u{a0}today",
        [0.0, 0.423, 0.577, 0.6249],
    ),
];

#[test]
fn each_rule_matches_the_reference() {
    let vader = Vader::new();
    let mut wrong = Vec::new();
    for &(rule, text, [neg, neu, pos, compound]) in CASES {
        let want = Scores {
            neg,
            neu,
            pos,
            compound,
        };
        let got = vader.polarity_scores(text);
        if got != want {
            wrong.push(format!("{rule}: {text:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn scores_stay_in_range_on_odd_input() {
    let vader = Vader::new();
    let long = "good ".repeat(5000) + "but bad";
    for text in [
        "",
        "!!!!!!!!",
        "???",
        ":) :) :) :D",
        "\u{1F601}\u{1F601}\u{1F601}",
        "\u{1c}good\u{1f}",
        "İSTANBUL is GREAT",
        "ΟΔΟΣ",
        long.as_str(),
    ] {
        let s = vader.polarity_scores(text);
        for x in [s.neg, s.neu, s.pos] {
            assert!((0.0..=1.0).contains(&x), "{text:?} {s:?}");
        }
        assert!((-1.0..=1.0).contains(&s.compound), "{text:?} {s:?}");
    }
}

proptest::proptest! {
    /// Any text (ASCII-heavy, with emoji, caps, punctuation and Unicode
    /// white space) scores without panicking, within range, the same twice.
    #[test]
    fn any_text_scores_in_range(text in "([a-zA-Z' ]{0,8}|[!?.,:;()]|\u{1F601}|\u{a0}|\u{1c}|[\u{80}-\u{24f}]|not|but|no|very|GOOD|bad){0,40}") {
        let vader = Vader::new();
        let s = vader.polarity_scores(&text);
        proptest::prop_assert!((-1.0..=1.0).contains(&s.compound));
        for x in [s.neg, s.neu, s.pos] {
            proptest::prop_assert!((0.0..=1.0).contains(&x));
        }
        let again = vader.polarity_scores(&text);
        proptest::prop_assert_eq!(s.compound.to_bits(), again.compound.to_bits());
        proptest::prop_assert_eq!(s, again);
    }
}
