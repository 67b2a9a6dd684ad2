//! The report as one self-contained HTML page with hand-written SVG charts.
//!
//! Nothing is fetched: no scripts, fonts or images from the network, so the
//! file can be mailed, archived or opened offline. Three charts, then the
//! numbers as tables:
//!
//! 1. **Speaker tone**: one row per speaker, the mean compound as a dot with
//!    its 95% interval as a whisker on a fixed -1..+1 axis, next to a
//!    stacked bar of positive / neutral / negative shares.
//! 2. **Stance matrix**: a heat map of holders (rows) by targets (columns),
//!    each cell coloured by the net stance and labelled with it and the
//!    favor · against · neutral counts.
//! 3. **Tone over time**: the daily mean of all statements with its interval
//!    as a band, and the busiest speakers as lines.
//!
//! Colours are the Okabe–Ito palette, chosen to stay distinct under the
//! common colour-vision deficiencies: blue for positive / favor, vermillion
//! for negative / against, grey for neutral. Every mark also carries its
//! number as text (and in `data-*` attributes), so no reading depends on
//! colour alone. Long names are shortened in charts (full name on hover and
//! in the tables).

use std::fmt::Write as _;
use std::io::Write;

use super::markdown::interval;
use super::{Report, SpeakerSummary, TonePoint, holder_label, signed};

/// Okabe–Ito blue: positive tone, favor.
const BLUE: &str = "#0072B2";
/// Okabe–Ito vermillion: negative tone, against.
const VERMILLION: &str = "#D55E00";
/// Neutral grey.
const GREY: &str = "#9a9a9a";
/// Lines of individual speakers over time (Okabe–Ito, without the yellow
/// that vanishes on white).
const LINE_COLOURS: [&str; 5] = ["#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#0072B2"];

/// At most this many speakers in the tone chart (all are in the table).
const MAX_TONE_ROWS: usize = 40;
/// At most this many holders (rows) in the heat map...
const MAX_HOLDERS: usize = 20;
/// ... and targets (columns), so cells stay big enough to read at page width.
const MAX_TARGETS: usize = 10;
/// At most this many individual speakers drawn over time (more lines make
/// a tangle nobody can read).
const MAX_LINES: usize = 3;

/// At most this many rows in each table of the page: a page of a big
/// corpus must still open quickly; the CSV views have every row.
const MAX_TABLE_ROWS: usize = 500;

/// Writes `report` as a self-contained HTML page.
pub fn write_html<W: Write>(report: &Report, mut out: W) -> std::io::Result<()> {
    out.write_all(render(report).as_bytes())?;
    out.flush()
}

