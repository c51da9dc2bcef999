//! claimlint: finds claims across a dossier of news articles that cannot all be true.
//!
//! The pipeline: load articles ([`corpus`]) → extract claims ([`extract`]) and the pack's
//! mentions ([`mentions`]) → resolve events ([`events`]) → run checks ([`checks`]) → explain
//! ([`root_cause`]) → report ([`report`]).

pub mod analysis;
pub mod app;
pub mod baseline;
pub mod checks;
mod classes;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod events;
pub mod extract;
pub mod finding;
pub mod inline_tests;
pub mod interchange;
pub mod mentions;
pub mod pack;
mod packed;
pub mod pipeline;
pub mod position;
mod record_file;
pub mod report;
pub mod root_cause;
mod swar;
pub mod timings;
mod words;
