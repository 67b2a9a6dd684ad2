//! Attribution: which quoted segments are statements, who said them, reported
//! speech, and who speaks each sentence; pronouns and descriptions resolved
//! to the salient person.
//!
//! A quotation is *free* when it stands where a sentence can start (after a
//! sentence end, a comma, a colon, a dash or at a paragraph start) and
//! *embedded* when a word leads into it (`they were "never the closest of
//! friends."`, `the "You & I" singer`). Free quotations that end like an
//! utterance (with `,` `.` `?` `!`, or run on to the paragraph's end) are
//! direct quotes; embedded ones are partial quotes when a cue verb of the
//! same sentence attributes them, and scare quotes or titles otherwise. A
//! quotation that starts in lowercase after a comma, colon or dash goes on
//! the narrator's sentence (`..., depriving the city of $35 million, "which
//! sounds like a lot"`) and is embedded too, unless a verb of saying right
//! before introduces it (`He added, "actually, ..."`) or it continues a
//! quote interrupted by its attribution. A free quotation is no statement
//! when it is a cited title (`"Museum gets a director," by Jo Hale`, `his
//! book, "Doomed to Succeed,"`) or a stage direction (`"(CROSSTALK.)`); one
//! that opens its paragraph with a speaker label (`"WALLACE: Let's start
//! ...`) is a transcript line, spoken by the label.
//!
//! The speaker is found, in this order: a cue after the quote (`"...," Legend
//! said`, `"...," said the spokesman`, `"...," according to X`), a cue before
//! it (`Legend added, "..."`, `a message from Legend ... read, "..."`,
//! `X said:`), and otherwise the context: the quote a reopened paragraph
//! continues, the quote of the sentence before, or the subject of the
//! sentence before (`West discussed what compelled him ... ."I tweeted ...`).
//! The subject of a cue is the nearest person mention before it that is not
//! the object of a preposition or a possessive ("West, an outspoken supporter
//! of then-president Trump, replied" gives West).
//!
//! A quote continued after its attribution (`"A," she said, "B."`, `"A,"
//! she said. "B."`, and a quote opening the paragraph after `"A," she
//! said.`) is one statement with several parts, also across a title in the
//! attribution (`"A," X said on CBS's "Face the Nation." "B."`), and after a
//! partial quote with its attribution (`At the plant, "we worked hard," he
//! said. "B."` is one partial statement, as the sentence starts in the
//! narration). A reopened quote paragraph with its own attribution takes it
//! rather than the speaker of the quote it continues.
//!
//! Reported speech is a cue verb with a subject and a complement: `X said
//! (that) ...`, `X admitted that ...`, `X asked whether ...`, `..., X said.`,
//! `..., said X.`, `..., X said in a report, ...`, `according to X, ...`.
//! It gives the sentence mode `indirect`. Reported evaluations (`X
//! criticized/endorsed/called ...`) are kept as `indirect` quotes too (news
//! attribution corpora count them) but leave the sentence's mode alone. A
//! narration sentence whose person subject takes a stance verb toward
//! another person (`Legend could not support West's bid`) has that subject
//! as its speaker, mode `narration`.
//!
//! Pronouns (`he`, `she`) and definite descriptions (`the singer`) resolve to
//! the most salient person: the one most recently a sentence's subject or a
//! quote's speaker, then the one most recently mentioned, agreeing in gender
//! and role, and never a person the quote itself names in the third person.

use super::lexicon::{CueClass, Gender, Lexicons};
use super::people::{NameRef, PersonInfo};
use super::quotes::Segment;
use super::tokens::Tok;
use super::{Attribution, Mention, MentionKind, Mode, Person, Quote, SentenceSpeech, Source};
use crate::sentences::Sentence;
use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pron {
    Male,
    Female,
    First,
    Second,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RefKind {
    Name,
    Pronoun(Pron),
    Description,
    /// A proper name that is not a person ("The Post", "CNN").
    NonPerson,
    /// "a campaign spokesman": a source kept as written.
    Indefinite,
}

#[derive(Clone, Debug)]
struct Ref {
    /// First token, including a determiner.
    head: usize,
    /// Last token.
    last: usize,
    /// The mention's span (the name without title; the description from its
    /// determiner to its noun).
    span: Span,
    kind: RefKind,
    person: Option<usize>,
    /// Can be a subject (not `his`, `him`, `me`, `your`).
    subj: bool,
    role: Option<String>,
}

/// Who a quote's speaker slot names.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Slot {
    Ref(usize),
    Other(Span),
}

#[derive(Clone, Debug, Default)]
struct SegAttr {
    kind: Option<Mode>,
    cue: Option<Span>,
    slot: Option<Slot>,
    /// Speaker carried over from an earlier segment.
    link: Option<usize>,
    /// Merged into this earlier segment (`"A," he said, "B."`).
    merged_into: Option<usize>,
    /// Addressee (`told host David Axelrod`).
    addressee: Option<usize>,
    /// Attributed by a cue after the quote (`"A," she said`).
    after: bool,
    /// Where the statement starts when the quote opens with its speaker's
    /// label (`"WALLACE: Let's start ...`): after the label.
    content_from: Option<usize>,
}

const PREPOSITIONS: [&str; 21] = [
    "of", "to", "with", "for", "about", "on", "at", "by", "from", "in", "into", "against",
    "toward", "towards", "over", "between", "among", "like", "than", "under", "behind",
];

const SUBJECT_PRONOUNS: [&str; 8] = ["he", "she", "they", "it", "we", "i", "you", "there"];

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok<'a>],
    segs: &'a [Segment],
    refs: Vec<Ref>,
    /// Token -> the reference covering it.
    ref_at: RefAt,
    /// Sentence -> token range.
    sent_range: Vec<(usize, usize)>,
    seg_open: Vec<Option<usize>>,
    seg_close: Vec<Option<usize>>,
    /// Token -> the segment its quotation mark opens.
    open_seg: Vec<Option<u32>>,
}

/// Token -> the reference covering it, in 32 bits per token (a document's
/// references and tokens number far fewer than 2^32).
struct RefAt(Vec<Option<u32>>);

impl RefAt {
    /// The reference covering token `i` (which must exist).
    #[inline]
    fn at(&self, i: usize) -> Option<usize> {
        self.0[i].map(|r| r as usize)
    }

    /// The reference covering token `i`, if there is such a token.
    #[inline]
    fn get(&self, i: usize) -> Option<usize> {
        self.0.get(i).copied().flatten().map(|r| r as usize)
    }

    /// Makes reference `r` cover tokens `from..to`.
    fn set(&mut self, from: usize, to: usize, r: usize) {
        let r = u32::try_from(r).expect("fewer than 2^32 references");
        self.0[from..to].fill(Some(r));
    }
}

/// How far (in tokens) the rules look back or ahead from a cue or a quote:
/// attribution is local, and a bound keeps one enormous "sentence" (a
/// 50 MB line without punctuation) linear.
const WINDOW: usize = 80;

/// Auxiliaries and adverbs that may stand between a subject and its verb.
const AUX: [&str; 22] = [
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "did",
    "does",
    "do",
    "also",
    "not",
    "never",
    "just",
    "reportedly",
    "previously",
    "repeatedly",
    "often",
    "then",
    "later",
];

/// Words that open a noun phrase naming a source ("one party activist",
/// "several aides", "the campaign").
fn is_det(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "one" | "another" | "some" | "several" | "two" | "three" | "many"
    )
}

fn lex_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Whether most words of three letters or more are capitalized, as in a
/// title or a headline.
fn title_case(s: &str) -> bool {
    let (mut caps, mut n) = (0, 0);
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.chars().count() >= 3 {
            n += 1;
            caps += w.chars().next().is_some_and(char::is_uppercase) as usize;
        }
    }
    n > 0 && caps * 10 >= n * 7
}

fn is_final(t: &Tok) -> bool {
    matches!(t.low(), "." | "!" | "?")
}

fn pronoun(w: &str) -> Option<(Pron, bool)> {
    // Every pronoun below starts with h, s, i, m or y and has 1 to 8 bytes.
    if w.len() > 8 || !matches!(w.as_bytes().first(), Some(b'h' | b's' | b'i' | b'm' | b'y')) {
        return None;
    }
    Some(match w {
        "he" => (Pron::Male, true),
        "him" | "his" | "himself" => (Pron::Male, false),
        "she" => (Pron::Female, true),
        "her" | "hers" | "herself" => (Pron::Female, false),
        "i" => (Pron::First, true),
        "me" | "my" | "mine" | "myself" => (Pron::First, false),
        "you" => (Pron::Second, true),
        "your" | "yours" | "yourself" => (Pron::Second, false),
        _ => return None,
    })
}

impl<'a> Ctx<'a> {
    fn tok_at(&self, byte: usize) -> Option<usize> {
        self.toks.binary_search_by_key(&byte, |t| t.span.start).ok()
    }

    fn cue(&self, i: usize) -> Option<CueClass> {
        let t = &self.toks[i];
        if !t.word || t.cap {
            return None;
        }
        t.info.cue
    }

    fn according_to(&self, i: usize) -> bool {
        self.toks[i].lower == "according" && self.toks.get(i + 1).is_some_and(|t| t.lower == "to")
    }