fn render(report: &Report) -> String {
    let t = &report.totals;
    let mut s = String::with_capacity(64 * 1024);
    s.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<title>Speaker report</title>\n<style>\n",
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;",
        "margin:2rem auto;max-width:1040px;padding:0 1rem;color:#222;line-height:1.45}\n",
        "h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}\n",
        "p.note{color:#555;font-size:.92rem;margin:.3rem 0 .8rem}\n",
        "svg{display:block;width:100%;height:auto;font-size:13px}\n",
        "svg text{fill:#222}svg .axis{fill:#666;font-size:11px}\n",
        "table{border-collapse:collapse;font-size:.88rem;margin:.5rem 0 1.5rem;width:100%}\n",
        "th,td{padding:.25rem .5rem;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}\n",
        "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.n{white-space:nowrap}\n",
        "th{background:#f5f5f5}.empty{color:#777;font-style:italic}\n",
        "div.scroll{overflow-x:auto}td.name{white-space:nowrap}\n",
        ".totals span{display:inline-block;margin-right:1.2rem}.totals b{font-size:1.25rem}\n",
        "</style>\n</head>\n<body>\n<h1>Speaker report</h1>\n",
    ));
    let _ = write!(
        s,
        "<p class=\"totals\" id=\"totals\" data-documents=\"{}\" data-sentences=\"{}\" \
         data-statements=\"{}\" data-speakers=\"{}\" data-stances=\"{}\">",
        t.documents, t.sentences, t.statements, t.speakers, t.stances
    );
    for (n, what) in [
        (t.documents, "document"),
        (t.sentences, "sentence"),
        (t.statements, "statement"),
        (t.speakers, "speaker"),
        (t.stances, "stance"),
    ] {
        let _ = write!(
            s,
            "<span><b>{n}</b> {what}{}</span>",
            if n == 1 { "" } else { "s" }
        );
    }
    s.push_str("</p>\n");
    s.push_str(
        "<p class=\"note\">A <b>statement</b> is a sentence with a speaker (direct, partial or \
         indirect speech, or narration attributed to someone). <b>Tone</b> is the mean VADER \
         compound of a speaker's statements (−1 very negative, +1 very positive) with its 95% \
         Student t interval; one statement has no interval. Shares: compound ≥ 0.05 positive, \
         ≤ −0.05 negative.",
    );
    if report.options.min_statements > 1 {
        let _ = write!(
            s,
            " Shown: speakers with at least {n} statements, holders with at least {n} stances.",
            n = report.options.min_statements
        );
    }
    s.push_str("</p>\n");

    s.push_str("<section id=\"tone\">\n<h2>Speaker tone</h2>\n");
    tone_chart(&mut s, &report.speakers);
    s.push_str("</section>\n<section id=\"stances\">\n<h2>Stance matrix</h2>\n");
    heat_map(&mut s, report);
    s.push_str("</section>\n<section id=\"time\">\n<h2>Tone over time</h2>\n");
    timeline_chart(&mut s, report);
    s.push_str("</section>\n<section id=\"numbers\">\n<h2>The numbers</h2>\n");
    tables(&mut s, report);
    s.push_str("</section>\n</body>\n</html>\n");
    s
}

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A name cut to `max` characters with an ellipsis, for chart labels.
fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// Colour of a tone or net stance: its sign's colour, grey near zero.
fn sign_colour(x: f64) -> &'static str {
    if x >= super::POSITIVE {
        BLUE
    } else if x <= super::NEGATIVE {
        VERMILLION
    } else {
        GREY
    }
}

