//! The backup set: one folder per vault inside the chosen backup folder,
//! holding the vault's sealed attachment files, each copied once, and one
//! snapshot per backup (layout in `mod.rs`).
//!
//! Invariants: a file in the set's `blobs/` is named by the BLAKE3 of its
//! sealed bytes, so a name always means the same bytes and a file, once in
//! place, is never changed (a later backup only adds files); a file is
//! copied under a hidden `.partial` name, fsync'd, renamed, its folder
//! fsync'd, then read back and checked against its sealed BLAKE3 before any
//! snapshot refers to it; a backup that fails removes the files it added,
//! so the set is left as it was. Restore copies what a snapshot needs into
//! the staging vault, checking each file's sealed size and BLAKE3, and
//! refuses the whole snapshot when any is missing or damaged.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Phase, Progress, BUF};
use crate::blobs::{is_blob_name, BlobFile};
use crate::envelope::{sync_dir, write_atomic};
use crate::error::{Error, Result};

/// The plaintext file that marks a set folder and names its vault.
pub(crate) const SET_FILE: &str = "set.json";
const SET_FORMAT: &str = "fieldnotes-backup-set";
const SET_VERSION: u64 = 1;
/// The set's folder of snapshots (backup files of format 2).
pub(crate) const SNAPSHOT_DIR: &str = "snapshots";
/// The set's folder of sealed attachment files.
pub(crate) const SET_BLOB_DIR: &str = "blobs";
pub(crate) const PARTIAL_SUFFIX: &str = ".partial";
/// Files copied, then fsync'd together: few enough to keep their handles.
const COPY_BATCH: usize = 32;

#[derive(Serialize, Deserialize)]
struct SetFile {
    format: String,
    version: u64,
    vault_id: Uuid,
}

/// One sealed file a snapshot needs: its name in the vault, and the size
/// and BLAKE3 of its sealed bytes (which also name it in the set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BlobRef {
    pub(crate) name: String,
    pub(crate) sealed_size: u64,
    pub(crate) sealed_blake3: String,
}

impl From<&BlobFile> for BlobRef {
    fn from(b: &BlobFile) -> Self {
        BlobRef {
            name: b.name.clone(),
            sealed_size: b.sealed_size,
            sealed_blake3: b.sealed_blake3.clone(),
        }
    }
}

/// What a format-2 manifest adds: every sealed file the snapshot needs
/// (ordered by name, as the database lists them) and the sealed BLAKE3s of
/// the files this backup newly wrote into the set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BlobList {
    #[serde(default)]
    pub(crate) blobs: Vec<BlobRef>,
    #[serde(default)]
    pub(crate) new_blobs: Vec<String>,
}

impl BlobList {
    /// Every name has a blob name's shape (nothing can lead out of the set
    /// folder) and every new file is one the snapshot needs.
    pub(crate) fn is_well_formed(&self) -> bool {
        self.blobs
            .iter()
            .all(|b| is_blob_name(&b.name) && is_blob_name(&b.sealed_blake3))
            && self
                .new_blobs
                .iter()
                .all(|n| self.blobs.iter().any(|b| &b.sealed_blake3 == n))
    }
}

/// What one backup added to the set, so a failure can take it back out.
#[derive(Debug, Default)]
pub(crate) struct Added {
    /// Sealed BLAKE3s of the files written (the manifest's `new_blobs`).
    pub(crate) written: Vec<String>,
    /// Files that were not in the set before this backup.
    pub(crate) created: Vec<PathBuf>,
    pub(crate) bytes: u64,
}

impl Added {
    /// Removes the files this backup added: the set is as it was.
    pub(crate) fn take_back(&self) {
        for p in &self.created {
            let _ = fs::remove_file(p);
        }
        if let Some(p) = self.created.first() {
            let _ = sync_dir(p);
        }
    }
}

/// A vault's backup set folder.
pub(crate) struct BackupSet {
    pub(crate) root: PathBuf,
}

/// The set folder's name for a vault.
pub(crate) fn folder_name(vault_id: Uuid) -> String {
    format!("fieldnotes-{vault_id}")
}

impl BackupSet {
    pub(crate) fn blobs(&self) -> PathBuf {
        self.root.join(SET_BLOB_DIR)
    }

    pub(crate) fn snapshots(&self) -> PathBuf {
        self.root.join(SNAPSHOT_DIR)
    }

    pub(crate) fn blob(&self, b: &BlobRef) -> PathBuf {
        self.blobs().join(&b.sealed_blake3)
    }

    /// The set a snapshot file lies in: the folder above `snapshots/`.
    pub(crate) fn of_snapshot(path: &Path) -> BackupSet {
        let root = path
            .parent()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        BackupSet { root }
    }

    /// The vault a set folder belongs to, if `root` is a set folder.
    pub(crate) fn vault_of(root: &Path) -> Option<Uuid> {
        let bytes = fs::read(root.join(SET_FILE)).ok()?;
        let set: SetFile = serde_json::from_slice(&bytes).ok()?;
        (set.format == SET_FORMAT && set.version <= SET_VERSION).then_some(set.vault_id)
    }

