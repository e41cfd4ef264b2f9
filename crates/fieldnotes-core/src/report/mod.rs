//! Reports for the people around a case: a case summary as a signed PDF
//! that a court or a partner can check, and anonymised statistics.
//!
//! Layout is typst's ([`typeset`]); the data each report shows is gathered
//! here in the core, so the CLI and the app make the same report.

mod typeset;

mod case_data;
pub mod case_summary;
mod case_text;
mod pdf_files;
pub mod seal;
mod stats;
mod stats_count;
mod stats_out;
mod stats_table;

pub use case_summary::{CaseReport, CaseReportRequest, Manifest, ManifestEntry, Signer};
pub use seal::{check_signature, read_report, ReportCheck, Signed};
pub use stats::{Median, Statistics, StatsRequest};
pub use stats_out::StatsFormat;
pub use stats_table::{Cell, Row, Table};