fn tone_chart(s: &mut String, speakers: &[SpeakerSummary]) {
    if speakers.is_empty() {
        s.push_str("<p class=\"empty\" id=\"tone-empty\">No statement has a speaker.</p>\n");
        return;
    }
    let rows = &speakers[..speakers.len().min(MAX_TONE_ROWS)];
    if rows.len() < speakers.len() {
        let _ = writeln!(
            s,
            "<p class=\"note\">The {} speakers with the most statements; all {} are in the tables below.</p>",
            rows.len(),
            speakers.len()
        );
    }
    // Columns: label | dot-and-whisker plot | mean | share bar.
    let (plot_l, plot_r) = (250.0, 640.0);
    let (bar_l, bar_r) = (740.0, 990.0);
    let (top, row_h) = (46.0, 30.0);
    let height = top + row_h * rows.len() as f64 + 44.0;
    let x = |v: f64| plot_l + (v + 1.0) / 2.0 * (plot_r - plot_l);
    let _ = writeln!(
        s,
        "<svg id=\"tone-chart\" role=\"img\" viewBox=\"0 0 1000 {height}\" \
         aria-labelledby=\"tone-title\"><title id=\"tone-title\">Mean tone of each speaker's \
         statements with 95% intervals, and shares of positive, neutral and negative statements</title>"
    );
    // Axis: ticks and grid.
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"16\" text-anchor=\"middle\" font-weight=\"600\">Mean tone (compound) with 95% interval</text>",
        (plot_l + plot_r) / 2.0
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"16\" text-anchor=\"middle\" font-weight=\"600\">Share of statements</text>",
        (bar_l + bar_r) / 2.0
    );
    for v in [-1.0, -0.5, 0.0, 0.5, 1.0] {
        let xv = x(v);
        let label = if v == 0.0 {
            "0".to_string()
        } else {
            format!("{}{:.1}", if v > 0.0 { "+" } else { "−" }, v.abs())
        };
        let _ = writeln!(
            s,
            "<line x1=\"{xv}\" x2=\"{xv}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"{}/>\
             <text class=\"axis\" x=\"{xv}\" y=\"{}\" text-anchor=\"middle\">{label}</text>",
            top - 8.0,
            top + row_h * rows.len() as f64,
            if v == 0.0 { "#888" } else { "#e3e3e3" },
            if v == 0.0 {
                " stroke-dasharray=\"4 3\""
            } else {
                ""
            },
            top - 12.0
        );
    }
    for (i, sp) in rows.iter().enumerate() {
        let cy = top + row_h * (i as f64 + 0.5);
        if i % 2 == 1 {
            let _ = writeln!(
                s,
                "<rect x=\"0\" y=\"{}\" width=\"1000\" height=\"{row_h}\" fill=\"#f7f7f7\"/>",
                cy - row_h / 2.0
            );
        }
        let _ = writeln!(
            s,
            "<g class=\"speaker\" data-speaker=\"{}\" data-statements=\"{}\" data-mean=\"{:.4}\"><title>{}: {} statements, tone {} {}</title>",
            esc(&sp.speaker),
            sp.statements,
            sp.mean_compound,
            esc(&sp.speaker),
            sp.statements,
            signed(sp.mean_compound),
            interval(sp.ci_low, sp.ci_high)
        );
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} <tspan class=\"axis\">n={}</tspan></text>",
            plot_l - 12.0,
            cy + 4.5,
            esc(&short(&sp.speaker, 26)),
            sp.statements
        );
        let colour = sign_colour(sp.mean_compound);
        if let (Some(lo), Some(hi)) = (sp.ci_low, sp.ci_high) {
            let (x1, x2) = (x(lo), x(hi));
            let _ = writeln!(
                s,
                "<path class=\"ci\" d=\"M{x1} {cy}H{x2}M{x1} {}V{}M{x2} {}V{}\" stroke=\"{colour}\" stroke-width=\"2\" fill=\"none\"/>",
                cy - 6.0,
                cy + 6.0,
                cy - 6.0,
                cy + 6.0
            );
        }
        let _ = writeln!(
            s,
            "<circle class=\"mean\" cx=\"{}\" cy=\"{cy}\" r=\"6\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1.5\"/>",
            x(sp.mean_compound)
        );
        let _ = writeln!(
            s,
            "<text class=\"mean-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-variant-numeric=\"tabular-nums\">{}</text>",
            bar_l - 14.0,
            cy + 4.5,
            signed(sp.mean_compound)
        );
        // Stacked shares.
        let mut bx = bar_l;
        for (share, colour, what) in [
            (sp.positive, BLUE, "positive"),
            (sp.neutral, GREY, "neutral"),
            (sp.negative, VERMILLION, "negative"),
        ] {
            let w = share * (bar_r - bar_l);
            if w > 0.0 {
                let _ = write!(
                    s,
                    "<rect class=\"share {what}\" x=\"{bx:.2}\" y=\"{}\" width=\"{w:.2}\" height=\"{}\" fill=\"{colour}\"/>",
                    cy - 9.0,
                    18.0
                );
                if w >= 38.0 {
                    let _ = write!(
                        s,
                        "<text x=\"{:.2}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" style=\"fill:#fff\">{:.0}%</text>",
                        bx + w / 2.0,
                        cy + 4.0,
                        share * 100.0
                    );
                }
            }
            bx += w;
        }
        s.push_str("\n</g>\n");
    }
    // Legend.
    let ly = top + row_h * rows.len() as f64 + 26.0;
    let mut lx = plot_l;
    for (colour, label) in [
        (BLUE, "positive (≥ +0.05)"),
        (GREY, "neutral"),
        (VERMILLION, "negative (≤ −0.05)"),
    ] {
        let _ = write!(
            s,
            "<rect x=\"{lx}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{colour}\"/>\
             <text x=\"{}\" y=\"{ly}\">{label}</text>",
            ly - 11.0,
            lx + 20.0
        );
        lx += 170.0;
    }
    let _ = write!(
        s,
        "<text class=\"axis\" x=\"{}\" y=\"{ly}\">dot: mean · whisker: 95% interval</text>",
        lx + 10.0
    );
    s.push_str("\n</svg>\n");
}

