//! claimlint: finds claims across a dossier of news articles that cannot all be true.
//!
//! The pipeline: load articles ([`corpus`]) → extract claims ([`extract`]) → resolve events →
//! run checks → report.

pub mod corpus;
pub mod extract;
