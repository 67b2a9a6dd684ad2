//! Target-level scoring: how the words of a sentence lean toward one mention.
//!
//! Sentence-level VADER is not stance: "Cruz declined to endorse Trump,
//! despite angry protestations" is negative as a whole but says nothing bad
//! about the crowd, and favors nobody. So each word with a valence is
//! weighed by how close it is to the target and whether it is in the same
//! clause, and stance cues count for the role the target plays:
//!
//! 1. **Scope**: weight `1 / (1 + d / DECAY)`, `d` = content words between
//!    the word and the target; words in another clause (after "but",
//!    "despite", a dash, a quotation mark...) count `OTHER_CLAUSE` as much.
//! 2. **Roles**: a cue before the target makes it the patient ("could not
//!    support *West's* bid"), after it the agent ("*West* lost"), except in
//!    the passive ("*he* was arrested"; "praised by *X*").
//! 3. **Negation**: a negator up to three words before (or "too ... to")
//!    reverses a cue and a positive word (x -0.74, VADER's `N_SCALAR`), and
//!    weakens a negative one ("not damaged" is not praise).
//!    "neither A nor B" negates both.
//! 4. **Speakers are not targets of their own words**: when the target is
//!    the subject of a speech verb ("..., Goodman added", "said Schumer."),
//!    what they say counts `SPEECH_CONTENT` toward them.
//! 5. Capitalized words inside the sentence are names ("Vanity Fair",
//!    "Affordable Care Act"), not sentiment, unless the sentence is a
//!    headline in title case.
//! 6. **Cues first**: a cue overrides VADER for its words; a cue with both
//!    values 0 silences a word that is neutral in news ("security",
//!    "party", "died") or reports an emotion ("happy", "hope"), or ranks
//!    or names a topic ("top aides", "health care").
//! 7. **Opposing a bad thing is good**: a bad word up to three words after
//!    a word of opposition ("condemned *racism*", "fighting *the Klan*",
//!    "reduce *gun violence*", also past a comma or an opening quotation
//!    mark: "condemned, \"*that racism*\"") counts for the agent
//!    ([`OPPOSED`]), and the word of opposition does not count against them.
//! 8. **The agent is framed by the act**: in target sentiment the weak
//!    agent valence of a cue ("*X* attacked Y", "*X* supports Y") counts
//!    double ([`Weights::weak_agent`]): NewsMTSC's annotators read the one
//!    who attacks as combative and the one who supports as constructive.
//!
//! [`Weights`] differ between target-directed sentiment (NewsMTSC,
//! PerSenT: the whole tone counts) and a holder's stance (cues count double,
//! and a cue takes the words before it to its own side: in "you're too
//! powerful to endorse who he is", `powerful` is about `you`).

use super::lexicon::{Lexicon, Prefilter};
use super::tokens::{Kind, Token};
use crate::hash::FxMap;
use crate::sentiment::Vader;
use crate::span::Span;
use std::sync::LazyLock;

/// Distance (in content words) at which a word counts half.
pub const DECAY: f64 = 4.0;
/// Weight of words in another clause than the target.
pub const OTHER_CLAUSE: f64 = 0.5;
/// Weight of a word with another person (a name or pronoun) between it and
/// the target.
pub const OTHER_PERSON: f64 = 0.5;
/// Personal pronouns that stand for another person.
const PERSONAL: &[&str] = &["he", "she", "him", "her", "his", "they", "them", "their"];
/// Weight of what a target says ("X said ...") toward X.
pub const SPEECH_CONTENT: f64 = 0.2;
/// VADER's negation scalar (`N_SCALAR = -0.74`).
pub const NEGATION: f64 = -0.74;
/// A negated negative VADER word only weakens ("not bad" is not "good").
pub const NEGATED_NEGATIVE: f64 = -0.3;
/// How far back (in words) a negator reaches.
pub const NEGATION_WINDOW: usize = 3;