    /// Whether ref `r` can be the subject of a verb after it.
    fn subject_like(&self, r: usize) -> bool {
        let rf = &self.refs[r];
        if !rf.subj || self.toks[rf.last].poss || self.toks[rf.head].seg.is_some() {
            return false;
        }
        // The word before, skipping lowercase titles and roles
        // ("of then-president Trump").
        let mut b = rf.head;
        while b > 0 {
            let t = &self.toks[b - 1];
            if t.word && !t.cap && t.tail_title_or_role {
                b -= 1;
            } else {
                break;
            }
        }
        let Some(prev) = b.checked_sub(1) else {
            return true;
        };
        let p = &self.toks[prev];
        if p.sent != self.toks[rf.head].sent || !p.word {
            return true;
        }
        if p.lower == "from" {
            // "a message from Legend in one tweet read": the carrier's source.
            return (prev.saturating_sub(3)..prev).any(|k| self.toks[k].info.carrier);
        }
        !PREPOSITIONS.contains(&p.low())
    }

    /// The nearest subject-like reference in `[from, to)`, outside quotes.
    fn subject_before(&self, from: usize, to: usize) -> Option<usize> {
        let from = from.max(to.saturating_sub(WINDOW));
        let mut i = to;
        while i > from {
            i -= 1;
            if let Some(r) = self.ref_at.at(i)
                && self.refs[r].head >= from
                && self.refs[r].last < to
                && self.subject_like(r)
            {
                return Some(r);
            }
        }
        None
    }

    /// Words `[from, to)` as a non-person source ("officials", "the
    /// campaign"), at most six words and no punctuation.
    fn np(&self, from: usize, to: usize) -> Option<Slot> {
        if from >= to || to - from > 6 {
            return None;
        }
        if (from..to).any(|k| !self.toks[k].word) {
            return None;
        }
        if let Some(r) = self.ref_at.at(from)
            && self.refs[r].last + 1 == to
        {
            return Some(Slot::Ref(r));
        }
        Some(Slot::Other(Span::new(
            self.toks[from].span.start,
            self.toks[to - 1].span.end,
        )))
    }

    /// The noun phrase right before token `k` as a source: up to five words
    /// back, stopping at a function word but keeping a determiner ("The
    /// campaign said", "officials said", not "While his advisers have").
    fn np_before(&self, from: usize, k: usize) -> Option<Slot> {
        // "it said", "they say": a source kept as written.
        if k > from && matches!(self.toks[k - 1].low(), "it" | "they" | "we") {
            return Some(Slot::Other(self.toks[k - 1].span));
        }
        // Auxiliaries and adverbs between the subject and the verb ("Clinton's
        // campaign has argued", "Allen did suggest").
        let mut k = k;
        while k > from + 1 && AUX.contains(&self.toks[k - 1].low()) {
            k -= 1;
        }
        let mut b = k;
        while b > from && k - b < 5 {
            let t = &self.toks[b - 1];
            if !t.word || t.seg.is_some() {
                break;
            }
            if is_det(t.low()) {
                b -= 1;
                break;
            }
            if t.info.stopword || self.cue(b - 1).is_some() {
                break;
            }
            b -= 1;
        }
        if b < k && matches!(self.toks[b].low(), "the" | "a" | "an") && b + 1 == k {
            return None;
        }
        self.np(b, k)
    }

    /// Whether token `j` ends a sentence: a final mark that is not the
    /// period of a title ("Rep."), an initial ("Charles E."), or an
    /// abbreviation followed by a comma, a parenthesis or a lowercase word.
    fn is_boundary(&self, j: usize) -> bool {
        let t = &self.toks[j];
        if !is_final(t) {
            return false;
        }
        if t.lower != "." || j == 0 {
            return true;
        }
        let prev = &self.toks[j - 1];
        if prev.word
            && (prev.info.title.is_some()
                || (prev.cap && prev.lower.split('.').all(|x| x.chars().count() == 1)))
        {
            return false;
        }
        match self.toks.get(j + 1) {
            Some(n) => !(n.lower == "," || n.lower == ")" || (n.word && !n.cap)),
            None => true,
        }
    }

    /// The noun phrase opening the clause `[from, k)` ("The email goes on
    /// to say:"): a determiner or capitalized word, then words up to a
    /// function word, at most five.
    fn np_at(&self, from: usize, k: usize) -> Option<Slot> {
        let first = self.toks.get(from)?;
        if from >= k || !first.word || first.seg.is_some() {
            return None;
        }
        let det = is_det(first.low());
        if !det && (!first.cap || first.info.stopword) {
            return None;
        }
        let mut e = from + 1;
        while e < k
            && e < from + 3
            && self.toks[e].word
            && !self.toks[e].info.stopword
            && self.cue(e).is_none()
        {
            e += 1;
        }
        if det && e == from + 1 {
            return None;
        }
        self.np(from, e)
    }

    /// The slot right after token `k` (inverted order: `said Trump`).
    fn slot_after(&self, k: usize) -> Option<Slot> {
        let n = k + 1;
        if n >= self.toks.len() || self.toks[n].sent != self.toks[k].sent {
            return None;
        }
        // A reference within the next few words: `said campaign chairman
        // John Podesta`, `said Sen. Ben Sasse`.
        for m in n..(n + 5).min(self.toks.len()) {
            let t = &self.toks[m];
            if t.sent != self.toks[k].sent || (!t.word && t.lower != ".") {
                break;
            }
            if let Some(r) = self.ref_at.at(m)
                && !matches!(
                    self.refs[r].kind,
                    RefKind::Pronoun(Pron::First | Pron::Second)
                )
            {
                return Some(Slot::Ref(r));
            }
            // Not across a preposition ("said in the United States").
            if PREPOSITIONS.contains(&t.low()) {
                break;
            }
        }
        if self.toks[n].info.stopword && !is_det(self.toks[n].low()) {
            return None;
        }
        let mut e = n;
        while e < self.toks.len() && e < n + 6 && self.toks[e].word && self.cue(e).is_none() {
            e += 1;
        }
        let first = &self.toks[n];
        if !(first.cap || is_det(first.low())) {
            return None;
        }
        self.np(n, e)
    }

    fn is_free(&self, g: usize) -> bool {
        let Some(o) = self.seg_open[g] else {
            return false;
        };
        if self.segs[g].continues.is_some() || o == 0 {
            return true;
        }
        let p = &self.toks[o - 1];
        // `saying "we faced difficult challenges together."`: a verb of
        // saying right before the mark introduces a quotation.
        if matches!(self.cue(o - 1), Some(CueClass::Speech | CueClass::Quote)) {
            return true;
        }
        if p.para != self.toks[o].para || matches!(p.low(), "." | "!" | "?") {
            return true;
        }
        // `HOW THE SLOWDOWN AFFECTS THE WORLD "China's economic ..."`: a
        // headline in capitals runs into the quotation it announces.
        if o >= 2 && self.all_caps(o - 1) && self.all_caps(o - 2) {
            return true;
        }
        if !(p.mark || matches!(p.low(), ":" | "," | ";" | "—" | "–" | "-" | "(" | "…")) {
            return false;
        }
        // `..., depriving the government of $35 billion, "which sounds like
        // a lot"`: a quotation that starts in lowercase inside a sentence
        // goes on the narrator's sentence (a partial quote), unless a verb
        // of saying just before introduces it (`He added, "actually, ..."`,
        // `telling her, "you are ..."`) or it goes on a quote interrupted by
        // its attribution (`"A," said the senator, "because ..."`).
        let lowercase = self.segs[g]
            .content
            .of(self.text)
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        if !lowercase || (g > 0 && merge_follows(self, g - 1, g)) {
            return true;
        }
        let mut words = 0;
        let mut k = o - 1;
        while k > 0 && words < 3 {
            k -= 1;
            if !self.toks[k].word {
                break;
            }
            if matches!(self.cue(k), Some(CueClass::Speech | CueClass::Quote)) {
                return true;
            }
            words += 1;
        }
        false
    }

    fn ends_like_utterance(&self, g: usize) -> bool {
        let s = &self.segs[g];
        if s.close.is_none() {
            return true;
        }
        let last = s.content.of(self.text).chars().next_back();
        let after = s.close.and_then(|c| self.text[c.end..].chars().next());
        matches!(
            last,
            Some(',' | '.' | '?' | '!' | '…' | '—' | '–' | '-' | ':' | ';')
        ) || matches!(after, Some('.' | ',' | '?' | '!'))
    }

    /// Whether a free quotation is a cited title, not a statement: one
    /// followed by its author (`"City museum gets a new director," by Jo
    /// Hale`), or a title-case one set off as an appositive after a noun
    /// (`In his book, "Doomed to Succeed," Ross argued`), which a verb of
    /// saying does not introduce (`blurted out, "Oh, God,"`).
    fn cited_title(&self, g: usize) -> bool {
        let (Some(o), Some(c)) = (self.seg_open[g], self.seg_close[g]) else {
            return false;
        };
        let mut n = c + 1;
        while self.toks.get(n).is_some_and(|t| t.lower == ",") {
            n += 1;
        }
        if self
            .toks
            .get(n)
            .is_some_and(|t| t.lower == "by" && t.para == self.toks[c].para)
        {
            return true;
        }
        if o < 2 || self.toks[o - 1].lower != "," || !title_case(self.segs[g].content.of(self.text))
        {
            return false;
        }
        let noun = &self.toks[o - 2];
        noun.word
            && !noun.cap
            && (o.saturating_sub(4)..o - 1)
                .all(|k| !matches!(self.cue(k), Some(CueClass::Speech | CueClass::Quote)))
    }

