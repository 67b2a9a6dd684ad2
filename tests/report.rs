//! `newstance report` end to end: the numbers of the report equal those
//! computed independently from the `sentences` and `stances` tables, for
//! articles and for tables, in every format.

#[path = "report_util.rs"]
mod util;

use util::{check_views, expected, fixture, ok, run, tempdir, views};

/// Annotates the seed into tables, then checks that the report of the
/// article and the report of those tables both equal the figures computed
/// from the tables. Generic: it holds whatever the stages find.
#[test]
fn seed_report_equals_its_tables() {
    let dir = tempdir("seed");
    let tables = dir.join("tables");
    let tables_s = tables.to_str().unwrap();
    let seed = fixture("legend-west.txt");
    ok(&["annotate", &seed, "--out-dir", tables_s]);
    let sentences = std::fs::read_to_string(tables.join("sentences.csv")).unwrap();
    let stances = std::fs::read_to_string(tables.join("stances.csv")).unwrap();
    let e = expected(&sentences, &stances, &[]);
    assert!(e.sentences > 20, "the seed has its sentences");

    let from_article = dir.join("from-article");
    let fa = from_article.to_str().unwrap();
    ok(&["report", &seed, "--format", "csv", "--out-dir", fa]);
    let (s, m, t) = views(&from_article);
    check_views(&e, &s, &m, &t);

    // The folder `annotate --out-dir` wrote: same report, byte for byte.
    let from_tables = dir.join("from-tables");
    let ft = from_tables.to_str().unwrap();
    ok(&["report", tables_s, "--format", "csv", "--out-dir", ft]);
    assert_eq!(views(&from_tables), views(&from_article));
    for format in ["md", "html"] {
        assert_eq!(
            ok(&["report", &seed, "--format", format]),
            ok(&["report", tables_s, "--format", format]),
            "{format}"
        );
    }

    // Totals in the Markdown are the tables' counts.
    let md = ok(&["report", &seed]);
    let n = e.sentences;
    assert!(md.contains(&format!("{n} sentences")), "{md}");
    let statements: usize = e.speakers.values().map(|s| s.2.len()).sum();
    assert!(md.contains(&format!("{statements} statement")), "{md}");
    assert!(md.contains(&format!("{} stance", e.stances)), "{md}");
}