/// Verbs (and `according`) that attribute speech: a target right next to
/// one is the speaker of what is quoted.
const SPEECH_WORDS: &[&str] = &[
    "according",
    "acknowledged",
    "add",
    "added",
    "adding",
    "adds",
    "announced",
    "argued",
    "argues",
    "asked",
    "cautioned",
    "claimed",
    "conceded",
    "contended",
    "declared",
    "explained",
    "insisted",
    "laughed",
    "noted",
    "predicted",
    "recalled",
    "reiterated",
    "replied",
    "responded",
    "said",
    "say",
    "says",
    "stated",
    "suggested",
    "tells",
    "testified",
    "told",
    "tweeted",
    "warned",
    "wrote",
    "writes",
];

/// Words that set their agent against what follows them. A bad thing
/// right after one ("condemned racism", "fighting the Klan", "avoid
/// violence", "reduce firearm suicide") is what the agent opposes: the word
/// of opposition does not count against the agent, and the bad thing counts
/// for them, [`OPPOSED`] as much. Sorted.
const OPPOSING: &[&str] = &[
    "against",
    "avoid",
    "avoiding",
    "combat",
    "combating",
    "combats",
    "condemn",
    "condemned",
    "condemning",
    "condemns",
    "curb",
    "curbing",
    "denounce",
    "denounced",
    "denounces",
    "denouncing",
    "fight",
    "fighting",
    "fights",
    "fought",
    "prevent",
    "preventing",
    "prevents",
    "reduce",
    "reducing",
    "tackle",
    "tackling",
];
/// Weight (and sign) of a bad thing that a word of opposition (`OPPOSING`)
/// opposes.
pub const OPPOSED: f64 = -0.5;
/// How far (in tokens) an opposed word may follow its word of opposition.
const OPPOSED_WINDOW: usize = 3;

/// Cues that are another word before these particles: "dating back to",
/// "back in 2018", "back off".
const NOT_A_CUE_BEFORE: &[(&str, &[&str])] = &[(
    "back",
    &[
        "away", "down", "home", "in", "into", "off", "on", "then", "to", "up", "when",
    ],
)];

/// Auxiliaries before a participle that make it passive ("was arrested").
const PASSIVE_AUX: &[&str] = &[
    "be", "been", "being", "get", "gets", "got", "is", "are", "was", "were", "'s", "'re",
];

/// Auxiliaries kept in the evidence before a negator ("could not support").
const EVIDENCE_AUX: &[&str] = &[
    "ca", "can", "could", "did", "do", "does", "had", "has", "have", "is", "was", "were", "will",
    "wo", "would", "should", "are", "'m",
];

/// Words that do not add distance between a target and what is said of it
/// ("he's been very open": `open` is next to `he`).
const LIGHT_WORDS: &[&str] = &[
    "a", "an", "the", "'s", "'re", "'m", "'ve", "'ll", "'d", "is", "are", "was", "were", "be",
    "been", "being", "has", "have", "had", "very", "so", "really", "too", "quite", "pretty",
];

/// [`word_class`] bit of a [`LIGHT_WORDS`] word.
const CLASS_LIGHT: u8 = 1;
/// [`word_class`] bit of a [`PERSONAL`] pronoun.
const CLASS_PERSONAL: u8 = 2;
/// [`word_class`] bit of an [`OPPOSING`] word.
const CLASS_OPPOSING: u8 = 4;
/// [`word_class`] bit of a [`SPEECH_WORDS`] word.
const CLASS_SPEECH: u8 = 8;

/// The word lists above as one map, so a token costs one look-up (Fx hash)
/// instead of a comparison with every listed word.
static WORD_CLASSES: LazyLock<(Prefilter, FxMap<&'static str, u8>)> = LazyLock::new(|| {
    let mut m = FxMap::default();
    let mut filter = Prefilter::default();
    for (list, bit) in [
        (LIGHT_WORDS, CLASS_LIGHT),
        (PERSONAL, CLASS_PERSONAL),
        (OPPOSING, CLASS_OPPOSING),
        (SPEECH_WORDS, CLASS_SPEECH),
    ] {
        for w in list {
            *m.entry(*w).or_insert(0) |= bit;
            filter.insert(w);
        }
    }
    (filter, m)
});

