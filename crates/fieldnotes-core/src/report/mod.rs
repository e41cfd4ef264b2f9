//! Reports for the people around a case: a case summary as a signed PDF
//! that a court or a partner can check, and anonymised statistics.
//!
//! Layout is typst's ([`typeset`]); the data each report shows is gathered
//! here in the core, so the CLI and the app make the same report.

// Its users (the case summary, the statistics) land in the next commits.
#[allow(dead_code)]
mod typeset;
