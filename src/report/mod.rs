//! Reports: how speakers talk, compared across many documents.
//!
//! A report is computed from the rows of two tables, `sentences` and
//! `stances` (see `INTERFACE.md`), whether they come from articles annotated
//! on the fly or from tables `annotate` wrote earlier: both paths feed the
//! same [`Aggregator`], so the report's numbers are, by construction, the
//! numbers anyone gets from those tables.
//!
//! Definitions (the README repeats them for users):
//!
//! - A **statement** is a sentence with a speaker: a `sentences` row whose
//!   `speaker` is not empty, whatever its `mode` (`direct`, `partial`,
//!   `indirect`, or `narration` that the attribution stage still gave a
//!   speaker). Narration without a speaker is the article's own voice and is
//!   no one's statement.
//! - A speaker's **tone** is the mean `compound` of their statements with a
//!   95% Student t interval ([`stats`]); one statement gives no interval.
//! - **Positive / negative / neutral** shares use VADER's usual thresholds:
//!   compound >= 0.05 positive, <= -0.05 negative, neutral in between.
//! - **Stances** are counted from `stances` rows: per holder and target, the
//!   favor / against / neutral counts and the **net stance**
//!   `(favor − against) / (favor + against + neutral)`, in [-1, 1]. An empty
//!   holder is the article's own voice.
//! - **Tone over time**: statements grouped by their document's date (one
//!   point per day), for all speakers together and for each shown speaker.
//! - **People are merged across documents by canonical name** (white space
//!   collapsed), after mapping names through [`Aliases`].
//! - `min_statements` hides speakers with fewer statements (and their
//!   timeline points), and holders with fewer stance rows, from every view;
//!   the totals still count everything.
//!
//! A report depends only on the rows, not on their order: views are sorted
//! (speakers by statements, then name; dates ascending; no hash-map order
//! anywhere) and sums are exact integers ([`stats::Moments`]), so the same
//! rows in any order give a byte-identical report (a property test checks).
//!
//! ```
//! use newstance::output::SentenceRow;
//! use newstance::report::{Aggregator, Aliases, ReportOptions};
//! let row = |doc: &str, speaker: Option<&str>, compound: f64| SentenceRow {
//!     doc_id: doc.into(), date: None, sentence: 1, paragraph: 1, start: 0, end: 1,
//!     speaker: speaker.map(String::from), mode: "direct".into(),
//!     neg: 0.0, neu: 1.0, pos: 0.0, compound, targets: String::new(), text: "x".into(),
//! };
//! let mut agg = Aggregator::new(Aliases::new());
//! agg.add_sentence(&row("a", Some("Ye"), 0.5));
//! agg.add_sentence(&row("b", Some("Ye"), 0.3));
//! agg.add_sentence(&row("b", None, -0.9));
//! let report = agg.report(&ReportOptions::default());
//! assert_eq!(report.speakers[0].speaker, "Ye");
//! assert_eq!(report.speakers[0].statements, 2);
//! assert_eq!(report.speakers[0].mean_compound, 0.4);
//! ```

mod aliases;
mod html;
pub mod input;
mod markdown;
pub mod stats;
mod tables;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::output::{SentenceRow, StanceRow, collapse_ws};
use stats::{Moments, Tone, round4};

pub use aliases::Aliases;
pub use html::write_html;
pub use markdown::write_markdown;
pub use stats::t_quantile_975;
pub use tables::{View, write_csv};

/// Compound at or above this is a positive statement (VADER's convention).
pub const POSITIVE: f64 = 0.05;
/// Compound at or below this is a negative statement (VADER's convention).
pub const NEGATIVE: f64 = -0.05;

/// What a report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportOptions {
    /// Hide speakers with fewer statements, and holders with fewer stance
    /// rows (at least 1).
    pub min_statements: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { min_statements: 1 }
    }
}