    /// A transcript line: a quotation that opens its paragraph with a
    /// speaker label, one to three capitalized words and a colon, before its
    /// statement (`"WALLACE: Let's start ...`, `"Chris Matthews: Seriously
    /// ...`). The label is an all-caps word or a person's name, so `"Note:
    /// ...` is none. Returns the colon's token and the speaker.
    fn speaker_label(&self, g: usize) -> Option<(usize, Slot)> {
        let o = self.seg_open[g]?;
        if o > 0 && self.toks[o - 1].para == self.toks[o].para {
            return None;
        }
        let first = o + 1;
        let in_seg = |k: usize| {
            self.toks
                .get(k)
                .is_some_and(|t| t.seg.is_some_and(|x| x as usize == g))
        };
        let mut k = first;
        while k < first + 3 && in_seg(k) && self.toks[k].word && self.toks[k].cap {
            k += 1;
        }
        if k == first || !in_seg(k) || self.toks[k].lower != ":" || !in_seg(k + 1) {
            return None;
        }
        let name = self.ref_at.at(first).filter(|&r| {
            self.refs[r].head == first
                && self.refs[r].last + 1 == k
                && self.refs[r].kind == RefKind::Name
        });
        if let Some(r) = name {
            return Some((k, Slot::Ref(r)));
        }
        (first..k).all(|j| self.all_caps(j)).then(|| {
            (
                k,
                Slot::Other(Span::new(
                    self.toks[first].span.start,
                    self.toks[k - 1].span.end,
                )),
            )
        })
    }

    /// Whether token `k` is a word of two letters or more in capitals
    /// (`WALLACE`, a headline's `SLOWDOWN`).
    fn all_caps(&self, k: usize) -> bool {
        let t = &self.toks[k];
        let w = t.span.of(self.text);
        t.word && w.len() >= 2 && !w.chars().any(char::is_lowercase)
    }

    fn words_in(&self, g: usize) -> usize {
        self.segs[g]
            .content
            .of(self.text)
            .split_whitespace()
            .count()
    }

    /// A cue after the closing mark: `"...," Legend said`, `"...," said X`.
    fn after_attr(&self, g: usize) -> Option<(usize, Span, Option<Slot>)> {
        let c = self.seg_close[g]?;
        let ends_period = self.segs[g]
            .content
            .of(self.text)
            .ends_with(['.', '!', '?']);
        let para = self.toks[c].para;
        // `''...citizen?'' As Nega put it, ...`: a new sentence, not an
        // attribution of the quote that ended it.
        if ends_period
            && self.toks.get(c + 1).is_some_and(|t| {
                let word = t.span.of(self.text);
                t.word
                    && t.cap
                    && self.ref_at.at(c + 1).is_none()
                    && t.info.stopword
                    // `US Senator Jeff Sessions said`: an acronym, not "us".
                    && !(word.len() > 1 && word.bytes().all(|b| b.is_ascii_uppercase()))
            })
        {
            return None;
        }
        // `..., or incest."⏎Rubio said he ...`: a quote that ends its
        // sentence and its line is not attributed by the next line, even
        // where single line breaks do not separate paragraphs.
        if ends_period
            && let Some(n) = self.toks.get(c + 1)
            && self.text[self.toks[c].span.end..n.span.start].contains('\n')
        {
            return None;
        }
        let mut j = c + 1;
        while j < self.toks.len() && j <= c + 40 && self.toks[j].para == para {
            let t = &self.toks[j];
            if self.is_boundary(j) {
                return None;
            }
            if t.mark && t.seg.is_none() {
                // Another quotation opening: stop unless it is a title
                // inside the attribution (`the "You & I" singer told`).
                if let Some(h) = self.open_seg[j]
                    && self.is_free(h as usize)
                {
                    return None;
                }
            }
            if self.according_to(j) {
                let slot = self.slot_after(j + 1);
                return Some((j, Span::new(t.span.start, self.toks[j + 1].span.end), slot));
            }
            // After a determiner or a possessive a cue word is a noun, part
            // of the source: `"...," the note says`, `Editor's note:`.
            let noun = matches!(self.toks[j - 1].low(), "the" | "a" | "an" | "this")
                || self.toks[j - 1].poss;
            if t.seg.is_none()
                && !noun
                && matches!(self.cue(j), Some(CueClass::Speech | CueClass::Quote))
            {
                let gap: Vec<usize> = (c + 1..j)
                    .filter(|&k| self.toks[k].word && self.toks[k].seg.is_none())
                    .collect();
                // A long gap only as a name with an appositive: `"...,"
                // Michael McFaul, a senior fellow at ..., said`.
                // The name may follow a role (`the economist Jared
                // Bernstein, a former adviser ..., wrote`).
                let appositive = self.toks[j - 1].lower == ","
                    && gap.iter().take(4).any(|&a| {
                        self.ref_at.at(a).is_some_and(|r| {
                            matches!(self.refs[r].kind, RefKind::Name | RefKind::NonPerson)
                        })
                    });
                if (gap.len() > 9 && !appositive) || (ends_period && gap.len() > 6 && !appositive) {
                    return None;
                }
                // `"We'll see," when asked`: not an attribution. But function
                // words can be the subject: `"...," it stated`, `"...,"
                // they argued`, `"...," the two write`, and a capitalized
                // one is a name (`"...," From said`).
                let subject_opening = gap.first().is_some_and(|&a| {
                    let t = &self.toks[a];
                    t.cap || is_det(t.low()) || matches!(t.low(), "it" | "they" | "we")
                });
                if !gap.is_empty()
                    && !subject_opening
                    && gap
                        .iter()
                        .all(|&a| self.ref_at.at(a).is_none() && self.toks[a].info.stopword)
                {
                    return None;
                }
                let candidate = |k: usize| {
                    self.ref_at.at(k).filter(|&r| {
                        !self.toks[self.refs[r].last].poss
                            && !matches!(
                                self.refs[r].kind,
                                RefKind::Pronoun(Pron::First | Pron::Second)
                            )
                    })
                };
                // In an appositive the name, not the role before it (`the
                // economist Jared Bernstein, ...`).
                let named = appositive
                    .then(|| {
                        gap.iter().take(4).find_map(|&k| {
                            candidate(k).filter(|&r| self.refs[r].kind == RefKind::Name)
                        })
                    })
                    .flatten();
                let slot = named
                    .or_else(|| gap.iter().find_map(|&k| candidate(k)))
                    .map(Slot::Ref)
                    .or_else(|| match (gap.first(), gap.last()) {
                        (Some(&a), Some(&b)) => Some(Slot::Other(Span::new(
                            self.toks[a].span.start,
                            self.toks[b].span.end,
                        ))),
                        _ => None,
                    })
                    .or_else(|| self.slot_after(j))
                    .or_else(|| {
                        // `X said, "A," adding, "B"`: a participle right
                        // after the quote belongs to the subject of the
                        // clause the quote is in.
                        (gap.is_empty() && t.lower.ends_with("ing"))
                            .then(|| {
                                let o = self.seg_open[g]?;
                                let (ss, _) = self.sent_range[self.toks[o].sent as usize];
                                self.clause_subject(ss.max(o.saturating_sub(WINDOW)), o)
                            })
                            .flatten()
                            .map(Slot::Ref)
                    });
                return Some((j, t.span, slot));
            }
            j += 1;
        }
        None
    }

    /// The subject of a participle's clause in `from..to`: its first
    /// subject-like person mention, or the speaker of a cue there.
    fn clause_subject(&self, from: usize, to: usize) -> Option<usize> {
        (from..to)
            .find_map(|i| {
                self.ref_at.at(i).filter(|&r| {
                    self.refs[r].last < to && self.is_person_ref(r) && self.subject_like(r)
                })
            })
            .or_else(|| self.speaker_before(from, to))
    }

