//! Stance: who is for or against whom, with the evidence.
//!
//! For every sentence the stage finds the **holder** of each stance, its
//! **target** and a **label** (favor / against / neutral) with a confidence
//! and the words that decided it.
//!
//! - **Holder**: the speaker of a quoted or reported sentence; in narration,
//!   the agent of a stance cue: the subject ("*Legend* could not support
//!   West's bid"), the possessor ("*West's* support for Donald Trump"), an
//!   apposition ("*West*, an outspoken supporter of Trump"). A third person
//!   acting inside a quote holds that act ("his supporting Trump" is West's
//!   stance even in Legend's words). With neither, the article itself holds
//!   the stance, only through words that evaluate the target ("the
//!   disgraced X"), and only confident ones ([`CONFIDENCE_THRESHOLD`]).
//! - **Targets**: the people mentioned (names, aliases, pronouns from the
//!   speakers stage) and `you` inside a quote whose addressee is known: a
//!   vocative ("I love you *John*"), the person told ("told *Axelrod*"), the
//!   previous speaker for a reply, the addressee of an adjacent quote it
//!   continues, or, for a written message, the one other person named in
//!   the narration of the quote's paragraph (Legend's message in a paragraph
//!   about him and West). A third-person pronoun in a quote is neither its
//!   speaker nor its addressee: if the speakers stage resolved it to one of
//!   them, it is re-resolved to the last other person named.
//! - **Label**: the words around the target mention, weighed by distance,
//!   clause and role, with stance cues from `lexicons/stance_cues.tsv` and
//!   negation (see [`target`]). A stance read from a cue with a third-party
//!   holder takes the cue's own label ("could not support" is against).
//!
//! [`StanceTagger::toward`] is the target-level classifier alone (sentence
//! and target span in, label out), which the NewsMTSC and PerSenT
//! evaluations call; [`StanceTagger::toward_mentions`] takes every mention
//! of the target in the sentence. Without the speakers stage, `toward`
//! resolves the simplest coreference itself: "X said *he* ..." and a
//! he/she pronoun after the named target with no other name between are
//! the target too. A long target span ("defeated leader
//! Yahya Jammeh", "Arthur Brooks, president of ...") is narrowed to its
//! name, so that its modifiers are scored as what frames the person.
//!
//! ```
//! use newstance::{Span, StanceTagger, Vader};
//! use newstance::stance::Label;
//! let text = "In the end, Legend could not support West's failed bid.";
//! let west = text.find("West").unwrap();
//! let j = StanceTagger::new().toward(
//!     text,
//!     Span::new(0, text.len()),
//!     Span::new(west, west + 4),
//!     &Vader::new(),
//! );
//! assert_eq!(j.label, Label::Against);
//! assert!(j.evidence.contains("could not support"));
//! ```

pub mod lexicon;
pub mod target;
pub mod tokens;

use crate::error::Result;
use crate::sentences::Sentence;
use crate::sentiment::Vader;
use crate::span::Span;
use crate::speakers::{Attribution, Mention, MentionKind, Mode, PersonId, SentenceSpeech, Source};
use lexicon::Lexicon;
use std::path::Path;
use target::{Contribution, CueHit, Prepared, Scored, Weights};
use tokens::{Kind, Token};

/// A score at least this far from 0 is favor (> 0) or against (< 0).
pub const LABEL_THRESHOLD: f64 = 0.25;

/// Confidence a stance needs to be trusted: stances of the article's own
/// voice (no holder) are kept only from here on, and
/// [`Stance::is_confident`] compares with it.
pub const CONFIDENCE_THRESHOLD: f64 = 0.6;

/// A stance label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// For the target.
    Favor,
    /// Against the target.
    Against,
    /// Neither.
    Neutral,
}

impl Label {
    /// The name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Favor => "favor",
            Label::Against => "against",
            Label::Neutral => "neutral",
        }
    }

    /// The label of a score (see [`LABEL_THRESHOLD`]).
    pub fn of_score(score: f64) -> Label {
        if score >= LABEL_THRESHOLD {
            Label::Favor
        } else if score <= -LABEL_THRESHOLD {
            Label::Against
        } else {
            Label::Neutral
        }
    }

    /// The sentiment name of the label (`positive`, `negative`, `neutral`),
    /// as target-sentiment datasets write it.
    pub fn as_sentiment(self) -> &'static str {
        match self {
            Label::Favor => "positive",
            Label::Against => "negative",
            Label::Neutral => "neutral",
        }
    }
}

/// One holder's stance toward one target in one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Stance {
    /// 0-based index of the sentence.
    pub sentence: usize,
    /// Who holds the stance; `None` is the article's own voice.
    pub holder: Option<Source>,
    /// The person it is about.
    pub target: PersonId,
    /// Favor, against or neutral.
    pub label: Label,
    /// In [0, 1].
    pub confidence: f64,
    /// The mention of the target that the stance was read from.
    pub target_span: Span,
    /// The words that decided the label.
    pub evidence: String,
}

impl Stance {
    /// Whether the confidence reaches [`CONFIDENCE_THRESHOLD`].
    pub fn is_confident(&self) -> bool {
        self.confidence >= CONFIDENCE_THRESHOLD
    }
}