/// One speaker across all documents (a row of the `speakers` view).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerSummary {
    /// Canonical name.
    pub speaker: String,
    /// Documents with at least one of their statements.
    pub documents: usize,
    /// Statements (sentences they speak).
    pub statements: usize,
    /// Of which inside quotation marks.
    pub direct: usize,
    /// Of which short quoted phrases.
    pub partial: usize,
    /// Of which reported speech.
    pub indirect: usize,
    /// Of which narration attributed to them.
    pub narration: usize,
    /// Mean compound, 4 decimals.
    pub mean_compound: f64,
    /// Lower bound of the 95% interval (none for one statement).
    pub ci_low: Option<f64>,
    /// Upper bound of the 95% interval.
    pub ci_high: Option<f64>,
    /// Share of statements with compound >= 0.05, 4 decimals.
    pub positive: f64,
    /// Share with compound <= -0.05.
    pub negative: f64,
    /// Share in between.
    pub neutral: f64,
}

/// Stances of one holder toward one target (a cell of the stance matrix).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StanceCell {
    /// Canonical holder; `None` is the article's own voice.
    pub holder: Option<String>,
    /// Canonical target.
    pub target: String,
    /// `favor` rows.
    pub favor: usize,
    /// `against` rows.
    pub against: usize,
    /// `neutral` rows.
    pub neutral: usize,
    /// All rows.
    pub total: usize,
    /// `(favor − against) / total`, 4 decimals.
    pub net: f64,
}

/// Tone of one day (a row of the `timeline` view).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TonePoint {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The speaker; `None` is all speakers together.
    pub speaker: Option<String>,
    /// Documents of that day with statements (by that speaker).
    pub documents: usize,
    /// Statements.
    pub statements: usize,
    /// Mean compound, 4 decimals.
    pub mean_compound: f64,
    /// Lower bound of the 95% interval.
    pub ci_low: Option<f64>,
    /// Upper bound of the 95% interval.
    pub ci_high: Option<f64>,
}

/// Totals over everything read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Distinct documents with sentences.
    pub documents: usize,
    /// Sentences.
    pub sentences: usize,
    /// Statements (sentences with a speaker).
    pub statements: usize,
    /// Distinct speakers.
    pub speakers: usize,
    /// Stance rows.
    pub stances: usize,
    /// Documents with a date.
    pub dated_documents: usize,
}

/// A computed report: every view, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Totals over all rows (before `min_statements`).
    pub totals: Totals,
    /// Speakers, by statements (descending), then name.
    pub speakers: Vec<SpeakerSummary>,
    /// Holder-by-target stances: holders by their stance rows (descending)
    /// then name, the article's voice last; targets likewise within a holder.
    pub stances: Vec<StanceCell>,
    /// Tone per day: all speakers first, then each shown speaker by name.
    pub timeline: Vec<TonePoint>,
    /// The options it was computed with.
    pub options: ReportOptions,
}

impl Report {
    /// The stance cells whose holder is `speaker` (a scan of all cells).
    pub fn stances_of<'a>(&'a self, speaker: &'a str) -> impl Iterator<Item = &'a StanceCell> {
        self.stances
            .iter()
            .filter(move |c| c.holder.as_deref() == Some(speaker))
    }
}

#[derive(Default)]
struct SpeakerAcc {
    docs: BTreeSet<String>,
    modes: [usize; 4],
    tone: Moments,
    positive: usize,
    negative: usize,
}

#[derive(Default)]
struct DayAcc {
    docs: BTreeSet<String>,
    tone: Moments,
}

/// Accumulates `sentences` and `stances` rows; [`Aggregator::report`]
/// computes the views. Rows may come in any order and from any number of
/// documents.
#[derive(Default)]
pub struct Aggregator {
    aliases: Aliases,
    documents: BTreeSet<String>,
    dated: BTreeSet<String>,
    sentences: usize,
    statements: usize,
    stance_rows: usize,
    speakers: BTreeMap<String, SpeakerAcc>,
    /// (holder, target) -> [favor, against, neutral]; holder "" is the
    /// article's voice (no name is empty after normalising).
    pairs: BTreeMap<(String, String), [usize; 3]>,
    /// (date, speaker) -> tone; speaker "" is everyone.
    days: BTreeMap<(String, String), DayAcc>,
}

