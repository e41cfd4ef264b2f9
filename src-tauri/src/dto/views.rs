//! Payloads of search, history and the audit log.
//!
//! Invariant: vocabulary values, record kinds and changes travel as wire
//! names (`identity_documents`, `finalised`) for the app to name in its
//! language; no payload here carries a label in one language only.

use fieldnotes_core::views::{self, AuditRow, FieldChange, VersionRow, WordRun};
use fieldnotes_core::{CodedValue, Hit, Kind};
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
    /// The record's category, status, kind, priority, risk or scope.
    pub values: Vec<HitValue>,
}

/// A vocabulary value of a hit: the field (`category`, `status`, …) and
/// the value's wire name.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HitValue {
    pub field: String,
    pub value: String,
}

impl From<CodedValue> for HitValue {
    fn from(c: CodedValue) -> Self {
        HitValue {
            field: c.field.to_owned(),
            value: c.value.to_owned(),
        }
    }
}

impl From<Hit> for SearchHit {
    fn from(h: Hit) -> Self {
        SearchHit {
            record_id: h.record_id,
            kind: h.kind,
            case_code: h.case_code,
            case_id: h.case_id,
            snippet: h.snippet,
            values: all(h.values),
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
    /// How it changed the record (history: finalising a draft, or saving
    /// one, is not a change of content).
    #[ts(
        type = "\"created\" | \"changed\" | \"finalised\" | \"saved_as_draft\" | \"deleted\" | \"erased\""
    )]
    pub change: views::VersionChange,
    /// In history, the fields that differ from its parent.
    pub changes: Vec<FieldChangeView>,
}

/// One changed field; edited text also as runs of kept, deleted and
/// inserted words.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FieldChangeView {
    pub name: String,
    pub before: String,
    pub after: String,
    pub words: Vec<WordRunView>,
}

impl From<FieldChange> for FieldChangeView {
    fn from(c: FieldChange) -> Self {
        FieldChangeView {
            name: c.name,
            before: c.before,
            after: c.after,
            words: all(c.words),
        }
    }
}

/// Words a diff keeps (`equal`), deletes or inserts, with their spaces.
#[derive(Debug, Clone, Serialize, TS)]
pub struct WordRunView {
    #[ts(type = "\"equal\" | \"insert\" | \"delete\"")]
    pub op: views::WordOp,
    pub text: String,
}

impl From<WordRun> for WordRunView {
    fn from(w: WordRun) -> Self {
        WordRunView {
            op: w.op,
            text: w.text,
        }
    }
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
            change: v.change,
            changes: all(v.changes),
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
    /// The subject for people, in English ("RO-1 · note", "erased
    /// record", a device name): shown when the fields below say nothing.
    pub subject_label: String,
    /// The subject is a record of this kind.
    #[ts(type = "RecordKind | null")]
    pub subject_kind: Option<Kind>,
    /// The code of the case the record subject belongs to.
    pub subject_case_code: Option<String>,
    /// The subject record was erased.
    pub subject_erased: bool,
    /// This laptop did it.
    pub by_this_device: bool,
    /// Otherwise, the roster name of the device that did.
    pub by_name: Option<String>,
}

impl From<AuditRow> for AuditEntryView {
    fn from(e: AuditRow) -> Self {
        AuditEntryView {
            seq: e.seq,
            at: e.at,
            event: e.event,
            subject: e.subject,
            subject_label: e.subject_label,
            subject_kind: e.subject_kind,
            subject_case_code: e.subject_case_code,
            subject_erased: e.subject_erased,
            by_this_device: e.by_this_device,
            by_name: e.by_name,
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
