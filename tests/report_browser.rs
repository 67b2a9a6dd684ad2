//! The HTML report in a real browser: headless Chromium renders the report
//! of the seed article and of the fixture tables to PNG, and dumps the DOM
//! it built; the charts and numbers must be there, and the charts must
//! actually paint their colours.
//!
//! Needs Debian's `chromium` (`.ci/chromium.sh` installs it). Without it the
//! test fails under CI (`CI` set) and is skipped, saying so, elsewhere.

#[path = "report_util.rs"]
mod util;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use util::{fixture, ok, records, tempdir};

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 1600;

/// Okabe–Ito blue, vermillion and the neutral grey of the report.
const BLUE: [u8; 3] = [0x00, 0x72, 0xB2];
const VERMILLION: [u8; 3] = [0xD5, 0x5E, 0x00];
const GREY: [u8; 3] = [0x9a, 0x9a, 0x9a];

fn chromium() -> Option<PathBuf> {
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.exists() {
        return Some(fixed.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("chromium"))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `html` with `extra` flags; returns stdout.
/// Killed after two minutes (a hung browser must not hang the test suite).
fn browse(chromium: &Path, html: &Path, extra: &[String]) -> String {
    let profile = tempdir(&format!(
        "chromium-profile-{}",
        html.file_stem().unwrap().to_string_lossy()
    ));
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={WIDTH},{HEIGHT}"))
        .args(extra)
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in 120 s on {}", html.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// Pixels of a PNG as RGB triples, with its size.
fn pixels(png_path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let bytes = std::fs::read(png_path).expect("screenshot written");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let px = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|c| match channels {
            1 | 2 => [c[0], c[0], c[0]],
            _ => [c[0], c[1], c[2]],
        })
        .collect();
    (info.width, info.height, px)
}

fn count(px: &[[u8; 3]], colour: [u8; 3]) -> usize {
    px.iter()
        .filter(|p| (0..3).all(|i| p[i].abs_diff(colour[i]) <= 6))
        .count()
}

/// Renders one report and checks DOM and pixels against its CSV views.
fn check(chromium: &Path, name: &str, inputs: &[&str]) {
    let dir = tempdir(&format!("browser-{name}"));
    let html = dir.join(format!("{name}.html"));
    let png = dir.join(format!("{name}.png"));
    let mut args = vec!["report"];
    args.extend_from_slice(inputs);
    let html_s = html.to_str().unwrap().to_string();
    ok(&[&args[..], &["--format", "html", "-o", &html_s]].concat());
    let view = |v: &str| records(&ok(&[&args[..], &["--format", "csv", "--view", v]].concat()));
    let (speakers, matrix, timeline) = (view("speakers"), view("matrix"), view("timeline"));

    let dom = browse(chromium, &html, &["--dump-dom".to_string()]);
    assert!(dom.contains("<h1>Speaker report</h1>"), "{name}: DOM built");

    // Speaker tone: one group per speaker with its numbers.
    if speakers.is_empty() {
        assert!(dom.contains("id=\"tone-empty\""), "{name}: empty tone note");
    } else {
        assert!(dom.contains("<svg id=\"tone-chart\""), "{name}: tone chart");
        for r in speakers.iter().take(40) {
            let mean: f64 = r["mean_compound"].parse().unwrap();
            let mark = format!(
                "data-speaker=\"{}\" data-statements=\"{}\" data-mean=\"{mean:.4}\"",
                r["speaker"], r["statements"]
            );
            assert!(dom.contains(&mark), "{name}: {mark}");
        }
    }
    // Stance heat map: a cell per holder and target (small reports).
    if matrix.is_empty() {
        assert!(
            dom.contains("id=\"stances-empty\""),
            "{name}: empty matrix note"
        );
    } else {
        assert!(
            dom.contains("<svg id=\"stance-heatmap\""),
            "{name}: heat map"
        );
        if matrix.len() <= 20 {
            assert_eq!(
                dom.matches("<g class=\"cell\"").count(),
                matrix.len(),
                "{name}"
            );
        }
        for r in &matrix {
            let mark = format!(
                "data-target=\"{}\" data-favor=\"{}\" data-against=\"{}\" data-neutral=\"{}\"",
                r["target"], r["favor"], r["against"], r["neutral"]
            );
            assert!(dom.contains(&mark), "{name}: {mark}");
        }
    }
    // Tone over time: a dot per day of all statements.
    let all_days: Vec<_> = timeline
        .iter()
        .filter(|r| r["speaker"].is_empty())
        .collect();
    if all_days.is_empty() {
        assert!(
            dom.contains("id=\"time-empty\""),
            "{name}: empty timeline note"
        );
    } else {
        assert!(
            dom.contains("<svg id=\"timeline-chart\""),
            "{name}: timeline"
        );
        let start = dom.find("data-speaker=\"(all)\"").expect("series of all");
        let series = &dom[start..start + dom[start..].find("</g>").unwrap()];
        assert_eq!(series.matches("class=\"day\"").count(), all_days.len());
        for r in &all_days {
            let mean: f64 = r["mean_compound"].parse().unwrap();
            let mark = format!("data-date=\"{}\" data-mean=\"{mean:.4}\"", r["date"]);
            assert!(series.contains(&mark), "{name}: {mark}");
        }
    }

    // The screenshot: right size, text painted, and the charts' colours.
    browse(
        chromium,
        &html,
        &[format!("--screenshot={}", png.display())],
    );
    let (w, h, px) = pixels(&png);
    assert_eq!((w, h), (WIDTH, HEIGHT), "{name}: screenshot size");
    let ink = px.iter().filter(|p| p.iter().any(|c| *c < 200)).count();
    assert!(
        ink > px.len() / 200,
        "{name}: page painted ({ink} dark pixels)"
    );
    if !speakers.is_empty() {
        let marks = count(&px, BLUE) + count(&px, VERMILLION) + count(&px, GREY);
        assert!(marks > 500, "{name}: share bars painted ({marks} pixels)");
    }
    eprintln!("{name}: screenshot {}", png.display());
}

#[test]
fn html_report_renders_in_chromium() {
    let Some(chromium) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("chromium not installed (run .ci/chromium.sh)");
        }
        eprintln!("skipped: chromium not installed (run .ci/chromium.sh)");
        return;
    };
    // The seed article, whatever the stages find in it.
    check(&chromium, "seed", &[&fixture("legend-west.txt")]);
    // The hand-made tables: every chart has marks.
    let aliases = fixture("report/aliases.tsv");
    check(
        &chromium,
        "fixture",
        &[&fixture("report"), "--aliases", &aliases],
    );
    // And the fixture's charts paint both signs' colours.
    let png = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-browser-fixture/fixture.png");
    let (_, _, px) = pixels(&png);
    assert!(count(&px, BLUE) > 1000, "blue marks");
    assert!(count(&px, VERMILLION) > 500, "vermillion marks");
}