    /// The set of `vault_id` in `dir`, made on first use.
    pub(crate) fn create(dir: &Path, vault_id: Uuid) -> Result<BackupSet> {
        let set = BackupSet {
            root: dir.join(folder_name(vault_id)),
        };
        for d in [set.blobs(), set.snapshots()] {
            fs::create_dir_all(&d).map_err(|e| Error::io("create the folder", &d, e))?;
        }
        let marker = set.root.join(SET_FILE);
        if marker.exists() {
            return match BackupSet::vault_of(&set.root) {
                Some(id) if id == vault_id => Ok(set),
                Some(_) => Err(Error::BackupForeign),
                None => Err(Error::BackupCorrupt),
            };
        }
        let json = serde_json::to_vec_pretty(&SetFile {
            format: SET_FORMAT.into(),
            version: SET_VERSION,
            vault_id,
        })
        .map_err(|e| Error::io("write", &marker, io::Error::other(e)))?;
        write_atomic(&marker, &json)?;
        sync_dir(&set.root).map_err(|e| Error::io("write", &set.root, e))?;
        Ok(set)
    }

    /// Whether the set holds `b`: present, with the right size. Its bytes
    /// are checked when it is written and by a full verification.
    fn holds(&self, b: &BlobRef) -> bool {
        fs::metadata(self.blob(b)).is_ok_and(|m| m.is_file() && m.len() == b.sealed_size)
    }

    /// Copies into the set each of `needed` it does not hold yet, from the
    /// vault's blob folder; `added` records what was written, also when
    /// this fails part way. Files go a batch at a time: all copied under
    /// hidden names (the drive writes back while the next is copied), then
    /// fsync'd, renamed, their folder fsync'd once, and read back.
    pub(crate) fn add_blobs(
        &self,
        vault_blobs: &Path,
        needed: &[BlobRef],
        progress: &mut dyn FnMut(Progress),
        wrap: &mut dyn FnMut(File) -> Box<dyn Write>,
        added: &mut Added,
    ) -> Result<()> {
        let new: Vec<&BlobRef> = needed.iter().filter(|b| !self.holds(b)).collect();
        let total = new.iter().map(|b| b.sealed_size).sum();
        let mut done = 0;
        for batch in new.chunks(COPY_BATCH) {
            let mut copies = Vec::with_capacity(batch.len());
            let result = self
                .copy_batch(vault_blobs, batch, wrap, &mut copies)
                .and_then(|()| self.place_batch(vault_blobs, &copies, added));
            if result.is_err() {
                for (_, partial, _) in &copies {
                    let _ = fs::remove_file(partial);
                }
            }
            result?;
            done += batch.iter().map(|b| b.sealed_size).sum::<u64>();
            progress(Progress {
                phase: Phase::Writing,
                done,
                total,
            });
        }
        Ok(())
    }

    /// Copies each file of `batch` under its hidden name; `copies` holds
    /// every partial file made, for the fsync or the clean-up.
    fn copy_batch<'b>(
        &self,
        vault_blobs: &Path,
        batch: &[&'b BlobRef],
        wrap: &mut dyn FnMut(File) -> Box<dyn Write>,
        copies: &mut Vec<(&'b BlobRef, PathBuf, File)>,
    ) -> Result<()> {
        for b in batch {
            let from = vault_blobs.join(&b.name);
            let mut source = match File::open(&from) {
                Ok(f) => f,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(Error::AttachmentMissing)
                }
                Err(e) => return Err(Error::io("read", from, e)),
            };
            let partial = self
                .blobs()
                .join(format!(".{}{PARTIAL_SUFFIX}", b.sealed_blake3));
            let io_err = |e: io::Error| Error::io("write the backup", &partial, e);
            let _ = fs::remove_file(&partial);
            let file = crate::vault::create_private(&partial).map_err(io_err)?;
            copies.push((b, partial.clone(), file.try_clone().map_err(io_err)?));
            let mut out = wrap(file);
            let size = copy_plain(&mut source, &mut out).map_err(|e| match e {
                Copied::Read(e) => Error::io("read", &from, e),
                Copied::Write(e) => io_err(e),
            })?;
            out.flush().map_err(io_err)?;
            if size != b.sealed_size {
                // The vault's own file is damaged: never back it up as sound.
                return Err(Error::AttachmentCorrupt);
            }
        }
        Ok(())
    }