/// The [`WORD_CLASSES`] bits of a lowercased word.
fn word_class(w: &str) -> u8 {
    let (filter, map) = &*WORD_CLASSES;
    if !filter.may_contain(w) {
        return 0;
    }
    map.get(w).copied().unwrap_or(0)
}

/// How a scorer weighs plain VADER words against stance cues.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    /// Multiplier of VADER valences (cues always count 1).
    pub vader: f64,
    /// Multiplier of a VADER word on the far side of a stance cue from the
    /// target.
    pub across_cue: f64,
    /// Multiplier of a cue's weak agent valence (below 1 in absolute value:
    /// "X attacked Y", "X supports Y"). In NewsMTSC the one who attacks is
    /// framed as aggressive and the one who supports as constructive, a
    /// little more than the lexicon's stance-neutral 0.3 says (measured on
    /// fold A of the development half: macro-F1 +0.013 at 2, less at 3).
    pub weak_agent: f64,
    /// Whether to guess from speech verbs that the target is a speaker (and
    /// not count what they say). Off when the speakers stage knows.
    pub speech: bool,
}

impl Weights {
    /// Target-directed sentiment (NewsMTSC, PerSenT): every valence counts.
    pub const SENTIMENT: Weights = Weights {
        vader: 1.0,
        across_cue: 1.0,
        weak_agent: 2.0,
        speech: true,
    };
    /// A holder's stance: the words that take a position (cues) count more
    /// than the general tone of the sentence, and a cue takes the words before it to its own side.
    pub const STANCE: Weights = Weights {
        vader: 0.5,
        across_cue: 0.3,
        weak_agent: 1.0,
        speech: false,
    };
}

/// One word's contribution to a score.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// The words that made it (negator through cue), in the document text.
    pub span: Span,
    /// Weighted valence.
    pub value: f64,
    /// Whether it came from the cue lexicon (not VADER).
    pub cue: bool,
    /// Whether it is a cue that describes the target itself ("disgraced",
    /// "convicted", "X won", "X lied"), not an act of someone toward them
    /// ("a rift between X and Y", "support for X").
    pub evaluates: bool,
}

/// The raw score of one target mention.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scored {
    /// Sum of the contributions: > 0 favor, < 0 against.
    pub score: f64,
    /// Every contribution, in text order.
    pub parts: Vec<Contribution>,
}

/// A cue found in a sentence, with the role it gives each side.
#[derive(Clone, Debug, PartialEq)]
pub struct CueHit {
    /// First token of the cue.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Token where a negator begins, if the cue is negated.
    pub negator: Option<usize>,
    /// Agent and patient valences (before negation).
    pub agent: f64,
    /// See `agent`.
    pub patient: f64,
    /// Whether the cue is a passive participle ("was supported").
    pub passive: bool,
}

/// The VADER lexicon valence of one lowercased word (0 if absent).
pub fn word_valence(vader: &Vader, word: &str) -> f64 {
    vader.valence(word).unwrap_or(0.0)
}

