//! Reports for the people around a case: a case summary as a signed PDF
//! that a court or a partner can check, and anonymised statistics.
//!
//! Layout is typst's ([`typeset`]); the data each report shows is gathered
//! here in the core, so the CLI and the app make the same report.

// Its users (the case summary, the statistics) land in the next commits.
mod stats;
mod stats_count;
mod stats_out;
mod stats_table;
#[allow(dead_code)]
mod typeset;

pub use stats::{Median, Statistics, StatsRequest};
pub use stats_out::StatsFormat;
pub use stats_table::{Cell, Row, Table};
