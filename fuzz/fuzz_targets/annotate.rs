//! Fuzz the whole pipeline: any bytes, read as a document the way the
//! readers do (lossy UTF-8), through every stage and every table.
//!
//! Run: `cargo install cargo-fuzz && cd fuzz && cargo fuzz run annotate`
//! (cargo-fuzz needs a nightly rustc, or `RUSTC_BOOTSTRAP=1` with a stable one).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newstance::output::{Options, person_rows, quote_rows, sentence_rows, stance_rows};
use newstance::{Document, Pipeline};
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let a = PIPELINE.annotate(Document::new("fuzz", text, None));
    let t = &a.doc.text;
    for s in &a.sentences {
        assert!(t.is_char_boundary(s.span.start) && t.is_char_boundary(s.span.end));
        assert!(s.span.start <= s.span.end && s.span.end <= t.len());
    }
    let opts = Options { spreadsheet_safe: true };
    sentence_rows(&a, &opts);
    quote_rows(&a, &opts);
    stance_rows(&a, &opts);
    person_rows(&a, &opts);
});