/// Finds every cue in the tokens, with negation and voice.
pub fn find_cues(tokens: &[Token<'_>], lex: &Lexicon) -> Vec<CueHit> {
    find_cues_by(tokens, lex, |i| is_name(tokens, i))
}

/// [`find_cues`] with [`is_name`] given (a [`Prepared`] sentence knows it
/// for every token already).
fn find_cues_by(
    tokens: &[Token<'_>],
    lex: &Lexicon,
    is_name: impl Fn(usize) -> bool,
) -> Vec<CueHit> {
    let words = |k: usize| tokens[k].norm;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind != Kind::Word || is_name(i) {
            i += 1;
            continue;
        }
        let Some(cue) = lex.cue_at(tokens, i) else {
            i += 1;
            continue;
        };
        let end = i + cue.words.len();
        let next = tokens.get(end).map_or("", |t| t.norm);
        if NOT_A_CUE_BEFORE
            .iter()
            .any(|(c, after)| cue.words == [*c] && after.contains(&next))
        {
            i = end;
            continue;
        }
        let passive = i > 0 && {
            let mut j = i - 1;
            // "was not supported", "was strongly criticized"
            if j > 0 && (words(j) == "not" || words(j) == "n't" || words(j).ends_with("ly")) {
                j -= 1;
            }
            PASSIVE_AUX.contains(&words(j)) && (words(i).ends_with("ed") || words(i) == "won")
        };
        out.push(CueHit {
            first: i,
            end,
            negator: negator_before(tokens, lex, i),
            agent: cue.agent,
            patient: cue.patient,
            passive,
        });
        i = end;
    }
    out
}

/// The token where a negator of the word at `i` begins: a negator phrase
/// ending within [`NEGATION_WINDOW`] words before it, in the same clause, or
/// "too ADJ to" right before it ("too powerful to endorse").
pub fn negator_before(tokens: &[Token<'_>], lex: &Lexicon, i: usize) -> Option<usize> {
    let words = tokens;
    let clause = tokens[i].clause;
    let mut end = i;
    let mut seen = 0;
    while end > 0 && seen <= NEGATION_WINDOW {
        let prev = &tokens[end - 1];
        if prev.clause != clause {
            break;
        }
        // An editor's insertion is skipped: "reconsider alining [sic] yourself".
        if matches!(prev.norm, "[" | "]" | "sic") {
            end -= 1;
            continue;
        }
        if prev.kind == Kind::Punct {
            break;
        }
        if let Some(len) = lex.negator_ending_at(words, end) {
            return Some(end - len);
        }
        end -= 1;
        seen += 1;
    }
    // "neither the support nor the respect of the armed forces".
    let lo = i.saturating_sub(8);
    if let Some(k) = (lo..i)
        .rev()
        .find(|&k| words[k].norm == "neither" && tokens[k].clause == clause)
    {
        return Some(k);
    }
    if i >= 2 && words[i - 1].norm == "to" {
        let lo = i.saturating_sub(7);
        if let Some(t) = (lo..i - 1)
            .rev()
            .find(|&k| words[k].norm == "too" && tokens[k].clause == clause)
        {
            return Some(t);
        }
    }
    None
}

/// Whether token `i` is a capitalized word inside the sentence (a name or
/// part of one), not a sentence-initial word or "I".
pub fn is_name(tokens: &[Token<'_>], i: usize) -> bool {
    name_after(tokens, i, || {
        tokens[..i]
            .iter()
            .rev()
            .position(|p| p.kind != Kind::Quote)
            .map(|k| i - 1 - k)
    })
}

/// [`is_name`], given how to find the last token before `i` that is not a
/// quotation mark (asked only of a capitalized word): a pass over a
/// sentence keeps it at hand instead of searching back from every word.
#[inline]
fn name_after(tokens: &[Token<'_>], i: usize, prev: impl FnOnce() -> Option<usize>) -> bool {
    let t = &tokens[i];
    if !t.capitalized || t.kind != Kind::Word || t.norm == "i" || t.headline {
        return false;
    }
    // Sentence-initial, or first after an opening quote or colon.
    match prev().map(|k| &tokens[k]) {
        None => false,
        Some(p) => {
            let sentence_break =
                p.kind == Kind::Punct && matches!(p.norm, "." | "!" | "?" | ":" | "…");
            let quote_opens = i > 0 && tokens[i - 1].kind == Kind::Quote && p.norm == ",";
            !sentence_break && !quote_opens
        }
    }
}

/// Whether the target `t0..t1` (token range) is the speaker of a quotation
/// in its sentence: a speech verb right before or after it.
pub fn target_is_speaker(tokens: &[Token<'_>], t0: usize, t1: usize) -> bool {
    speech_verb(tokens, t0, t1).is_some() && has_quote(tokens)
}

/// Whether any token is a quotation mark or quoted.
fn has_quote(tokens: &[Token<'_>]) -> bool {
    tokens.iter().any(|t| t.kind == Kind::Quote || t.quoted)
}

/// A speech verb whose subject is the target: within three tokens after it
/// ("Goodman added", "Obama said it"), or two before it ("said Schumer",
/// "according to Danish"). What the target says is on the far side of it.
pub fn speech_verb(tokens: &[Token<'_>], t0: usize, t1: usize) -> Option<usize> {
    speech_verb_by(tokens, t0, t1, |k| {
        word_class(tokens[k].norm) & CLASS_SPEECH != 0
    })
}

/// [`speech_verb`], given which tokens are [`SPEECH_WORDS`].
fn speech_verb_by(
    tokens: &[Token<'_>],
    t0: usize,
    t1: usize,
    is_speech: impl Fn(usize) -> bool,
) -> Option<usize> {
    let near = |k: &usize| is_speech(*k);
    // "Trump said Haley was weak": `said` before Haley is Trump's; only a
    // name that ends the clause after the verb is its subject ("said
    // Schumer.", "according to Danish,").
    let inverted = || {
        let ends = tokens.get(t1).is_none_or(|t| t.kind != Kind::Word);
        let v = match t0.checked_sub(1).map(|k| tokens[k].norm) {
            Some("to") if t0 >= 2 && tokens[t0 - 2].norm == "according" => t0 - 2,
            Some(_) if near(&(t0 - 1)) => t0 - 1,
            _ => return None,
        };
        ends.then_some(v)
    };
    // After the target: only words between ("Obama also said"); a comma
    // means the target was inside an apposition ("West, a supporter of
    // Trump, replied").
    let after = (t1..tokens.len().min(t1 + 3))
        .take_while(|&k| tokens[k].kind == Kind::Word)
        .find(near);
    after.or_else(inverted)
}

/// Content-word distance between token `i` and the range `t0..t1`.
fn distance(prep: &Prepared, i: usize, t0: usize, t1: usize) -> f64 {
    let (lo, hi) = if i < t0 { (i + 1, t0) } else { (t1, i) };
    let between = prep.content(hi.max(lo)) - prep.content(lo);
    between as f64 + 1.0
}

/// What the scoring of any mention needs to know about one token, computed
/// once per sentence (see [`Prepared`]).
#[derive(Clone, Copy, Debug, Default)]
struct Fact {
    /// VADER valence of the word (0 for other tokens).
    valence: f64,
    /// [`negator_before`] of a word with a valence (`NONE` if none).
    negated: u32,
    /// Content words (not [`LIGHT_WORDS`]) before this token, so each
    /// distance is one subtraction.
    content: u32,
    /// Names and personal pronouns before this token.
    persons: u32,
    /// `FACT_*` bits.
    flags: u8,
}

/// `Fact::negated` of a word that is not negated.
const NONE: u32 = u32::MAX;
/// [`is_name`].
const FACT_NAME: u8 = 1;
/// A one-word negator (it has no valence of its own).
const FACT_NEGATOR: u8 = 2;
/// A word that opposes a bad thing after it ([`OPPOSING`]).
const FACT_OPPOSER: u8 = 4;
/// A bad thing opposed.
const FACT_OPPOSED: u8 = 8;
/// Inside a cue.
const FACT_COVERED: u8 = 16;
/// An [`OPPOSING`] word (whether or not a bad thing follows it).
const FACT_OPPOSING: u8 = 32;
/// A [`SPEECH_WORDS`] word.
const FACT_SPEECH: u8 = 64;

/// The memory of a [`Prepared`] sentence's per-token facts, handed from one
/// sentence to the next ([`Prepared::into_buf`], [`Prepared::new_in`]).
#[derive(Debug, Default)]
pub struct FactBuf(Vec<Fact>);

/// What the scoring of any mention needs to know about each token of a
/// sentence, computed once per sentence: a sentence has several mentions,
/// and each mention's score reads every token, so the look-ups (VADER
/// valence, names, negators, words of opposition) are not repeated per
/// mention. One vector of facts, so a sentence costs one allocation.
#[derive(Clone, Debug)]
pub struct Prepared<'a> {
    /// The sentence's tokens.
    pub tokens: &'a [Token<'a>],
    /// Its stance cues ([`find_cues`]).
    pub cues: Vec<CueHit>,
    /// One per token, and one more for the prefix counts of the whole.
    facts: Vec<Fact>,
    /// Whether any token is a quotation mark or quoted
    /// ([`target_is_speaker`]).
    quotes: bool,
}

impl<'a> Prepared<'a> {
    /// Prepares a sentence: finds its cues and looks every token up.
    pub fn new(tokens: &'a [Token<'a>], lex: &Lexicon, vader: &Vader) -> Prepared<'a> {
        Prepared::new_in(tokens, lex, vader, FactBuf::default())
    }

    /// [`Prepared::new`] in the memory of an earlier sentence's facts
    /// ([`Prepared::into_buf`]), so reading a document's sentences one after
    /// the other allocates them once.
    pub fn new_in(
        tokens: &'a [Token<'a>],
        lex: &Lexicon,
        vader: &Vader,
        buf: FactBuf,
    ) -> Prepared<'a> {
        let facts = Prepared::facts(tokens, lex, vader, buf.0);
        let cues = find_cues_by(tokens, lex, |i| facts[i].flags & FACT_NAME != 0);
        Prepared::finish(tokens, cues, facts)
    }

    /// The memory of the facts, for [`Prepared::new_in`].
    pub fn into_buf(self) -> FactBuf {
        FactBuf(self.facts)
    }

    /// Prepares tokens whose cues are already known (a window of a long
    /// sentence keeps the cues found in the whole sentence).
    fn with_cues(
        tokens: &'a [Token<'a>],
        cues: Vec<CueHit>,
        lex: &Lexicon,
        vader: &Vader,
    ) -> Prepared<'a> {
        let facts = Prepared::facts(tokens, lex, vader, Vec::new());
        Prepared::finish(tokens, cues, facts)
    }

    /// The facts that do not depend on the cues, in `facts`' memory.
    fn facts(
        tokens: &[Token<'_>],
        lex: &Lexicon,
        vader: &Vader,
        mut facts: Vec<Fact>,
    ) -> Vec<Fact> {
        let n = tokens.len();
        facts.clear();
        facts.resize(n + 1, Fact::default());
        let (mut content, mut persons) = (0u32, 0u32);
        // The last token so far that is not a quotation mark ([`is_name`]).
        let mut prev: Option<usize> = None;
        for (i, t) in tokens.iter().enumerate() {
            let f = &mut facts[i];
            f.content = content;
            f.persons = persons;
            f.negated = NONE;
            let name = name_after(tokens, i, || prev);
            if t.kind != Kind::Quote {
                prev = Some(i);
            }
            let class = word_class(t.norm);
            if name {
                f.flags |= FACT_NAME;
            }
            if class & CLASS_SPEECH != 0 {
                f.flags |= FACT_SPEECH;
            }
            if t.kind == Kind::Word {
                f.valence = word_valence(vader, t.norm);
                if f.valence != 0.0 {
                    f.negated = negator_before(tokens, lex, i).map_or(NONE, |k| k as u32);
                }
                if lex.is_negator_word(t.norm) {
                    f.flags |= FACT_NEGATOR;
                }
                if class & CLASS_LIGHT == 0 {
                    content += 1;
                }
                if class & CLASS_OPPOSING != 0 {
                    f.flags |= FACT_OPPOSING;
                }
            }
            if name || class & CLASS_PERSONAL != 0 {
                persons += 1;
            }
        }
        facts[n].content = content;
        facts[n].persons = persons;
        facts
    }

    /// Adds what the cues tell to the facts.
    fn finish(tokens: &'a [Token<'a>], cues: Vec<CueHit>, mut facts: Vec<Fact>) -> Prepared<'a> {
        let n = tokens.len();
        for c in &cues {
            for f in &mut facts[c.first..c.end] {
                f.flags |= FACT_COVERED;
            }
        }
        // Bad things opposed, and the words that oppose them.
        for k in 0..n {
            if facts[k].flags & FACT_OPPOSING == 0 {
                continue;
            }
            // Every bad word of the phrase opposed ("reduce gun violence"),
            // also after a comma or an opening quotation mark ("condemned,
            // \"that racism\"").
            let skip = (k + 1..n)
                .take_while(|&j| tokens[j].kind == Kind::Quote || tokens[j].norm == ",")
                .count();
            let from = k + 1 + skip;
            let clause = tokens.get(from).map_or(tokens[k].clause, |t| t.clause);
            for j in (from..n.min(from + OPPOSED_WINDOW)).take_while(|&j| {
                tokens[j].kind == Kind::Word
                    && (tokens[j].clause == tokens[k].clause
                        || (skip > 0 && tokens[j].clause == clause))
            }) {
                let bad = facts[j].flags & FACT_NAME == 0
                    && (facts[j].valence < 0.0
                        || cues
                            .iter()
                            .any(|c| c.first == j && c.agent < 0.0 && c.patient < 0.0));
                if bad {
                    facts[k].flags |= FACT_OPPOSER;
                    facts[j].flags |= FACT_OPPOSED;
                }
            }
        }
        Prepared {
            tokens,
            cues,
            facts,
            quotes: has_quote(tokens),
        }
    }

    /// Whether token `i` is a name ([`is_name`]).
    pub fn is_name(&self, i: usize) -> bool {
        self.has(i, FACT_NAME)
    }

    fn has(&self, i: usize, flag: u8) -> bool {
        self.facts[i].flags & flag != 0
    }

    /// Content words in `tokens[..k]`.
    fn content(&self, k: usize) -> u32 {
        self.facts[k].content
    }
}

