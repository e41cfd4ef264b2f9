//! Checking a backup of this vault through and through: the snapshot is
//! decrypted into a scratch database beside the vault and checked (image
//! hash, SQLite's integrity check, counts, content digest, the list of
//! sealed files), then the sealed files it needs are checked in its set:
//! present, of the right size and sealed BLAKE3, and opened with their keys
//! from the scratch database so their AEAD and content hash are checked.
//! A quick verification checks only the files that backup newly wrote.
//!
//! Invariants: the scratch database (its pages still encrypted) is always
//! removed; nothing on the drive is changed; a missing or damaged file is
//! [`Error::BackupIncomplete`], listing all of them.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use super::reader::remove_db_companions;
use super::set::{hash_file, BackupSet, BlobRef};
use super::{BackupReader, Manifest, Phase, Progress};
use crate::error::{Error, Result};
use crate::store;
use crate::vault::Vault;

/// How much of a backup's sealed files a verification reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Depth {
    /// The snapshot and every sealed file it needs.
    Full,
    /// The snapshot and only the sealed files that backup newly wrote.
    Quick,
}

/// The outcome of a verification that passed.
#[derive(Debug, Clone, Serialize)]
pub struct Verified {
    pub manifest: Manifest,
    /// The backup file's format version.
    pub format: u64,
    pub depth: Depth,
    /// Sealed files the snapshot needs.
    pub blobs_needed: u64,
    /// Of those, the ones checked.
    pub blobs_checked: u64,
    /// Bytes of attachment content checked.
    pub bytes_checked: u64,
    /// Whether the backup still holds content of records this vault has
    /// erased since (see `erased.rs`).
    pub holds_erased: bool,
}

/// What checking one sealed file found.
#[derive(Debug, Clone, Copy)]
pub(super) enum BlobState {
    /// Sound, with this many bytes of content.
    Sound(u64),
    Missing,
    Damaged,
}

/// Sealed files already checked, by path: a listing checks each file once
/// however many snapshots need it.
pub(super) type Checked = HashMap<PathBuf, BlobState>;

impl Vault {
    /// Reads a backup of this vault back and checks it through and
    /// through, every sealed file it needs included.
    pub fn verify_backup_file(
        &self,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Manifest> {
        Ok(self.verify_backup(path, Depth::Full, progress)?.manifest)
    }

    /// Checks a backup of this vault: the snapshot always in full, its
    /// sealed files as `depth` says.
    pub fn verify_backup(
        &self,
        path: &Path,
        depth: Depth,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Verified> {
        self.verify_checked(path, depth, &mut Checked::new(), progress)
    }

    /// As [`Vault::verify_backup`], skipping the files in `checked` and
    /// adding the ones it checks.
    pub(super) fn verify_checked(
        &self,
        path: &Path,
        depth: Depth,
        checked: &mut Checked,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Verified> {
        let mut reader = BackupReader::open(path)?;
        let mut body = reader.body(&self.secrets.age_identity)?;
        let scratch = self.dir.join(format!(".verify-{}.db", Uuid::now_v7()));
        let key = self.secrets.db_key_literal();
        let result = (|| {
            let manifest = body.check_into(&scratch, &key, progress, Phase::Verifying, true)?;
            if manifest.vault_id != self.secrets.vault_id {
                return Err(Error::BackupForeign);
            }
            let needed: Vec<&BlobRef> = match depth {
                Depth::Full => body.blobs.blobs.iter().collect(),
                Depth::Quick => (body.blobs.blobs.iter())
                    .filter(|b| body.blobs.new_blobs.contains(&b.sealed_blake3))
                    .collect(),
            };
            let conn = store::open(&scratch, &key, false)?;
            let holds_erased = self.holds_erased_in(&conn)?;
            let bytes_checked = if needed.is_empty() {
                0
            } else {
                let set = BackupSet::of_snapshot(path);
                check_blobs(&conn, &set, &needed, checked, progress)?
            };
            Ok(Verified {
                manifest,
                format: body.version,
                depth,
                blobs_needed: body.blobs.blobs.len() as u64,
                blobs_checked: needed.len() as u64,
                bytes_checked,
                holds_erased,
            })
        })();
        let _ = fs::remove_file(&scratch);
        remove_db_companions(&scratch);
        result
    }
}

/// Checks `needed` in `set`; returns the bytes of content checked.
fn check_blobs(
    conn: &Connection,
    set: &BackupSet,
    needed: &[&BlobRef],
    checked: &mut Checked,
    progress: &mut dyn FnMut(Progress),
) -> Result<u64> {
    let (mut missing, mut damaged) = (Vec::new(), Vec::new());
    let total = needed.iter().map(|b| b.sealed_size).sum();
    let (mut done, mut bytes) = (0, 0);
    for b in needed {
        let path = set.blob(b);
        let state = match checked.get(&path) {
            Some(s) => *s,
            None => {
                let s = check_one(conn, b, &path)?;
                checked.insert(path, s);
                s
            }
        };
        match state {
            BlobState::Sound(n) => bytes += n,
            BlobState::Missing => missing.push(b.sealed_blake3.clone()),
            BlobState::Damaged => damaged.push(b.sealed_blake3.clone()),
        }
        done += b.sealed_size;
        progress(Progress {
            phase: Phase::Verifying,
            done,
            total,
        });
    }
    if missing.is_empty() && damaged.is_empty() {
        Ok(bytes)
    } else {
        Err(Error::BackupIncomplete { missing, damaged })
    }
}

/// One sealed file in the set: its size and sealed BLAKE3, then opened
/// with its key and read to the end.
fn check_one(conn: &Connection, b: &BlobRef, path: &Path) -> Result<BlobState> {
    match fs::metadata(path) {
        Ok(m) if m.len() == b.sealed_size => {}
        Ok(_) => return Ok(BlobState::Damaged),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BlobState::Missing),
        Err(e) => return Err(Error::io("read", path, e)),
    }
    let (size, hash) = hash_file(path).map_err(|e| Error::io("read", path, e))?;
    if size != b.sealed_size || hash != b.sealed_blake3 {
        return Ok(BlobState::Damaged);
    }
    let mut content = match crate::blobs::open_copy(conn, &b.name, path) {
        Ok(r) => r,
        Err(Error::AttachmentCorrupt) => return Ok(BlobState::Damaged),
        Err(Error::AttachmentMissing) => return Ok(BlobState::Missing),
        Err(e) => return Err(e),
    };
    match io::copy(&mut content, &mut io::sink()) {
        Ok(n) => Ok(BlobState::Sound(n)),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Ok(BlobState::Damaged),
        Err(e) => Err(Error::io("read", path, e)),
    }
}