/// The `targets` of one sentence (the `sentences` table): each person the
/// sentence takes a stance toward, once, in the order [`StanceTagger::analyze`]
/// gives them (first mention), with the label of the sentence's own voice:
/// the stance held by `holder` (the sentence's speaker, `None` for the
/// article) if there is one, else the first stance toward that person.
pub fn sentence_targets(
    stances: &[Stance],
    sentence: usize,
    holder: Option<&Source>,
) -> Vec<(PersonId, Label)> {
    let here: Vec<&Stance> = stances.iter().filter(|s| s.sentence == sentence).collect();
    let mut out: Vec<(PersonId, Label)> = Vec::new();
    for s in &here {
        if out.iter().any(|(p, _)| *p == s.target) {
            continue;
        }
        let own = here
            .iter()
            .find(|o| o.target == s.target && o.holder.as_ref() == holder)
            .unwrap_or(s);
        out.push((s.target, own.label));
    }
    out
}

/// The verdict on one target: label, confidence, evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    /// Favor, against or neutral.
    pub label: Label,
    /// In [0, 1].
    pub confidence: f64,
    /// The raw score (> 0 favor, < 0 against).
    pub score: f64,
    /// The words that decided the label, joined by `; ` (empty if neutral
    /// for lack of any).
    pub evidence: String,
}

impl Judgement {
    fn from_scored(text: &str, s: &Scored) -> Judgement {
        let (label, confidence) = label_confidence(s.score);
        // The strongest words that agree with the label (or, for neutral,
        // the strongest of any sign), at most two, in text order: the first
        // two under "stronger, then earlier", found in one pass.
        let first = |a: &Contribution, b: &Contribution| {
            b.value
                .abs()
                .total_cmp(&a.value.abs())
                .then(a.span.cmp(&b.span))
                .is_lt()
        };
        let (mut top, mut second): (Option<&Contribution>, Option<&Contribution>) = (None, None);
        for p in s.parts.iter().filter(|p| match label {
            Label::Favor => p.value > 0.0,
            Label::Against => p.value < 0.0,
            Label::Neutral => true,
        }) {
            if top.is_none_or(|t| first(p, t)) {
                second = top;
                top = Some(p);
            } else if second.is_none_or(|t| first(p, t)) {
                second = Some(p);
            }
        }
        let mut evidence = String::new();
        if let Some(a) = top {
            match second {
                Some(b) => {
                    let (a, b) = if b.span < a.span { (b, a) } else { (a, b) };
                    let (a, b) = (a.span.of(text), b.span.of(text));
                    evidence.reserve_exact(a.len() + 2 + b.len());
                    evidence.push_str(a);
                    evidence.push_str("; ");
                    evidence.push_str(b);
                }
                None => evidence.push_str(a.span.of(text)),
            }
        }
        Judgement {
            label,
            confidence,
            score: s.score,
            evidence,
        }
    }
}

/// The label of a score and its confidence in [0, 1]: the distance from
/// the threshold, relative to it.
fn label_confidence(score: f64) -> (Label, f64) {
    let label = Label::of_score(score);
    let a = score.abs();
    let confidence = match label {
        Label::Neutral => 1.0 - 0.5 * a / LABEL_THRESHOLD,
        _ => a / (a + LABEL_THRESHOLD),
    };
    (label, confidence.clamp(0.0, 1.0))
}

/// The stance stage with its lexicon.
#[derive(Clone, Debug)]
pub struct StanceTagger {
    lexicon: Lexicon,
}

impl Default for StanceTagger {
    fn default() -> StanceTagger {
        StanceTagger::new()
    }
}

/// Second-person words that refer to the addressee of a quote.
const YOU: &[&str] = &["you", "your", "yourself", "yours"];
/// First-person words that refer to the speaker of a quote.
const ME: &[&str] = &["i", "me", "my", "myself", "we", "us", "our"];
/// Attribution cues of written messages, whose addressee the context names.
const MESSAGE_CUES: &[&str] = &[
    "posted", "read", "reads", "texted", "tweeted", "wrote", "writes",
];
/// Words for written messages in the narration before a quote.
const MESSAGE_NOUNS: &[&str] = &[
    "email", "letter", "message", "messages", "note", "text", "texts", "tweet", "tweets",
];
/// Cues of a reply, addressed to the previous speaker.
const REPLY_CUES: &[&str] = &["answered", "replied", "responded", "retorted"];
/// Pronouns that cannot be the subject of a cue.
const OBJECT_PRONOUNS: &[&str] = &["him", "them", "me", "us", "whom"];
/// Third-person pronouns: inside a quote they refer to neither the speaker
/// nor the addressee.
const THIRD_PERSON: &[&str] = &[
    "he", "him", "his", "himself", "she", "her", "hers", "herself",
];
/// `you` in these fixed phrases addresses nobody ("you know", "you see").
const GENERIC_YOU_NEXT: &[&str] = &["know", "see"];

/// A mention of a person inside one sentence, as token range.
#[derive(Clone, Copy, Debug)]
struct Ref {
    person: PersonId,
    t0: usize,
    t1: usize,
    /// First or second person ("I", "you"): inside a quote, what such a
    /// person does is the speaker's statement, not a stance of their own.
    deictic: bool,
    /// The original mention's span.
    span: Span,
}

impl StanceTagger {
    /// The stage with the built-in stance-cue lexicon.
    pub fn new() -> StanceTagger {
        StanceTagger {
            lexicon: Lexicon::builtin(),
        }
    }