    /// A cue before the opening mark: `Legend added, "..."`, `X said: "..."`.
    fn before_attr(&self, g: usize) -> Option<(usize, Span, Option<Slot>)> {
        let o = self.seg_open[g]?;
        let p = o.checked_sub(1)?;
        let pt = &self.toks[p];
        let same_sentence_lead = matches!(pt.low(), "," | ":") || self.cue(p).is_some();
        if !same_sentence_lead {
            return None;
        }
        let (ss, _) = self.sent_range[pt.sent as usize];
        let ss = ss.max(p.saturating_sub(WINDOW));
        // Start after the last quotation mark before p in the sentence.
        let mut ws = ss;
        for k in (ss..p).rev() {
            if self.toks[k].mark && self.toks[k].seg.is_none() {
                ws = k + 1;
                break;
            }
        }
        let mut cue = None;
        for k in (ws..=p).rev() {
            if p - k > 8 || is_final(&self.toks[k]) {
                break;
            }
            if self.according_to(k) {
                let slot = self.slot_after(k + 1);
                return Some((
                    k,
                    Span::new(self.toks[k].span.start, self.toks[k + 1].span.end),
                    slot,
                ));
            }
            if matches!(self.cue(k), Some(CueClass::Speech | CueClass::Quote)) {
                cue = Some(k);
                break;
            }
        }
        let k = match cue {
            Some(k) => k,
            None if pt.lower == ":" => return self.colon_attr(g),
            None => return None,
        };
        // A participle ("..., saying") belongs to the clause's subject, the
        // first subject-like mention; a finite verb to the nearest one.
        // `Donald Trump: "..."`, `Podesta saying, "..."`: a person right
        // before the colon or the participle.
        let adjacent = |at: usize| {
            at.checked_sub(1)
                .and_then(|b| self.ref_at.at(b))
                .filter(|&r| self.is_person_ref(r) && !self.toks[self.refs[r].last].poss)
        };
        if pt.low() == ":"
            && let Some(r) = adjacent(p)
        {
            return Some((p, pt.span, Some(Slot::Ref(r))));
        }
        let subject = if self.toks[k].lower.ends_with("ing")
            && let Some(r) = adjacent(k)
        {
            Some(r)
        } else if self.toks[k].lower.ends_with("ing") {
            self.clause_subject(ws, k)
        } else {
            self.speaker_before(ws, k)
        };
        let slot = subject
            .map(Slot::Ref)
            .or_else(|| self.np_before(ws, k))
            .or_else(|| self.np_at(ws, k))
            .or_else(|| self.slot_after(k))
            // `X ... ''top secret,'' saying: ''...''`: the subject of the
            // sentence before an earlier quote.
            .or_else(|| self.subject_before(ss, ws).map(Slot::Ref));
        Some((k, self.toks[k].span, slot))
    }

    /// A colon ending the sentence before a quote that opens a paragraph or
    /// sentence: `McCrummen reports:` / `He said:`.
    fn colon_attr(&self, g: usize) -> Option<(usize, Span, Option<Slot>)> {
        let o = self.seg_open[g]?;
        let p = o.checked_sub(1)?;
        if self.toks[p].lower != ":" {
            return None;
        }
        let (ss, _) = self.sent_range[self.toks[p].sent as usize];
        let ss = ss.max(p.saturating_sub(WINDOW));
        let k = (ss.max(p.saturating_sub(8))..p)
            .rev()
            .find(|&k| matches!(self.cue(k), Some(CueClass::Speech | CueClass::Quote)))
            .unwrap_or(p);
        if k == p {
            // A bare colon needs a person before it ("Trump's reply:" is not
            // enough, "Partial transcript as follows:" is nobody).
            let r = self.subject_before(ss, k)?;
            if !matches!(
                self.refs[r].kind,
                RefKind::Name | RefKind::Pronoun(Pron::Male | Pron::Female) | RefKind::Description
            ) {
                return None;
            }
            return Some((k, self.toks[k].span, Some(Slot::Ref(r))));
        }
        let slot = self
            .speaker_before(ss, k)
            .map(Slot::Ref)
            .or_else(|| self.np_before(ss, k));
        Some((k, self.toks[k].span, slot))
    }

    /// The speaker of a cue at `k` among the references in `[from, k)`: the
    /// antecedent of `who` right before it ("Mike Lee, who declared"), else
    /// the nearest subject-like person, else the nearest subject-like
    /// reference of any kind ("The Post").
    fn speaker_before(&self, from: usize, k: usize) -> Option<usize> {
        let from = from.max(k.saturating_sub(WINDOW));
        if k >= from + 3
            && self.toks[k - 1].low() == "who"
            && self.toks[k - 2].low() == ","
            && let Some(r) = self.ref_at.at(k - 3)
        {
            return Some(r);
        }
        // A closed relative clause ("Clinton, who called Sanders shortly
        // after, told ..."): its mentions are not the subject.
        let rel = (from + 1..k)
            .rev()
            .find(|&i| {
                matches!(self.toks[i].low(), "who" | "which") && self.toks[i - 1].low() == ","
            })
            .and_then(|w| {
                (w + 1..k)
                    .find(|&j| self.toks[j].low() == ",")
                    .map(|e| (w, e))
            });
        let inside =
            |r: usize| rel.is_some_and(|(w, e)| self.refs[r].head > w && self.refs[r].last < e);
        let mut i = k;
        while i > from {
            i -= 1;
            if let Some(r) = self.ref_at.at(i)
                && self.refs[r].head >= from
                && self.refs[r].last < k
                && self.is_person_ref(r)
                && self.subject_like(r)
                && !inside(r)
            {
                return Some(r);
            }
        }
        self.subject_before(from, k)
    }

    fn is_person_ref(&self, r: usize) -> bool {
        matches!(
            self.refs[r].kind,
            RefKind::Name | RefKind::Pronoun(Pron::Male | Pron::Female) | RefKind::Description
        )
    }
}