/// How many tokens on each side of a target are read. Beyond about 50
/// words the distance weight (1/(1+d/4)) is below 0.08 anyway, and in a
/// normal news sentence nothing is cut; the bound keeps a pathological
/// "sentence" (a 50 MB line without punctuation, thousands of mentions)
/// linear instead of cubic: each mention costs O(WINDOW^2), not O(n^2).
pub const WINDOW: usize = 64;

/// Scores the target occupying tokens `t0..t1` of a prepared sentence,
/// reading the tokens within [`WINDOW`] of it.
pub fn score(
    prep: &Prepared,
    t0: usize,
    t1: usize,
    lex: &Lexicon,
    vader: &Vader,
    weights: Weights,
) -> Scored {
    let tokens = prep.tokens;
    if tokens.len() <= t1 - t0 + 2 * WINDOW {
        return score_window(prep, t0, t1, weights);
    }
    let lo = t0.saturating_sub(WINDOW);
    let hi = (t1 + WINDOW).min(tokens.len());
    // Cues come in text order: the ones inside the window are one run.
    let cues = &prep.cues;
    let from = cues.partition_point(|c| c.first < lo);
    let to = cues.partition_point(|c| c.first < hi);
    let cues: Vec<CueHit> = cues[from..to.max(from)]
        .iter()
        .filter(|c| c.end <= hi && c.negator.is_none_or(|n| n >= lo))
        .map(|c| CueHit {
            first: c.first - lo,
            end: c.end - lo,
            negator: c.negator.map(|n| n - lo),
            ..*c
        })
        .collect();
    let window = Prepared::with_cues(&tokens[lo..hi], cues, lex, vader);
    score_window(&window, t0 - lo, t1 - lo, weights)
}

