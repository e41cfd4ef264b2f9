//! The case summary: a case's facts, a chronology of chosen interviews and
//! notes, needs with their referral history, consents, follow-ups and
//! attached files, laid out as a PDF in a chosen language, with an appendix
//! giving the provenance (version, author laptop, time, content hash) of
//! every entry shown, and signed by this laptop (see [`super::seal`]).
//!
//! Invariants: erased and deleted records never appear; the identity
//! section only with [`CaseReportRequest::with_identity`]; every report
//! made is audited (`report_made` or `report_with_identity`, subject
//! `case <id>: …`). Drafts are left out unless chosen by id, and then
//! marked as drafts. The PDF embeds `manifest.json` ([`Manifest`]), the
//! list of what it shows, and the signature covers every byte of it.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::case_data;
use super::seal;
use super::typeset::{self, Job};
use crate::audit::Event;
use crate::case_model::Lang;
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vocab::Kind;

/// The manifest format name.
pub const MANIFEST_FORMAT: &str = "fieldnotes-case-summary";
/// The manifest and signature format version this build writes and reads.
pub const MANIFEST_VERSION: u32 = 1;

const TEMPLATE: &str = include_str!("case_summary.typ");

/// What to put in a case summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseReportRequest {
    pub case: Uuid,
    /// The report's language, independent of the app's.
    pub lang: Lang,
    /// Include the restricted identity section (audited as such).
    pub with_identity: bool,
    /// The interviews and notes to show, by record id; `None`: every one
    /// that is not a draft.
    pub notes: Option<Vec<Uuid>>,
    /// The chronology's period (inclusive); notes without a date are
    /// placed by when they were written.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The laptop that made and signed a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    pub device_id: Uuid,
    pub name: String,
    pub fingerprint: String,
    /// minisign's `-P` form of the signing key.
    pub minisign_public_key: String,
}

/// One entry the report shows: a signed version of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// How the PDF refers to it: `E1`, `E2`, …
    pub reference: String,
    pub kind: Kind,
    pub record_id: Uuid,
    pub version_id: Uuid,
    /// The author laptop's device id, and its name in the roster.
    pub author: Uuid,
    pub author_name: String,
    /// The version's time (RFC 3339).
    pub time: String,
    /// BLAKE3 of the version's content, as its author signed it.
    pub blake3: String,
}

/// What a report shows: embedded in the PDF as `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub case_id: Uuid,
    pub case_code: String,
    pub lang: Lang,
    pub with_identity: bool,
    /// The chronology's period, `YYYY-MM-DD` each, when one was chosen.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The notes were chosen one by one (otherwise: all but drafts).
    pub notes_chosen: bool,
    pub made_at: String,
    pub signer: Signer,
    pub entries: Vec<ManifestEntry>,
}

/// A signed case summary.
#[derive(Debug, Clone)]
pub struct CaseReport {
    /// The PDF with its signature trailer.
    pub pdf: Vec<u8>,
    pub manifest: Manifest,
}

impl CaseReport {
    /// Writes the PDF to `path`. An existing file is replaced only with
    /// `replace` (a save dialog already asked), and then atomically.
    pub fn write_to(&self, path: &Path, replace: bool) -> Result<()> {
        use std::io::Write;
        if replace {
            return crate::envelope::write_atomic(path, &self.pdf);
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| Error::io("create", path, e))?;
        file.write_all(&self.pdf)
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io("write", path, e))
    }
}

impl Vault {
    /// Makes a signed case summary, and records it in the audit log.
    pub fn case_report(&self, request: &CaseReportRequest) -> Result<CaseReport> {
        let made = crate::dates::now_utc();
        self.case_report_at(request, made)
    }

    fn case_report_at(&self, req: &CaseReportRequest, made: DateTime<Utc>) -> Result<CaseReport> {
        if let (Some(from), Some(to)) = (req.from, req.to) {
            if from > to {
                return Err(Error::InvalidDate {
                    what: "end of the period",
                    given: to.to_string(),
                    accepted: "a date on or after the start of the period",
                });
            }
        }
        let card = self.card()?;
        let signer = Signer {
            device_id: card.device_id,
            name: card.name,
            fingerprint: card.fingerprint,
            minisign_public_key: card.minisign_public_key,
        };
        let made_at = crate::dates::rfc3339(made).unwrap_or_default();
        let gathered = case_data::gather(self, req, &signer, &made_at)?;
        let manifest = Manifest {
            format: MANIFEST_FORMAT.into(),
            version: MANIFEST_VERSION,
            case_id: req.case,
            case_code: gathered.code.clone(),
            lang: req.lang,
            with_identity: req.with_identity,
            from: req.from.map(|d| d.to_string()),
            to: req.to.map(|d| d.to_string()),
            notes_chosen: req.notes.is_some(),
            made_at,
            signer,
            entries: gathered.entries,
        };
        let manifest_json =
            serde_json::to_vec_pretty(&manifest).map_err(|_| Error::ReportLayout)?;
        let data = serde_json::to_vec(&gathered.data).map_err(|_| Error::ReportLayout)?;
        let pdf = typeset::render(Job {
            template: TEMPLATE,
            files: vec![("/data.json", data), ("/manifest.json", manifest_json)],
            title: gathered.title,
            made,
        })?;
        let pdf = seal::seal(
            pdf,
            &self.secrets.signing_key,
            &seal::trusted_comment(&manifest),
        );
        let event = if req.with_identity {
            Event::ReportWithIdentity
        } else {
            Event::ReportMade
        };
        self.audit(event, &audit_subject(&manifest))?;
        Ok(CaseReport { pdf, manifest })
    }
}

/// `case <id>: <lang>, <n> entries, …`: the audit view names the case by
/// its code (see `views::audit_view`) and keeps the rest as said.
fn audit_subject(m: &Manifest) -> String {
    let lang = match m.lang {
        Lang::Ro => "ro",
        _ => "en",
    };
    let mut s = format!("case {}: {lang}, {} entries", m.case_id, m.entries.len());
    if m.from.is_some() || m.to.is_some() {
        s.push_str(&format!(
            ", period {} to {}",
            m.from.as_deref().unwrap_or("start"),
            m.to.as_deref().unwrap_or("end")
        ));
    }
    s.push_str(if m.notes_chosen {
        ", chosen notes"
    } else {
        ", all notes"
    });
    if m.with_identity {
        s.push_str(", with identity");
    }
    s
}
