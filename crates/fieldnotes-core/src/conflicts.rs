//! Conflicts: records with more than one head after a merge, and their
//! resolution.
//!
//! Invariants: a resolution is an ordinary new version whose parents are
//! all the current heads, so it travels in the next bundle like any edit
//! and every other laptop converges on it; nothing is ever discarded, the
//! losing versions stay in the history.

use uuid::Uuid;

use crate::audit::Event;
use crate::error::{Error, Result};
use crate::model::{Body, Version};
use crate::records::RecordState;
use crate::vault::Vault;

impl Vault {
    /// Records with more than one head.
    pub fn conflicts(&self) -> Result<Vec<RecordState>> {
        Ok(self
            .conflicted()?
            .into_iter()
            .filter(|r| r.conflict)
            .collect())
    }

    /// Settles a conflict: a new version whose parents are all current
    /// heads, holding `body` (or, with `None`, a deletion).
    pub fn resolve(&mut self, record_id: Uuid, body: Option<Body>) -> Result<Version> {
        let heads = self.conflicting_heads(record_id)?;
        let kind = heads[0].kind;
        if body.as_ref().is_some_and(|b| b.kind() != kind) {
            return Err(Error::UnknownValue {
                what: "record kind",
                given: body.map(|b| b.kind().to_string()).unwrap_or_default(),
                allowed: kind.to_string(),
            });
        }
        let parents = heads.iter().map(|h| h.version_id).collect();
        let event = if body.is_some() {
            Event::RecordUpdated
        } else {
            Event::RecordDeleted
        };
        self.write(record_id, kind, parents, body, event)
    }

    /// Settles a conflict by keeping one of the heads as it is (a kept
    /// deletion deletes the record).
    pub fn resolve_keep(&mut self, record_id: Uuid, version_id: Uuid) -> Result<Version> {
        let heads = self.conflicting_heads(record_id)?;
        let kept = heads
            .into_iter()
            .find(|h| h.version_id == version_id)
            .ok_or_else(|| Error::NotAConflictingVersion {
                id: version_id.to_string(),
            })?;
        self.resolve(record_id, kept.body)
    }

    /// Settles a conflict on a note with a narrative merged by hand; the
    /// other fields come from the newest head that is not a deletion.
    pub fn resolve_text(&mut self, record_id: Uuid, narrative: &str) -> Result<Version> {
        let heads = self.conflicting_heads(record_id)?;
        let Some(Body::Note(mut note)) = heads.into_iter().rev().find_map(|h| h.body) else {
            return Err(Error::TextMergeUnsupported);
        };
        note.narrative = narrative.to_owned();
        self.resolve(record_id, Some(Body::Note(note)))
    }

    /// Checks the record's heads are exactly the versions `seen` (what the
    /// person compared), so a resolution never supersedes a version that
    /// arrived after they looked.
    pub fn check_heads(&self, record_id: Uuid, seen: &[Uuid]) -> Result<()> {
        let mut heads: Vec<Uuid> = self
            .heads(record_id)?
            .iter()
            .map(|h| h.version_id)
            .collect();
        let mut seen = seen.to_vec();
        heads.sort();
        seen.sort();
        seen.dedup();
        if heads != seen {
            return Err(Error::ConflictChanged {
                id: record_id.to_string(),
            });
        }
        Ok(())
    }

    fn conflicting_heads(&self, record_id: Uuid) -> Result<Vec<Version>> {
        let heads = self.heads(record_id)?;
        if heads.len() < 2 {
            return Err(Error::NoConflict {
                id: record_id.to_string(),
            });
        }
        Ok(heads)
    }
}