/// Scores the target occupying tokens `t0..t1`, reading all tokens.
fn score_window(prep: &Prepared, t0: usize, t1: usize, weights: Weights) -> Scored {
    let tokens = prep.tokens;
    let cues = &prep.cues;
    let tclause = tokens[t0].clause;
    let tquoted = tokens[t0].quoted;
    let said = if weights.speech {
        speech_verb_by(tokens, t0, t1, |k| prep.has(k, FACT_SPEECH))
    } else {
        None
    };
    // [`target_is_speaker`].
    let speaker = said.is_some() && prep.quotes;
    let possessive = tokens.get(t1).is_some_and(|t| t.norm == "'s")
        || matches!(
            tokens[t0].norm,
            "his" | "her" | "their" | "your" | "my" | "its"
        );
    let by_before = t0 > 0 && tokens[t0 - 1].norm == "by";
    let mut parts = Vec::new();
    // Cues.
    for c in cues {
        if c.end <= t0 || c.first >= t1 {
            let before_target = c.end <= t0;
            let agent = if before_target {
                c.passive && by_before
            } else {
                // "West's support for ...": a possessor is the agent even
                // of a passive-looking noun.
                !c.passive || possessive
            };
            if prep.has(c.first, FACT_OPPOSER) && agent {
                continue;
            }
            let mut v = if agent { c.agent } else { c.patient };
            if prep.has(c.first, FACT_OPPOSED) {
                v *= OPPOSED;
            }
            if agent && c.agent.abs() < 1.0 {
                v *= weights.weak_agent;
            }
            if v == 0.0 {
                continue;
            }
            if c.negator.is_some() {
                v *= NEGATION;
            }
            let w = weight(prep, c.first, t0, t1, tclause, tquoted, speaker, said);
            if w == 0.0 {
                continue;
            }
            let start = c.negator.map_or(c.first, |n| evidence_start(tokens, n));
            parts.push(Contribution {
                span: Span::new(tokens[start].span.start, tokens[c.end - 1].span.end),
                value: v * w,
                cue: true,
                evaluates: c.agent == c.patient || (agent && c.agent.abs() >= 1.0),
            });
        }
    }
    // Plain VADER words.
    for (i, fact) in prep.facts[..tokens.len()].iter().enumerate() {
        if fact.valence == 0.0
            || (t0..t1).contains(&i)
            || fact.flags & (FACT_COVERED | FACT_NEGATOR | FACT_NAME | FACT_OPPOSER) != 0
        {
            continue;
        }
        let mut v = fact.valence * weights.vader;
        if fact.flags & FACT_OPPOSED != 0 {
            v *= OPPOSED;
        }
        if v == 0.0 {
            continue;
        }
        let neg = (fact.negated != NONE).then_some(fact.negated as usize);
        if neg.is_some() {
            v *= if v > 0.0 { NEGATION } else { NEGATED_NEGATIVE };
        }
        let mut w = weight(prep, i, t0, t1, tclause, tquoted, speaker, said);
        if w == 0.0 {
            continue;
        }
        // A cue between the word and the target takes the word to its own
        // side: in "You're too powerful to endorse who he is", `powerful`
        // describes `you`, not `he`.
        let (lo, hi) = if i < t0 { (i, t0) } else { (t1, i) };
        if cues.iter().any(|c| c.first > lo && c.end <= hi) {
            w *= weights.across_cue;
        }
        // Another person between the word and the target is closer to it.
        if lo + 1 < hi && prep.facts[hi].persons > prep.facts[lo + 1].persons {
            w *= OTHER_PERSON;
        }
        let start = neg.map_or(i, |n| evidence_start(tokens, n));
        parts.push(Contribution {
            span: Span::new(tokens[start].span.start, tokens[i].span.end),
            value: v * w,
            cue: false,
            evaluates: false,
        });
    }
    parts.sort_by_key(|p| (p.span.start, p.span.end));
    Scored {
        score: parts.iter().map(|p| p.value).sum(),
        parts,
    }
}

