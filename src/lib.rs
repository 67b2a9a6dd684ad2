//! newstance: who speaks in a news article, how positive or negative each
//! sentence is, and which stance each speaker takes toward the other people
//! named.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`document`]: inputs (text, folders, JSONL, CSV) become [`Document`]s.
//! 2. [`sentences`]: a news-aware splitter yields [`Sentence`] spans.
//! 3. [`sentiment`]: VADER scores each sentence ([`Vader`], [`Scores`]).
//! 4. [`speakers`]: quotes, people and who speaks each sentence.
//! 5. [`stance`]: each statement's holder's stance toward the people named.
//! 6. [`output`]: the tables (CSV, JSONL); [`batch`] runs many documents in
//!    parallel, in input order; [`report`] compares speakers' tone and
//!    stances across one or many articles; [`cli`] is the command line over
//!    all of it.
//!
//! Spans are byte offsets ([`Span`]) into the original text everywhere
//! inside the library; tables give character offsets.

#![warn(missing_docs)]

pub mod batch;
pub(crate) mod chars;
pub mod cli;
pub mod document;
pub mod error;
pub mod hash;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod sentences;
pub mod sentiment;
pub mod span;
pub mod speakers;
pub mod stance;

pub use crate::document::Document;
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::pipeline::{Annotated, Pipeline};
pub use crate::report::{Aggregator, Aliases, Report, ReportOptions};
pub use crate::sentences::{Sentence, Splitter};
pub use crate::sentiment::PyFloat;
pub use crate::sentiment::{Scores, Vader};
pub use crate::span::Span;
pub use crate::speakers::{Attribution, Mode, Person, PersonId, Quote, Source, Speakers};
pub use crate::stance::{Judgement, sentence_targets};
pub use crate::stance::{Label, Stance, StanceTagger};
