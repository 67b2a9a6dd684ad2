//! The report as Markdown: readable as plain text in a terminal (columns
//! padded to line up) and rendered as tables anywhere Markdown is.

use std::collections::BTreeMap;
use std::io::Write;

use super::{Report, StanceCell, holder_label, signed};

/// Writes `report` as Markdown.
pub fn write_markdown<W: Write>(report: &Report, mut out: W) -> std::io::Result<()> {
    out.write_all(render(report).as_bytes())?;
    out.flush()
}

fn render(report: &Report) -> String {
    let t = &report.totals;
    let mut s = String::from("# Speaker report\n\n");
    s.push_str(&format!(
        "{} ({} dated), {}, {} by {}, {}.\n\n",
        plural(t.documents, "document"),
        t.dated_documents,
        plural(t.sentences, "sentence"),
        plural(t.statements, "statement"),
        plural(t.speakers, "speaker"),
        plural(t.stances, "stance"),
    ));
    s.push_str(
        "A statement is a sentence with a speaker (direct, partial or indirect speech, or \
         narration attributed to someone). Tone is the mean VADER compound of a speaker's \
         statements with a 95% Student t interval (none for one statement); shares use \
         compound >= 0.05 positive, <= -0.05 negative.",
    );
    if report.options.min_statements > 1 {
        s.push_str(&format!(
            " Shown: speakers with at least {n} statements, holders with at least {n} stances.",
            n = report.options.min_statements
        ));
    }
    s.push_str("\n\n## Speakers\n\n");
    if report.speakers.is_empty() {
        s.push_str("_No statement has a speaker._\n");
    } else {
        // Cells by holder, built once (a corpus may have many speakers).
        let mut by_holder: BTreeMap<&str, Vec<&StanceCell>> = BTreeMap::new();
        for c in &report.stances {
            if let Some(h) = c.holder.as_deref() {
                by_holder.entry(h).or_default().push(c);
            }
        }
        let rows: Vec<Vec<String>> = report
            .speakers
            .iter()
            .map(|sp| {
                let cells = by_holder
                    .get(sp.speaker.as_str())
                    .map_or(&[][..], |v| &v[..]);
                vec![
                    cell(&sp.speaker),
                    sp.documents.to_string(),
                    sp.statements.to_string(),
                    sp.direct.to_string(),
                    sp.partial.to_string(),
                    sp.indirect.to_string(),
                    sp.narration.to_string(),
                    signed(sp.mean_compound),
                    interval(sp.ci_low, sp.ci_high),
                    percent(sp.positive),
                    percent(sp.neutral),
                    percent(sp.negative),
                    cell(&toward_short(cells)),
                ]
            })
            .collect();
        s.push_str(&table(
            &[
                ("Speaker", false),
                ("Docs", true),
                ("Statements", true),
                ("Direct", true),
                ("Partial", true),
                ("Indirect", true),
                ("Narration", true),
                ("Tone", true),
                ("95% CI", false),
                ("Pos", true),
                ("Neu", true),
                ("Neg", true),
                ("Stances toward", false),
            ],
            &rows,
        ));
    }
    s.push_str("\n## Stance matrix\n\n");
    if report.stances.is_empty() {
        s.push_str("_No stances._\n");
    } else {
        s.push_str(
            "Net = (favor − against) / all stances of the holder toward the target; \
             (article) is the article's own voice.\n\n",
        );
        let rows: Vec<Vec<String>> = report
            .stances
            .iter()
            .map(|c| {
                vec![
                    cell(holder_label(c.holder.as_deref())),
                    cell(&c.target),
                    c.favor.to_string(),
                    c.against.to_string(),
                    c.neutral.to_string(),
                    signed(c.net),
                ]
            })
            .collect();
        s.push_str(&table(
            &[
                ("Holder", false),
                ("Target", false),
                ("Favor", true),
                ("Against", true),
                ("Neutral", true),
                ("Net", true),
            ],
            &rows,
        ));
    }
    s.push_str("\n## Tone over time\n\n");
    if report.timeline.is_empty() {
        s.push_str("_No dated statements._\n");
    } else {
        let rows: Vec<Vec<String>> = report
            .timeline
            .iter()
            .map(|p| {
                vec![
                    p.date.clone(),
                    cell(p.speaker.as_deref().unwrap_or("(all speakers)")),
                    p.documents.to_string(),
                    p.statements.to_string(),
                    signed(p.mean_compound),
                    interval(p.ci_low, p.ci_high),
                ]
            })
            .collect();
        s.push_str(&table(
            &[
                ("Date", false),
                ("Speaker", false),
                ("Docs", true),
                ("Statements", true),
                ("Tone", true),
                ("95% CI", false),
            ],
            &rows,
        ));
    }
    s
}

