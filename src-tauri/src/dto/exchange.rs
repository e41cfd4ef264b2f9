//! Payloads of the exchange screens: identity cards, the roster, export,
//! import and conflicts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::VersionView;

/// An identity card: this device's, or one read from a file to be trusted.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CardView {
    pub device_id: String,
    pub name: String,
    /// Recomputed from the keys, never taken from the file.
    pub fingerprint: String,
    pub age_recipient: String,
    /// The card file's text, as it is saved or handed to `trust_card`.
    pub text: String,
}

/// A device in the roster.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DeviceView {
    pub device_id: String,
    pub name: String,
    pub fingerprint: String,
    pub this_device: bool,
    pub trusted: bool,
    /// When it was revoked; bundles it signed after that are refused.
    pub revoked_at: Option<String>,
}

/// What to export and to whom.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportRequest {
    /// Device ids of the recipients.
    pub to: Vec<String>,
    /// Case ids: every version of these cases. Empty: what changed since
    /// the last bundle to these recipients.
    pub cases: Vec<String>,
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
}

/// A record with concurrent heads, each shown in full.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ConflictView {
    pub record_id: String,
    #[ts(type = "RecordKind")]
    pub kind: String,
    pub case_id: Option<String>,
    pub case_code: Option<String>,
    /// The heads, oldest first.
    pub versions: Vec<VersionView>,
    /// A note: its narrative can be merged by hand.
    pub text_merge: bool,
}
