//! Encrypted backups of a whole vault to a folder (a USB drive), verified
//! and rotated, and restore onto a new laptop.
//!
//! A backup file (`fieldnotes-YYYYMMDD-HHMMSS-mmm-<vault>.fnbackup`, UTC):
//!
//! ```text
//! fieldnotes-backup 1\n            format and version, plaintext
//! <n>\n<n bytes>                   the vault's passphrase envelope (key.age) as it was
//! age file, to the device's X25519 key and the organisation's recovery key:
//!   fieldnotes-backup-body 1\n
//!   <manifest JSON>\n              vault id, time, counts, content digest, lengths
//!   vault.json, key.age, recovery.age, then the database image
//!   32 bytes: BLAKE3 of the database image
//! ```
//!
//! The passphrase opens the envelope, whose device key opens the body; the
//! recovery key opens the body directly. The database image is the raw
//! SQLCipher file, so even inside age its pages stay encrypted and nothing
//! is ever decrypted to disk.
//!
//! Invariants: the snapshot is consistent (WAL checkpointed, then a read
//! transaction pins the database file while it is streamed; writers carry
//! on into the WAL) and passes SQLite's integrity check before it is
//! written; a backup is written under a hidden `.partial` name, fsync'd and
//! renamed, then read back from the drive and checked to decrypt to exactly
//! the snapshot's bytes and manifest before any older backup is removed;
//! `verify_backup_file` and restore go further and open the copy as a
//! database (integrity check, counts, content digest); a failure removes
//! the partial file and never touches earlier backups.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::Event;
use crate::envelope::sync_dir;
use crate::error::{Error, Result};
use crate::store;
use crate::vault::{Vault, DB_FILE, HEADER_FILE, KEY_FILE, RECOVERY_FILE};

mod reader;
use reader::copy_exact;
pub(crate) use reader::{open_envelope, BackupReader};

/// The backup format version this build writes and reads.
pub const BACKUP_FORMAT_VERSION: u64 = 1;
const MAGIC: &str = "fieldnotes-backup";
const BODY_MAGIC: &str = "fieldnotes-backup-body";
/// File name extension of backups.
pub const EXTENSION: &str = "fnbackup";
const SMALL_FILE_MAX: u64 = 64 * 1024;
const BUF: usize = 1024 * 1024;

/// What a backup holds, written inside it and checked on every read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub vault_id: Uuid,
    pub device_id: Uuid,
    pub created: String,
    pub schema_version: u32,
    pub db_size: u64,
    pub counts: Counts,
    /// BLAKE3 over every version id and signature, blob hash and the audit head.
    pub digest: String,
    pub vault_json_len: u64,
    pub key_len: u64,
    pub recovery_len: u64,
}

/// Record counts at the snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub records: u64,
    pub versions: u64,
    pub blobs: u64,
    pub audit_entries: u64,
}

/// Which step a long operation is in, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Writing,
    Verifying,
    Restoring,
}

/// Progress of a backup, verification or restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub phase: Phase,
    pub done: u64,
    pub total: u64,
}

/// The outcome of a backup.
#[derive(Debug, Clone, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub size: u64,
    pub manifest: Manifest,
    /// Older backups of this vault removed by rotation.
    pub removed: Vec<PathBuf>,
    /// Snapshot, encryption, writing and fsync.
    pub write_ms: u64,
    /// Of `write_ms`, the fsync that makes the file durable on the drive.
    pub sync_ms: u64,
    /// The snapshot's integrity check and the read-back from the drive.
    pub verify_ms: u64,
}

/// One backup file found in a folder.
#[derive(Debug, Clone, Serialize)]
pub struct BackupEntry {
    pub path: PathBuf,
    pub size: u64,
    /// Whether the file is a backup of the open vault.
    pub this_vault: bool,
    /// The manifest, when the backup verified.
    pub manifest: Option<Manifest>,
    /// Why it did not verify (an error code), if it did not.
    pub problem: Option<&'static str>,
}

