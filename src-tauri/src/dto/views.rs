//! Payloads of search, history and the audit log.

use fieldnotes_core::views::{self, AuditRow, VersionRow};
use fieldnotes_core::{Hit, Kind};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::all;

/// One search hit; the snippet marks matches between `[` and `]`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchHit {
    pub record_id: Uuid,
    #[ts(type = "RecordKind")]
    pub kind: Kind,
    pub case_code: Option<String>,
    pub case_id: Option<Uuid>,
    pub snippet: String,
}

impl From<Hit> for SearchHit {
    fn from(h: Hit) -> Self {
        SearchHit {
            record_id: h.record_id,
            kind: h.kind,
            case_code: h.case_code,
            case_id: h.case_id,
            snippet: h.snippet,
        }
    }
}

/// One field of a record at one version, flattened for display.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FieldValue {
    pub name: String,
    pub value: String,
}

impl From<views::FieldValue> for FieldValue {
    fn from(f: views::FieldValue) -> Self {
        FieldValue {
            name: f.name,
            value: f.value,
        }
    }
}

/// One version of a record: who, when, and its fields.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VersionView {
    pub version_id: Uuid,
    pub at: String,
    pub author: Uuid,
    /// The author's name in the roster (the start of its id when it has none).
    pub author_name: String,
    /// The author device was revoked since: its versions held here before
    /// the revocation stay, shown as from a revoked laptop.
    pub author_revoked: bool,
    pub this_device: bool,
    pub deleted: bool,
    /// Its content was erased: only the signed header stays.
    pub erased: bool,
    pub fields: Vec<FieldValue>,
}

impl From<VersionRow> for VersionView {
    fn from(v: VersionRow) -> Self {
        VersionView {
            version_id: v.version_id,
            at: v.at,
            author: v.author,
            author_name: v.author_name,
            author_revoked: v.author_revoked,
            this_device: v.this_device,
            deleted: v.deleted,
            erased: v.erased,
            fields: all(v.fields),
        }
    }
}

/// A record's whole history, oldest first.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoryView {
    pub record_id: Uuid,
    #[ts(type = "RecordKind")]
    pub kind: Kind,
    pub versions: Vec<VersionView>,
}

impl From<views::HistoryView> for HistoryView {
    fn from(h: views::HistoryView) -> Self {
        HistoryView {
            record_id: h.record_id,
            kind: h.kind,
            versions: all(h.versions),
        }
    }
}

/// One audit entry.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditEntryView {
    #[ts(type = "number")]
    pub seq: u64,
    pub at: String,
    pub event: String,
    /// The subject as stored (ids).
    pub subject: String,
    /// The subject for people: "case RO-1", "note of RO-1", a device name.
    pub subject_label: String,
}

impl From<AuditRow> for AuditEntryView {
    fn from(e: AuditRow) -> Self {
        AuditEntryView {
            seq: e.seq,
            at: e.at,
            event: e.event,
            subject: e.subject,
            subject_label: e.subject_label,
        }
    }
}

/// The audit log, newest first, and the result of checking its chain.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditView {
    pub entries: Vec<AuditEntryView>,
    pub intact: bool,
    /// Where the chain breaks, when it does.
    #[ts(type = "number | null")]
    pub broken_at: Option<u64>,
    pub head: Option<String>,
}

impl From<views::AuditView> for AuditView {
    fn from(a: views::AuditView) -> Self {
        AuditView {
            entries: all(a.entries),
            intact: a.intact,
            broken_at: a.broken_at,
            head: a.head,
        }
    }
}