/// The index of a mode in the per-speaker counts, `None` if unknown.
fn mode_index(mode: &str) -> Option<usize> {
    match mode {
        "direct" => Some(0),
        "partial" => Some(1),
        "indirect" => Some(2),
        "narration" => Some(3),
        _ => None,
    }
}

/// The index of a stance label, `None` if unknown.
fn label_index(label: &str) -> Option<usize> {
    match label {
        "favor" => Some(0),
        "against" => Some(1),
        "neutral" => Some(2),
        _ => None,
    }
}

/// Whether a `sentences` row is valid for the report: returns what is wrong.
pub fn check_sentence(row: &SentenceRow) -> Option<String> {
    if mode_index(&row.mode).is_none() {
        return Some(format!(
            "unknown mode `{}` (narration, direct, partial, indirect)",
            row.mode
        ));
    }
    if !row.compound.is_finite() || !(-1.0..=1.0).contains(&row.compound) {
        return Some(format!("compound {} is not in [-1, 1]", row.compound));
    }
    None
}

/// Whether a `stances` row is valid for the report: returns what is wrong.
pub fn check_stance(row: &StanceRow) -> Option<String> {
    if label_index(&row.stance).is_none() {
        return Some(format!(
            "unknown stance `{}` (favor, against, neutral)",
            row.stance
        ));
    }
    if collapse_ws(&row.target).is_empty() {
        return Some("empty target".to_string());
    }
    None
}

impl Aggregator {
    /// An empty aggregator that merges names through `aliases`.
    pub fn new(aliases: Aliases) -> Aggregator {
        Aggregator {
            aliases,
            ..Aggregator::default()
        }
    }

    /// The canonical form of a name cell: white space collapsed, aliases
    /// applied; `None` for an empty cell.
    fn name(&self, cell: Option<&str>) -> Option<String> {
        let n = collapse_ws(cell?);
        if n.is_empty() {
            return None;
        }
        Some(self.aliases.canonical(&n).to_string())
    }

    /// Adds one `sentences` row. Rows [`check_sentence`] rejects are the
    /// caller's to report; here an unknown mode counts as narration.
    pub fn add_sentence(&mut self, row: &SentenceRow) {
        if !self.documents.contains(&row.doc_id) {
            self.documents.insert(row.doc_id.clone());
        }
        if row.date.as_deref().is_some_and(|d| !d.is_empty()) && !self.dated.contains(&row.doc_id) {
            self.dated.insert(row.doc_id.clone());
        }
        self.sentences += 1;
        let Some(speaker) = self.name(row.speaker.as_deref()) else {
            return;
        };
        self.statements += 1;
        let c = row.compound;
        let acc = self.speakers.entry(speaker.clone()).or_default();
        if !acc.docs.contains(&row.doc_id) {
            acc.docs.insert(row.doc_id.clone());
        }
        acc.modes[mode_index(&row.mode).unwrap_or(3)] += 1;
        acc.tone.push(c);
        if c >= POSITIVE {
            acc.positive += 1;
        } else if c <= NEGATIVE {
            acc.negative += 1;
        }
        if let Some(date) = row.date.as_deref().filter(|d| !d.is_empty()) {
            for who in [String::new(), speaker] {
                let day = self.days.entry((date.to_string(), who)).or_default();
                if !day.docs.contains(&row.doc_id) {
                    day.docs.insert(row.doc_id.clone());
                }
                day.tone.push(c);
            }
        }
    }

