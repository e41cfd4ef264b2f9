//! The backups in a folder: listing them (this vault's fully verified) and
//! rotation, which keeps only the newest of this vault's backups. Backups
//! of other vaults in the same folder are listed but never removed.

use std::fs;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::{BackupEntry, Progress, EXTENSION};
use crate::envelope::sync_dir;
use crate::error::{Error, Result};
use crate::vault::Vault;

/// Whether `name` is a finished backup of the vault with `vault_id`.
fn is_backup_of(name: &str, vault_id: Uuid) -> bool {
    name.starts_with("fieldnotes-")
        && name.ends_with(&format!(
            "-{}.{EXTENSION}",
            &vault_id.simple().to_string()[..8]
        ))
}

impl Vault {
    /// The backups in `dir`, oldest first; this vault's are fully verified.
    pub fn list_backups(
        &self,
        dir: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Vec<BackupEntry>> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map_err(|e| Error::io("list", dir, e))?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with("fieldnotes-") && n.ends_with(&format!(".{EXTENSION}")))
            .collect();
        names.sort();
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let path = dir.join(&name);
            let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            let this_vault = is_backup_of(&name, self.secrets.vault_id);
            let (manifest, problem) = if this_vault {
                match self.verify_backup_file(&path, progress) {
                    Ok(m) => (Some(m), None),
                    Err(e) => (None, Some(e.code().as_str())),
                }
            } else {
                (None, Some(Error::BackupForeign.code().as_str()))
            };
            out.push(BackupEntry {
                path,
                size,
                this_vault,
                manifest,
                problem,
            });
        }
        Ok(out)
    }

    /// Removes all but the newest `keep` backups of this vault in `dir`.
    pub(super) fn rotate(&self, dir: &Path, keep: usize) -> Result<Vec<PathBuf>> {
        let mut ours: Vec<String> = fs::read_dir(dir)
            .map_err(|e| Error::io("list", dir, e))?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
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
        sync_dir(&dir.join("x")).map_err(|e| Error::io("list", dir, e))?;
        Ok(removed)
    }
}
