//! Batch processing: many documents, in parallel, streamed, in input order.
//!
//! Documents are pulled from the readers in bounded batches (by count and by
//! bytes), annotated in parallel on a rayon pool, and handed to the sink in
//! input order (while the pool already works on the next batch), so memory stays bounded by the batch size whatever the
//! corpus size, and the output is byte-identical for any thread count.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::document::{Document, Inputs, Item};

use crate::error::Error;

/// At most this many documents are held in memory at once...
const BATCH_DOCS: usize = 256;
/// ... or this many bytes of text, whichever comes first.
const BATCH_BYTES: usize = 8 << 20;
/// A progress bar appears only after this long, so short runs stay quiet.
const PROGRESS_AFTER: Duration = Duration::from_secs(2);

/// What the sink receives, in input order.
pub enum Event<T> {
    /// What was computed from one document.
    Done(T),
    /// An input that failed.
    Failed {
        /// What went wrong and where.
        error: Error,
        /// The document id, when known.
        doc_id: Option<String>,
    },
    /// A warning about an input that was still processed.
    Warning(Error),
}

/// Counts for the `--verbose` summary and the exit code.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    /// Documents processed.
    pub documents: usize,
    /// Inputs (files, lines, records) that failed.
    pub errors: usize,
    /// Bytes of document text processed.
    pub bytes: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Batch settings.
#[derive(Clone, Copy, Debug, Default)]
pub struct BatchOptions {
    /// Worker threads; 0 means all cores.
    pub threads: usize,
    /// Show a progress bar on a terminal stderr for long runs.
    pub progress: bool,
}

/// Runs `work` on every document of `inputs` (in parallel) and feeds the
/// results to `sink` in input order. Stops early only if the sink fails
/// (for example on a closed pipe), returning that error.
pub fn run<T, W, S>(
    mut inputs: Inputs,
    opts: BatchOptions,
    work: W,
    mut sink: S,
) -> std::io::Result<Summary>
where
    T: Send,
    W: Fn(Document) -> T + Sync,
    S: FnMut(Event<T>) -> std::io::Result<()>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(std::io::Error::other)?;
    let mut summary = Summary::default();
    let start = Instant::now();
    let mut bar: Option<indicatif::ProgressBar> = None;
    let show_progress = opts.progress && std::io::stderr().is_terminal();
    // The previous batch's results are written, and the next batch is read,
    // by this thread while the pool computes the current batch: the workers
    // never wait for the writer or the reader.
    let mut pending: Vec<Event<T>> = Vec::new();
    let (mut batch, mut bytes) = read_batch(&mut inputs);
    loop {
        if batch.is_empty() && pending.is_empty() {
            break;
        }
        let previous = std::mem::take(&mut pending);
        let (events, written, next) = std::thread::scope(|scope| {
            let worker = scope.spawn(|| {
                pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|item| match item {
                            Item::Document(d) => Event::Done(work(d)),
                            Item::Failed { error, doc_id } => Event::Failed { error, doc_id },
                            Item::Warning(w) => Event::Warning(w),
                        })
                        .collect::<Vec<Event<T>>>()
                })
            });
            let written = deliver(previous, &mut sink, &mut summary);
            // After a failed write the run stops: read nothing more.
            let next = match written {
                Ok(()) => read_batch(&mut inputs),
                Err(_) => (Vec::new(), 0),
            };
            match worker.join() {
                Ok(events) => (events, written, next),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        });
        written?;
        pending = events;
        summary.bytes += bytes;
        (batch, bytes) = next;
        if show_progress && bar.is_none() && start.elapsed() > PROGRESS_AFTER {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                    .expect("valid template"),
            );
            bar = Some(b);
        }
        if let Some(b) = &bar {
            b.set_message(format!(
                "{} documents, {:.1} MB, {} errors",
                summary.documents,
                summary.bytes as f64 / 1e6,
                summary.errors
            ));
            b.tick();
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// The next batch: at most [`BATCH_DOCS`] inputs or [`BATCH_BYTES`] bytes
/// of document text, with its text size.
fn read_batch(inputs: &mut impl Iterator<Item = Item>) -> (Vec<Item>, usize) {
    let mut batch: Vec<Item> = Vec::with_capacity(BATCH_DOCS);
    let mut bytes = 0;
    while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
        let Some(item) = inputs.next() else { break };
        if let Item::Document(d) = &item {
            bytes += d.text.len();
        }
        batch.push(item);
    }
    (batch, bytes)
}

/// Hands one batch's results to the sink, in order, counting them.
fn deliver<T, S>(events: Vec<Event<T>>, sink: &mut S, summary: &mut Summary) -> std::io::Result<()>
where
    S: FnMut(Event<T>) -> std::io::Result<()>,
{
    for event in events {
        match &event {
            Event::Done(_) => summary.documents += 1,
            Event::Failed { .. } => summary.errors += 1,
            Event::Warning(_) => {}
        }
        sink(event)?;
    }
    Ok(())
}
