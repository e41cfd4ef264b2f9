//! Reports for the people around a case: a case summary as a signed PDF
//! that a court or a partner can check, and anonymised statistics.
//!
//! Layout is typst's ([`typeset`]); the data each report shows is gathered
//! here in the core, so the CLI and the app make the same report.

// Its users (the case summary, the statistics) land in the next commits.
#[allow(dead_code)]
mod typeset;

mod case_data;
pub mod case_summary;
mod case_text;
mod pdf_files;
pub mod seal;

pub use case_summary::{CaseReport, CaseReportRequest, Manifest, ManifestEntry, Signer};
pub use seal::{check_signature, read_report, ReportCheck, Signed};