/// Runs attribution on one document.
pub fn attribute(
    text: &str,
    toks: &[Tok],
    segs: &[Segment],
    sentences: &[Sentence],
    lex: &Lexicons,
    mut people: Vec<PersonInfo>,
    names: &[NameRef],
) -> Attribution {
    // --- References: names, pronouns, descriptions. ---
    let mut refs: Vec<Ref> = Vec::new();
    let mut ref_at = RefAt(vec![None; toks.len()]);
    let mut covered = vec![false; toks.len()];
    for n in names {
        for c in covered.iter_mut().take(n.last + 1).skip(n.head) {
            *c = true;
        }
    }
    let mut name_iter = names.iter().peekable();
    let mut i = 0;
    while i < toks.len() {
        if let Some(n) = name_iter.peek()
            && n.head == i
        {
            let n = name_iter.next().unwrap();
            if n.person.is_none() && !n.nonperson {
                // "Speaking in his real voice, he ...": a capitalized word
                // that is neither a known person nor a known organisation.
                i = n.last + 1;
                continue;
            }
            let mut head = n.head;
            if n.person.is_none()
                && head > 0
                && matches!(toks[head - 1].low(), "the" | "a" | "an")
                && toks[head - 1].sent == toks[head].sent
            {
                head -= 1;
            }
            let kind = if n.person.is_some() {
                RefKind::Name
            } else {
                RefKind::NonPerson
            };
            let span = if n.person.is_some() {
                n.span
            } else {
                Span::new(toks[head].span.start, n.span.end)
            };
            let id = refs.len();
            refs.push(Ref {
                head,
                last: n.last,
                span,
                kind,
                person: n.person,
                subj: true,
                role: None,
            });
            ref_at.set(head, n.last + 1, id);
            i = n.last + 1;
            continue;
        }
        let t = &toks[i];
        if t.word && !covered[i] {
            if let Some((p, subj)) = pronoun(t.low()) {
                let id = refs.len();
                refs.push(Ref {
                    head: i,
                    last: i,
                    span: t.span,
                    kind: RefKind::Pronoun(p),
                    person: None,
                    subj,
                    role: None,
                });
                ref_at.set(i, i + 1, id);
                i += 1;
                continue;
            }
            let det = t.low();
            if matches!(det, "the" | "a" | "an") {
                // The first role noun within six tokens, crossing only words,
                // quotation marks and '&' ("the "You & I" singer").
                let mut k = i + 1;
                let mut found = None;
                while k < toks.len() && k <= i + 6 && toks[k].sent == t.sent && !covered[k] {
                    let tk = &toks[k];
                    if !(tk.word || tk.mark || tk.lower == "&" || tk.lower == "-") {
                        break;
                    }
                    if tk.word && tk.info.role.is_some() {
                        // Not "the president's": a role of the next noun.
                        found = Some(k);
                        break;
                    }
                    k += 1;
                }
                if let Some(k) = found {
                    let id = refs.len();
                    refs.push(Ref {
                        head: i,
                        last: k,
                        span: Span::new(t.span.start, toks[k].span.end),
                        kind: if det == "the" {
                            RefKind::Description
                        } else {
                            RefKind::Indefinite
                        },
                        person: None,
                        subj: true,
                        role: Some(toks[k].lower.to_string()),
                    });
                    ref_at.set(i, k + 1, id);
                    i = k + 1;
                    continue;
                }
            }
        }
        i += 1;
    }

    let mut sent_range = vec![(0usize, 0usize); sentences.len()];
    {
        let mut k = 0;
        for (s, r) in sent_range.iter_mut().enumerate() {
            while k < toks.len() && (toks[k].sent as usize) < s {
                k += 1;
            }
            let start = k;
            while k < toks.len() && toks[k].sent as usize == s {
                k += 1;
            }
            *r = (start, k);
        }
    }
    let mut cx = Ctx {
        text,
        toks,
        segs,
        refs,
        ref_at,
        sent_range,
        seg_open: Vec::new(),
        seg_close: Vec::new(),
        open_seg: vec![None; toks.len()],
    };
    cx.seg_open = segs.iter().map(|s| cx.tok_at(s.open)).collect();
    for (g, o) in cx.seg_open.iter().enumerate() {
        if let Some(o) = *o {
            cx.open_seg[o] = Some(u32::try_from(g).expect("fewer than 2^32 segments"));
        }
    }
    cx.seg_close = segs
        .iter()
        .map(|s| s.close.and_then(|c| cx.tok_at(c.start)))
        .collect();

    // --- Quotes: kinds, cues, speakers. ---
    let mut attrs: Vec<SegAttr> = vec![SegAttr::default(); segs.len()];
    for g in 0..segs.len() {
        let free = cx.is_free(g);
        let words = cx.words_in(g);
        let utter = cx.ends_like_utterance(g);
        // `"I will be sorely disappointed if ..." with cable providers`: a
        // quote the narration runs on from is part of the narration.
        let runs_on = !utter
            && cx.seg_close[g]
                .and_then(|c| toks.get(c + 1))
                .is_some_and(|t| {
                    t.word
                        && !t.cap
                        && t.para as usize == segs[g].para
                        && t.info.cue.is_none()
                        && pronoun(t.low()).is_none()
                        && !matches!(t.low(), "the" | "a" | "an" | "they" | "we")
                });
        if free && (utter || (words >= 6 && !runs_on)) {
            if segs[g].continues.is_none() && cx.cited_title(g) {
                continue;
            }
            // `"(CROSSTALK.)`: a stage direction, not a statement; nor is
            // a label of a word or two that only announces what follows
            // (`"Related:"`).
            let content = segs[g].content.of(text);
            if (content.starts_with(['(', '['])
                && content.trim_end_matches('.').ends_with([')', ']']))
                || (content.ends_with(':') && words <= 2)
            {
                continue;
            }
            // `"Trump: You base ...," tweeted X`: an attribution after the
            // quote makes the label an addressee.
            if let Some((c, slot)) = cx.speaker_label(g)
                && cx.after_attr(g).is_none()
            {
                attrs[g].kind = Some(Mode::Direct);
                attrs[g].cue = Some(toks[c].span);
                attrs[g].slot = Some(slot);
                attrs[g].content_from = Some(toks[c + 1].span.start);
                continue;
            }
            if let Some(h) = segs[g].continues
                && attrs[h].kind.is_some()
            {
                attrs[g].kind = Some(Mode::Direct);
                // `"A," Obama said. "B."` in a reopened paragraph: its own
                // attribution wins over the quote it continues, and what
                // follows it in the paragraph is the same statement.
                if let Some((k, cue, slot @ Some(_))) = cx.after_attr(g) {
                    attrs[g].cue = Some(cue);
                    attrs[g].slot = slot;
                    attrs[g].after = true;
                    attrs[g].addressee = addressee(&cx, k);
                } else {
                    attrs[g].link = Some(h);
                }
                continue;
            }
            if let Some(a) = attrs.get(g.wrapping_sub(1))
                && g > 0
                && a.merged_into.is_none()
                && merge_follows(&cx, g - 1, g)
                && attrs[g - 1].kind.is_some()
                && cx.after_attr(g).is_none()
            {
                let root = attrs[g - 1].merged_into.unwrap_or(g - 1);
                attrs[g].kind = Some(Mode::Direct);
                attrs[g].merged_into = Some(root);
                continue;
            }
            // `X responds, "Why now?" Y then writes back`: a quote that ends
            // its sentence belongs to the cue just before it.
            let ends_sentence = segs[g].content.of(text).ends_with(['.', '?', '!']);
            let before = if ends_sentence {
                cx.before_attr(g)
            } else {
                None
            };
            let after = if before.is_some() {
                None
            } else {
                cx.after_attr(g)
            };
            attrs[g].after = after.is_some();
            let found = before
                .or(after)
                .or_else(|| cx.before_attr(g))
                .or_else(|| cx.colon_attr(g));
            if let Some((k, cue, slot)) = found {
                attrs[g].kind = Some(Mode::Direct);
                attrs[g].cue = Some(cue);
                attrs[g].slot = slot;
                attrs[g].addressee = addressee(&cx, k);
                continue;
            }
            // `"China's slowdown is ..." [WaPo.]`: a source cited in
            // brackets right after the quotation.
            if let Some(c) = cx.seg_close[g]
                && toks.get(c + 1).is_some_and(|t| t.lower == "[")
                && let Some(e) = (c + 2..toks.len().min(c + 7)).find(|&k| toks[k].lower == "]")
                && e > c + 2
                && toks[c + 2].word
                && toks[c + 2].cap
                && (c + 2..e).all(|k| toks[k].word || toks[k].lower == ".")
            {
                let last = if toks[e - 1].word { e - 1 } else { e - 2 };
                attrs[g].kind = Some(Mode::Direct);
                attrs[g].cue = Some(toks[c + 1].span);
                attrs[g].slot = Some(Slot::Other(Span::new(
                    toks[c + 2].span.start,
                    toks[last].span.end,
                )));
                continue;
            }
            if let Some(h) = context_link(&cx, &attrs, g) {
                attrs[g].kind = Some(Mode::Direct);
                match h {
                    // `"A," she said. "B."`: one statement interrupted by its
                    // attribution, as PolNeAR and readers count it.
                    Ok(h)
                        if attrs[h].after
                            && attrs[h].kind.is_some()
                            && segs[h].para + 1 >= segs[g].para
                            && cx.seg_close[h]
                                .zip(cx.seg_open[g])
                                .is_some_and(|(c, o)| o <= c + 60) =>
                    {
                        attrs[g].merged_into = Some(attrs[h].merged_into.unwrap_or(h));
                    }
                    Ok(h) => attrs[g].link = Some(h),
                    Err(r) => attrs[g].slot = Some(Slot::Ref(r)),
                }
                continue;
            }
            // Unattributed: a statement if long enough and not a title
            // ("Tales From the Crypt," "So, That Happened.").
            if words >= 3 && !title_case(segs[g].content.of(text)) {
                attrs[g].kind = Some(Mode::Direct);
            }
            continue;
        }
        // Embedded: a partial quote if a cue of its sentence attributes it.
        let Some(o) = cx.seg_open[g] else { continue };
        let (ss, _) = cx.sent_range[toks[o].sent as usize];
        let ss = ss.max(o.saturating_sub(WINDOW));
        // Thought verbs only with a clause: "she thinks that it is
        // "unfair"", not "she appeared on "Shark Tank"".
        let cue = (ss..o).rev().find(|&k| {
            toks[k].seg.is_none()
                && match cx.cue(k) {
                    Some(CueClass::Speech) => true,
                    Some(CueClass::Cognition) => (k + 1..o).any(|j| {
                        toks[j].lower == "that" || SUBJECT_PRONOUNS.contains(&toks[j].low())
                    }),
                    _ => false,
                }
                || cx.according_to(k)
        });
        if let Some(k) = cue {
            let slot = if cx.according_to(k) {
                cx.slot_after(k + 1)
            } else {
                cx.subject_before(ss, k).map(Slot::Ref)
            };
            if slot.is_some() {
                attrs[g].kind = Some(Mode::Partial);
                attrs[g].cue = Some(toks[k].span);
                attrs[g].slot = slot;
                continue;
            }
        }
        if segs[g].content.of(text).ends_with(',')
            && let Some((_, cue, slot)) = cx.after_attr(g)
            && slot.is_some()
        {
            // `In this state, "we worked hard," he said. "And we won."`:
            // the quote after it goes on the same (partial) statement.
            attrs[g].kind = Some(Mode::Partial);
            attrs[g].cue = Some(cue);
            attrs[g].slot = slot;
            attrs[g].after = true;
        }
    }

    // --- Reported speech: every cue not used by a quote. ---
    let mut used = vec![false; toks.len()];
    for a in &attrs {
        // A partial quote leaves its cue to the reported speech around it
        // (`CBS said it was canceling the low-rated "Rush Hour."`).
        if a.kind == Some(Mode::Direct)
            && let Some(c) = a.cue
            && let Some(k) = cx.tok_at(c.start)
        {
            used[k] = true;
        }
    }
    let indirect: Vec<Vec<Reported>> = (0..sentences.len())
        .map(|s| reported_speech(&cx, s, &used))
        .collect();

    // --- Resolution: names known; pronouns and descriptions by salience. ---
    let np = people.len();
    let mut last_subj: Vec<Option<usize>> = vec![None; np];
    let mut last_mention: Vec<Option<usize>> = vec![None; np];
    // Persons named inside each statement segment (never its speaker).
    let mut named_in_seg: Vec<Vec<usize>> = vec![Vec::new(); segs.len()];
    for r in &cx.refs {
        if let (Some(p), Some(g)) = (r.person, toks[r.head].seg)
            && r.kind == RefKind::Name
        {
            named_in_seg[g as usize].push(p);
        }
    }
    // Speaker slots: ref -> segments it speaks.
    let mut slot_segs: Vec<Vec<usize>> = vec![Vec::new(); cx.refs.len()];
    for (g, a) in attrs.iter().enumerate() {
        if let Some(Slot::Ref(r)) = a.slot {
            slot_segs[r].push(g);
        }
    }
    let mut indirect_slot_ref = vec![false; cx.refs.len()];
    for rep in indirect.iter().flatten() {
        if let Some(Slot::Ref(r)) = rep.slot {
            indirect_slot_ref[r] = true;
        }
    }
    let mut resolved: Vec<Option<usize>> = cx.refs.iter().map(|r| r.person).collect();
    // For pronouns inside quotes: candidates at that point, best first.
    let mut ranked: Vec<Vec<usize>> = vec![Vec::new(); cx.refs.len()];
    let rank = |last_subj: &[Option<usize>], last_mention: &[Option<usize>]| -> Vec<usize> {
        let mut c: Vec<usize> = (0..last_mention.len())
            .filter(|&p| last_mention[p].is_some())
            .collect();
        c.sort_by_key(|&p| std::cmp::Reverse((last_subj[p], last_mention[p], usize::MAX - p)));
        c
    };
    let mut subj_done = vec![false; sentences.len()];
    for ri in 0..cx.refs.len() {
        let r = cx.refs[ri].clone();
        let s = toks[r.head].sent as usize;
        let in_quote = toks[r.head]
            .seg
            .is_some_and(|g| attrs[g as usize].kind.is_some());
        let person = match r.kind {
            RefKind::Name => r.person,
            RefKind::Pronoun(p @ (Pron::Male | Pron::Female)) => {
                let g = if p == Pron::Male {
                    Gender::Male
                } else {
                    Gender::Female
                };
                if in_quote {
                    ranked[ri] = rank(&last_subj, &last_mention)
                        .into_iter()
                        .filter(|&c| people[c].gender.agrees(g))
                        .collect();
                    None
                } else {
                    // The first of `rank`'s order, without sorting.
                    let best = (0..np)
                        .filter(|&p| last_mention[p].is_some() && people[p].gender.agrees(g))
                        .max_by_key(|&p| (last_subj[p], last_mention[p], usize::MAX - p));
                    if let Some(b) = best
                        && people[b].gender == Gender::Unknown
                    {
                        people[b].gender = g;
                    }
                    best
                }
            }
            RefKind::Description if !in_quote => {
                let role = r.role.clone().unwrap_or_default();
                let excluded: Vec<usize> = slot_segs[ri]
                    .iter()
                    .flat_map(|&g| named_in_seg[g].iter().copied())
                    .chain(
                        // Persons named earlier in the same sentence.
                        (cx.sent_range[s].0.max(r.head.saturating_sub(WINDOW))..r.head)
                            .filter_map(|k| cx.ref_at.at(k))
                            .filter_map(|x| resolved[x]),
                    )
                    .collect();
                let g = lex.roles.get(&role).copied().unwrap_or(Gender::Unknown);
                let speaking = !slot_segs[ri].is_empty() || indirect_slot_ref[ri];
                rank(&last_subj, &last_mention).into_iter().find(|&c| {
                    let roles = &people[c].roles;
                    !excluded.contains(&c)
                        && people[c].gender.agrees(g)
                        && (roles.contains(&role) || (speaking && roles.is_empty()))
                })
            }
            _ => None,
        };
        if let Some(p) = person {
            resolved[ri] = Some(p);
            last_mention[p] = Some(r.head);
            let speaks = !slot_segs[ri].is_empty() || indirect_slot_ref[ri];
            if speaks || (!in_quote && !subj_done[s] && cx.subject_like(ri)) {
                last_subj[p] = Some(s);
                if !speaks {
                    subj_done[s] = true;
                }
            }
            if let Some(role) = &r.role
                && r.kind == RefKind::Description
                && !people[p].roles.contains(role)
            {
                people[p].roles.push(role.clone());
            }
        }
    }

    // Quote speakers, in order (links point backwards).
    let mut speaker: Vec<Option<Source>> = vec![None; segs.len()];
    let mut speaker_span: Vec<Option<Span>> = vec![None; segs.len()];
    let mut speaker_person: Vec<Option<usize>> = vec![None; segs.len()];
    let slot_source = |slot: &Slot, resolved: &[Option<usize>]| -> (Option<Source>, Option<Span>) {
        match slot {
            Slot::Ref(r) => {
                let rf = &cx.refs[*r];
                match (resolved[*r], rf.kind) {
                    (Some(p), _) => (Some(Source::Person(p)), Some(rf.span)),
                    (None, RefKind::Pronoun(_)) => (None, Some(rf.span)),
                    (None, _) => (
                        Some(Source::Other(rf.span.of(text).to_string())),
                        Some(rf.span),
                    ),
                }
            }
            Slot::Other(sp) => (Some(Source::Other(sp.of(text).to_string())), Some(*sp)),
        }
    };
    for g in 0..segs.len() {
        let a = &attrs[g];
        if a.kind.is_none() {
            continue;
        }
        if let Some(h) = a.link.or(a.merged_into) {
            speaker[g] = speaker[h].clone();
            speaker_person[g] = speaker_person[h];
            if a.merged_into.is_some() {
                speaker_span[g] = speaker_span[h];
            }
        } else if let Some(slot) = &a.slot {
            let (src, sp) = slot_source(slot, &resolved);
            speaker_person[g] = match src {
                Some(Source::Person(p)) => Some(p),
                _ => None,
            };
            speaker[g] = src;
            speaker_span[g] = sp;
        }
    }
    // Pronouns inside quotes: I = the speaker, you = the addressee, he/she =
    // the salient person who is not the speaker.
    for ri in 0..cx.refs.len() {
        let r = &cx.refs[ri];
        let Some(g) = toks[r.head].seg.map(|g| g as usize) else {
            continue;
        };
        if attrs[g].kind.is_none() {
            continue;
        }
        let mut root = attrs[g].merged_into.unwrap_or(g);
        // A quote carried over from an earlier one has its addressee too.
        while attrs[root].addressee.is_none()
            && let Some(h) = attrs[root].link.or(attrs[root].merged_into)
            && h < root
        {
            root = h;
        }
        let sp = speaker_person[g];
        let addressee = attrs[root].addressee.and_then(|x| resolved[x]);
        resolved[ri] = match r.kind {
            RefKind::Pronoun(Pron::First) => sp,
            RefKind::Pronoun(Pron::Second) => addressee,
            // He or she in a quote is neither its speaker nor its addressee.
            RefKind::Pronoun(_) => ranked[ri]
                .iter()
                .copied()
                .find(|&c| Some(c) != sp && Some(c) != addressee),
            _ => resolved[ri],
        };
    }

    // --- Quotes out. ---
    let mut quotes: Vec<Quote> = Vec::new();
    let mut seg_quote: Vec<Option<usize>> = vec![None; segs.len()];
    for g in 0..segs.len() {
        let Some(kind) = attrs[g].kind else { continue };
        if let Some(root) = attrs[g].merged_into
            && let Some(q) = seg_quote[root]
        {
            quotes[q].parts.push(segs[g].content);
            quotes[q].span.end = segs[g].content.end;
            seg_quote[g] = Some(q);
            continue;
        }
        seg_quote[g] = Some(quotes.len());
        let content = match attrs[g].content_from {
            Some(from) => Span::new(from, segs[g].content.end),
            None => segs[g].content,
        };
        quotes.push(Quote {
            span: content,
            parts: vec![content],
            kind,
            speaker: speaker[g].clone(),
            speaker_span: speaker_span[g],
            cue: attrs[g].cue,
        });
    }
    for rep in indirect.iter().flatten() {
        let (src, sp) = match &rep.slot {
            Some(s) => slot_source(s, &resolved),
            None => (None, None),
        };
        quotes.push(Quote {
            span: Span::new(rep.parts[0].start, rep.parts[rep.parts.len() - 1].end),
            parts: rep.parts.clone(),
            kind: Mode::Indirect,
            speaker: src,
            speaker_span: sp,
            cue: Some(rep.cue),
        });
    }
    quotes.sort_by_key(|q| (q.span.start, q.span.end));

    // --- Sentences. ---
    let mut speech = vec![SentenceSpeech::default(); sentences.len()];
    let mut best: Vec<(u8, usize)> = vec![(0, 0); sentences.len()];
    for q in &quotes {
        if q.kind == Mode::Indirect {
            continue;
        }
        for part in &q.parts {
            let first = sentences.partition_point(|s| s.span.end <= part.start);
            for (si, s) in sentences.iter().enumerate().skip(first) {
                if s.span.start >= part.end {
                    break;
                }
                let overlap = s.span.end.min(part.end) - s.span.start.max(part.start);
                let rank = if q.kind == Mode::Direct { 2 } else { 1 };
                if (rank, overlap) > best[si] {
                    best[si] = (rank, overlap);
                    speech[si] = SentenceSpeech {
                        speaker: q.speaker.clone(),
                        mode: q.kind,
                    };
                }
            }
        }
    }
    for (si, item) in indirect.iter().enumerate() {
        if best[si].0 == 0
            && let Some(rep) = item.iter().find(|r| r.speech)
        {
            speech[si] = SentenceSpeech {
                speaker: rep.slot.as_ref().and_then(|s| slot_source(s, &resolved).0),
                mode: Mode::Indirect,
            };
        }
    }
    for si in 0..sentences.len() {
        if best[si].0 == 0
            && !indirect[si].iter().any(|r| r.speech)
            && let Some(p) = stance_holder(&cx, si, &resolved)
        {
            speech[si].speaker = Some(Source::Person(p));
        }
    }

    // --- Mentions and people, renumbered by first mention. ---
    let mut raw: Vec<(Span, usize, MentionKind)> = Vec::new();
    for (ri, r) in cx.refs.iter().enumerate() {
        if let Some(p) = resolved[ri] {
            let kind = match r.kind {
                RefKind::Name => MentionKind::Name,
                RefKind::Pronoun(_) => MentionKind::Pronoun,
                _ => MentionKind::Description,
            };
            raw.push((r.span, p, kind));
        }
    }
    raw.sort_by_key(|m| (m.0.start, m.0.end));
    let mut new_id: Vec<Option<usize>> = vec![None; people.len()];
    let mut out_people: Vec<Person> = Vec::new();
    for m in &raw {
        if new_id[m.1].is_none() {
            new_id[m.1] = Some(out_people.len());
            out_people.push(Person {
                name: people[m.1].name.clone(),
                aliases: people[m.1].aliases.clone(),
            });
        }
    }
    // People only named as speakers with no mention cannot exist (every
    // person has a name mention), but keep the mapping total.
    for (p, id) in new_id.iter_mut().enumerate() {
        if id.is_none() {
            *id = Some(out_people.len());
            out_people.push(Person {
                name: people[p].name.clone(),
                aliases: people[p].aliases.clone(),
            });
        }
    }
    let remap = |s: &mut Option<Source>| {
        if let Some(Source::Person(p)) = s {
            *p = new_id[*p].unwrap();
        }
    };
    for q in &mut quotes {
        remap(&mut q.speaker);
    }
    for s in &mut speech {
        remap(&mut s.speaker);
    }
    let mentions = raw
        .into_iter()
        .map(|(span, p, kind)| Mention {
            span,
            person: new_id[p].unwrap(),
            kind,
        })
        .collect();
    Attribution {
        people: out_people,
        mentions,
        quotes,
        sentences: speech,
    }
}

