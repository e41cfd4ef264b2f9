//! History and conflicts as people read them: every version with its
//! author's name, its fields as text and (history) what it changed (see
//! `diff.rs`).
//!
//! Invariant: the identity section of a case is never shown here; its field
//! reads `#N`, a counter that moves when the identity changes, so history
//! can say "the identity changed" without saying what it is.

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use super::diff::{self, FieldChange, VersionChange};
use crate::error::Result;
use crate::model::{Body, Identity, Version};
use crate::vault::Vault;
use crate::vocab::Kind;

/// One field of a version, as display text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldValue {
    pub name: String,
    pub value: String,
}

/// One version of a record, with who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionRow {
    pub version_id: Uuid,
    /// When it was written (RFC 3339, the author's hybrid clock).
    pub at: String,
    pub author: Uuid,
    /// The author device's name in the roster.
    pub author_name: String,
    /// The author device was revoked (its earlier versions stay).
    pub author_revoked: bool,
    pub this_device: bool,
    pub deleted: bool,
    /// Its content was erased: only the signed header stays.
    pub erased: bool,
    pub parents: Vec<Uuid>,
    pub fields: Vec<FieldValue>,
    /// How it changed the record: in a conflict only created, changed,
    /// deleted or erased; in history also finalised or saved as draft.
    pub change: VersionChange,
    /// In history, the fields that differ from its parent (a conflict's
    /// heads list their whole fields instead: none here).
    pub changes: Vec<FieldChange>,
}

/// Every version of one record, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryView {
    pub record_id: Uuid,
    pub kind: Kind,
    pub case_id: Option<Uuid>,
    pub case_code: Option<String>,
    pub versions: Vec<VersionRow>,
}

/// A record with concurrent heads, each shown in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictView {
    pub record_id: Uuid,
    pub kind: Kind,
    pub case_id: Option<Uuid>,
    pub case_code: Option<String>,
    /// The heads, oldest first.
    pub versions: Vec<VersionRow>,
    /// A note: its narrative can be merged by hand.
    pub text_merge: bool,
}

/// Who is who: names and revocations from the roster, and this device.
struct Authors {
    names: HashMap<Uuid, String>,
    revoked: HashMap<Uuid, bool>,
    this_device: Uuid,
}

impl Authors {
    fn of(vault: &Vault) -> Result<Authors> {
        let revoked = vault
            .devices()?
            .into_iter()
            .map(|d| (d.device_id, d.revoked_at.is_some()))
            .collect();
        Ok(Authors {
            names: vault.device_names()?,
            revoked,
            this_device: vault.device_id(),
        })
    }

    /// The versions as rows, the identity replaced by its generation.
    fn rows(&self, versions: &[Version]) -> Vec<VersionRow> {
        let mut generation = 0u32;
        let mut last_identity: HashMap<Uuid, Identity> = HashMap::new();
        versions
            .iter()
            .map(|v| {
                if let Some(Body::Case(c)) = &v.body {
                    if last_identity.get(&v.record_id) != Some(&c.identity) {
                        generation += 1;
                        last_identity.insert(v.record_id, c.identity.clone());
                    }
                }
                VersionRow {
                    version_id: v.version_id,
                    at: v.hlc.to_rfc3339(),
                    author: v.author,
                    author_name: self
                        .names
                        .get(&v.author)
                        .cloned()
                        .unwrap_or_else(|| v.author.to_string()[..8].to_owned()),
                    author_revoked: self.revoked.get(&v.author).copied().unwrap_or(false),
                    this_device: v.author == self.this_device,
                    deleted: v.is_tombstone(),
                    erased: v.erased,
                    parents: v.parents.clone(),
                    change: if v.erased {
                        VersionChange::Erased
                    } else if v.is_tombstone() {
                        VersionChange::Deleted
                    } else if v.parents.is_empty() {
                        VersionChange::Created
                    } else {
                        VersionChange::Changed
                    },
                    changes: Vec::new(),
                    fields: v
                        .body
                        .as_ref()
                        .map(|b| fields(b, generation))
                        .unwrap_or_default(),
                }
            })
            .collect()
    }
}

/// A body's fields as display text, identity hidden.
fn fields(body: &Body, identity_generation: u32) -> Vec<FieldValue> {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(body) else {
        return Vec::new();
    };
    map.into_iter()
        .filter(|(name, _)| name != "type" && name != "case")
        .map(|(name, v)| {
            let value = if name == "identity" {
                format!("#{identity_generation}")
            } else {
                display(&v)
            };
            FieldValue { name, value }
        })
        .collect()
}

fn display(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(display).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// The case a record belongs to: itself for a case, else the case its
/// versions name.
fn case_of(record_id: Uuid, kind: Kind, versions: &[Version]) -> Option<Uuid> {
    match kind {
        Kind::Case => Some(record_id),
        _ => versions.iter().find_map(|h| h.body.as_ref()?.case()),
    }
}

impl Vault {
    /// Every version of a record, oldest first, with authors named.
    pub fn history_view(&self, record_id: Uuid) -> Result<HistoryView> {
        let versions = self.history(record_id)?;
        let kind = versions[0].kind;
        let case_id = case_of(record_id, kind, &versions);
        let case_code = match case_id {
            Some(id) => self.case_codes()?.remove(&id),
            None => None,
        };
        let mut rows = Authors::of(self)?.rows(&versions);
        diff::describe(&mut rows);
        Ok(HistoryView {
            record_id,
            kind,
            case_id,
            case_code,
            versions: rows,
        })
    }

    /// Every record in conflict, with its case and both (or all) heads.
    pub fn conflict_views(&self) -> Result<Vec<ConflictView>> {
        let conflicts = self.conflicts()?;
        if conflicts.is_empty() {
            return Ok(Vec::new());
        }
        let authors = Authors::of(self)?;
        let codes = self.case_codes()?;
        Ok(conflicts
            .into_iter()
            .map(|c| {
                let case_id = case_of(c.record_id, c.kind, &c.heads);
                ConflictView {
                    record_id: c.record_id,
                    kind: c.kind,
                    case_id,
                    case_code: case_id.and_then(|i| codes.get(&i).cloned()),
                    versions: authors.rows(&c.heads),
                    text_merge: c.kind == Kind::Note,
                }
            })
            .collect())
    }
}
