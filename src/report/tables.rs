//! The report as CSV: one tidy table per view (one row per observation,
//! one column per variable), for spreadsheets, R and pandas.
//!
//! - `speakers`: `speaker, documents, statements, direct, partial,
//!   indirect, narration, mean_compound, ci_low, ci_high, positive,
//!   negative, neutral` (shares are fractions, 4 decimals).
//! - `matrix`: `holder, target, favor, against, neutral, total, net`
//!   (empty holder: the article's own voice, as in the `stances` table).
//! - `timeline`: `date, speaker, documents, statements, mean_compound,
//!   ci_low, ci_high` (empty speaker: all speakers together).
//!
//! A missing interval (one statement) is an empty cell.

use std::io::Write;

use super::Report;

/// The views of a report, one CSV table each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// One row per speaker.
    Speakers,
    /// One row per holder and target.
    Matrix,
    /// One row per day and speaker (and day for all speakers).
    Timeline,
}

impl View {
    /// Every view, in the order `--out-dir` writes them.
    pub const ALL: [View; 3] = [View::Speakers, View::Matrix, View::Timeline];

    /// The view's name (and file stem under `--out-dir`).
    pub fn name(self) -> &'static str {
        match self {
            View::Speakers => "speakers",
            View::Matrix => "matrix",
            View::Timeline => "timeline",
        }
    }

    /// The column names, in order (written even when there are no rows).
    pub fn header(self) -> &'static [&'static str] {
        match self {
            View::Speakers => &[
                "speaker",
                "documents",
                "statements",
                "direct",
                "partial",
                "indirect",
                "narration",
                "mean_compound",
                "ci_low",
                "ci_high",
                "positive",
                "negative",
                "neutral",
            ],
            View::Matrix => &[
                "holder", "target", "favor", "against", "neutral", "total", "net",
            ],
            View::Timeline => &[
                "date",
                "speaker",
                "documents",
                "statements",
                "mean_compound",
                "ci_low",
                "ci_high",
            ],
        }
    }
}

/// Writes one view of `report` as CSV with its header row.
pub fn write_csv<W: Write>(report: &Report, view: View, out: W) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    w.write_record(view.header()).map_err(to_io)?;
    match view {
        View::Speakers => report.speakers.iter().try_for_each(|r| w.serialize(r)),
        View::Matrix => report.stances.iter().try_for_each(|r| w.serialize(r)),
        View::Timeline => report.timeline.iter().try_for_each(|r| w.serialize(r)),
    }
    .map_err(to_io)?;
    w.flush()
}

fn to_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Aggregator, ReportOptions};

    #[test]
    fn headers_match_the_serialized_fields() {
        // The header written for an empty view must be the one serde would
        // write for a row, or columns would shift under users' scripts.
        let mut agg = Aggregator::default();
        agg.add_sentence(&crate::output::SentenceRow {
            doc_id: "d".into(),
            date: Some("2020-01-01".into()),
            sentence: 1,
            paragraph: 1,
            start: 0,
            end: 1,
            speaker: Some("A".into()),
            mode: "direct".into(),
            neg: 0.0,
            neu: 1.0,
            pos: 0.0,
            compound: 0.5,
            targets: String::new(),
            text: "x".into(),
        });
        agg.add_stance(&crate::output::StanceRow {
            doc_id: "d".into(),
            sentence: 1,
            holder: Some("A".into()),
            target: "B".into(),
            stance: "favor".into(),
            confidence: 1.0,
            target_start: 0,
            target_end: 1,
            evidence: String::new(),
        });
        let report = agg.report(&ReportOptions::default());
        fn serde_header<T: serde::Serialize>(row: &T) -> String {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.serialize(row).unwrap();
            let s = String::from_utf8(w.into_inner().unwrap()).unwrap();
            s.lines().next().unwrap().to_string()
        }
        assert_eq!(
            serde_header(&report.speakers[0]),
            View::Speakers.header().join(",")
        );
        assert_eq!(
            serde_header(&report.stances[0]),
            View::Matrix.header().join(",")
        );
        assert_eq!(
            serde_header(&report.timeline[0]),
            View::Timeline.header().join(",")
        );
        let mut buf = Vec::new();
        write_csv(&report, View::Speakers, &mut buf).unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "speaker,documents,statements,direct,partial,indirect,narration,mean_compound,ci_low,ci_high,positive,negative,neutral\n\
             A,1,1,1,0,0,0,0.5,,,1.0,0.0,0.0\n"
        );
    }
}