/// Fill colour for a net stance in [-1, 1]: white at 0, Okabe–Ito blue at
/// +1, vermillion at −1, interpolated in sRGB.
fn net_fill(net: f64) -> String {
    let (r, g, b) = if net >= 0.0 {
        (0x00, 0x72, 0xB2)
    } else {
        (0xD5, 0x5E, 0x00)
    };
    let t = net.abs().clamp(0.0, 1.0) * 0.9;
    let mix = |c: u8| (255.0 + (c as f64 - 255.0) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
}

fn heat_map(s: &mut String, report: &Report) {
    if report.stances.is_empty() {
        s.push_str("<p class=\"empty\" id=\"stances-empty\">No stances.</p>\n");
        return;
    }
    // Holders in the report's order; targets by how many stances they get.
    let mut holders: Vec<Option<&str>> = Vec::new();
    for c in &report.stances {
        if !holders.contains(&c.holder.as_deref()) {
            holders.push(c.holder.as_deref());
        }
    }
    holders.truncate(MAX_HOLDERS);
    let mut per_target: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in report
        .stances
        .iter()
        .filter(|c| holders.contains(&c.holder.as_deref()))
    {
        *per_target.entry(&c.target).or_default() += c.total;
    }
    let mut targets: Vec<(&str, usize)> = per_target.into_iter().collect();
    targets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    targets.truncate(MAX_TARGETS);
    let shown: std::collections::BTreeMap<(Option<&str>, &str), &super::StanceCell> = report
        .stances
        .iter()
        .filter(|c| holders.contains(&c.holder.as_deref()))
        .map(|c| ((c.holder.as_deref(), c.target.as_str()), c))
        .collect();
    let total_cells = report.stances.len();
    let _ = writeln!(
        s,
        "<p class=\"note\">Rows: who holds the stance; columns: toward whom. Each cell: net stance = \
         (favor − against) / all, and the counts favor · against · neutral. (article) is the \
         article's own voice.{}</p>",
        if holders.len() * targets.len() < total_cells {
            format!(
                " Showing the {} busiest holders and {} targets.",
                holders.len(),
                targets.len()
            )
        } else {
            String::new()
        }
    );
    let (cell_w, cell_h) = (78.0, 46.0);
    let left = 210.0;
    // Room for the rotated column labels: about 7 px a character, at 35°.
    let longest = targets
        .iter()
        .map(|(t, _)| short(t, 20).chars().count())
        .max()
        .unwrap_or(0) as f64;
    let top = 24.0 + longest * 7.0 * 0.574;
    // The last column's label leans right past its cell.
    let width = (left + cell_w * targets.len() as f64 + longest * 7.0 * 0.82).max(520.0);
    let height = top + cell_h * holders.len() as f64 + 70.0;
    let _ = writeln!(
        s,
        "<svg id=\"stance-heatmap\" role=\"img\" viewBox=\"0 0 {width} {height}\" style=\"max-width:{width}px\" \
         aria-labelledby=\"heat-title\"><title id=\"heat-title\">Stance of each holder toward each target</title>"
    );
    for (j, (target, _)) in targets.iter().enumerate() {
        let cx = left + cell_w * (j as f64 + 0.5);
        let _ = writeln!(
            s,
            "<text x=\"{cx}\" y=\"{}\" transform=\"rotate(-35 {cx} {})\" text-anchor=\"start\">{}<title>{}</title></text>",
            top - 10.0,
            top - 10.0,
            esc(&short(target, 20)),
            esc(target)
        );
    }
    for (i, holder) in holders.iter().enumerate() {
        let y = top + cell_h * i as f64;
        let label = holder_label(*holder);
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"{}>{}<title>{}</title></text>",
            left - 10.0,
            y + cell_h / 2.0 + 4.5,
            if holder.is_none() {
                " font-style=\"italic\""
            } else {
                ""
            },
            esc(&short(label, 26)),
            esc(label)
        );
        for (j, (target, _)) in targets.iter().enumerate() {
            let x = left + cell_w * j as f64;
            let cell = shown.get(&(*holder, *target));
            match cell {
                None => {
                    let _ = writeln!(
                        s,
                        "<rect x=\"{x}\" y=\"{y}\" width=\"{cell_w}\" height=\"{cell_h}\" fill=\"#fafafa\" stroke=\"#d6d6d6\"/>"
                    );
                }
                Some(c) => {
                    let ink = if c.net.abs() > 0.55 { "#fff" } else { "#222" };
                    let _ = writeln!(
                        s,
                        "<g class=\"cell\" data-holder=\"{}\" data-target=\"{}\" data-favor=\"{}\" data-against=\"{}\" data-neutral=\"{}\" data-net=\"{:.4}\">\
                         <title>{} → {}: {} favor, {} against, {} neutral (net {})</title>\
                         <rect x=\"{x}\" y=\"{y}\" width=\"{cell_w}\" height=\"{cell_h}\" fill=\"{}\" stroke=\"#d6d6d6\"/>\
                         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"600\" style=\"fill:{ink}\">{}</text>\
                         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" style=\"fill:{ink}\">{} · {} · {}</text></g>",
                        esc(c.holder.as_deref().unwrap_or("")),
                        esc(&c.target),
                        c.favor,
                        c.against,
                        c.neutral,
                        c.net,
                        esc(label),
                        esc(&c.target),
                        c.favor,
                        c.against,
                        c.neutral,
                        signed(c.net),
                        net_fill(c.net),
                        x + cell_w / 2.0,
                        y + 20.0,
                        short_net(c.net),
                        x + cell_w / 2.0,
                        y + 36.0,
                        c.favor,
                        c.against,
                        c.neutral
                    );
                }
            }
        }
    }
    // Legend: the colour ramp.
    let ly = top + cell_h * holders.len() as f64 + 24.0;
    let _ = write!(
        s,
        "<defs><linearGradient id=\"net-ramp\"><stop offset=\"0\" stop-color=\"{}\"/>\
         <stop offset=\"0.5\" stop-color=\"#ffffff\"/><stop offset=\"1\" stop-color=\"{}\"/></linearGradient></defs>\
         <rect x=\"{left}\" y=\"{ly}\" width=\"240\" height=\"14\" fill=\"url(#net-ramp)\" stroke=\"#ccc\"/>\
         <text class=\"axis\" x=\"{left}\" y=\"{}\">−1 against</text>\
         <text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">0</text>\
         <text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">+1 favor</text>",
        net_fill(-1.0),
        net_fill(1.0),
        ly + 30.0,
        left + 120.0,
        ly + 30.0,
        left + 240.0,
        ly + 30.0
    );
    s.push_str("\n</svg>\n");
}