/// Where the evidence of a negated word starts: the negator, with the
/// auxiliary before it ("could not support").
fn evidence_start(tokens: &[Token<'_>], negator: usize) -> usize {
    if negator > 0 && EVIDENCE_AUX.contains(&tokens[negator - 1].norm) {
        negator - 1
    } else {
        negator
    }
}

#[allow(clippy::too_many_arguments)]
fn weight(
    prep: &Prepared,
    i: usize,
    t0: usize,
    t1: usize,
    tclause: usize,
    tquoted: bool,
    speaker: bool,
    said: Option<usize>,
) -> f64 {
    let tokens = prep.tokens;
    if speaker && tokens[i].quoted != tquoted {
        return 0.0;
    }
    let mut w = 1.0;
    if let Some(v) = said {
        // What the target says is not said about them: everything but the
        // words between the target and the verb ("The SUV was not damaged,
        // Guglielmi said"; "Obama said it is less damaging").
        let (lo, hi) = if v > t0 { (t0, v) } else { (v, t1) };
        if i < lo || i > hi {
            w = SPEECH_CONTENT;
        }
    }
    w /= 1.0 + distance(prep, i, t0, t1) / DECAY;
    if tokens[i].clause != tclause {
        w *= OTHER_CLAUSE;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opposing_words_are_sorted_unique() {
        assert!(OPPOSING.windows(2).all(|w| w[0] < w[1]));
    }
}
