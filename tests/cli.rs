//! Integration tests of the real binary: inputs, tables, errors, exit codes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newstance"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("output is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, data: &[u8]) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).unwrap();
    }
    std::fs::write(path, data).unwrap();
}

/// A bad settings file (lexicon, aliases) stops the run with exit code 2
/// and a message naming the file and line.
fn assert_usage_error_at(out: &Output, path: &Path, line: u64) {
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(out);
    assert!(
        err.contains(&format!("{}:{line}:", path.display())),
        "{err}"
    );
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

const SENTENCES_HEADER: &str =
    "doc_id,date,sentence,paragraph,start,end,speaker,mode,neg,neu,pos,compound,targets,text";

#[test]
fn annotate_seed_first_sentence_with_date_and_char_offsets() {
    let out = run(&["annotate", "fixtures/legend-west.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().next().unwrap(), SENTENCES_HEADER);
    let rows = csv_rows(&text);
    let first = &rows[0];
    assert_eq!(&first[0], "fixtures/legend-west.txt");
    assert_eq!(&first[1], "2022-08-05");
    assert_eq!(&first[2], "1");
    assert_eq!(&first[3], "1");
    let expected =
        "A political rift between John Legend and Kanye West apparently ended their friendship.";
    assert_eq!(&first[13], expected);
    // Offsets are character offsets into the original text, header included.
    let original = std::fs::read_to_string("fixtures/legend-west.txt").unwrap();
    let chars: Vec<char> = original.chars().collect();
    let (start, end): (usize, usize) = (first[4].parse().unwrap(), first[5].parse().unwrap());
    assert_eq!(chars[start..end].iter().collect::<String>(), expected);
    // Every row's offsets slice its text (white space collapsed), also past
    // the non-ASCII characters (…, –) of the seed.
    for row in &rows {
        let (s, e): (usize, usize) = (row[4].parse().unwrap(), row[5].parse().unwrap());
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(
            slice.split_whitespace().collect::<Vec<_>>().join(" "),
            &row[13]
        );
    }
}

#[test]
fn every_table_has_its_header() {
    let expected = [
        ("sentences", SENTENCES_HEADER),
        (
            "quotes",
            "doc_id,quote,start,end,kind,speaker,speaker_start,speaker_end,cue,cue_start,cue_end,text",
        ),
        (
            "stances",
            "doc_id,sentence,holder,target,stance,confidence,target_start,target_end,evidence",
        ),
        (
            "people",
            "doc_id,person,aliases,mentions,statements,mean_compound",
        ),
        ("errors", "source,line,doc_id,error"),
    ];
    for (table, header) in expected {
        let out = run(&["annotate", "--table", table, "fixtures/legend-west.txt"]);
        assert!(out.status.success(), "{table}: {}", stderr(&out));
        assert_eq!(stdout(&out).lines().next(), Some(header), "{table}");
    }
    let out = run(&["annotate", "--no-header", "fixtures/legend-west.txt"]);
    assert!(!stdout(&out).starts_with("doc_id"));
}

#[test]
fn out_dir_writes_all_tables() {
    let dir = scratch("out_dir");
    let out_dir = dir.join("tables/nested");
    let out = run(&[
        "annotate",
        "fixtures/legend-west.txt",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    for t in ["sentences", "quotes", "stances", "people", "errors"] {
        let text = std::fs::read_to_string(out_dir.join(format!("{t}.csv"))).unwrap();
        assert!(
            text.starts_with("doc_id,") || text.starts_with("source,"),
            "{t}"
        );
    }
    let sentences = std::fs::read_to_string(out_dir.join("sentences.csv")).unwrap();
    let direct = stdout(&run(&["annotate", "fixtures/legend-west.txt"]));
    assert_eq!(sentences, direct);
}

#[test]
fn txt_folder_is_recursive_and_sorted() {
    let dir = scratch("folder");
    write(&dir.join("b.txt"), b"Second file.");
    write(&dir.join("a/z.txt"), b"date 2020-01-02\nNested file.");
    write(&dir.join("a/ignored.md"), b"Not an input.");
    write(
        &dir.join("c.jsonl"),
        b"{\"id\": \"j1\", \"text\": \"From JSONL.\"}\n",
    );
    let out = run(&["annotate", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = csv_rows(&stdout(&out));
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    let d = dir.display();
    assert_eq!(
        ids,
        [
            format!("{d}/a/z.txt"),
            format!("{d}/b.txt"),
            "j1".to_string()
        ]
    );
    assert_eq!(&rows[0][1], "2020-01-02");
    assert_eq!(&rows[0][13], "Nested file.");
    assert_eq!(&rows[0][4], "16");
}

#[test]
fn jsonl_and_csv_inputs_and_stdin() {
    let jsonl = b"{\"id\": \"a\", \"text\": \"Alpha one.\", \"date\": \"2021-05-06\"}\n{\"text\": \"No id here.\"}\n";
    let out = run_stdin(&["annotate", "--input-format", "jsonl"], jsonl);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = csv_rows(&stdout(&out));
    assert_eq!(
        (&rows[0][0], &rows[0][1], &rows[0][13]),
        ("a", "2021-05-06", "Alpha one.")
    );
    assert_eq!(&rows[1][0], "-:2");

    let csv = b"id,date,text\nx,2019-12-31,\"Hello, world.\"\n,,Second.\n";
    let out = run_stdin(&["annotate", "--input-format", "csv", "-"], csv);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = csv_rows(&stdout(&out));
    assert_eq!(
        (&rows[0][0], &rows[0][1], &rows[0][13]),
        ("x", "2019-12-31", "Hello, world.")
    );
    assert_eq!(&rows[1][0], "-:3");

    let out = run_stdin(&["annotate"], b"date 2022-08-05 Plain text on stdin.");
    let rows = csv_rows(&stdout(&out));
    assert_eq!(
        (&rows[0][0], &rows[0][1], &rows[0][13]),
        ("-", "2022-08-05", "Plain text on stdin.")
    );

    let dir = scratch("csv_file");
    write(&dir.join("docs.csv"), b"text,id\nFrom a file.,f1\n");
    let out = run(&[
        "annotate",
        dir.join("docs.csv").to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    let line: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(line["doc_id"], "f1");
    assert_eq!(line["text"], "From a file.");
    assert_eq!(line["date"], serde_json::Value::Null);
    assert_eq!(line["sentence"], 1);
}

#[test]
fn malformed_jsonl_line_is_reported_and_the_rest_written() {
    let dir = scratch("bad_jsonl");
    let path = dir.join("in.jsonl");
    write(&path, b"{\"id\": \"ok1\", \"text\": \"Fine.\"}\n{\"id\": \"bad\", \"text\": \n{\"id\": \"ok2\", \"text\": \"Also fine.\"}\n{\"id\": \"e\", \"text\": \"\"}\n");
    let errors = dir.join("errors.csv");
    let out = run(&[
        "annotate",
        path.to_str().unwrap(),
        "--errors",
        errors.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:2: not a document record", path.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:4: empty document", path.display())),
        "{err}"
    );
    let ids: Vec<String> = csv_rows(&stdout(&out))
        .iter()
        .map(|r| r[0].to_string())
        .collect();
    assert_eq!(ids, ["ok1", "ok2"]);
    let table = std::fs::read_to_string(errors).unwrap();
    let rows = csv_rows(&table);
    assert_eq!(rows.len(), 2);
    assert_eq!((&rows[0][0], &rows[0][1]), (path.to_str().unwrap(), "2"));
    assert_eq!((&rows[1][1], &rows[1][2]), ("4", "e"));
    // --exit-zero: still reported, but exit 0.
    let out = run(&["annotate", path.to_str().unwrap(), "--exit-zero"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains(":2: not a document record"));
}

#[test]
fn malformed_csv_record_and_missing_text_column() {
    let dir = scratch("bad_csv");
    let good = dir.join("good.csv");
    write(&good, b"id,text\na,One.\nb,Two.,extra\nc,Three.\n");
    let out = run(&["annotate", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{}:3: record has 3 fields, the header has 2",
            good.display()
        )),
        "{}",
        stderr(&out)
    );
    let ids: Vec<String> = csv_rows(&stdout(&out))
        .iter()
        .map(|r| r[0].to_string())
        .collect();
    assert_eq!(ids, ["a", "c"]);

    let notext = dir.join("notext.csv");
    write(&notext, b"id,body\na,One.\n");
    let out = run(&["annotate", notext.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "nothing could be processed");
    assert!(stderr(&out).contains(&format!(
        "{}: CSV header has no `text` column",
        notext.display()
    )));
    let out = run(&["annotate", notext.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(csv_rows(&stdout(&out)).len(), 2);
}

#[test]
fn missing_file_among_good_ones() {
    let out = run(&["annotate", "fixtures/legend-west.txt", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no/such/file.txt: "),
        "{}",
        stderr(&out)
    );
    assert!(!csv_rows(&stdout(&out)).is_empty());
    let out = run(&["annotate", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["annotate", "--table", "nope"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn invalid_utf8_binary_and_empty_files() {
    let dir = scratch("bad_bytes");
    write(&dir.join("a_good.txt"), b"A good one.");
    write(&dir.join("b_latin1.txt"), b"Caf\xe9 society.");
    write(&dir.join("c_binary.txt"), b"\x00\x01\x02ELF");
    write(&dir.join("d_empty.txt"), b"");
    let out = run(&["annotate", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("b_latin1.txt: invalid UTF-8 at byte 3"),
        "{err}"
    );
    assert!(err.contains("c_binary.txt: binary file"), "{err}");
    assert!(err.contains("d_empty.txt: empty document"), "{err}");
    assert_eq!(csv_rows(&stdout(&out)).len(), 1);

    let out = run(&[
        "annotate",
        "--lossy",
        dir.join("b_latin1.txt").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("warning"), "{}", stderr(&out));
    assert_eq!(&csv_rows(&stdout(&out))[0][13], "Caf\u{fffd} society.");
}

#[test]
fn spreadsheet_safe_prefixes_formulas() {
    let input = b"{\"id\": \"=cmd\", \"text\": \"=HYPERLINK(1) is not a formula here.\"}\n";
    let out = run_stdin(
        &["annotate", "--input-format", "jsonl", "--spreadsheet-safe"],
        input,
    );
    let rows = csv_rows(&stdout(&out));
    assert_eq!(&rows[0][0], "'=cmd");
    assert!(rows[0][13].starts_with("'=HYPERLINK"));
    let out = run_stdin(&["annotate", "--input-format", "jsonl"], input);
    assert!(csv_rows(&stdout(&out))[0][13].starts_with("=HYPERLINK"));
}

#[test]
fn same_output_for_any_thread_count() {
    let dir = scratch("threads");
    let seed = std::fs::read_to_string("fixtures/legend-west.txt").unwrap();
    let words: Vec<&str> = seed.split_whitespace().collect();
    for i in 0..300 {
        // Documents of different lengths, so threads finish out of order.
        let n = 5 + (i * 37) % (words.len() - 5);
        write(
            &dir.join(format!("doc{i:03}.txt")),
            words[..n].join(" ").as_bytes(),
        );
    }
    let one = run(&[
        "annotate",
        dir.to_str().unwrap(),
        "--threads",
        "1",
        "--table",
        "sentences",
    ]);
    let two = run(&[
        "annotate",
        dir.to_str().unwrap(),
        "--threads",
        "2",
        "--table",
        "sentences",
    ]);
    assert!(one.status.success());
    assert!(csv_rows(&stdout(&one)).len() > 300);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn broken_pipe_exits_zero() {
    let mut input = Vec::new();
    for i in 0..3000 {
        input.extend_from_slice(format!("{{\"id\": \"{i}\", \"text\": \"Sentence number {i} is here. And another one follows it.\"}}\n").as_bytes());
    }
    let mut child = bin()
        .args(["annotate", "--input-format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn schema_lists_columns() {
    let out = run(&["schema", "--table", "people"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "people\n  doc_id         string\n  person         string\n  aliases        string (joined by `; `)\n  mentions       integer\n  statements     integer\n  mean_compound  float (4 decimals) or empty\n"
    );
}

#[test]
fn split_formats() {
    let input =
        b"The senator said the bill\nwould pass. Critics \xe2\x80\x93 many \xe2\x80\x93 disagreed.";
    let out = run_stdin(&["split"], input);
    assert_eq!(
        stdout(&out),
        "The senator said the bill would pass.\nCritics \u{2013} many \u{2013} disagreed.\n"
    );
    let out = run_stdin(&["split", "--format", "csv"], input);
    assert_eq!(
        stdout(&out),
        "doc_id,sentence,start,end,text\n-,1,0,37,The senator said the bill would pass.\n-,2,38,65,Critics \u{2013} many \u{2013} disagreed.\n"
    );
}

/// `sentiment` prints each line's scores exactly as vaderSentiment 3.3.2's
/// `polarity_scores` (Python `repr` of the rounded values) on the reference
/// rows that fit on one line.
#[test]
fn sentiment_command_matches_reference_output() {
    let golden = std::fs::read_to_string("fixtures/vader/reference_scores.tsv").unwrap();
    let rows: Vec<Vec<&str>> = golden
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|r| !r[6].contains('\\'))
        .collect();
    let input: String = rows.iter().map(|r| format!("{}\n", r[6])).collect();
    let out = run_stdin(&["sentiment"], input.as_bytes());
    assert!(out.status.success());
    let got = csv_rows(&stdout(&out));
    assert_eq!(got.len(), rows.len());
    for (want, got) in rows.iter().zip(&got) {
        let got: Vec<&str> = got.iter().take(4).collect();
        assert_eq!(got, want[2..6], "{}", want[6]);
    }
}

#[test]
fn user_lexicon_overrides_and_bad_lines_are_named() {
    let dir = scratch("lexicon");
    let good = dir.join("good.tsv");
    write(&good, b"frobnicious\t3.0\ngreat\t-3.1\n");
    let input = b"This is frobnicious.\nThis is great.\n";
    let plain = csv_rows(&stdout(&run_stdin(&["sentiment"], input)));
    assert_eq!(&plain[0][3], "0.0");
    assert!(plain[1][3].parse::<f64>().unwrap() > 0.0);
    let out = run_stdin(&["sentiment", "--lexicon", good.to_str().unwrap()], input);
    let rows = csv_rows(&stdout(&out));
    assert!(rows[0][3].parse::<f64>().unwrap() > 0.0);
    assert!(rows[1][3].parse::<f64>().unwrap() < 0.0);

    let bad = dir.join("bad.tsv");
    write(&bad, b"fine\t1.0\nbroken line\n");
    for cmd in ["sentiment", "annotate"] {
        let out = run_stdin(&[cmd, "--lexicon", bad.to_str().unwrap()], input);
        assert_usage_error_at(&out, &bad, 2);
    }
}

/// `--aliases` renames people to corpus-wide names and merges two people of
/// one document who turn out to be the same ("Ye" and "Kanye West").
#[test]
fn aliases_merge_people_within_a_document() {
    let dir = scratch("aliases");
    let aliases = dir.join("aliases.tsv");
    write(&aliases, b"Ye\tKanye West\n");
    let doc = dir.join("ye.txt");
    write(
        &doc,
        b"Ye said he was happy with the album. Kanye West also thanked Donald Trump.",
    );
    let plain = csv_rows(&stdout(&run(&[
        "annotate",
        doc.to_str().unwrap(),
        "--table",
        "people",
    ])));
    let names: Vec<&str> = plain.iter().map(|r| &r[1]).collect();
    assert!(
        names.contains(&"Ye") && names.contains(&"Kanye West"),
        "{names:?}"
    );
    let out = run(&[
        "annotate",
        doc.to_str().unwrap(),
        "--table",
        "people",
        "--aliases",
        aliases.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = csv_rows(&stdout(&out));
    let kanye: Vec<_> = rows.iter().filter(|r| &r[1] == "Kanye West").collect();
    assert_eq!(kanye.len(), 1);
    assert_eq!(&kanye[0][2], "Ye");
    assert!(!rows.iter().any(|r| &r[1] == "Ye"));
    // The merged person's mentions are the sum of both.
    let sum: usize = plain
        .iter()
        .filter(|r| &r[1] == "Ye" || &r[1] == "Kanye West")
        .map(|r| r[3].parse::<usize>().unwrap())
        .sum();
    assert_eq!(kanye[0][3].parse::<usize>().unwrap(), sum);
    let bad = dir.join("bad.tsv");
    write(&bad, b"Ye\tKanye West\nno tab here\n");
    let out = run(&[
        "annotate",
        doc.to_str().unwrap(),
        "--aliases",
        bad.to_str().unwrap(),
    ]);
    assert_usage_error_at(&out, &bad, 2);
}

/// A 50 MB single line without punctuation goes through in linear time
/// (no quadratic blow-up in any stage: a quadratic one would not finish)
/// and comes out as one sentence. Its words exercise the splitter, VADER's
/// booster, negation and "but" rules and the speakers' scans; the cost of
/// huge sentences full of names is shown by `examples/stage_times.rs`.
#[test]
fn fifty_megabyte_line_without_punctuation() {
    let dir = scratch("long_line");
    let words = [
        "the", "senator", "spoke", "good", "but", "bad", "not", "very", "and", "news",
    ];
    let mut text = String::with_capacity(50_000_100);
    let mut i = 0usize;
    while text.len() < 50_000_000 {
        text.push_str(words[(i * 7 + i / 3) % words.len()]);
        text.push(' ');
        i += 1;
    }
    let path = dir.join("long.txt");
    write(&path, text.as_bytes());
    let out = run(&[
        "annotate",
        path.to_str().unwrap(),
        "--table",
        "sentences",
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 1);
    let row: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(row["start"], 0);
    assert_eq!(row["end"], text.trim_end().len());
}
