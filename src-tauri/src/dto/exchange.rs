//! Payloads of the exchange screens: identity cards, the roster, export,
//! import and conflicts.

use fieldnotes_core::exchange::{ExportInfo, ExportOptions, ImportInfo};
use fieldnotes_core::roster::{Card, Device};
use fieldnotes_core::{views, Kind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{all, VersionView};

/// An identity card: this device's, or one read from a file to be trusted.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CardView {
    pub device_id: Uuid,
    pub name: String,
    /// Recomputed from the keys, never taken from the file.
    pub fingerprint: String,
    pub age_recipient: String,
    /// The card file's text, as it is saved or handed to `trust_card`.
    pub text: String,
}

impl From<&Card> for CardView {
    fn from(card: &Card) -> Self {
        CardView {
            device_id: card.device_id,
            name: card.name.clone(),
            fingerprint: card.fingerprint.clone(),
            age_recipient: card.age_recipient.clone(),
            text: card.to_json(),
        }
    }
}

/// A device in the roster.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DeviceView {
    pub device_id: Uuid,
    pub name: String,
    pub fingerprint: String,
    pub this_device: bool,
    pub trusted: bool,
    /// When it was revoked; bundles it signed after that are refused.
    pub revoked_at: Option<String>,
    /// The device whose signed revocation came in a bundle; `null` when
    /// revoked on this laptop (or not revoked).
    pub revoked_by: Option<Uuid>,
}

impl From<Device> for DeviceView {
    fn from(d: Device) -> Self {
        DeviceView {
            device_id: d.device_id,
            name: d.name,
            fingerprint: d.fingerprint,
            this_device: d.this_device,
            trusted: d.trusted,
            revoked_at: d.revoked_at.map(|h| h.to_rfc3339()),
            revoked_by: d.revoked_by,
        }
    }
}

/// What to export and to whom.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportRequest {
    /// Device ids of the recipients.
    pub to: Vec<Uuid>,
    /// Case ids: every version of these cases. Empty: what changed since
    /// the last bundle to these recipients.
    pub cases: Vec<Uuid>,
    /// Also send the cases without consent to share with the lead, for
    /// this reason (audited); absent: they are left out.
    #[serde(default)]
    #[ts(optional)]
    pub override_consent: Option<String>,
}

impl From<ExportRequest> for ExportOptions {
    fn from(r: ExportRequest) -> Self {
        ExportOptions {
            to: r.to,
            cases: r.cases,
            override_consent: r.override_consent,
            ..ExportOptions::default()
        }
    }
}

/// A written bundle.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportResult {
    pub file: String,
    #[ts(type = "number")]
    pub versions: u64,
    #[ts(type = "number")]
    pub attachments: u64,
    #[ts(type = "number")]
    pub size: u64,
    /// Codes of the cases left out for want of consent to share.
    pub left_out: Vec<String>,
    /// Codes of the cases sent without that consent (reason audited).
    pub sent_without_consent: Vec<String>,
}

impl From<ExportInfo> for ExportResult {
    fn from(info: ExportInfo) -> Self {
        ExportResult {
            file: info.path.display().to_string(),
            versions: info.versions,
            attachments: info.blobs,
            size: info.size,
            left_out: info.left_out,
            sent_without_consent: info.sent_without_consent,
        }
    }
}

/// What an imported bundle brought.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportSummary {
    pub sender_name: String,
    /// The bundle had been imported before; nothing changed.
    pub already_imported: bool,
    #[ts(type = "number")]
    pub new_cases: u64,
    #[ts(type = "number")]
    pub new_notes: u64,
    #[ts(type = "number")]
    pub new_needs: u64,
    /// New consents, follow-ups and attachments.
    #[ts(type = "number")]
    pub new_other: u64,
    /// New versions of every kind, edits included.
    #[ts(type = "number")]
    pub new_versions: u64,
    #[ts(type = "number")]
    pub conflicts: u64,
    /// Names of the devices the bundle's signed revocations revoked here.
    pub revoked_devices: Vec<String>,
    /// Records an erasure in the bundle erased here.
    #[ts(type = "number")]
    pub erased_records: u64,
    /// Versions of erased records (or of records of an erased case) the
    /// bundle carried, refused.
    #[ts(type = "number")]
    pub refused_erased: u64,
}

impl ImportSummary {
    /// The import's figures, with the sender and the devices it revoked
    /// named as this vault's roster names them.
    pub fn named(info: &ImportInfo, v: &fieldnotes_core::Vault) -> fieldnotes_core::Result<Self> {
        let revoked = info
            .revoked_devices
            .iter()
            .map(|d| v.device(*d).map(|d| d.name));
        let revoked = revoked.collect::<fieldnotes_core::Result<_>>()?;
        Ok(ImportSummary::new(
            info,
            v.device(info.sender)?.name,
            revoked,
        ))
    }

    /// The import's figures, sent by the device named `sender_name`; the
    /// devices it revoked are named by `revoked_devices`.
    pub fn new(info: &ImportInfo, sender_name: String, revoked_devices: Vec<String>) -> Self {
        let count = |k: Kind| info.new_by_kind.get(&k).copied().unwrap_or(0);
        let (cases, notes, needs) = (count(Kind::Case), count(Kind::Note), count(Kind::Need));
        ImportSummary {
            sender_name,
            already_imported: info.already_imported,
            new_cases: cases,
            new_notes: notes,
            new_needs: needs,
            new_other: info.new_records.saturating_sub(cases + notes + needs),
            new_versions: info.new_versions,
            conflicts: info.conflicts.len() as u64,
            revoked_devices,
            erased_records: info.erased_records,
            refused_erased: info.refused_erased,
        }
    }
}

/// A record with concurrent heads, each shown in full.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ConflictView {
    pub record_id: Uuid,
    #[ts(type = "RecordKind")]
    pub kind: Kind,
    pub case_id: Option<Uuid>,
    pub case_code: Option<String>,
    /// The heads, oldest first.
    pub versions: Vec<VersionView>,
    /// A note: its narrative can be merged by hand.
    pub text_merge: bool,
}

impl From<views::ConflictView> for ConflictView {
    fn from(c: views::ConflictView) -> Self {
        ConflictView {
            record_id: c.record_id,
            kind: c.kind,
            case_id: c.case_id,
            case_code: c.case_code,
            versions: all(c.versions),
            text_merge: c.text_merge,
        }
    }
}
