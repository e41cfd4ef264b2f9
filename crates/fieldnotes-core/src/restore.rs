//! Restoring a backup into a vault folder, on this laptop or a new one.
//!
//! Invariants: everything is checked before anything is replaced: the
//! backup is decrypted into a hidden staging folder beside the target and
//! verified there (image hash against the snapshot that passed the
//! integrity check when the backup was made, counts, content digest, the
//! list of sealed files); a format-2 snapshot's sealed files are copied
//! from its backup set into the staging vault, each checked against its
//! sealed size and BLAKE3, and one missing or damaged file refuses the
//! whole restore ([`Error::BackupIncomplete`], listing them all);
//! only then is an existing vault moved aside (never deleted) and the
//! staging folder renamed into place. A failure removes the staging folder
//! and leaves the target as it was.

use std::fs;
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use serde::Serialize;
use uuid::Uuid;

use crate::backup::{
    open_envelope, BackupBody, BackupReader, BackupSet, Manifest, Phase, Progress,
};
use crate::blobs::BLOB_DIR;
use crate::envelope::{self, sync_dir, Secrets, MAX_WORK_FACTOR};
use crate::error::{Error, Result};
use crate::vault::{self, Vault, DB_FILE, HEADER_FILE, KEY_FILE, RECOVERY_FILE};

/// What opens the backup.
pub enum RestoreKey<'a> {
    /// The passphrase the vault had when the backup was made.
    Passphrase(&'a SecretString),
    /// The organisation's recovery identity; the restored vault gets
    /// `new_passphrase`.
    Recovery {
        identity: &'a age::x25519::Identity,
        new_passphrase: &'a SecretString,
        work_factor: u8,
    },
}

/// The outcome of a restore.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreInfo {
    pub manifest: Manifest,
    /// Where the vault that was in the target folder was moved to.
    pub replaced: Option<PathBuf>,
}

/// Restores `file` into `target`. An existing vault there is refused unless
/// `replace`, and then moved aside. Returns the restored vault, unlocked.
pub fn restore(
    file: &Path,
    target: &Path,
    key: RestoreKey<'_>,
    replace: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Vault, RestoreInfo)> {
    restore_with(file, target, key, replace, progress, &mut || Ok(()))
}

/// As [`restore`], calling `before_swap` once the backup is decrypted and
/// verified, just before the target is replaced: an app closes the vault
/// it has open there, so a wrong passphrase or a damaged backup never
/// locks it. If `before_swap` fails, nothing is replaced.
pub fn restore_with(
    file: &Path,
    target: &Path,
    key: RestoreKey<'_>,
    replace: bool,
    progress: &mut dyn FnMut(Progress),
    before_swap: &mut dyn FnMut() -> Result<()>,
) -> Result<(Vault, RestoreInfo)> {
    let occupied =
        vault::exists(target) || fs::read_dir(target).is_ok_and(|mut d| d.next().is_some());
    if occupied && !replace {
        return Err(Error::VaultExists(target.to_path_buf()));
    }
    if let RestoreKey::Recovery { new_passphrase, .. } = &key {
        vault::require_strong(new_passphrase)?;
    }
    let mut reader = BackupReader::open(file)?;
    let place = Placement::beside(target);
    let (mut body, secrets) = open_body(&mut reader, &key)?;
    let key_file = match &key {
        RestoreKey::Recovery {
            new_passphrase,
            work_factor,
            ..
        } => envelope::seal_passphrase(
            &secrets,
            new_passphrase,
            (*work_factor).min(MAX_WORK_FACTOR),
        )?,
        RestoreKey::Passphrase(_) => body.key.clone(),
    };
    let set = BackupSet::of_snapshot(file);
    let manifest = place.stage(&mut body, &set, &secrets, &key_file, progress, before_swap)?;
    let replaced = place.swap_in()?;
    let vault = Vault::open_restored(target, secrets)?;
    progress(Progress {
        phase: Phase::Restoring,
        done: manifest.db_size,
        total: manifest.db_size,
    });
    Ok((vault, RestoreInfo { manifest, replaced }))
}

