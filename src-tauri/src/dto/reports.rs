//! The case summary asked for on the case page, and the verdict on a
//! summary someone picked to check.

use std::path::Path;

use fieldnotes_core::report::{CaseReport, CaseReportRequest, ReportCheck};
use fieldnotes_core::Error;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// What to put in a case summary.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseReportInput {
    pub case_id: Uuid,
    #[ts(type = "\"en\" | \"ro\"")]
    pub lang: String,
    pub with_identity: bool,
    /// The interviews and notes to show; `null`: every one but drafts.
    pub notes: Option<Vec<Uuid>>,
    /// The chronology's period, `YYYY-MM-DD` each (or as people write dates).
    pub from: Option<String>,
    pub to: Option<String>,
}

impl CaseReportInput {
    /// The core's request, its language and dates checked.
    pub fn request(&self) -> Result<CaseReportRequest, Error> {
        let day = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| fieldnotes_core::dates::parse_date("date", s))
                .transpose()
        };
        Ok(CaseReportRequest {
            case: self.case_id,
            lang: self.lang.parse()?,
            with_identity: self.with_identity,
            notes: self.notes.clone(),
            from: day(&self.from)?,
            to: day(&self.to)?,
        })
    }
}

/// A summary saved.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseReportResult {
    pub path: String,
    pub entries: u32,
    pub with_identity: bool,
}

impl CaseReportResult {
    pub fn new(path: &Path, report: &CaseReport) -> Self {
        CaseReportResult {
            path: path.display().to_string(),
            entries: u32::try_from(report.manifest.entries.len()).unwrap_or(u32::MAX),
            with_identity: report.manifest.with_identity,
        }
    }
}

/// An intact summary signed by a trusted laptop.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportCheckView {
    pub signer_id: Uuid,
    pub signer_name: String,
    pub fingerprint: String,
    pub this_device: bool,
    pub case_code: String,
    pub made_at: String,
    pub with_identity: bool,
    pub entries: u32,
}

/// What checking a picked file found.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportVerdict {
    pub file_name: String,
    #[ts(type = "\"intact\" | \"changed\" | \"not_a_report\" | \"untrusted\"")]
    pub outcome: &'static str,
    /// Filled when intact.
    pub check: Option<ReportCheckView>,
    /// Who signed it, when intact but signed by a laptop not trusted here.
    pub signer: Option<String>,
}

impl ReportVerdict {
    /// The verdict on `result`; other failures (the vault's) stay errors.
    pub fn new(path: &Path, result: Result<ReportCheck, Error>) -> Result<Self, Error> {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let verdict = |outcome, check, signer| ReportVerdict {
            file_name: file_name.clone(),
            outcome,
            check,
            signer,
        };
        match result {
            Ok(c) => Ok(verdict("intact", Some(c.into()), None)),
            Err(Error::ReportTampered) => Ok(verdict("changed", None, None)),
            Err(Error::NotAReport) => Ok(verdict("not_a_report", None, None)),
            Err(Error::ReportUntrusted { signer }) => Ok(verdict("untrusted", None, Some(signer))),
            Err(e) => Err(e),
        }
    }
}

impl From<ReportCheck> for ReportCheckView {
    fn from(c: ReportCheck) -> Self {
        ReportCheckView {
            signer_id: c.signer,
            signer_name: c.signer_name,
            fingerprint: c.fingerprint,
            this_device: c.this_device,
            case_code: c.case_code,
            made_at: c.made_at,
            with_identity: c.with_identity,
            entries: u32::try_from(c.entries).unwrap_or(u32::MAX),
        }
    }
}