/// The hand-made tables (fixtures/report): aliases merge "Ye" into
/// "Kanye West", and every view equals the independent computation.
#[test]
fn fixture_tables_with_aliases() {
    let dir = tempdir("fixture");
    let sentences = std::fs::read_to_string(fixture("report/sentences.csv")).unwrap();
    let stances = std::fs::read_to_string(fixture("report/stances.csv")).unwrap();
    let aliases = [("Ye", "Kanye West"), ("Legend", "John Legend")];
    let e = expected(&sentences, &stances, &aliases);
    assert_eq!(e.speakers["Kanye West"].2.len(), 4, "Ye merged");
    let out = dir.join("views");
    ok(&[
        "report",
        &fixture("report"),
        "--aliases",
        &fixture("report/aliases.tsv"),
        "--format",
        "csv",
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    let (s, m, t) = views(&out);
    check_views(&e, &s, &m, &t);

    // Without aliases "Ye" is a speaker of their own.
    let e = expected(&sentences, &stances, &[]);
    let report = fixture("report");
    let s = ok(&["report", &report, "--format", "csv"]);
    let m = ok(&["report", &report, "--format", "csv", "--view", "matrix"]);
    let t = ok(&["report", &report, "--format", "csv", "--view", "timeline"]);
    check_views(&e, &s, &m, &t);
    assert!(s.lines().any(|l| l.starts_with("Ye,")), "{s}");
}

/// The whole Markdown report of the fixture tables. Golden file written by
/// `newstance report fixtures/report/sentences.csv
/// fixtures/report/stances.csv --aliases fixtures/report/aliases.tsv`; its
/// numbers are checked by hand and by `fixture_tables_with_aliases`.
#[test]
fn fixture_markdown_golden() {
    let got = ok(&[
        "report",
        &fixture("report/sentences.csv"),
        &fixture("report/stances.csv"),
        "--aliases",
        &fixture("report/aliases.tsv"),
    ]);
    let want = std::fs::read_to_string(fixture("report/expected.md")).unwrap();
    assert_eq!(got, want);
}

#[test]
fn min_statements_hides_the_long_tail() {
    let s = ok(&[
        "report",
        &fixture("report"),
        "--aliases",
        &fixture("report/aliases.tsv"),
        "--format",
        "csv",
        "--min-statements",
        "2",
    ]);
    let names: Vec<&str> = s
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(names, ["John Legend", "Kanye West"]);
    let md = ok(&["report", &fixture("report"), "--min-statements", "2"]);
    assert!(md.contains("at least 2 statements"), "{md}");
    assert!(!md.contains("a label spokesman"), "{md}");
}

/// JSONL tables (`annotate --format jsonl --out-dir`) give the same report
/// as the article.
#[test]
fn jsonl_tables_equal_the_article() {
    let dir = tempdir("jsonl");
    let seed = fixture("legend-west.txt");
    let j = dir.join("j");
    let js = j.to_str().unwrap();
    ok(&["annotate", &seed, "--format", "jsonl", "--out-dir", js]);
    assert!(j.join("sentences.jsonl").exists());
    assert_eq!(ok(&["report", js]), ok(&["report", &seed]));
}

/// A bad row is reported with its file and line, the others still count,
/// and the exit code says some input failed.
#[test]
fn bad_table_rows_are_reported_and_skipped() {
    let dir = tempdir("bad");
    let good = std::fs::read_to_string(fixture("report/sentences.csv")).unwrap();
    let mut lines: Vec<String> = good.lines().map(String::from).collect();
    assert!(
        lines[2].contains(",indirect,"),
        "fixture line 3 is indirect"
    );
    lines[2] = lines[2].replace(",indirect,", ",shouted,");
    let path = dir.join("sentences.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (code, out, err) = run(&["report", path.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code, 1, "{err}");
    let want = format!("{}:3: unknown mode `shouted`", path.display());
    assert!(err.contains(&want), "{err}");
    // John Legend lost the broken (indirect) statement, nothing else.
    let legend = out.lines().find(|l| l.starts_with("John Legend,")).unwrap();
    assert!(legend.starts_with("John Legend,3,4,3,0,0,1,"), "{legend}");
}

#[test]
fn bad_aliases_file_is_a_usage_error_naming_file_and_line() {
    let dir = tempdir("aliases");
    let path = dir.join("aliases.tsv");
    std::fs::write(&path, "Ye\tKanye West\nKanye\n").unwrap();
    let (code, _, err) = run(&[
        "report",
        &fixture("report"),
        "--aliases",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("{}:2:", path.display())), "{err}");
}

#[test]
fn out_dir_needs_csv() {
    let dir = tempdir("outdir");
    let (code, _, err) = run(&[
        "report",
        &fixture("report"),
        "--format",
        "html",
        "--out-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--out-dir needs --format csv"), "{err}");
}

/// The HTML report is one file that fetches nothing and carries the
/// numbers of the CSV views.
#[test]
fn html_is_self_contained_with_the_numbers() {
    let report = fixture("report");
    let aliases = fixture("report/aliases.tsv");
    let html = ok(&["report", &report, "--aliases", &aliases, "--format", "html"]);
    for needle in ["http:", "https:", "<script", "<link", "<img", "@import"] {
        assert!(!html.contains(needle), "{needle}");
    }
    let csv = ok(&["report", &report, "--aliases", &aliases, "--format", "csv"]);
    for r in util::records(&csv) {
        let mean: f64 = r["mean_compound"].parse().unwrap();
        let mark = format!(
            "data-speaker=\"{}\" data-statements=\"{}\" data-mean=\"{mean:.4}\"",
            r["speaker"], r["statements"]
        );
        assert!(html.contains(&mark), "{mark}");
    }
}

/// Tables whose every row fails: nothing could be processed, exit 2.
#[test]
fn nothing_processed_exits_2() {
    let dir = tempdir("nothing");
    let path = dir.join("stances.csv");
    let header = "doc_id,sentence,holder,target,stance,confidence,target_start,target_end,evidence";
    std::fs::write(&path, format!("{header}\nd,1,A,B,pro,0.5,0,1,x\n")).unwrap();
    let (code, _, err) = run(&["report", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(":2: unknown stance `pro`"), "{err}");
}

/// An article on stdin gives the same report as the file (the report shows
/// no document ids).
#[test]
fn stdin_article() {
    let seed = fixture("legend-west.txt");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newstance"))
        .args(["report", "--format", "csv", "--view", "timeline"])
        .stdin(std::fs::File::open(&seed).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    let file = ok(&["report", &seed, "--format", "csv", "--view", "timeline"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), file);
}