/// At most three targets, so the table stays readable in a terminal (the
/// matrix below has them all).
fn toward_short(all: &[&StanceCell]) -> String {
    const MAX: usize = 3;
    let mut s = toward(all.iter().take(MAX).copied());
    if all.len() > MAX {
        s.push_str(&format!("; +{} more", all.len() - MAX));
    }
    s
}

/// "Kanye West: 1 favor, 2 against; Donald Trump: 1 neutral".
pub(crate) fn toward<'a>(cells: impl Iterator<Item = &'a StanceCell>) -> String {
    cells
        .map(|c| {
            let parts: Vec<String> = [
                (c.favor, "favor"),
                (c.against, "against"),
                (c.neutral, "neutral"),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, l)| format!("{n} {l}"))
            .collect();
            format!("{}: {}", c.target, parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "1 document", "2 documents".
pub(crate) fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// "[−0.1000, +0.3000]", or "–" without an interval.
pub(crate) fn interval(lo: Option<f64>, hi: Option<f64>) -> String {
    match (lo, hi) {
        (Some(lo), Some(hi)) => format!("[{}, {}]", signed(lo), signed(hi)),
        _ => "–".to_string(),
    }
}

/// A share as a percentage with one decimal.
pub(crate) fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A text cell: pipes escaped so names cannot break the table.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// A Markdown table with columns padded to equal width (right-aligned
/// where `right` is set), so it also reads well as plain text.
fn table(headers: &[(&str, bool)], rows: &[Vec<String>]) -> String {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = headers.iter().map(|(h, _)| width(h).max(3)).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(c));
        }
    }
    let line = |cells: Vec<String>| -> String {
        let mut s = String::from("|");
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i] - width(c);
            if headers[i].1 {
                s.push_str(&format!(" {}{c} |", " ".repeat(pad)));
            } else {
                s.push_str(&format!(" {c}{} |", " ".repeat(pad)));
            }
        }
        s.push('\n');
        s
    };
    let mut s = line(headers.iter().map(|(h, _)| h.to_string()).collect());
    s.push('|');
    for (i, (_, right)) in headers.iter().enumerate() {
        if *right {
            s.push_str(&format!(" {}: |", "-".repeat(widths[i] - 1)));
        } else {
            s.push_str(&format!(" {} |", "-".repeat(widths[i])));
        }
    }
    s.push('\n');
    for row in rows {
        s.push_str(&line(row.clone()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_line_up_and_escape_pipes() {
        let t = table(
            &[("Name", false), ("N", true)],
            &[
                vec![cell("A|B"), "12".into()],
                vec!["Zoë".into(), "3".into()],
            ],
        );
        assert_eq!(
            t,
            "| Name |   N |\n| ---- | --: |\n| A\\|B |  12 |\n| Zoë  |   3 |\n"
        );
    }

    #[test]
    fn intervals_and_shares() {
        assert_eq!(interval(Some(-0.1), Some(0.3)), "[\u{2212}0.1000, +0.3000]");
        assert_eq!(interval(None, None), "–");
        assert_eq!(percent(0.3333), "33.3%");
    }
}