/// Decrypts the backup's body with `key` and opens the vault secrets it
/// carries: the passphrase opens the envelope of the plaintext header,
/// whose device key opens the body; the recovery key opens both directly.
fn open_body<'r>(
    reader: &'r mut BackupReader,
    key: &RestoreKey<'_>,
) -> Result<(BackupBody<'r>, Secrets)> {
    let device;
    let identity: &dyn age::Identity = match key {
        RestoreKey::Passphrase(p) => {
            device = open_envelope(reader, p)?;
            &device.age_identity
        }
        RestoreKey::Recovery { identity, .. } => *identity,
    };
    let body = reader.body(identity)?;
    let secrets = match key {
        RestoreKey::Passphrase(p) => envelope::open_passphrase(&body.key, p)?,
        RestoreKey::Recovery { identity, .. } => {
            if body.recovery.is_empty() {
                return Err(Error::RecoveryNotConfigured);
            }
            envelope::open_recovery(&body.recovery, identity)?
        }
    };
    if secrets.vault_id != body.manifest.vault_id {
        return Err(Error::BackupCorrupt);
    }
    Ok((body, secrets))
}

/// Where a restore puts things: the target folder, the hidden staging
/// folder beside it, and the name the vault it replaces is moved aside to.
struct Placement<'a> {
    target: &'a Path,
    parent: PathBuf,
    name: String,
    staging: PathBuf,
}

impl<'a> Placement<'a> {
    fn beside(target: &'a Path) -> Self {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "vault".into());
        let staging = parent.join(format!(".{name}.restoring-{}", Uuid::now_v7()));
        Placement {
            target,
            parent,
            name,
            staging,
        }
    }

    /// Decrypts and verifies the vault into the staging folder, with the
    /// sealed files from `set` (format 2), then asks `before_swap`; on any
    /// failure the staging folder is removed.
    fn stage(
        &self,
        body: &mut BackupBody<'_>,
        set: &BackupSet,
        secrets: &Secrets,
        key_file: &[u8],
        progress: &mut dyn FnMut(Progress),
        before_swap: &mut dyn FnMut() -> Result<()>,
    ) -> Result<Manifest> {
        let staging = &self.staging;
        fs::create_dir_all(staging).map_err(|e| Error::io("create the folder", staging, e))?;
        vault::restrict_permissions(staging);
        let staged = (|| -> Result<Manifest> {
            let manifest = body.check_into(
                &staging.join(DB_FILE),
                &secrets.db_key_literal(),
                progress,
                Phase::Restoring,
                // The snapshot passed the integrity check before it was
                // written and the image hash proves these are its bytes: no
                // need to read every page again.
                false,
            )?;
            if body.version >= 2 {
                set.stage_blobs(&body.blobs.blobs, &staging.join(BLOB_DIR), progress)?;
            }
            envelope::write_atomic(&staging.join(HEADER_FILE), &body.vault_json)?;
            if !body.recovery.is_empty() {
                envelope::write_atomic(&staging.join(RECOVERY_FILE), &body.recovery)?;
            }
            envelope::write_atomic(&staging.join(KEY_FILE), key_file)?;
            Ok(manifest)
        })();
        let manifest = staged.and_then(|m| before_swap().map(|()| m));
        if manifest.is_err() {
            let _ = fs::remove_dir_all(staging);
        }
        manifest
    }

    /// Moves an existing vault aside (never deleted) and the staging folder
    /// into its place; returns where the old vault went.
    fn swap_in(&self) -> Result<Option<PathBuf>> {
        let target = self.target;
        let mut replaced = None;
        if target.exists() {
            let stamp = crate::dates::now_utc().timestamp();
            let aside = self.parent.join(format!("{}.replaced-{stamp}", self.name));
            if let Err(e) = fs::rename(target, &aside) {
                let _ = fs::remove_dir_all(&self.staging);
                return Err(Error::io("move the existing vault aside", target, e));
            }
            replaced = Some(aside);
        }
        if let Err(e) = fs::rename(&self.staging, target) {
            // Put the old vault back rather than leave no vault at all.
            if let Some(aside) = &replaced {
                let _ = fs::rename(aside, target);
            }
            let _ = fs::remove_dir_all(&self.staging);
            return Err(Error::io("put the restored vault in place", target, e));
        }
        sync_dir(target).map_err(|e| Error::io("put the restored vault in place", target, e))?;
        Ok(replaced)
    }
}