    /// Adds many `sentences` rows.
    pub fn add_sentences(&mut self, rows: &[SentenceRow]) {
        rows.iter().for_each(|r| self.add_sentence(r));
    }

    /// Adds one `stances` row (an unknown label or empty target is skipped;
    /// see [`check_stance`]).
    pub fn add_stance(&mut self, row: &StanceRow) {
        let (Some(i), Some(target)) = (label_index(&row.stance), self.name(Some(&row.target)))
        else {
            return;
        };
        let holder = self.name(row.holder.as_deref()).unwrap_or_default();
        self.stance_rows += 1;
        self.pairs.entry((holder, target)).or_default()[i] += 1;
    }

    /// Adds many `stances` rows.
    pub fn add_stances(&mut self, rows: &[StanceRow]) {
        rows.iter().for_each(|r| self.add_stance(r));
    }

    /// Computes every view.
    pub fn report(&self, opts: &ReportOptions) -> Report {
        let min = opts.min_statements.max(1);
        let mut speakers: Vec<SpeakerSummary> = self
            .speakers
            .iter()
            .filter(|(_, a)| a.tone.count() >= min)
            .map(|(name, a)| {
                let n = a.tone.count();
                let tone = a.tone.tone().expect("a speaker has a statement");
                let share = |k: usize| round4(k as f64 / n as f64);
                SpeakerSummary {
                    speaker: name.clone(),
                    documents: a.docs.len(),
                    statements: n,
                    direct: a.modes[0],
                    partial: a.modes[1],
                    indirect: a.modes[2],
                    narration: a.modes[3],
                    mean_compound: round4(tone.mean),
                    ci_low: tone.ci.map(|c| round4(c.0)),
                    ci_high: tone.ci.map(|c| round4(c.1)),
                    positive: share(a.positive),
                    negative: share(a.negative),
                    neutral: share(n - a.positive - a.negative),
                }
            })
            .collect();
        speakers.sort_by(|a, b| {
            b.statements
                .cmp(&a.statements)
                .then_with(|| a.speaker.cmp(&b.speaker))
        });

        // Holders ordered by their stance rows, the article's voice last.
        let mut per_holder: BTreeMap<&str, usize> = BTreeMap::new();
        for ((h, _), c) in &self.pairs {
            *per_holder.entry(h.as_str()).or_default() += c.iter().sum::<usize>();
        }
        let mut holders: Vec<(&str, usize)> =
            per_holder.into_iter().filter(|(_, n)| *n >= min).collect();
        holders.sort_by(|a, b| {
            a.0.is_empty()
                .cmp(&b.0.is_empty())
                .then_with(|| b.1.cmp(&a.1))
                .then_with(|| a.0.cmp(b.0))
        });
        let mut stances = Vec::new();
        for (holder, _) in holders {
            let mut cells: Vec<StanceCell> = self
                .pairs
                .range((holder.to_string(), String::new())..)
                .take_while(|((h, _), _)| h == holder)
                .map(|((_, target), c)| {
                    let total = c.iter().sum::<usize>();
                    StanceCell {
                        holder: (!holder.is_empty()).then(|| holder.to_string()),
                        target: target.clone(),
                        favor: c[0],
                        against: c[1],
                        neutral: c[2],
                        total,
                        net: round4((c[0] as f64 - c[1] as f64) / total as f64),
                    }
                })
                .collect();
            cells.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.target.cmp(&b.target)));
            stances.extend(cells);
        }

        let shown: BTreeSet<&str> = speakers.iter().map(|s| s.speaker.as_str()).collect();
        let mut timeline: Vec<TonePoint> = self
            .days
            .iter()
            .filter(|((_, who), _)| who.is_empty() || shown.contains(who.as_str()))
            .map(|((date, who), day)| {
                let tone: Tone = day.tone.tone().expect("a day has a statement");
                TonePoint {
                    date: date.clone(),
                    speaker: (!who.is_empty()).then(|| who.clone()),
                    documents: day.docs.len(),
                    statements: day.tone.count(),
                    mean_compound: round4(tone.mean),
                    ci_low: tone.ci.map(|c| round4(c.0)),
                    ci_high: tone.ci.map(|c| round4(c.1)),
                }
            })
            .collect();
        // All speakers first, then by speaker name, each by date.
        timeline.sort_by(|a, b| a.speaker.cmp(&b.speaker).then_with(|| a.date.cmp(&b.date)));

        Report {
            totals: Totals {
                documents: self.documents.len(),
                sentences: self.sentences,
                statements: self.statements,
                speakers: self.speakers.len(),
                stances: self.stance_rows,
                dated_documents: self.dated.len(),
            },
            speakers,
            stances,
            timeline,
            options: *opts,
        }
    }
}