/// Counts and digest of a database, as the manifest records them.
pub(crate) fn content_digest(conn: &Connection) -> Result<(Counts, String)> {
    let count = |sql: &str| -> Result<u64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let counts = Counts {
        records: count("SELECT count(*) FROM records")?,
        versions: count("SELECT count(*) FROM versions")?,
        blobs: count("SELECT count(*) FROM blobs")?,
        audit_entries: count("SELECT count(*) FROM audit")?,
    };
    let mut h = blake3::Hasher::new();
    h.update(b"fieldnotes-content-digest 1\n");
    for sql in [
        "SELECT version_id || ' ' || signature FROM versions ORDER BY version_id",
        "SELECT blake3 FROM blobs ORDER BY blake3",
        "SELECT hex(hash) FROM audit ORDER BY seq DESC LIMIT 1",
    ] {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            h.update(r.get::<_, String>(0)?.as_bytes());
            h.update(b"\n");
        }
        h.update(b"--\n");
    }
    Ok((counts, h.finalize().to_hex().to_string()))
}

/// The backup file name for a vault at a time; sorts in time order.
fn backup_name(vault_id: Uuid, now: chrono::DateTime<chrono::Utc>) -> String {
    let stamp = format!(
        "{}-{:03}",
        now.format("%Y%m%d-%H%M%S"),
        now.timestamp_subsec_millis()
    );
    format!(
        "fieldnotes-{stamp}-{}.{EXTENSION}",
        &vault_id.simple().to_string()[..8]
    )
}

/// Whether `name` is a finished backup of the vault with `vault_id`.
fn is_backup_of(name: &str, vault_id: Uuid) -> bool {
    name.starts_with("fieldnotes-")
        && name.ends_with(&format!(
            "-{}.{EXTENSION}",
            &vault_id.simple().to_string()[..8]
        ))
}