/// Whether segment `b` continues segment `a` across its attribution:
/// `"A," he said, "B."`.
fn merge_follows(cx: &Ctx, a: usize, b: usize) -> bool {
    if !cx.segs[a].content.of(cx.text).ends_with(',') {
        return false;
    }
    let (Some(c), Some(o)) = (cx.seg_close[a], cx.seg_open[b]) else {
        return false;
    };
    if o <= c + 2 || o > c + 14 || cx.toks[o].para != cx.toks[c].para {
        return false;
    }
    let between = c + 1..o;
    let has_cue = between.clone().any(|k| cx.cue(k).is_some());
    let punct_ok = between.clone().filter(|&k| !cx.toks[k].word).all(|k| {
        matches!(cx.toks[k].low(), "," | ":") || (cx.toks[k].low() == "." && !cx.is_boundary(k))
    });
    has_cue && punct_ok && matches!(cx.toks[o - 1].low(), "," | ":")
}

/// The person object of a `told` cue: the quote's addressee.
fn addressee(cx: &Ctx, k: usize) -> Option<usize> {
    if !matches!(cx.toks[k].low(), "told" | "tells" | "telling" | "replied") {
        return None;
    }
    let mut n = k + 1;
    if cx.toks.get(n).is_some_and(|t| t.lower == "to") {
        n += 1;
    }
    let r = cx.ref_at.get(n)?;
    (cx.refs[r].kind == RefKind::Name).then_some(r)
}