    /// Makes a copied batch durable and visible, then reads each file back
    /// from the drive: it must be exactly the sealed file. A copy that is
    /// not is the vault's own file's fault when that does not match either.
    fn place_batch(
        &self,
        vault_blobs: &Path,
        copies: &[(&BlobRef, PathBuf, File)],
        added: &mut Added,
    ) -> Result<()> {
        for (_, partial, file) in copies {
            file.sync_all()
                .map_err(|e| Error::io("write the backup", partial, e))?;
        }
        for (b, partial, _) in copies {
            let target = self.blob(b);
            let existed = target.exists();
            fs::rename(partial, &target).map_err(|e| Error::io("write the backup", partial, e))?;
            if !existed {
                added.created.push(target.clone());
            }
            added.written.push(b.sealed_blake3.clone());
            added.bytes += b.sealed_size;
        }
        if let Some((b, _, _)) = copies.first() {
            let target = self.blob(b);
            sync_dir(&target).map_err(|e| Error::io("write the backup", &target, e))?;
        }
        for (b, _, _) in copies {
            let target = self.blob(b);
            let (size, hash) = hash_file(&target).map_err(|e| Error::io("read", &target, e))?;
            if size != b.sealed_size || hash != b.sealed_blake3 {
                let from = vault_blobs.join(&b.name);
                let (_, source) = hash_file(&from).map_err(|e| Error::io("read", &from, e))?;
                return Err(if source == b.sealed_blake3 {
                    Error::BackupCorrupt
                } else {
                    Error::AttachmentCorrupt
                });
            }
        }
        Ok(())
    }

    /// Copies every file of `needed` into `to` (a staging vault's blob
    /// folder), checking sealed size and BLAKE3; any missing or damaged
    /// file refuses the lot, listed by name.
    pub(crate) fn stage_blobs(
        &self,
        needed: &[BlobRef],
        to: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        let (mut missing, mut damaged) = (Vec::new(), Vec::new());
        for b in needed {
            match fs::metadata(self.blob(b)) {
                Ok(m) if m.len() == b.sealed_size => {}
                Ok(_) => damaged.push(b.sealed_blake3.clone()),
                Err(_) => missing.push(b.sealed_blake3.clone()),
            }
        }
        if !missing.is_empty() || !damaged.is_empty() {
            return Err(Error::BackupIncomplete { missing, damaged });
        }
        fs::create_dir_all(to).map_err(|e| Error::io("create the folder", to, e))?;
        crate::vault::restrict_permissions(to);
        let total = needed.iter().map(|b| b.sealed_size).sum();
        let mut done = 0;
        for b in needed {
            if !self.stage_one(b, &to.join(&b.name))? {
                damaged.push(b.sealed_blake3.clone());
            }
            done += b.sealed_size;
            progress(Progress {
                phase: Phase::Restoring,
                done,
                total,
            });
        }
        if !damaged.is_empty() {
            return Err(Error::BackupIncomplete { missing, damaged });
        }
        sync_dir(&to.join("x")).map_err(|e| Error::io("write", to, e))
    }

    /// One file into the staging vault, fsync'd; false if it is damaged.
    fn stage_one(&self, b: &BlobRef, target: &Path) -> Result<bool> {
        let from = self.blob(b);
        let mut source = File::open(&from).map_err(|e| Error::io("read", &from, e))?;
        let mut out =
            crate::vault::create_private(target).map_err(|e| Error::io("write", target, e))?;
        let (size, hash) = copy_hashing(&mut source, &mut out).map_err(|e| match e {
            Copied::Read(e) => Error::io("read", &from, e),
            Copied::Write(e) => Error::io("write", target, e),
        })?;
        if size != b.sealed_size || hash != b.sealed_blake3 {
            let _ = fs::remove_file(target);
            return Ok(false);
        }
        out.sync_all().map_err(|e| Error::io("write", target, e))?;
        Ok(true)
    }
}

enum Copied {
    Read(io::Error),
    Write(io::Error),
}

/// Copies `from` to its end into `to`; returns the size.
fn copy_plain(from: &mut dyn Read, to: &mut dyn Write) -> std::result::Result<u64, Copied> {
    let mut buf = vec![0u8; BUF];
    let mut size = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(size),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Copied::Read(e)),
        };
        size += n as u64;
        to.write_all(&buf[..n]).map_err(Copied::Write)?;
    }
}

/// Copies `from` to its end into `to`; returns the size and BLAKE3 (hex).
fn copy_hashing(
    from: &mut dyn Read,
    to: &mut dyn Write,
) -> std::result::Result<(u64, String), Copied> {
    let mut buf = vec![0u8; BUF];
    let mut hasher = blake3::Hasher::new();
    let mut size = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Copied::Read(e)),
        };
        hasher.update(&buf[..n]);
        size += n as u64;
        to.write_all(&buf[..n]).map_err(Copied::Write)?;
    }
    Ok((size, hasher.finalize().to_hex().to_string()))
}

/// The size and BLAKE3 (hex) of a file's bytes.
pub(crate) fn hash_file(path: &Path) -> io::Result<(u64, String)> {
    let mut file = File::open(path)?;
    copy_hashing(&mut file, &mut io::sink()).map_err(|e| match e {
        Copied::Read(e) | Copied::Write(e) => e,
    })
}
