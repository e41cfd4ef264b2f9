//! Listing the backups in a folder: the snapshots of the backup sets in it
//! (and of the folder itself when it is a set folder) and format-1 backup
//! files, newest first. This vault's are verified in full, each sealed
//! file read once however many snapshots need it; other vaults' are listed
//! as such and never opened.

use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::rotate::{file_names, is_backup_of};
use super::set::BackupSet;
use super::verify::Checked;
use super::{BackupEntry, Depth, Progress, EXTENSION};
use crate::error::{Error, Result};
use crate::vault::Vault;

/// Whether `name` looks like a backup file.
fn is_backup_name(name: &str) -> bool {
    name.starts_with("fieldnotes-") && name.ends_with(&format!(".{EXTENSION}"))
}

/// The snapshots in the set folder `root`, with whether each is `ours`.
fn snapshots_of(root: &Path, ours: Uuid, found: &mut Vec<(PathBuf, bool)>) -> Result<()> {
    let of_ours = BackupSet::vault_of(root) == Some(ours);
    let set = BackupSet {
        root: root.to_path_buf(),
    };
    let dir = set.snapshots();
    if !dir.is_dir() {
        return Ok(());
    }
    for name in file_names(&dir)? {
        if is_backup_name(&name) {
            let this = of_ours && is_backup_of(&name, ours);
            found.push((dir.join(name), this));
        }
    }
    Ok(())
}

impl Vault {
    /// The backups in `dir`, newest first; this vault's are verified in
    /// full (`manifest` set), the others carry the code of why not.
    pub fn list_backups(
        &self,
        dir: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Vec<BackupEntry>> {
        let ours = self.secrets.vault_id;
        let mut found = Vec::new();
        if BackupSet::vault_of(dir).is_some() {
            snapshots_of(dir, ours, &mut found)?;
        }
        for name in file_names(dir)? {
            let path = dir.join(&name);
            if path.is_dir() && BackupSet::vault_of(&path).is_some() {
                snapshots_of(&path, ours, &mut found)?;
            } else if path.is_file() && is_backup_name(&name) {
                found.push((path, is_backup_of(&name, ours)));
            }
        }
        // Names carry the time of the backup, whatever folder they are in.
        found.sort_by(|a, b| b.0.file_name().cmp(&a.0.file_name()));
        let mut checked = Checked::new();
        let mut out = Vec::with_capacity(found.len());
        for (path, this_vault) in found {
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            let (manifest, problem, holds_erased) = if this_vault {
                match self.verify_checked(&path, Depth::Full, &mut checked, progress) {
                    Ok(v) => (Some(v.manifest), None, v.holds_erased),
                    Err(e) => (None, Some(e.code().as_str()), false),
                }
            } else {
                (None, Some(Error::BackupForeign.code().as_str()), false)
            };
            out.push(BackupEntry {
                path,
                size,
                this_vault,
                manifest,
                problem,
                holds_erased,
            });
        }
        Ok(out)
    }
}