/// Formats a 4-decimal number for people: `+0.4000`, `−0.1234` (a real
/// minus sign), `0.0000`.
pub(crate) fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.4}")
    } else if x < 0.0 {
        format!("\u{2212}{:.4}", -x)
    } else {
        "0.0000".to_string()
    }
}

/// The name shown for a holder.
pub(crate) fn holder_label(holder: Option<&str>) -> &str {
    holder.unwrap_or("(article)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(
        doc: &str,
        date: Option<&str>,
        speaker: Option<&str>,
        mode: &str,
        c: f64,
    ) -> SentenceRow {
        SentenceRow {
            doc_id: doc.into(),
            date: date.map(String::from),
            sentence: 1,
            paragraph: 1,
            start: 0,
            end: 1,
            speaker: speaker.map(String::from),
            mode: mode.into(),
            neg: 0.0,
            neu: 1.0,
            pos: 0.0,
            compound: c,
            targets: String::new(),
            text: "x".into(),
        }
    }

    fn stance(doc: &str, holder: Option<&str>, target: &str, label: &str) -> StanceRow {
        StanceRow {
            doc_id: doc.into(),
            sentence: 1,
            holder: holder.map(String::from),
            target: target.into(),
            stance: label.into(),
            confidence: 0.5,
            target_start: 0,
            target_end: 1,
            evidence: String::new(),
        }
    }

    #[test]
    fn speakers_merge_across_documents_and_aliases() {
        let aliases = Aliases::parse("Ye\tKanye West\n", "a.tsv").unwrap();
        let mut agg = Aggregator::new(aliases);
        agg.add_sentence(&sent("a", None, Some("Kanye West"), "direct", 0.5));
        agg.add_sentence(&sent("b", None, Some("Ye"), "indirect", -0.5));
        agg.add_sentence(&sent("b", None, Some("Ye"), "partial", 0.0));
        agg.add_sentence(&sent("b", None, Some("  "), "direct", 0.9));
        agg.add_sentence(&sent("b", None, None, "narration", 0.9));
        let r = agg.report(&ReportOptions::default());
        assert_eq!(r.speakers.len(), 1);
        let s = &r.speakers[0];
        assert_eq!(s.speaker, "Kanye West");
        assert_eq!((s.documents, s.statements), (2, 3));
        assert_eq!((s.direct, s.partial, s.indirect, s.narration), (1, 1, 1, 0));
        assert_eq!(s.mean_compound, 0.0);
        assert_eq!(
            (s.positive, s.negative, s.neutral),
            (0.3333, 0.3333, 0.3333)
        );
        // sd = 0.5, t(2) = 4.302653: half = 1.242. Clipped to [-1, 1].
        assert_eq!((s.ci_low, s.ci_high), (Some(-1.0), Some(1.0)));
        assert_eq!(r.totals.sentences, 5);
        assert_eq!(r.totals.statements, 3);
        assert_eq!(r.totals.documents, 2);
    }

    #[test]
    fn thresholds_are_inclusive() {
        let mut agg = Aggregator::default();
        for c in [0.05, -0.05, 0.0499, -0.0499] {
            agg.add_sentence(&sent("a", None, Some("A"), "direct", c));
        }
        let s = &agg.report(&ReportOptions::default()).speakers[0];
        assert_eq!((s.positive, s.negative, s.neutral), (0.25, 0.25, 0.5));
    }

    #[test]
    fn stance_matrix_counts_and_net() {
        let mut agg = Aggregator::default();
        agg.add_stance(&stance("a", Some("A"), "B", "favor"));
        agg.add_stance(&stance("a", Some("A"), "B", "against"));
        agg.add_stance(&stance("b", Some("A"), "B", "against"));
        agg.add_stance(&stance("b", Some("A"), "C", "neutral"));
        agg.add_stance(&stance("b", None, "A", "favor"));
        agg.add_stance(&stance("b", Some("Z"), "A", "favor"));
        agg.add_stance(&stance("b", Some("Z"), "A", "bogus"));
        let r = agg.report(&ReportOptions::default());
        assert_eq!(r.totals.stances, 6);
        type Cell<'a> = (Option<&'a str>, &'a str, usize, usize, usize, f64);
        let cells: Vec<Cell> = r
            .stances
            .iter()
            .map(|c| {
                (
                    c.holder.as_deref(),
                    c.target.as_str(),
                    c.favor,
                    c.against,
                    c.neutral,
                    c.net,
                )
            })
            .collect();
        assert_eq!(
            cells,
            vec![
                (Some("A"), "B", 1, 2, 0, -0.3333),
                (Some("A"), "C", 0, 0, 1, 0.0),
                (Some("Z"), "A", 1, 0, 0, 1.0),
                (None, "A", 1, 0, 0, 1.0),
            ]
        );
        let r2 = agg.report(&ReportOptions { min_statements: 2 });
        assert_eq!(r2.stances.len(), 2, "holders with one stance row hidden");
        assert_eq!(r.stances_of("A").count(), 2);
    }

    #[test]
    fn timeline_by_day_for_everyone_and_each_shown_speaker() {
        let mut agg = Aggregator::default();
        agg.add_sentence(&sent("a", Some("2020-01-02"), Some("A"), "direct", 0.2));
        agg.add_sentence(&sent("b", Some("2020-01-01"), Some("B"), "direct", 0.4));
        agg.add_sentence(&sent("b", Some("2020-01-01"), Some("B"), "direct", 0.6));
        agg.add_sentence(&sent("c", Some("2020-01-01"), Some("A"), "direct", -0.2));
        agg.add_sentence(&sent("d", None, Some("A"), "direct", -0.2));
        agg.add_sentence(&sent("d", Some("2020-01-03"), None, "narration", -0.2));
        let r = agg.report(&ReportOptions::default());
        let pts: Vec<(&str, Option<&str>, usize, usize, f64)> = r
            .timeline
            .iter()
            .map(|p| {
                (
                    p.date.as_str(),
                    p.speaker.as_deref(),
                    p.documents,
                    p.statements,
                    p.mean_compound,
                )
            })
            .collect();
        assert_eq!(
            pts,
            vec![
                ("2020-01-01", None, 2, 3, 0.2667),
                ("2020-01-02", None, 1, 1, 0.2),
                ("2020-01-01", Some("A"), 1, 1, -0.2),
                ("2020-01-02", Some("A"), 1, 1, 0.2),
                ("2020-01-01", Some("B"), 1, 2, 0.5),
            ]
        );
        // d is dated by its narration row, though its statement is not.
        assert_eq!(r.totals.dated_documents, 4);
        let r2 = agg.report(&ReportOptions { min_statements: 3 });
        assert_eq!(r2.speakers.len(), 1);
        assert!(
            r2.timeline
                .iter()
                .all(|p| p.speaker.as_deref() != Some("B"))
        );
    }

    #[test]
    fn order_of_rows_does_not_change_the_report() {
        let rows = vec![
            sent("a", Some("2020-01-01"), Some("A"), "direct", 0.2),
            sent("b", Some("2020-01-02"), Some("B"), "partial", -0.4),
            sent("c", None, Some("A"), "indirect", 0.7),
            sent("c", None, Some("B"), "direct", 0.1),
        ];
        let mut fwd = Aggregator::default();
        fwd.add_sentences(&rows);
        let mut rev = Aggregator::default();
        rows.iter().rev().for_each(|r| rev.add_sentence(r));
        let (a, b) = (
            fwd.report(&ReportOptions::default()),
            rev.report(&ReportOptions::default()),
        );
        assert_eq!(a, b);
    }

    #[test]
    fn checks_reject_unknown_labels() {
        assert!(check_sentence(&sent("a", None, None, "shouted", 0.0)).is_some());
        assert!(check_sentence(&sent("a", None, None, "direct", 1.5)).is_some());
        assert!(check_sentence(&sent("a", None, None, "direct", 0.5)).is_none());
        assert!(check_stance(&stance("a", None, "B", "pro")).is_some());
        assert!(check_stance(&stance("a", None, " ", "favor")).is_some());
        assert!(check_stance(&stance("a", None, "B", "favor")).is_none());
    }

    #[test]
    fn signed_numbers() {
        assert_eq!(signed(0.4), "+0.4000");
        assert_eq!(signed(-0.12346), "\u{2212}0.1235");
        assert_eq!(signed(0.0), "0.0000");
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn rows() -> impl Strategy<Value = Vec<(u8, u8, Option<u8>, u8, i16)>> {
            // (document, day, speaker, mode, compound in 1/1000)
            prop::collection::vec(
                (
                    0u8..6,
                    0u8..4,
                    prop::option::of(0u8..5),
                    0u8..4,
                    -1000i16..=1000,
                ),
                0..60,
            )
        }

        proptest! {
            #[test]
            fn invariants_hold(rows in rows(), seed in 0usize..1000) {
                let modes = ["direct", "partial", "indirect", "narration"];
                let made: Vec<SentenceRow> = rows
                    .iter()
                    .map(|&(d, day, sp, m, c)| {
                        let date = format!("2021-01-0{}", day + 1);
                        let speaker = sp.map(|s| format!("P{s}"));
                        let mut r = sent(&format!("d{d}"), Some(&date), None, modes[m as usize], c as f64 / 1000.0);
                        r.speaker = speaker;
                        r
                    })
                    .collect();
                let mut agg = Aggregator::default();
                agg.add_sentences(&made);
                let r = agg.report(&ReportOptions::default());
                let said: usize = r.speakers.iter().map(|s| s.statements).sum();
                prop_assert_eq!(said, r.totals.statements);
                prop_assert_eq!(r.totals.sentences, made.len());
                for s in &r.speakers {
                    prop_assert_eq!(s.direct + s.partial + s.indirect + s.narration, s.statements);
                    prop_assert!((s.positive + s.negative + s.neutral - 1.0).abs() < 2e-4);
                    prop_assert!((-1.0..=1.0).contains(&s.mean_compound));
                    if let (Some(lo), Some(hi)) = (s.ci_low, s.ci_high) {
                        prop_assert!(lo <= s.mean_compound && s.mean_compound <= hi);
                        prop_assert!(lo >= -1.0 && hi <= 1.0);
                    } else {
                        prop_assert_eq!(s.statements, 1);
                    }
                }
                // Any order of the rows gives the same report.
                let mut shuffled = made.clone();
                let n = shuffled.len();
                if n > 1 {
                    for i in 0..n {
                        shuffled.swap(i, (i * 7 + seed) % n);
                    }
                }
                let mut again = Aggregator::default();
                again.add_sentences(&shuffled);
                prop_assert_eq!(again.report(&ReportOptions::default()), r);
            }
        }
    }
}