    /// Adds cues from a TSV file (`cue<TAB>agent<TAB>patient`), replacing
    /// built-in ones with the same words.
    pub fn add_cue_file(&mut self, path: &Path) -> Result<()> {
        let content =
            std::fs::read_to_string(path).map_err(|e| crate::error::Error::io(path, e))?;
        let cues = lexicon::parse_cues(path, &content)?;
        self.lexicon.add_cues(cues);
        Ok(())
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The sentiment of `sentence` (a span of `text`) toward the mention at
    /// `target`, without any speaker information: what NewsMTSC and PerSenT
    /// label. A target that covers no word is neutral with confidence 0.
    pub fn toward(&self, text: &str, sentence: Span, target: Span, vader: &Vader) -> Judgement {
        self.toward_mentions(text, sentence, &[target], vader)
    }

    /// Like [`StanceTagger::toward`], for a target mentioned several times
    /// in the sentence ("Trump said *he* ..."; NewsMTSC gives the other
    /// mentions as `further_mentions`). Each word counts once, with the
    /// weight it has for the mention where it weighs most: a word next to
    /// the second mention is about the target even when the first mention is
    /// far away. Mentions that cover no word are ignored; with none left the
    /// result is neutral with confidence 0. The pronoun that opens what the
    /// first mention is reported to say ("X said *he* ...") is one more
    /// mention, and so are third-person pronouns after a named first mention
    /// with no other name between ("X placed second, but polls show *him*
    /// ahead"; see `later_pronouns`).
    pub fn toward_mentions(
        &self,
        text: &str,
        sentence: Span,
        mentions: &[Span],
        vader: &Vader,
    ) -> Judgement {
        let mut lowered = tokens::Lowered::default();
        let toks = tokens::tokenize(text, sentence, false, &mut lowered);
        let prep = Prepared::new(&toks, &self.lexicon, vader);
        let mut merged: Option<Scored> = None;
        let mut ranges: Vec<(usize, usize)> = mentions
            .iter()
            .filter_map(|m| token_range(&toks, *m))
            .map(|(t0, t1)| name_core(&toks, t0, t1))
            .collect();
        if let Some(&(t0, t1)) = ranges.first() {
            ranges.extend(reported_self(&toks, t0, t1));
            for r in later_pronouns(&prep, t0, t1) {
                if !ranges.contains(&r) {
                    ranges.push(r);
                }
            }
        }
        for (t0, t1) in ranges {
            let s = target::score(&prep, t0, t1, &self.lexicon, vader, Weights::SENTIMENT);
            merged = Some(match merged {
                None => s,
                Some(acc) => merge_scored(acc, s),
            });
        }
        let Some(s) = merged else {
            return Judgement {
                label: Label::Neutral,
                confidence: 0.0,
                score: 0.0,
                evidence: String::new(),
            };
        };
        Judgement::from_scored(text, &s)
    }

    /// Finds the stances of each sentence's holder toward the people it
    /// mentions. Stances come sentence by sentence, targets in order of
    /// first mention.
    pub fn analyze(
        &self,
        text: &str,
        sentences: &[Sentence],
        attribution: &Attribution,
        vader: &Vader,
    ) -> Vec<Stance> {
        // Mentions and quote parts sorted by start, for binary searches (a
        // long document has thousands of each).
        let mut mentions = attribution.mentions.clone();
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        let addressees = addressees(text, sentences, attribution, &mentions);
        let mut direct: Vec<Span> = attribution
            .quotes
            .iter()
            .filter(|q| q.kind == Mode::Direct)
            .flat_map(|q| q.parts.iter().copied())
            .collect();
        direct.sort();
        let mut out = Vec::new();
        // Per-sentence memory, reused from one sentence to the next: the
        // lowercased words, the tokens, the facts, the references.
        let mut lowered = tokens::Lowered::default();
        let mut toks_buf: Vec<Token<'static>> = Vec::new();
        let mut facts_buf = target::FactBuf::default();
        let mut refs: Vec<Ref> = Vec::new();
        let mut taken: Vec<bool> = Vec::new();
        let mut seen: Vec<PersonId> = Vec::new();
        const NARRATION: SentenceSpeech = SentenceSpeech {
            speaker: None,
            mode: Mode::Narration,
        };
        for (si, sent) in sentences.iter().enumerate() {
            let speech = attribution.sentences.get(si).unwrap_or(&NARRATION);
            let starts_quoted = {
                let i = direct.partition_point(|p| p.start < sent.span.start);
                direct[..i]
                    .iter()
                    .rev()
                    .take(2)
                    .any(|p| sent.span.start < p.end)
            };
            if !may_refer(sent.span, &mentions, &addressees) {
                continue; // no one to take a stance toward: skip tokenizing
            }
            let mut toks = tokens::recycle(std::mem::take(&mut toks_buf));
            tokens::tokenize_into(text, sent.span, starts_quoted, &mut lowered, &mut toks);
            self.refs(
                &toks,
                sent.span,
                &mentions,
                &addressees,
                &mut refs,
                &mut taken,
            );
            if !toks.is_empty() && !refs.is_empty() {
                let prep =
                    Prepared::new_in(&toks, &self.lexicon, vader, std::mem::take(&mut facts_buf));
                self.sentence_stances(text, si, speech, &prep, &refs, &mut seen, vader, &mut out);
                facts_buf = prep.into_buf();
            }
            toks_buf = tokens::recycle(toks);
        }
        out
    }

    /// The stances of sentence `si`, with its tokens prepared and the
    /// people it refers to, appended to `out` (`seen` is scratch).
    #[allow(clippy::too_many_arguments)]
    fn sentence_stances(
        &self,
        text: &str,
        si: usize,
        speech: &SentenceSpeech,
        prep: &Prepared<'_>,
        refs: &[Ref],
        seen: &mut Vec<PersonId>,
        vader: &Vader,
        out: &mut Vec<Stance>,
    ) {
        let toks = prep.tokens;
        let cues = &prep.cues;
        let speaker_id = match &speech.speaker {
            Some(Source::Person(p)) => Some(*p),
            _ => None,
        };
        // 1. Stances held by the agent of a cue (a third party, or
        //    anyone in narration).
        let mut cue_stances: Vec<(Source, PersonId, &Ref, Judgement)> = Vec::new();
        for c in cues {
            let Some((agent, patient)) = self.roles(toks, c, refs) else {
                continue;
            };
            if agent.person == patient.person {
                continue;
            }
            let in_quote = toks[c.first].quoted;
            let by_speaker = Some(agent.person) == speaker_id || (in_quote && agent.deictic);
            if by_speaker && speech.speaker.is_some() {
                continue; // the speaker's own stance: scored below
            }
            if in_quote && agent.deictic {
                continue;
            }
            let v = if c.negator.is_some() {
                c.patient * target::NEGATION
            } else {
                c.patient
            };
            if v == 0.0 {
                continue;
            }
            let start = c.negator.unwrap_or(c.first);
            let start = if start > 0
                && matches!(
                    toks[start - 1].norm,
                    "could" | "did" | "do" | "does" | "would" | "will" | "can" | "ca" | "wo"
                ) {
                start - 1
            } else {
                start
            };
            let span = Span::new(toks[start].span.start, toks[c.end - 1].span.end);
            let scored = Scored {
                score: v,
                parts: vec![target::Contribution {
                    span,
                    value: v,
                    cue: true,
                    evaluates: false,
                }],
            };
            let j = Judgement::from_scored(text, &scored);
            let holder = Source::Person(agent.person);
            if !cue_stances
                .iter()
                .any(|(h, t, _, _)| *h == holder && *t == patient.person)
            {
                cue_stances.push((holder, patient.person, patient, j));
            }
        }
        // 2. Each person mentioned, in order of first mention.
        seen.clear();
        for r in refs {
            if seen.contains(&r.person) {
                continue;
            }
            seen.push(r.person);
            for (h, t, pr, j) in &cue_stances {
                if *t == r.person {
                    out.push(Stance {
                        sentence: si,
                        holder: Some(h.clone()),
                        target: *t,
                        label: j.label,
                        confidence: j.confidence,
                        target_span: pr.span,
                        evidence: j.evidence.clone(),
                    });
                }
            }
            if cue_stances.iter().any(|(_, t, _, _)| *t == r.person) {
                continue; // a third party's stance toward them, not the speaker's
            }
            let holder = speech.speaker.clone();
            if holder == Some(Source::Person(r.person)) {
                continue;
            }
            // The mention of this person that says the most.
            let weights = if holder.is_some() {
                Weights::STANCE
            } else {
                Weights::SENTIMENT
            };
            // (The judgement, with its evidence text, is made for the
            // winner only.)
            let mut best: Option<(Scored, Span, bool)> = None;
            for m in refs.iter().filter(|m| m.person == r.person) {
                if speaker_id.is_some() && m.deictic && !toks[m.t0].quoted {
                    continue;
                }
                let s = target::score(prep, m.t0, m.t1, &self.lexicon, vader, weights);
                let by_cue = s
                    .parts
                    .iter()
                    .any(|p| p.evaluates && p.value * s.score > 0.0);
                if best
                    .as_ref()
                    .is_none_or(|(b, _, _)| s.score.abs() > b.score.abs())
                {
                    best = Some((s, m.span, by_cue));
                }
            }
            let Some((s, span, by_cue)) = best else {
                continue;
            };
            // The article's own voice takes a stance only through words
            // that describe the target ("the disgraced X", "X lied"),
            // and confidently; its general tone ("West shared private
            // messages") or someone's act toward the target ("a rift
            // between Legend and West") is not its stance. (Decided
            // before the evidence text is made.)
            if holder.is_none() {
                let (label, confidence) = label_confidence(s.score);
                if label == Label::Neutral || confidence < CONFIDENCE_THRESHOLD || !by_cue {
                    continue;
                }
            }
            let j = Judgement::from_scored(text, &s);
            out.push(Stance {
                sentence: si,
                holder,
                target: r.person,
                label: j.label,
                confidence: j.confidence,
                target_span: span,
                evidence: j.evidence,
            });
        }
    }

    /// The people referred to in one sentence: the speakers stage's
    /// mentions, `I`/`we` in a quote for its speaker, `you` for its known
    /// addressee. In text order.
    fn refs(
        &self,
        toks: &[Token<'_>],
        sentence: Span,
        mentions: &[Mention],
        addressees: &[Addressed],
        refs: &mut Vec<Ref>,
        taken: &mut Vec<bool>,
    ) {
        refs.clear();
        for m in starting_in(mentions, sentence)
            .iter()
            .filter(|m| sentence.contains(m.span))
        {
            if let Some((t0, t1)) = token_range(toks, m.span) {
                let norm = toks[t0].norm;
                let mut person = m.person;
                let quote = addressed(addressees, m.span);
                if let Some((_, sp, ad)) = quote
                    && m.kind == MentionKind::Pronoun
                    && THIRD_PERSON.contains(&norm)
                    && (person == *sp || Some(person) == *ad)
                {
                    // "he" in Legend's words to West is neither of them:
                    // the last other person named before.
                    let before = mentions.partition_point(|o| o.span.start < m.span.start);
                    let other = mentions[..before]
                        .iter()
                        .rev()
                        .filter(|o| o.span.end <= m.span.start)
                        .find(|o| o.person != *sp && Some(o.person) != *ad);
                    match other {
                        Some(o) => person = o.person,
                        None => continue,
                    }
                }
                refs.push(Ref {
                    person,
                    t0,
                    t1,
                    deictic: m.kind == MentionKind::Pronoun
                        && (YOU.contains(&norm) || ME.contains(&norm)),
                    span: m.span,
                });
            }
        }
        // The quote parts that overlap the sentence (none in most
        // narration): only their words can be `I` or `you` of someone.
        let near = {
            let lo = addressees.partition_point(|(q, _, _)| q.end <= sentence.start);
            let hi = addressees.partition_point(|(q, _, _)| q.start < sentence.end);
            &addressees[lo..hi.max(lo)]
        };
        if near.is_empty() {
            refs.sort_by_key(|r| (r.t0, r.t1));
            return;
        }
        taken.clear();
        taken.resize(toks.len(), false);
        for r in refs.iter() {
            taken[r.t0..r.t1].fill(true);
        }
        for (k, t) in toks.iter().enumerate() {
            if t.kind != Kind::Word || taken[k] {
                continue;
            }
            let Some((_, speaker, addressee)) = addressed(near, t.span) else {
                continue;
            };
            let person = if YOU.contains(&t.norm) {
                let generic = t.norm == "you"
                    && toks
                        .get(k + 1)
                        .is_some_and(|n| GENERIC_YOU_NEXT.contains(&n.norm));
                if generic {
                    continue;
                }
                match addressee {
                    Some(a) => *a,
                    None => continue,
                }
            } else if ME.contains(&t.norm) {
                *speaker
            } else {
                continue;
            };
            refs.push(Ref {
                person,
                t0: k,
                t1: k + 1,
                deictic: true,
                span: t.span,
            });
        }
        refs.sort_by_key(|r| (r.t0, r.t1));
    }

    /// The agent and the patient of a cue among the sentence's references.
    fn roles<'r>(
        &self,
        toks: &[Token<'_>],
        c: &CueHit,
        refs: &'r [Ref],
    ) -> Option<(&'r Ref, &'r Ref)> {
        let clause = toks[c.first].clause;
        // Patient: the first person after the cue, a few words on, same
        // clause ("support West's failed bid", "supporter of then-president
        // Trump", "love you John").
        // Refs are sorted by token: search from the cue on, not from the start.
        let from = refs.partition_point(|r| r.t0 < c.end);
        // Content between only grows with distance: stop at the first ref
        // more than three content words on.
        let after = refs[from..]
            .iter()
            .take_while(|r| content_between(toks, c.end, r.t0) <= 3)
            .find(|r| toks[r.t0].clause == clause);
        // Agent, in order of preference: a possessor right before the cue
        // ("West's support", "his appreciation"), an apposition ("West, an
        // outspoken supporter of"), the nearest person before it in the clause.
        let before = |k: usize| {
            refs[..refs.partition_point(|r| r.t0 < k)]
                .iter()
                .rev()
                .find(|r| r.t1 <= k)
        };
        let possessor = before(c.first).filter(|r| {
            let poss = toks.get(r.t1).is_some_and(|t| t.norm == "'s")
                || matches!(
                    toks[r.t0].norm,
                    "his" | "her" | "their" | "my" | "our" | "your"
                );
            let gap_start = if toks.get(r.t1).is_some_and(|t| t.norm == "'s") {
                r.t1 + 1
            } else {
                r.t1
            };
            poss && gap_start <= c.first
                && c.first - gap_start <= 2
                && toks[gap_start..c.first]
                    .iter()
                    .all(|t| t.kind == Kind::Word)
        });
        let apposition = || {
            let r = before(c.first)?;
            let gap = &toks[r.t1..c.first];
            let ok = gap.len() >= 2
                && gap.len() <= 5
                && gap[0].norm == ","
                && matches!(gap[1].norm, "a" | "an" | "the")
                && gap[2..].iter().all(|t| t.kind == Kind::Word);
            ok.then_some(r)
        };
        let subject = || {
            // Object pronouns are the patient of something else ("I love
            // him and love everything": `him` does not love).
            let r = refs
                .iter()
                .rev()
                .find(|r| r.t1 <= c.first && !OBJECT_PRONOUNS.contains(&toks[r.t0].norm))?;
            (toks[r.t0].clause == clause && c.first - r.t1 <= 8).then_some(r)
        };
        let agent = possessor.or_else(apposition).or_else(subject);
        if c.passive {
            // "West was supported by Legend": the subject is the patient.
            let by_agent = refs.iter().find(|r| {
                r.t0 >= c.end && r.t0 >= 1 && toks[r.t0 - 1].norm == "by" && r.t0 - c.end <= 2
            });
            return Some((by_agent?, agent?));
        }
        Some((agent?, after?))
    }
}

/// Content words (not punctuation, not articles) between two token indices.
fn content_between(toks: &[Token<'_>], a: usize, b: usize) -> usize {
    toks[a..b]
        .iter()
        .filter(|t| {
            t.kind == Kind::Word
                && !matches!(t.norm, "a" | "an" | "the" | "for" | "of" | "with" | "to")
        })
        .count()
}

/// The pronoun that opens what a speaker is reported to say: "*Obama*
/// said (on Monday) (that) *he* will always be grateful" is about Obama, so
/// the words around `he` count toward him as around any other mention of
/// him. The pronoun must come within five words of the speech verb, with no
/// name or punctuation between.
fn reported_self(toks: &[Token<'_>], t0: usize, t1: usize) -> Option<(usize, usize)> {
    let v = target::speech_verb(toks, t0, t1).filter(|&v| v >= t1)?;
    let k = (v + 1..toks.len().min(v + 6))
        .take_while(|&k| toks[k].kind == Kind::Word && !target::is_name(toks, k) && !toks[k].quoted)
        .find(|&k| matches!(toks[k].norm, "he" | "she"))?;
    Some((k, k + 1))
}

/// How many pronouns [`later_pronouns`] takes.
const MAX_LATER_PRONOUNS: usize = 4;

/// Third-person pronouns after a named target with no other name between
/// them, which most likely stand for it: "Cassidy placed second, but
/// polling shows *him* with a comfortable lead". A capitalized word that is
/// not sentence-initial ([`target::is_name`]) ends the search, whether or
/// not it names a person: the pronoun may be theirs. Measured on fold A of
/// the NewsMTSC development half: macro-F1 0.690 -> 0.702 (fold B 0.646 ->
/// 0.647); a pronoun before the target ("after *his* speech, X ...") did
/// not help and is not taken. At most [`MAX_LATER_PRONOUNS`], within
/// [`target::WINDOW`] tokens.
fn later_pronouns(prep: &Prepared, t0: usize, t1: usize) -> Vec<(usize, usize)> {
    let toks = prep.tokens;
    if !(t0..t1).any(|k| toks[k].capitalized) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Bounded, so that a pathological "sentence" with thousands of pronouns
    // costs no more than a few mentions.
    let end = toks.len().min(t1 + target::WINDOW);
    for (k, t) in toks.iter().enumerate().take(end).skip(t1) {
        if prep.is_name(k) || out.len() == MAX_LATER_PRONOUNS {
            break;
        }
        if matches!(
            t.norm,
            "he" | "him" | "his" | "himself" | "she" | "her" | "herself"
        ) {
            out.push((k, k + 1));
        }
    }
    out
}

/// Two scores of the same target: each word (contribution span) once, with
/// the value of larger magnitude.
fn merge_scored(a: Scored, b: Scored) -> Scored {
    let mut parts = a.parts;
    for p in b.parts {
        match parts.iter_mut().find(|q| q.span == p.span) {
            Some(q) if p.value.abs() > q.value.abs() => *q = p,
            Some(_) => {}
            None => parts.push(p),
        }
    }
    parts.sort_by_key(|p| (p.span.start, p.span.end));
    Scored {
        score: parts.iter().map(|p| p.value).sum(),
        parts,
    }
}

/// The name at the core of a long target mention: datasets mark spans like
/// "defeated leader Yahya Jammeh" or "Arthur Brooks, president of the
/// think tank ...", whose modifiers say how the sentence frames the person
/// and so must be scored like the words around, not skipped as the name.
/// Lower-case words before the first capitalized word are cut off the
/// front, and everything from a comma on off the back. A mention without a
/// capitalized word ("the president") is kept whole.
fn name_core(toks: &[Token<'_>], t0: usize, t1: usize) -> (usize, usize) {
    let end = (t0 + 1..t1)
        .find(|&k| toks[k].kind == Kind::Punct && toks[k].norm == ",")
        .unwrap_or(t1);
    let start = (t0..end)
        .find(|&k| toks[k].capitalized && toks[k].kind == Kind::Word)
        .unwrap_or(t0);
    (start, end.max(start + 1))
}

/// The token range overlapping `span`.
fn token_range(toks: &[Token<'_>], span: Span) -> Option<(usize, usize)> {
    // Tokens are in text order and do not overlap: binary search, so a
    // sentence with thousands of mentions stays linear.
    let t0 = toks.partition_point(|t| t.span.end <= span.start);
    let t1 = toks.partition_point(|t| t.span.start < span.end);
    if t0 >= t1 {
        return None;
    }
    // A possessive clitic belongs to the words around, not the mention.
    let t1 = if t1 - t0 > 1 && toks[t1 - 1].kind == Kind::Clitic {
        t1 - 1
    } else {
        t1
    };
    Some((t0, t1))
}

/// A direct quote part with its speaker and addressee (if known).
type Addressed = (Span, PersonId, Option<PersonId>);

/// The mentions (sorted by start) that start inside `span`.
fn starting_in(mentions: &[Mention], span: Span) -> &[Mention] {
    let lo = mentions.partition_point(|m| m.span.start < span.start);
    let hi = mentions.partition_point(|m| m.span.start < span.end);
    &mentions[lo..hi.max(lo)]
}

/// Whether [`StanceTagger::refs`] can find anyone in `sentence`: a mention
/// inside it, or a word of a quote with a known speaker (`I`, `you`). A
/// third of news sentences have neither, and need no tokens.
fn may_refer(sentence: Span, mentions: &[Mention], addressees: &[Addressed]) -> bool {
    if starting_in(mentions, sentence)
        .iter()
        .any(|m| sentence.contains(m.span))
    {
        return true;
    }
    // A quote that starts inside the sentence, or the last one before it if
    // it reaches into it (a word's quote is the last one starting at or
    // before it).
    let before = addressees.partition_point(|(q, _, _)| q.start < sentence.start);
    let inside = addressees[before..]
        .first()
        .is_some_and(|(q, _, _)| q.start < sentence.end);
    let reaching = before > 0 && addressees[before - 1].0.end > sentence.start;
    inside || reaching
}

/// The quote part (sorted by start, not overlapping) that contains `span`.
fn addressed(addressees: &[Addressed], span: Span) -> Option<&Addressed> {
    let i = addressees.partition_point(|(q, _, _)| q.start <= span.start);
    addressees[..i].last().filter(|(q, _, _)| q.contains(span))
}

/// For each direct quote part with a person speaker: (part span, speaker,
/// addressee), sorted by start. The addressee is a vocative name in the
/// quote ("I love you John"), the person told ("told host David Axelrod"),
/// the previous speaker for a reply ("replied"), the addressee of the
/// speaker's previous quote for a quote without a cue that follows it with
/// no narration between (it continues it), or,
/// for a written message ("read", "wrote", "a message from Legend"), the
/// one person other than the speaker named in the narration of the quote's
/// paragraph; unknown otherwise.
fn addressees(
    text: &str,
    sentences: &[Sentence],
    attribution: &Attribution,
    mentions: &[Mention],
) -> Vec<Addressed> {
    let mut parts: Vec<Span> = attribution
        .quotes
        .iter()
        .filter(|q| q.kind != Mode::Indirect)
        .flat_map(|q| q.parts.iter().copied())
        .collect();
    parts.sort();
    let in_quote = |s: Span| {
        let i = parts.partition_point(|p| p.start <= s.start);
        parts[..i].iter().rev().take(2).any(|p| p.contains(s))
    };
    let names: Vec<Mention> = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Name)
        .copied()
        .collect();
    let mut out = Vec::new();
    let mut last: Option<(PersonId, Option<PersonId>)> = None;
    let mut last_end = 0;
    for q in &attribution.quotes {
        if q.kind != Mode::Direct {
            continue;
        }
        let Some(Source::Person(speaker)) = q.speaker else {
            continue;
        };
        let is_other = |m: &&Mention| m.person != speaker;
        // Vocative: a name right after `you`, or set off by a comma at the
        // start or the end of a part.
        let vocative = starting_in(&names, q.span)
            .iter()
            .filter(is_other)
            .find(|m| {
                q.parts.iter().any(|p| p.contains(m.span)) && {
                    let before = text[..m.span.start].trim_end();
                    let after = text[m.span.end..].trim_start();
                    let tail = before.get(before.len().saturating_sub(4)..).unwrap_or("");
                    tail.eq_ignore_ascii_case(" you")
                        || (before.ends_with(',') && after.starts_with(['.', '!', '?', '"', '”']))
                        || (after.starts_with(',')
                            && q.parts.iter().any(|p| {
                                p.start <= m.span.start
                                    && text[p.start..m.span.start].trim().is_empty()
                            }))
                }
            });
        // The person told: a name within a few words after the cue.
        let cue_word = q.cue.map(|c| c.of(text).to_lowercase()).unwrap_or_default();
        let told = q
            .cue
            .filter(|_| cue_word == "told" || cue_word == "tells")
            .and_then(|cue| {
                starting_in(&names, Span::new(cue.end, cue.end + 20))
                    .iter()
                    .find(|m| m.person != speaker)
            });
        // A reply answers the previous quote's speaker.
        let replied = match last {
            Some((sp, _)) if REPLY_CUES.contains(&cue_word.as_str()) && sp != speaker => Some(sp),
            _ => None,
        };
        // A quote without a cue continues the speaker's previous quote, and
        // so its addressee.
        let adjacent = text
            .get(last_end.min(q.span.start)..q.span.start)
            .is_some_and(|gap| !gap.chars().any(char::is_alphanumeric));
        let carried = match last {
            Some((sp, ad)) if q.cue.is_none() && sp == speaker && adjacent => ad,
            _ => None,
        };
        // Only a written message has an addressee known from context; an
        // interview answer ("Legend explained") speaks to the reporter.
        let first = sentences.partition_point(|s| s.span.end <= q.span.start);
        let para_start = sentences.get(first).map(|s| {
            let p = s.paragraph;
            let k = sentences[..first]
                .iter()
                .rev()
                .take_while(|x| x.paragraph == p)
                .count();
            sentences[first - k].span.start.min(q.span.start)
        });
        let context = para_start.and_then(|ps| {
            let message = MESSAGE_CUES.contains(&cue_word.as_str())
                || text[ps..q.span.start]
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| MESSAGE_NOUNS.iter().any(|n| w.eq_ignore_ascii_case(n)));
            if !message {
                return None;
            }
            let mut others: Vec<PersonId> = Vec::new();
            for m in starting_in(&names, Span::new(ps, q.span.end))
                .iter()
                .filter(is_other)
            {
                if m.span.end <= q.span.end && !in_quote(m.span) && !others.contains(&m.person) {
                    others.push(m.person);
                }
            }
            (others.len() == 1).then(|| others[0])
        });
        let addressee = vocative
            .map(|m| m.person)
            .or(told.map(|m| m.person))
            .or(replied)
            .or(carried)
            .or(context);
        last = Some((speaker, addressee));
        last_end = q.span.end;
        for p in &q.parts {
            out.push((*p, speaker, addressee));
        }
    }
    out.sort_by_key(|(p, _, _)| (p.start, p.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(text: &str, target: &str) -> Judgement {
        let start = text.find(target).unwrap();
        StanceTagger::new().toward(
            text,
            Span::new(0, text.len()),
            Span::new(start, start + target.len()),
            &Vader::new(),
        )
    }

    #[test]
    fn negated_support_is_against() {
        let j = judge(
            "In the end, Legend could not support West's failed 2020 presidential bid.",
            "West",
        );
        assert_eq!(j.label, Label::Against);
        assert!(j.evidence.contains("could not support"), "{j:?}");
    }

    #[test]
    fn negated_disown_is_favor() {
        let j = judge("Legend said he did not disown West.", "West");
        assert_eq!(j.label, Label::Favor, "{j:?}");
        assert!(j.evidence.contains("did not disown"), "{j:?}");
    }

    #[test]
    fn reported_emotion_is_not_stance() {
        // "he was not happy about that": the feeling of the one who feels it.
        let j = judge("You know, he was not happy about that.", "he");
        assert_eq!(j.label, Label::Neutral, "{j:?}");
    }

    #[test]
    fn declined_to_endorse() {
        let j = judge("Ted Cruz declined to endorse Trump.", "Trump");
        assert_eq!(j.label, Label::Against, "{j:?}");
    }

    #[test]
    fn sentiment_elsewhere_in_the_sentence_counts_less() {
        // The praise is for Merkel, in its own clause.
        let t = "Schulz met reporters on Monday, while voters praised Merkel.";
        assert_eq!(judge(t, "Merkel").label, Label::Favor);
        assert_eq!(judge(t, "Schulz").label, Label::Neutral);
    }

    #[test]
    fn the_speaker_is_not_the_target_of_the_quote() {
        let t = "\u{201c}It is a terrible, corrupt deal,\u{201d} Goodman added.";
        assert_eq!(judge(t, "Goodman").label, Label::Neutral);
    }

    #[test]
    fn passive_subject_is_the_patient() {
        assert_eq!(
            judge("He was praised by the committee.", "He").label,
            Label::Favor
        );
        assert_eq!(
            judge("Jones was arrested on Friday.", "Jones").label,
            Label::Against
        );
    }

    #[test]
    fn sentence_targets_prefer_the_speakers_own_stance() {
        let st = |sentence, holder: Option<usize>, target, label| Stance {
            sentence,
            holder: holder.map(Source::Person),
            target,
            label,
            confidence: 0.9,
            target_span: Span::new(0, 1),
            evidence: String::new(),
        };
        let stances = [
            st(0, Some(1), 2, Label::Favor),
            st(0, Some(0), 1, Label::Against),
            st(0, Some(0), 2, Label::Against),
            st(1, Some(0), 1, Label::Favor),
        ];
        let speaker = Source::Person(0);
        assert_eq!(
            sentence_targets(&stances, 0, Some(&speaker)),
            [(2, Label::Against), (1, Label::Against)]
        );
        assert_eq!(
            sentence_targets(&stances, 0, None),
            [(2, Label::Favor), (1, Label::Against)]
        );
        assert_eq!(sentence_targets(&stances, 1, None), [(1, Label::Favor)]);
        assert!(sentence_targets(&stances, 2, None).is_empty());
    }

    #[test]
    fn cue_files_add_and_override_and_report_bad_lines() {
        let dir = std::env::temp_dir().join(format!("newstance-stance-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("cues.tsv");
        std::fs::write(&good, "# mine\nadore\t0\t3\nsupport\t0\t-1\n").unwrap();
        let mut tagger = StanceTagger::new();
        tagger.add_cue_file(&good).unwrap();
        let text = "Ann Lee said she would support Tom Smith and adore Bob Ray.";
        let j = |who: &str| {
            let s = text.find(who).unwrap();
            tagger.toward(
                text,
                Span::new(0, text.len()),
                Span::new(s, s + who.len()),
                &Vader::new(),
            )
        };
        assert_eq!(j("Tom Smith").label, Label::Against);
        assert_eq!(j("Bob Ray").label, Label::Favor);
        let bad = dir.join("bad.tsv");
        std::fs::write(&bad, "adore\t0\n").unwrap();
        let e = tagger.add_cue_file(&bad).unwrap_err();
        assert_eq!(e.line(), Some(1));
        assert!(e.to_string().starts_with(&bad.display().to_string()), "{e}");
        assert!(tagger.add_cue_file(&dir.join("missing.tsv")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_target_without_words_is_neutral_with_no_confidence() {
        let t = "Hello there.";
        let j =
            StanceTagger::new().toward(t, Span::new(0, t.len()), Span::new(5, 6), &Vader::new());
        assert_eq!((j.label, j.confidence), (Label::Neutral, 0.0));
    }
}