/// Counts bytes written through it, for progress.
struct Counting<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Vault {
    /// Writes a verified backup into `dir`, then keeps only the newest
    /// `keep` backups of this vault there (when given).
    pub fn backup(
        &self,
        dir: &Path,
        keep: Option<usize>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<BackupInfo> {
        self.backup_with(dir, keep, progress, &mut |f| Box::new(f))
    }

    /// As [`Vault::backup`], with the output file wrapped by `wrap` (tests
    /// use it to simulate a drive that fills up or disappears).
    #[doc(hidden)]
    pub fn backup_with(
        &self,
        dir: &Path,
        keep: Option<usize>,
        progress: &mut dyn FnMut(Progress),
        wrap: &mut dyn FnMut(File) -> Box<dyn Write>,
    ) -> Result<BackupInfo> {
        if !dir.is_dir() {
            return Err(Error::io(
                "find the backup folder",
                dir,
                io::ErrorKind::NotFound.into(),
            ));
        }
        let started = std::time::Instant::now();
        let mut check_time = std::time::Duration::ZERO;
        let mut sync_time = std::time::Duration::ZERO;
        let now = crate::dates::now_utc();
        // Names carry milliseconds; two backups in the same millisecond
        // take the next free one, so names stay unique and in time order.
        let mut stamp = now;
        while dir.join(backup_name(self.secrets.vault_id, stamp)).exists() {
            stamp += chrono::TimeDelta::milliseconds(1);
        }
        let name = backup_name(self.secrets.vault_id, stamp);
        let path = dir.join(&name);
        let partial = dir.join(format!(".{name}.partial"));
        let written = self
            .write_backup(
                &partial,
                now,
                progress,
                wrap,
                (&mut check_time, &mut sync_time),
            )
            .and_then(|done| {
                fs::rename(&partial, &path)
                    .map_err(|e| Error::io("finish the backup", &path, e))?;
                sync_dir(&path).map_err(|e| Error::io("finish the backup", &path, e))?;
                Ok(done)
            });
        let (manifest, size, image_hash) = match written {
            Ok(x) => x,
            Err(e) => {
                let _ = fs::remove_file(&partial);
                return Err(e);
            }
        };
        // The integrity check of the snapshot counts as verification.
        let write_ms = started.elapsed().saturating_sub(check_time).as_millis() as u64;
        let started = std::time::Instant::now() - check_time;
        let verified = self.read_back(&path, progress);
        match verified {
            Ok((m, h)) if m == manifest && h == image_hash => {}
            Ok(_) | Err(_) => {
                // A backup that does not read back is not a backup.
                let _ = fs::remove_file(&path);
                return Err(verified.err().unwrap_or(Error::BackupCorrupt));
            }
        }
        let verify_ms = started.elapsed().as_millis() as u64;
        let removed = match keep {
            Some(keep) => self.rotate(dir, keep.max(1))?,
            None => Vec::new(),
        };
        self.audit(Event::BackupWritten, &name)?;
        Ok(BackupInfo {
            path,
            size,
            manifest,
            removed,
            write_ms,
            sync_ms: sync_time.as_millis() as u64,
            verify_ms,
        })
    }

    fn write_backup(
        &self,
        partial: &Path,
        now: chrono::DateTime<chrono::Utc>,
        progress: &mut dyn FnMut(Progress),
        wrap: &mut dyn FnMut(File) -> Box<dyn Write>,
        (check_time, sync_time): (&mut std::time::Duration, &mut std::time::Duration),
    ) -> Result<(Manifest, u64, [u8; 32])> {
        let io_err = |e: io::Error| Error::io("write the backup", partial, e);
        let read_small = |name: &str| -> Result<Vec<u8>> {
            match fs::read(self.dir.join(name)) {
                Ok(b) => Ok(b),
                Err(e) if e.kind() == io::ErrorKind::NotFound && name == RECOVERY_FILE => {
                    Ok(Vec::new())
                }
                Err(e) => Err(Error::io("read", self.dir.join(name), e)),
            }
        };
        let vault_json = read_small(HEADER_FILE)?;
        let key = read_small(KEY_FILE)?;
        let recovery = read_small(RECOVERY_FILE)?;

        // The snapshot: after a full checkpoint the database file holds every
        // commit, and a read transaction on a second connection keeps later
        // checkpoints from changing it until we are done.
        let (busy, _, _): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        if busy != 0 {
            return Err(Error::Busy);
        }
        let reader = store::open(
            &self.dir.join(DB_FILE),
            &self.secrets.db_key_literal(),
            false,
        )?;
        reader.execute_batch("BEGIN")?;
        let page_size = pragma_u64(&reader, "page_size")?;
        let page_count = pragma_u64(&reader, "page_count")?;
        let db_size = page_size * page_count;
        let (counts, digest) = content_digest(&reader)?;
        // Checked on the snapshot itself: the read-back below then proves
        // the drive holds exactly these bytes.
        let checking = std::time::Instant::now();
        let sound: String = reader.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        *check_time = checking.elapsed();
        if sound != "ok" {
            return Err(Error::CorruptDatabase);
        }
        let manifest = Manifest {
            vault_id: self.secrets.vault_id,
            device_id: self.secrets.device_id,
            created: crate::dates::rfc3339(now).unwrap_or_default(),
            schema_version: store::SCHEMA_VERSION,
            db_size,
            counts,
            digest,
            vault_json_len: vault_json.len() as u64,
            key_len: key.len() as u64,
            recovery_len: recovery.len() as u64,
        };

        let file = File::options()
            .write(true)
            .create_new(true)
            .open(partial)
            .map_err(io_err)?;
        let sync_handle = file.try_clone().map_err(io_err)?;
        let mut out = BufWriter::with_capacity(
            BUF,
            Counting {
                inner: wrap(file),
                count: 0,
            },
        );
        out.write_all(format!("{MAGIC} {BACKUP_FORMAT_VERSION}\n{}\n", key.len()).as_bytes())
            .map_err(io_err)?;
        out.write_all(&key).map_err(io_err)?;
        let mut recipients: Vec<Box<dyn age::Recipient>> =
            vec![Box::new(self.secrets.age_identity.to_public())];
        if let Some(r) = store::meta_get(&self.conn, "recovery_recipient")? {
            recipients.push(Box::new(crate::vault::parse_recipient(&r)?));
        }
        let to: Vec<&dyn age::Recipient> = recipients
            .iter()
            .map(|r| r.as_ref() as &dyn age::Recipient)
            .collect();
        let mut body = crate::agestream::Writer::new(&to, &mut out)?;
        let manifest_json = serde_json::to_string(&manifest)
            .map_err(io::Error::other)
            .map_err(io_err)?;
        body.write_all(
            format!("{BODY_MAGIC} {BACKUP_FORMAT_VERSION}\n{manifest_json}\n").as_bytes(),
        )
        .map_err(io_err)?;
        for part in [&vault_json, &key, &recovery] {
            body.write_all(part).map_err(io_err)?;
        }
        let mut db = File::open(self.dir.join(DB_FILE))
            .map_err(|e| Error::io("read", self.dir.join(DB_FILE), e))?;
        let mut hasher = blake3::Hasher::new();
        copy_exact(&mut db, &mut body, db_size, &mut hasher, &mut |done| {
            progress(Progress {
                phase: Phase::Writing,
                done,
                total: db_size,
            })
        })
        .map_err(io_err)?;
        let image_hash = *hasher.finalize().as_bytes();
        body.write_all(&image_hash).map_err(io_err)?;
        body.finish().map_err(io_err)?;
        out.flush().map_err(io_err)?;
        let size = out.get_ref().count;
        drop(out);
        let syncing = std::time::Instant::now();
        sync_handle.sync_all().map_err(io_err)?;
        *sync_time = syncing.elapsed();
        reader.execute_batch("COMMIT")?;
        Ok((manifest, size, image_hash))
    }

    /// Reads a fresh backup back from the drive: it decrypts, and its
    /// manifest and database image are exactly what was written.
    fn read_back(
        &self,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(Manifest, [u8; 32])> {
        let mut reader = BackupReader::open(path)?;
        let mut body = reader.body(&self.secrets.age_identity)?;
        let hash = body.image_into(&mut io::sink(), progress, Phase::Verifying)?;
        Ok((body.manifest.clone(), hash))
    }

    /// Reads a backup of this vault back and checks it through and through.
    pub fn verify_backup_file(
        &self,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Manifest> {
        let mut reader = BackupReader::open(path)?;
        let mut body = reader.body(&self.secrets.age_identity)?;
        let scratch = self.dir.join(format!(".verify-{}.db", Uuid::now_v7()));
        let result = body.check_into(
            &scratch,
            &self.secrets.db_key_literal(),
            progress,
            Phase::Verifying,
            true,
        );
        let _ = fs::remove_file(&scratch);
        let manifest = result?;
        if manifest.vault_id != self.secrets.vault_id {
            return Err(Error::BackupForeign);
        }
        Ok(manifest)
    }

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
                    Err(e) => (None, Some(e.code())),
                }
            } else {
                (None, Some(Error::BackupForeign.code()))
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

    fn rotate(&self, dir: &Path, keep: usize) -> Result<Vec<PathBuf>> {
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

/// A numeric pragma; SQLCipher answers some of them as text.
fn pragma_u64(conn: &Connection, name: &str) -> Result<u64> {
    use rusqlite::types::Value;
    let v: Value = conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
    match v {
        Value::Integer(i) => u64::try_from(i).map_err(|_| Error::CorruptDatabase),
        Value::Text(t) => t.trim().parse().map_err(|_| Error::CorruptDatabase),
        _ => Err(Error::CorruptDatabase),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_carry_the_utc_time_to_the_millisecond() {
        let id = Uuid::parse_str("0123456789abcdef0123456789abcdef").unwrap();
        let at = chrono::DateTime::from_timestamp_millis(1_795_772_405_007).unwrap();
        assert_eq!(
            backup_name(id, at),
            "fieldnotes-20261127-094005-007-01234567.fnbackup"
        );
    }
}
