//! Times each pipeline stage on one document (a diagnostic for super-linear
//! behaviour): `cargo run --release --example stage_times -- FILE`.

use std::time::Instant;

use newstance::{Document, Pipeline};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: stage_times FILE [--no-stance]");
    let with_stance = std::env::args().nth(2).as_deref() != Some("--no-stance");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let p = Pipeline::new();
    let doc = Document::new(path, text, None);
    let t = Instant::now();
    let sentences = p.sentences(&doc);
    let t_split = t.elapsed();
    let t = Instant::now();
    let scores: Vec<_> = sentences
        .iter()
        .map(|s| p.vader.polarity_scores(s.span.of(&doc.text)))
        .collect();
    let t_vader = t.elapsed();
    let t = Instant::now();
    let attribution = p.speakers.analyze(&doc.text, doc.body, &sentences);
    let t_speakers = t.elapsed();
    let t = Instant::now();
    let stances = if with_stance {
        p.stance
            .analyze(&doc.text, &sentences, &attribution, &p.vader)
    } else {
        Vec::new()
    };
    let t_stance = t.elapsed();
    println!(
        "{} bytes, {} sentences, {} people, {} stances: split {:?}, vader {:?}, speakers {:?}, stance {:?}",
        doc.text.len(),
        sentences.len(),
        attribution.people.len(),
        stances.len(),
        t_split,
        t_vader,
        t_speakers,
        t_stance
    );
    drop(scores);
}
