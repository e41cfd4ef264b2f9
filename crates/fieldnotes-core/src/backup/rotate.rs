//! Rotation: keeps only the newest snapshots of this vault's backup set,
//! then removes the sealed files no remaining snapshot needs.
//!
//! Invariants: only this vault's set is touched, and format-1 backup files
//! beside it never; a sealed file is removed only when every snapshot left
//! in the set could be read with this device's key and none lists it (a
//! snapshot that cannot be read keeps everything); hidden `.partial` files
//! left by an interrupted backup go too, so one backup at a time writes to
//! a set.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::set::{BackupSet, PARTIAL_SUFFIX};
use super::{BackupReader, EXTENSION};
use crate::blobs::is_blob_name;
use crate::envelope::sync_dir;
use crate::error::{Error, Result};
use crate::vault::Vault;

/// Whether `name` is a finished backup of the vault with `vault_id`.
pub(super) fn is_backup_of(name: &str, vault_id: Uuid) -> bool {
    name.starts_with("fieldnotes-")
        && name.ends_with(&format!(
            "-{}.{EXTENSION}",
            &vault_id.simple().to_string()[..8]
        ))
}

/// The names of the files in `dir`.
pub(super) fn file_names(dir: &Path) -> Result<Vec<String>> {
    Ok(fs::read_dir(dir)
        .map_err(|e| Error::io("list", dir, e))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect())
}

/// Whether `name` is a file an interrupted backup left behind.
fn is_partial(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(PARTIAL_SUFFIX)
}

impl Vault {
    /// Removes all but the newest `keep` snapshots of this vault in `set`,
    /// then the sealed files no snapshot left needs; returns the snapshots
    /// removed and how many sealed files went.
    pub(super) fn rotate(&self, set: &BackupSet, keep: usize) -> Result<(Vec<PathBuf>, u64)> {
        let dir = set.snapshots();
        let mut ours: Vec<String> = file_names(&dir)?
            .into_iter()
            .filter(|n| is_backup_of(n, self.secrets.vault_id))
            .collect();
        ours.sort();
        let excess = ours.len().saturating_sub(keep);
        let mut removed = Vec::new();
        for name in ours.into_iter().take(excess) {
            let p = dir.join(name);
            fs::remove_file(&p).map_err(|e| Error::io("remove the old backup", &p, e))?;
            removed.push(p);
        }
        sync_dir(&dir.join("x")).map_err(|e| Error::io("list", &dir, e))?;
        let swept = self.sweep_set(set)?;
        Ok((removed, swept))
    }

    /// Removes the set's sealed files that no snapshot in it needs, and
    /// partial files; returns how many sealed files went.
    pub(super) fn sweep_set(&self, set: &BackupSet) -> Result<u64> {
        let Some(needed) = self.needed_by_snapshots(set)? else {
            return Ok(0);
        };
        let dir = set.blobs();
        let mut swept = 0;
        for name in file_names(&dir)? {
            let unneeded = is_blob_name(&name) && !needed.contains(&name);
            if unneeded || is_partial(&name) {
                let p = dir.join(&name);
                fs::remove_file(&p).map_err(|e| Error::io("remove", &p, e))?;
                swept += u64::from(unneeded);
            }
        }
        sync_dir(&dir.join("x")).map_err(|e| Error::io("list", &dir, e))?;
        Ok(swept)
    }

    /// The sealed files (by sealed BLAKE3) the set's snapshots need, or
    /// `None` when any snapshot there cannot be read with this device's key.
    fn needed_by_snapshots(&self, set: &BackupSet) -> Result<Option<BTreeSet<String>>> {
        let dir = set.snapshots();
        let mut needed = BTreeSet::new();
        for name in file_names(&dir)? {
            let path = dir.join(&name);
            if is_partial(&name) {
                fs::remove_file(&path).map_err(|e| Error::io("remove", &path, e))?;
                continue;
            }
            let listed = BackupReader::open(&path)
                .and_then(|mut r| Ok(r.body(&self.secrets.age_identity)?.blobs.blobs));
            match listed {
                Ok(blobs) => needed.extend(blobs.into_iter().map(|b| b.sealed_blake3)),
                Err(_) => return Ok(None),
            }
        }
        Ok(Some(needed))
    }
}