/// The speaker of an unattributed free quote from its context: the quote it
/// continues (`Ok(segment)`), or the subject of the sentence before
/// (`Err(reference)`).
fn context_link(cx: &Ctx, attrs: &[SegAttr], g: usize) -> Option<Result<usize, usize>> {
    let o = cx.seg_open[g]?;
    let p = o.checked_sub(1)?;
    let toks = cx.toks;
    let prev_sent = toks[p].sent;
    // The last statement segment before g.
    let prev_seg = (g.saturating_sub(50)..g)
        .rev()
        .find(|&h| attrs[h].kind.is_some());
    // The last direct quote before g: a title or a partial quote inside the
    // attribution between them (`"A," Cuban said on NBC's "Meet the
    // Press." "B."`) does not end the statement.
    let prev_direct = (g.saturating_sub(50)..g)
        .rev()
        .find(|&h| attrs[h].kind == Some(Mode::Direct));
    if toks[p].para == toks[o].para {
        // The previous quote of the paragraph, with at most its attribution
        // sentence in between (`"A," said the Rev. Al Sharpton. "B."`).
        if let Some(h) = prev_direct
            && cx.segs[h].para == cx.segs[g].para
            && let Some(c) = cx.seg_close[h]
            && o > c
            && o - c <= 60
        {
            let finals = (c + 1..o)
                .filter(|&k| {
                    is_final(&toks[k])
                        && !(toks[k - 1].info.title.is_some()
                            || (toks[k - 1].word && toks[k - 1].span.len() == 1))
                })
                .count();
            if finals <= 1 {
                return Some(Ok(attrs[h].merged_into.unwrap_or(h)));
            }
        }
        if let Some(h) = prev_seg
            && let Some(ho) = cx.seg_open[h]
            && (toks[ho].sent == prev_sent
                || cx.seg_close[h].is_some_and(|c| toks[c].sent == prev_sent))
        {
            return Some(Ok(attrs[h].merged_into.unwrap_or(h)));
        }
        let (ss, _) = cx.sent_range[prev_sent as usize];
        let ss = ss.max(p.saturating_sub(WINDOW));
        let r = cx.subject_before(ss, p + 1)?;
        let first = (ss..=p).find_map(|k| cx.ref_at.at(k).filter(|&x| cx.subject_like(x)));
        // The sentence's subject, a person.
        if first == Some(r) || cx.refs[r].head <= ss + 3 {
            return matches!(
                cx.refs[r].kind,
                RefKind::Name | RefKind::Pronoun(Pron::Male | Pron::Female) | RefKind::Description
            )
            .then_some(Err(r));
        }
        return None;
    }
    // First in its paragraph: continue the previous paragraph's quote when
    // that paragraph ended in it.
    let h = prev_seg?;
    let hp = cx.segs[h].para;
    if hp + 1 != cx.segs[g].para {
        return None;
    }
    let end = cx.seg_close[h].unwrap_or(p);
    let tail_words = (end + 1..=p).filter(|&k| toks[k].word).count();
    // The paragraph ended in the quote, or in the quote's own sentence
    // (`"A," Adelson said during the interview in Macau, ...`): a quote
    // paragraph right after it, with no attribution of its own, goes on.
    (tail_words <= 6 || toks[end].sent == toks[p].sent)
        .then_some(Ok(attrs[h].merged_into.unwrap_or(h)))
}

/// One reported statement: content parts, cue and speaker.
#[derive(Clone, Debug)]
struct Reported {
    parts: Vec<Span>,
    cue: Span,
    slot: Option<Slot>,
    /// Reported speech or thought (sets the sentence's mode); `false` for a
    /// reported evaluation ("Trump criticized the plan").
    speech: bool,
}

const WH: [&str; 8] = [
    "whether", "if", "why", "how", "what", "when", "where", "who",
];

