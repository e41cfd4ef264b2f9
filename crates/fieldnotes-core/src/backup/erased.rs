//! Backups that still hold erased data, and rotating them out in one
//! action.
//!
//! Whether a backup holds erased data is decided from its content, not from
//! times: when a backup is verified its database image is opened, and it
//! holds erased data when any record this vault has erased since still has
//! a version with its body there. This is exact where a time comparison
//! is not: an erasure authored on another laptop before a backup was made
//! may arrive here only after it, and a record created elsewhere before
//! the backup may arrive only later.
//!
//! Invariants: only verified backups of this vault are removed (one that
//! does not verify is left as it is and shown with its problem); when no
//! verified backup free of erased data would remain, a fresh backup is
//! made and verified first, so the drive never ends without a backup; a
//! sealed file is removed only when every snapshot left in its set could
//! be read and none needs it (the rotation's sweep).

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use rusqlite::Connection;
use serde::Serialize;

use super::set::{BackupSet, SNAPSHOT_DIR};
use super::{BackupEntry, BackupInfo, Progress};
use crate::envelope::sync_dir;
use crate::error::{Error, Result};
use crate::vault::Vault;

/// What removing the backups that hold erased data did.
#[derive(Debug, Clone, Serialize)]
pub struct ErasedRemoval {
    /// The fresh backup made first, when no backup free of erased data
    /// would have been left.
    pub fresh: Option<BackupInfo>,
    /// The backup files removed (snapshots and format-1 files).
    pub removed: Vec<PathBuf>,
    /// Sealed files removed from the sets because no kept snapshot needs
    /// them.
    pub blobs_removed: u64,
}

/// Whether `e` is a verified backup of this vault holding erased data.
fn holding(e: &BackupEntry) -> bool {
    e.this_vault && e.manifest.is_some() && e.holds_erased
}

/// Whether `e` is a verified backup of this vault free of erased data.
fn free_of_erased(e: &BackupEntry) -> bool {
    e.this_vault && e.manifest.is_some() && !e.holds_erased
}

impl Vault {
    /// Whether the database `backup` (a backup's image, opened) holds the
    /// content of any record this vault has erased.
    pub(super) fn holds_erased_in(&self, backup: &Connection) -> Result<bool> {
        let mut erased = self.conn.prepare("SELECT record_id FROM erased_records")?;
        let ids = erased.query_map([], |r| r.get::<_, String>(0))?;
        // An erased version's body is `null`; a deletion never had one.
        let mut held = backup.prepare(
            "SELECT 1 FROM versions WHERE record_id = ?1 AND deleted = 0 AND body != 'null'",
        )?;
        for id in ids {
            if held.exists([id?])? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Removes every backup of this vault in `dir` that holds erased data,
    /// then the sealed files no kept snapshot needs; first makes a fresh
    /// backup in `dir` when no verified backup free of erased data would
    /// remain. Does nothing when no backup holds erased data.
    pub fn remove_backups_holding_erased(
        &self,
        dir: &std::path::Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ErasedRemoval> {
        let entries = self.list_backups(dir, progress)?;
        let doomed: Vec<PathBuf> = (entries.iter())
            .filter(|e| holding(e))
            .map(|e| e.path.clone())
            .collect();
        let mut out = ErasedRemoval {
            fresh: None,
            removed: Vec::new(),
            blobs_removed: 0,
        };
        if doomed.is_empty() {
            return Ok(out);
        }
        if !entries.iter().any(free_of_erased) {
            // `dir` may be the set folder itself; the set goes beside it.
            let drive = match BackupSet::vault_of(dir) {
                Some(_) => dir.parent().unwrap_or(dir),
                None => dir,
            };
            out.fresh = Some(self.backup(drive, None, progress)?);
        }
        let mut sets = BTreeSet::new();
        for path in doomed {
            fs::remove_file(&path).map_err(|e| Error::io("remove the old backup", &path, e))?;
            sync_dir(&path).map_err(|e| Error::io("remove the old backup", &path, e))?;
            if path.parent().and_then(|p| p.file_name()) == Some(SNAPSHOT_DIR.as_ref()) {
                sets.insert(BackupSet::of_snapshot(&path).root);
            }
            out.removed.push(path);
        }
        for root in sets {
            out.blobs_removed += self.sweep_set(&BackupSet { root })?;
        }
        Ok(out)
    }
}