/// Net stance with two decimals and a real minus sign, for cells.
fn short_net(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.2}")
    } else if x < 0.0 {
        format!("\u{2212}{:.2}", -x)
    } else {
        "0".to_string()
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (Hinnant's
/// `days_from_civil`), `None` if it is not one.
fn days(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = date[0..4].parse().ok()?;
    let m: i64 = date[5..7].parse().ok()?;
    let d: i64 = date[8..10].parse().ok()?;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn timeline_chart(s: &mut String, report: &Report) {
    let all: Vec<&TonePoint> = report
        .timeline
        .iter()
        .filter(|p| p.speaker.is_none())
        .collect();
    let points: Vec<(i64, &TonePoint)> = all
        .iter()
        .filter_map(|p| days(&p.date).map(|d| (d, *p)))
        .collect();
    if points.is_empty() {
        s.push_str(
            "<p class=\"empty\" id=\"time-empty\">No dated statements: tone over time needs documents with a date.</p>\n",
        );
        return;
    }
    // The busiest shown speakers with dated statements get their own line.
    let dated: std::collections::BTreeSet<&str> = report
        .timeline
        .iter()
        .filter_map(|p| p.speaker.as_deref())
        .collect();
    let lines: Vec<&str> = report
        .speakers
        .iter()
        .map(|sp| sp.speaker.as_str())
        .filter(|sp| dated.contains(sp))
        .take(MAX_LINES)
        .collect();
    let (d0, d1) = (points[0].0, points[points.len() - 1].0);
    let (l, r, top, bottom) = (70.0, 960.0, 30.0, 330.0);
    let x = |d: i64| {
        if d1 == d0 {
            (l + r) / 2.0
        } else {
            l + (d - d0) as f64 / (d1 - d0) as f64 * (r - l)
        }
    };
    let y = |v: f64| top + (1.0 - v) / 2.0 * (bottom - top);
    let height = bottom + 60.0 + 22.0 * ((lines.len() + 1) as f64 / 3.0).ceil();
    let _ = writeln!(
        s,
        "<p class=\"note\">Daily mean tone of all statements (black, with its 95% interval shaded) \
         and of the {} busiest speakers, by document date.</p>",
        lines.len()
    );
    let _ = writeln!(
        s,
        "<svg id=\"timeline-chart\" role=\"img\" viewBox=\"0 0 1000 {height}\" \
         aria-labelledby=\"time-title\"><title id=\"time-title\">Mean tone of statements per day</title>"
    );
    for v in [-1.0, -0.5, 0.0, 0.5, 1.0] {
        let yv = y(v);
        let label = if v == 0.0 {
            "0".to_string()
        } else {
            format!("{}{:.1}", if v > 0.0 { "+" } else { "−" }, v.abs())
        };
        let _ = writeln!(
            s,
            "<line x1=\"{l}\" x2=\"{r}\" y1=\"{yv}\" y2=\"{yv}\" stroke=\"{}\"{}/>\
             <text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{label}</text>",
            if v == 0.0 { "#888" } else { "#e6e6e6" },
            if v == 0.0 {
                " stroke-dasharray=\"4 3\""
            } else {
                ""
            },
            l - 8.0,
            yv + 4.0
        );
    }
    // Date ticks: at most 8, evenly spread over the dates present.
    let n = points.len();
    let ticks = n.min(8);
    let mut last = usize::MAX;
    for k in 0..ticks {
        let i = if ticks == 1 {
            0
        } else {
            k * (n - 1) / (ticks - 1)
        };
        if i == last {
            continue;
        }
        last = i;
        let xd = x(points[i].0);
        let _ = writeln!(
            s,
            "<line x1=\"{xd}\" x2=\"{xd}\" y1=\"{bottom}\" y2=\"{}\" stroke=\"#888\"/>\
             <text class=\"axis\" x=\"{xd}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            bottom + 5.0,
            bottom + 19.0,
            esc(&points[i].1.date)
        );
    }
    // Interval band of all statements (days without an interval pinch it).
    if points.len() > 1 {
        let upper: Vec<String> = points
            .iter()
            .map(|(d, p)| {
                format!(
                    "{:.2},{:.2}",
                    x(*d),
                    y(p.ci_high.unwrap_or(p.mean_compound))
                )
            })
            .collect();
        let lower: Vec<String> = points
            .iter()
            .rev()
            .map(|(d, p)| format!("{:.2},{:.2}", x(*d), y(p.ci_low.unwrap_or(p.mean_compound))))
            .collect();
        let _ = writeln!(
            s,
            "<polygon class=\"band\" points=\"{} {}\" fill=\"#000\" fill-opacity=\"0.09\"/>",
            upper.join(" "),
            lower.join(" ")
        );
    } else if let (Some(lo), Some(hi)) = (points[0].1.ci_low, points[0].1.ci_high) {
        let xd = x(points[0].0);
        let _ = writeln!(
            s,
            "<path class=\"band\" d=\"M{xd} {}V{}\" stroke=\"#000\" stroke-opacity=\"0.3\" stroke-width=\"8\"/>",
            y(hi),
            y(lo)
        );
    }
    // Speakers' lines under the black line of all statements.
    let mut legend: Vec<(String, &str)> = vec![("all statements".to_string(), "#000")];
    for (k, who) in lines.iter().enumerate() {
        let colour = LINE_COLOURS[k % LINE_COLOURS.len()];
        let pts: Vec<(i64, &TonePoint)> = report
            .timeline
            .iter()
            .filter(|p| p.speaker.as_deref() == Some(*who))
            .filter_map(|p| days(&p.date).map(|d| (d, p)))
            .collect();
        series(s, &pts, colour, (1.8, 3.5, 0.85), who, &x, &y);
        legend.push((short(who, 24), colour));
    }
    series(s, &points, "#000", (2.8, 5.0, 1.0), "", &x, &y);
    let mut lx = l;
    let mut ly = bottom + 48.0;
    for (i, (label, colour)) in legend.iter().enumerate() {
        if i > 0 && i % 3 == 0 {
            lx = l;
            ly += 22.0;
        }
        let _ = write!(
            s,
            "<line x1=\"{lx}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"3\"/>\
             <circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{colour}\"/><text x=\"{}\" y=\"{ly}\">{}</text>",
            lx + 28.0,
            ly - 4.0,
            ly - 4.0,
            lx + 14.0,
            ly - 4.0,
            lx + 36.0,
            esc(label)
        );
        lx += 290.0;
    }
    s.push_str("\n</svg>\n");
}

/// One line with dots, drawn as (line width, dot radius, opacity); `who`
/// empty is all statements.
fn series(
    s: &mut String,
    pts: &[(i64, &TonePoint)],
    colour: &str,
    (width, r, opacity): (f64, f64, f64),
    who: &str,
    x: &dyn Fn(i64) -> f64,
    y: &dyn Fn(f64) -> f64,
) {
    let _ = write!(
        s,
        "<g class=\"series\" data-speaker=\"{}\" opacity=\"{opacity}\">",
        esc(if who.is_empty() { "(all)" } else { who })
    );
    if pts.len() > 1 {
        let path: Vec<String> = pts
            .iter()
            .map(|(d, p)| format!("{:.2},{:.2}", x(*d), y(p.mean_compound)))
            .collect();
        let _ = write!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" stroke-linejoin=\"round\"/>",
            path.join(" ")
        );
    }
    for (d, p) in pts {
        let _ = write!(
            s,
            "<circle class=\"day\" cx=\"{:.2}\" cy=\"{:.2}\" r=\"{r}\" fill=\"{colour}\" stroke=\"#fff\" data-date=\"{}\" data-mean=\"{:.4}\">\
             <title>{}, {}: {} ({} statements) {}</title></circle>",
            x(*d),
            y(p.mean_compound),
            esc(&p.date),
            p.mean_compound,
            esc(if who.is_empty() {
                "all statements"
            } else {
                who
            }),
            esc(&p.date),
            signed(p.mean_compound),
            p.statements,
            interval(p.ci_low, p.ci_high)
        );
    }
    s.push_str("</g>\n");
}

/// Notes a table cut at [`MAX_TABLE_ROWS`], naming the command that
/// writes all its rows.
fn more(s: &mut String, rows: usize, view: &str) {
    if rows > MAX_TABLE_ROWS {
        let _ = writeln!(
            s,
            "<p class=\"note\">The first {MAX_TABLE_ROWS} of {rows} rows; \
             <code>newstance report --format csv --view {view}</code> writes them all.</p>"
        );
    }
}

fn tables(s: &mut String, report: &Report) {
    s.push_str("<h3>Speakers</h3>\n");
    if report.speakers.is_empty() {
        s.push_str("<p class=\"empty\">No statement has a speaker.</p>\n");
    } else {
        s.push_str(
            "<div class=\"scroll\"><table id=\"speakers-table\"><thead><tr><th>Speaker</th>\
             <th class=\"n\">Docs</th><th class=\"n\">Statements</th>\
             <th class=\"n\">Direct · partial · indirect · narration</th><th class=\"n\">Tone</th>\
             <th class=\"n\">95% CI</th><th class=\"n\">% positive · neutral · negative</th>\
             </tr></thead><tbody>\n",
        );
        for sp in report.speakers.iter().take(MAX_TABLE_ROWS) {
            let _ = writeln!(
                s,
                "<tr data-speaker=\"{}\"><td class=\"name\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{} · {} · {} · {}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{:.1} · {:.1} · {:.1}</td></tr>",
                esc(&sp.speaker),
                esc(&sp.speaker),
                sp.documents,
                sp.statements,
                sp.direct,
                sp.partial,
                sp.indirect,
                sp.narration,
                signed(sp.mean_compound),
                interval(sp.ci_low, sp.ci_high),
                sp.positive * 100.0,
                sp.neutral * 100.0,
                sp.negative * 100.0,
            );
        }
        s.push_str("</tbody></table></div>\n");
        more(s, report.speakers.len(), "speakers");
    }
    s.push_str(
        "<h3>Stances</h3>\n<p class=\"note\">Each speaker's stances toward each target.</p>\n",
    );
    if report.stances.is_empty() {
        s.push_str("<p class=\"empty\">No stances.</p>\n");
    } else {
        s.push_str(
            "<table id=\"matrix-table\"><thead><tr><th>Holder</th><th>Target</th><th class=\"n\">Favor</th>\
             <th class=\"n\">Against</th><th class=\"n\">Neutral</th><th class=\"n\">Net</th></tr></thead><tbody>\n",
        );
        for c in report.stances.iter().take(MAX_TABLE_ROWS) {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(holder_label(c.holder.as_deref())),
                esc(&c.target),
                c.favor,
                c.against,
                c.neutral,
                signed(c.net)
            );
        }
        s.push_str("</tbody></table>\n");
        more(s, report.stances.len(), "matrix");
    }
    s.push_str("<h3>Tone over time</h3>\n");
    if report.timeline.is_empty() {
        s.push_str("<p class=\"empty\">No dated statements.</p>\n");
    } else {
        s.push_str(
            "<table id=\"timeline-table\"><thead><tr><th>Date</th><th>Speaker</th><th class=\"n\">Docs</th>\
             <th class=\"n\">Statements</th><th class=\"n\">Tone</th><th class=\"n\">95% CI</th></tr></thead><tbody>\n",
        );
        for p in report.timeline.iter().take(MAX_TABLE_ROWS) {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(&p.date),
                esc(p.speaker.as_deref().unwrap_or("(all speakers)")),
                p.documents,
                p.statements,
                signed(p.mean_compound),
                interval(p.ci_low, p.ci_high)
            );
        }
        s.push_str("</tbody></table>\n");
        more(s, report.timeline.len(), "timeline");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_civil_dates() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(days("2022-08-05"), Some(19_209));
        assert_eq!(days("2022-8-5"), None);
    }

    #[test]
    fn escapes_markup_in_names() {
        assert_eq!(
            esc("<b>\"A&B\"</b>"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
        );
    }

    #[test]
    fn net_colours_run_from_vermillion_through_white_to_blue() {
        assert_eq!(net_fill(0.0), "#ffffff");
        assert_eq!(net_fill(1.0), "#1a80ba");
        assert_eq!(net_fill(-1.0), "#d96e1a");
    }

    #[test]
    fn big_tables_are_cut_with_a_note() {
        let mut agg = crate::report::Aggregator::default();
        for i in 0..MAX_TABLE_ROWS + 20 {
            agg.add_sentence(&crate::output::SentenceRow {
                doc_id: "d".into(),
                date: None,
                sentence: i + 1,
                paragraph: 1,
                start: 0,
                end: 1,
                speaker: Some(format!("Speaker {i:04}")),
                mode: "direct".into(),
                neg: 0.0,
                neu: 1.0,
                pos: 0.0,
                compound: 0.1,
                targets: String::new(),
                text: "x".into(),
            });
        }
        let html = render(&agg.report(&crate::report::ReportOptions::default()));
        assert_eq!(html.matches("<tr data-speaker=").count(), MAX_TABLE_ROWS);
        assert!(html.contains("The first 500 of 520 rows"));
        assert!(html.contains("--view speakers"));
        assert_eq!(html.matches("<g class=\"speaker\"").count(), MAX_TONE_ROWS);
    }

    #[test]
    fn page_is_self_contained() {
        let mut agg = crate::report::Aggregator::default();
        let r = agg.report(&crate::report::ReportOptions::default());
        let html = render(&r);
        for needle in [
            "http://", "https://", "<script", "<link", "@import", "url(http",
        ] {
            assert!(!html.contains(needle), "{needle}");
        }
        agg.add_stance(&crate::output::StanceRow {
            doc_id: "d".into(),
            sentence: 1,
            holder: Some("<A>".into()),
            target: "B".into(),
            stance: "favor".into(),
            confidence: 1.0,
            target_start: 0,
            target_end: 1,
            evidence: String::new(),
        });
        let html = render(&agg.report(&crate::report::ReportOptions::default()));
        assert!(html.contains("&lt;A&gt;") && !html.contains("<A>"));
    }
}