/// Reported speech in sentence `s`, outside quotations and for cues no quote
/// uses: `X said (that) ...`, `X admitted that ...`, `X asked whether ...`,
/// `..., X said.`, `..., said X.`, `..., X said in a report, ...`,
/// `according to X, ...`.
fn reported_speech(cx: &Ctx, s: usize, used: &[bool]) -> Vec<Reported> {
    let mut out = Vec::new();
    let (ss, se) = cx.sent_range[s];
    let toks = cx.toks;
    let mut end = se;
    while end > ss && !toks[end - 1].word {
        end -= 1;
    }
    if end <= ss + 1 {
        return out;
    }
    let span = |a: usize, b: usize| -> Option<Span> {
        let mut b = b;
        while b > a && !toks[b - 1].word {
            b -= 1;
        }
        (a < b).then(|| Span::new(toks[a].span.start, toks[b - 1].span.end))
    };
    let outside = |k: usize| toks[k].seg.is_none() && !toks[k].mark;
    // "Sanders: Endorsements prove ...", "CLINTON: I just believe ...": a
    // name (or a short capitalized source) and a colon open the sentence.
    if let Some(c) = (ss + 1..end.min(ss + 6)).find(|&j| toks[j].low() == ":")
        && (ss..c).all(|j| toks[j].word && toks[j].cap && outside(j))
        && let Some(content) = span(c + 1, end)
    {
        let slot = match cx.ref_at.at(ss) {
            Some(r) if cx.refs[r].last + 1 == c => Slot::Ref(r),
            _ => Slot::Other(Span::new(toks[ss].span.start, toks[c - 1].span.end)),
        };
        out.push(Reported {
            parts: vec![content],
            cue: toks[c].span,
            slot: Some(slot),
            speech: true,
        });
    }
    let (ss0, end0) = (ss, end);
    for k in ss0..end0 {
        let t = &toks[k];
        // Only a cue word, "according" or "asked" starts reported speech
        // (punctuation and quotation marks never do).
        if !t.word
            || t.seg.is_some()
            || used[k]
            || (t.info.cue.is_none() && t.lower != "according" && t.lower != "asked")
        {
            continue;
        }
        // Look at most WINDOW tokens around the cue.
        let ss = ss0.max(k.saturating_sub(WINDOW));
        let end = end0.min(k + WINDOW);
        if cx.according_to(k) {
            let slot = cx.slot_after(k + 1);
            let cue = Span::new(toks[k].span.start, toks[k + 1].span.end);
            let comma = (k + 2..end).find(|&j| toks[j].lower == ",");
            let parts: Vec<Span> = if k <= ss + 1 {
                comma.and_then(|c| span(c + 1, end)).into_iter().collect()
            } else {
                let mut v: Vec<Span> = span(ss, k).into_iter().collect();
                v.extend(comma.and_then(|c| span(c + 1, end)));
                v
            };
            if !parts.is_empty() {
                out.push(Reported {
                    parts,
                    cue,
                    slot,
                    speech: true,
                });
            }
            continue;
        }
        // "Asked about the plan, Trump said ...": a question put to someone.
        if k == ss && toks[k].low() == "asked" && toks[k].cap {
            let stop = (k + 1..end).find(|&j| toks[j].low() == ",").unwrap_or(end);
            if let Some(c) = span(k + 1, stop) {
                out.push(Reported {
                    parts: vec![c],
                    cue: toks[k].span,
                    slot: None,
                    speech: false,
                });
            }
            continue;
        }
        let class = match cx.cue(k) {
            Some(c @ (CueClass::Speech | CueClass::Cognition | CueClass::Stance)) => c,
            // Evidence verbs report content the way verbs of saying do.
            Some(CueClass::Evidence) => CueClass::Speech,
            _ => continue,
        };
        let cue = toks[k].span;
        // Words after the verb before a comma: few in "X said in a report,",
        // "..., said Douglas Brinkley"; many in "..., Bone said the sweater
        // was a backup plan."
        let tail = (k + 1..end)
            .take_while(|&j| toks[j].low() != ",")
            .filter(|&j| toks[j].word)
            .count();
        // Inverted after the content: "CONTENT, said X."
        if k > ss + 2 && toks[k - 1].low() == "," && class == CueClass::Speech && tail <= 6 {
            if let Some(slot) = cx.slot_after(k)
                && let Some(c) = span(ss, k - 1)
            {
                out.push(Reported {
                    parts: vec![c],
                    cue,
                    slot: Some(slot),
                    speech: true,
                });
            }
            continue;
        }
        // "..., noting that ...": the participle's subject is the clause's.
        let participle = toks[k].low().ends_with("ing") && toks[k - 1].low() == ",";
        let subject = if participle {
            (ss..k).find_map(|i| {
                cx.ref_at
                    .at(i)
                    .filter(|&r| cx.refs[r].last < k && cx.is_person_ref(r) && cx.subject_like(r))
            })
        } else {
            None
        };
        let subject = subject
            .or_else(|| cx.speaker_before(ss, k))
            .filter(|&r| {
                let last = cx.refs[r].last;
                // Near the verb, or separated from it by an appositive
                // ("Trump, speaking to a veterans group, said").
                k - last <= 15 || (toks[last + 1].low() == "," && toks[k - 1].low() == ",")
            })
            .map(|r| (Slot::Ref(r), cx.refs[r].head, cx.refs[r].last));
        // "A Reuters poll showed": an organisation's name inside a longer
        // noun phrase; the phrase is the source.
        let embedded_org = subject.as_ref().is_some_and(|(_, _, last)| {
            !cx.ref_at.at(*last).is_some_and(|r| cx.is_person_ref(r))
                && !(last + 1..k).all(|j| AUX.contains(&toks[j].low()))
        });
        let np = || {
            cx.np_before(ss, k).map(|slot| {
                let head = match &slot {
                    Slot::Ref(r) => cx.refs[*r].head,
                    Slot::Other(sp) => cx.tok_at(sp.start).unwrap_or(k),
                };
                (slot, head, k - 1)
            })
        };
        let subject = if embedded_org {
            np().or(subject)
        } else {
            subject
        };
        let subject = subject.or_else(|| {
            cx.np_before(ss, k).map(|slot| {
                let head = match &slot {
                    Slot::Ref(r) => cx.refs[*r].head,
                    Slot::Other(sp) => cx.tok_at(sp.start).unwrap_or(k),
                };
                (slot, head, k - 1)
            })
        });
        let Some((slot, head, last)) = subject else {
            continue;
        };
        if class == CueClass::Stance {
            // The evaluated object, to the clause's end.
            let stop = (k + 1..end).find(|&j| toks[j].lower == ",").unwrap_or(end);
            if let Some(c) = span(k + 1, stop) {
                out.push(Reported {
                    parts: vec![c],
                    cue,
                    slot: Some(slot),
                    speech: false,
                });
            }
            continue;
        }
        // After or inside the content: "CONTENT, X said(, CONTENT)."
        // ... and nothing or an adverbial after the verb ("he said Ryan." has
        // its content after it).
        let adverbial = tail == 0
            || toks.get(k + 1).is_some_and(|t| {
                PREPOSITIONS.contains(&t.low())
                    || matches!(
                        t.low(),
                        "last"
                            | "this"
                            | "earlier"
                            | "later"
                            | "recently"
                            | "then"
                            | "today"
                            | "yesterday"
                    )
                    || (t.cap && lex_weekday(t.low()))
            });
        if head > ss + 1 && toks[head - 1].lower == "," && k - last <= 3 && tail <= 5 && adverbial {
            let mut parts: Vec<Span> = span(ss, head - 1).into_iter().collect();
            if let Some(c) = (k + 1..end).find(|&j| toks[j].lower == ",")
                && let Some(p) = span(c + 1, end)
            {
                parts.push(p);
            }
            if !parts.is_empty() {
                out.push(Reported {
                    parts,
                    cue,
                    slot: Some(slot),
                    speech: true,
                });
            }
            continue;
        }
        // Before the content: "X said (that) CONTENT".
        let mut m = k + 1;
        if matches!(
            toks[k].low(),
            "told"
                | "tells"
                | "telling"
                | "tell"
                | "warned"
                | "assured"
                | "reminded"
                | "asked"
                | "urged"
        ) {
            if let Some(r) = cx.ref_at.get(m) {
                m = cx.refs[r].last + 1;
            } else {
                // "told reporters he ...": a short object.
                let mut j = m;
                while j < end
                    && j < m + 3
                    && toks[j].word
                    && !SUBJECT_PRONOUNS.contains(&toks[j].low())
                    && toks[j].lower != "that"
                {
                    j += 1;
                }
                if j < end && (toks[j].lower == "that" || SUBJECT_PRONOUNS.contains(&toks[j].low()))
                {
                    m = j;
                }
            }
        }
        if m >= end {
            continue;
        }
        let w = toks[m].low();
        let that = (m..end.min(m + 11))
            .take_while(|&j| (toks[j].word || toks[j].lower == ",") && outside(j))
            .find(|&j| toks[j].lower == "that")
            .map(|j| j + 1);
        let start = if w == "that" || (w == ":" && class == CueClass::Speech) {
            Some(m + 1)
        } else if SUBJECT_PRONOUNS.contains(&w)
            || WH.contains(&w)
            || (class == CueClass::Cognition && w == "to")
        {
            Some(m)
        } else if let Some(t) = that {
            Some(t)
        } else if (class == CueClass::Speech
            || (class == CueClass::Cognition && (cx.ref_at.at(m).is_some() || is_det(w))))
            // "took to Twitter to clarify some points": an infinitive with
            // a plain object names a purpose, not a report.
            && !(k > ss && toks[k - 1].low() == "to")
            && toks[m].word
            && outside(m)
            && !PREPOSITIONS.contains(&w)
        {
            // "said just because ...", "said officers will ...", "think
            // Obama advanced this agenda".
            Some(m)
        } else {
            None
        };
        if let Some(a) = start
            && let Some(c) = span(a, end)
        {
            out.push(Reported {
                parts: vec![c],
                cue,
                slot: Some(slot),
                speech: true,
            });
        }
    }
    // One statement per content ("explained in his tweets that ..."): keep
    // the first of each, in order.
    let mut kept = 0;
    for i in 0..out.len() {
        if !out[..kept].iter().any(|r| r.parts == out[i].parts) {
            out.swap(kept, i);
            kept += 1;
        }
    }
    out.truncate(kept);
    out
}

/// The holder of a narration sentence whose person subject takes a stance
/// toward another person (`Legend could not support West's bid`).
fn stance_holder(cx: &Ctx, s: usize, resolved: &[Option<usize>]) -> Option<usize> {
    let (ss, se) = cx.sent_range[s];
    let subj_ref = (ss..se).find_map(|k| cx.ref_at.at(k).filter(|&r| cx.subject_like(r)))?;
    let subj = resolved[subj_ref]?;
    if !matches!(
        cx.refs[subj_ref].kind,
        RefKind::Name | RefKind::Pronoun(Pron::Male | Pron::Female) | RefKind::Description
    ) {
        return None;
    }
    let verb = (cx.refs[subj_ref].last + 1..se).find(|&k| cx.cue(k) == Some(CueClass::Stance))?;
    let other = (verb + 1..se).any(|k| {
        cx.ref_at.at(k).is_some_and(|r| {
            matches!(cx.refs[r].kind, RefKind::Name | RefKind::Description)
                && resolved[r].is_some_and(|p| p != subj)
        })
    });
    other.then_some(subj)
}
