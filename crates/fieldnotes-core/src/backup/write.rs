//! Writing a backup: a consistent snapshot of the vault, the sealed files
//! the set lacks copied in, then the snapshot file written under a hidden
//! name, fsync'd and renamed, then read back from the drive. The layout
//! and the invariants are in the module's top (`mod.rs`).

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use uuid::Uuid;

use super::reader::{copy_exact, BackupReader, ManifestLine};
use super::set::{Added, BackupSet, BlobList, BlobRef};
use super::{
    content_digest, BackupInfo, Manifest, Phase, Progress, BACKUP_FORMAT_VERSION, BODY_MAGIC, BUF,
    EXTENSION, MAGIC,
};
use crate::audit::Event;
use crate::blobs::BLOB_DIR;
use crate::envelope::sync_dir;
use crate::error::{Error, Result};
use crate::store;
use crate::vault::{Vault, DB_FILE, HEADER_FILE, KEY_FILE, RECOVERY_FILE};

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

/// Where the time of one backup went, for [`BackupInfo`].
#[derive(Default)]
struct Timings {
    /// The snapshot's integrity check (it counts as verification).
    check: Duration,
    /// The fsync that makes the file durable on the drive.
    sync: Duration,
}

/// A backup as written: what it holds, its size, and the BLAKE3 of its
/// database image.
struct Written {
    manifest: Manifest,
    blobs: BlobList,
    size: u64,
    image_hash: [u8; 32],
}

/// The vault at one moment: its small files, and its database pinned by a
/// read transaction on a connection of its own until the backup is written.
struct Snapshot {
    reader: Connection,
    manifest: Manifest,
    /// The sealed files the database refers to, read in the same
    /// transaction; `new_blobs` is filled once they are in the set.
    blobs: BlobList,
    vault_json: Vec<u8>,
    key: Vec<u8>,
    recovery: Vec<u8>,
}

impl Vault {
    /// Writes a verified backup into this vault's set in `dir` (made on
    /// first use), then keeps only the newest `keep` snapshots there (when
    /// given) and the sealed files they need.
    pub fn backup(
        &self,
        dir: &Path,
        keep: Option<usize>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<BackupInfo> {
        self.backup_with(dir, keep, progress, &mut |f| Box::new(f))
    }

    /// As [`Vault::backup`], with every file written to the drive (sealed
    /// files and the snapshot) wrapped by `wrap` (tests use it to simulate
    /// a drive that fills up or disappears).
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
        let set = BackupSet::create(dir, self.secrets.vault_id)?;
        let started = Instant::now();
        let mut times = Timings::default();
        let mut added = Added::default();
        let (name, written) = self
            .write_set(&set, progress, wrap, &mut times, &mut added)
            .inspect_err(|_| added.take_back())?;
        let path = set.snapshots().join(&name);
        // The integrity check of the snapshot counts as verification.
        let write_ms = started.elapsed().saturating_sub(times.check).as_millis() as u64;
        let started = Instant::now() - times.check;
        self.check_read_back(&path, &written, progress)
            .inspect_err(|_| added.take_back())?;
        let verify_ms = started.elapsed().as_millis() as u64;
        let (removed, blobs_removed) = match keep {
            Some(keep) => self.rotate(&set, keep.max(1))?,
            None => (Vec::new(), 0),
        };
        self.audit(Event::BackupWritten, &name)?;
        Ok(BackupInfo {
            path,
            size: written.size,
            blobs: written.blobs.blobs.len() as u64,
            blobs_written: added.written.len() as u64,
            bytes_written: added.bytes + written.size,
            manifest: written.manifest,
            removed,
            blobs_removed,
            write_ms,
            sync_ms: times.sync.as_millis() as u64,
            verify_ms,
        })
    }

    /// Takes the snapshot, copies the sealed files the set lacks, then
    /// writes the snapshot file; returns its name. `added` records the
    /// files copied, also on failure.
    fn write_set(
        &self,
        set: &BackupSet,
        progress: &mut dyn FnMut(Progress),
        wrap: &mut dyn FnMut(File) -> Box<dyn Write>,
        times: &mut Timings,
        added: &mut Added,
    ) -> Result<(String, Written)> {
        let now = crate::dates::now_utc();
        let name = self.free_backup_name(&set.snapshots(), now);
        let mut snapshot = self.snapshot(now, &mut times.check)?;
        set.add_blobs(
            &self.dir.join(BLOB_DIR),
            &snapshot.blobs.blobs,
            progress,
            wrap,
            added,
        )?;
        snapshot.blobs.new_blobs = added.written.clone();
        let written =
            self.write_and_place(&set.snapshots(), &name, snapshot, progress, wrap, times)?;
        Ok((name, written))
    }

    /// The name for a backup made `now` in `dir`. Names carry milliseconds;
    /// two backups in the same millisecond take the next free one, so names
    /// stay unique and in time order.
    fn free_backup_name(&self, dir: &Path, now: chrono::DateTime<chrono::Utc>) -> String {
        let mut stamp = now;
        while dir.join(backup_name(self.secrets.vault_id, stamp)).exists() {
            stamp += chrono::TimeDelta::milliseconds(1);
        }
        backup_name(self.secrets.vault_id, stamp)
    }

    /// Writes the backup under a hidden `.partial` name, then renames it to
    /// `name` and syncs the folder; on failure the partial file is removed.
    fn write_and_place(
        &self,
        dir: &Path,
        name: &str,
        snapshot: Snapshot,
        progress: &mut dyn FnMut(Progress),
        wrap: &mut dyn FnMut(File) -> Box<dyn Write>,
        times: &mut Timings,
    ) -> Result<Written> {
        let path = dir.join(name);
        let partial = dir.join(format!(".{name}.partial"));
        let written = self
            .write_backup(&partial, snapshot, progress, wrap, times)
            .and_then(|done| {
                fs::rename(&partial, &path)
                    .map_err(|e| Error::io("finish the backup", &path, e))?;
                sync_dir(&path).map_err(|e| Error::io("finish the backup", &path, e))?;
                Ok(done)
            });
        if written.is_err() {
            let _ = fs::remove_file(&partial);
        }
        written
    }

    /// A backup that does not read back is not a backup: it is removed.
    fn check_read_back(
        &self,
        path: &Path,
        written: &Written,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        let verified = self.read_back(path, progress);
        match verified {
            Ok((m, b, h))
                if m == written.manifest && b == written.blobs && h == written.image_hash =>
            {
                Ok(())
            }
            Ok(_) | Err(_) => {
                let _ = fs::remove_file(path);
                Err(verified.err().unwrap_or(Error::BackupCorrupt))
            }
        }
    }

    /// Writes the whole backup file to `partial` and fsyncs it; the
    /// snapshot is released only after that.
    fn write_backup(
        &self,
        partial: &Path,
        snapshot: Snapshot,
        progress: &mut dyn FnMut(Progress),
        wrap: &mut dyn FnMut(File) -> Box<dyn Write>,
        times: &mut Timings,
    ) -> Result<Written> {
        let io_err = |e: io::Error| Error::io("write the backup", partial, e);
        let file = crate::vault::create_private(partial).map_err(io_err)?;
        let sync_handle = file.try_clone().map_err(io_err)?;
        let mut out = BufWriter::with_capacity(
            BUF,
            Counting {
                inner: wrap(file),
                count: 0,
            },
        );
        let key = &snapshot.key;
        out.write_all(format!("{MAGIC} {BACKUP_FORMAT_VERSION}\n{}\n", key.len()).as_bytes())
            .map_err(io_err)?;
        out.write_all(key).map_err(io_err)?;
        let image_hash = self.write_body(&snapshot, &mut out, partial, progress)?;
        out.flush().map_err(io_err)?;
        let size = out.get_ref().count;
        drop(out);
        let syncing = Instant::now();
        sync_handle.sync_all().map_err(io_err)?;
        times.sync = syncing.elapsed();
        snapshot.reader.execute_batch("COMMIT")?;
        Ok(Written {
            manifest: snapshot.manifest,
            blobs: snapshot.blobs,
            size,
            image_hash,
        })
    }

    /// Takes the snapshot and checks it; `check_time` gets the time of
    /// SQLite's integrity check.
    fn snapshot(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        check_time: &mut Duration,
    ) -> Result<Snapshot> {
        let vault_json = self.read_small(HEADER_FILE)?;
        let key = self.read_small(KEY_FILE)?;
        let recovery = self.read_small(RECOVERY_FILE)?;
        let reader = self.pin_database()?;
        let page_size = pragma_u64(&reader, "page_size")?;
        let page_count = pragma_u64(&reader, "page_count")?;
        let db_size = page_size * page_count;
        let (counts, digest) = content_digest(&reader)?;
        let blobs = BlobList {
            blobs: crate::blobs::list(&reader)?
                .iter()
                .map(BlobRef::from)
                .collect(),
            new_blobs: Vec::new(),
        };
        // Checked on the snapshot itself: the read-back below then proves
        // the drive holds exactly these bytes.
        let checking = Instant::now();
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
        Ok(Snapshot {
            reader,
            manifest,
            blobs,
            vault_json,
            key,
            recovery,
        })
    }

    /// One of the vault's small files; the recovery envelope is optional.
    fn read_small(&self, name: &str) -> Result<Vec<u8>> {
        match fs::read(self.dir.join(name)) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == io::ErrorKind::NotFound && name == RECOVERY_FILE => {
                Ok(Vec::new())
            }
            Err(e) => Err(Error::io("read", self.dir.join(name), e)),
        }
    }

    /// A second connection in a read transaction on the database file.
    fn pin_database(&self) -> Result<Connection> {
        // After a full checkpoint the database file holds every commit, and
        // a read transaction on a second connection keeps later checkpoints
        // from changing it until we are done.
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
        Ok(reader)
    }

    /// The encrypted body: magic, manifest, small files, database image and
    /// its hash, sealed to this device and the recovery key (if any).
    /// Returns the image's BLAKE3.
    fn write_body<W: Write>(
        &self,
        snapshot: &Snapshot,
        out: W,
        partial: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<[u8; 32]> {
        let io_err = |e: io::Error| Error::io("write the backup", partial, e);
        let recipients = self.backup_recipients()?;
        let to: Vec<&dyn age::Recipient> = recipients
            .iter()
            .map(|r| r.as_ref() as &dyn age::Recipient)
            .collect();
        let mut body = crate::agestream::Writer::new(&to, out)?;
        let line = ManifestLine {
            manifest: &snapshot.manifest,
            list: &snapshot.blobs,
        };
        let manifest_json = serde_json::to_string(&line)
            .map_err(io::Error::other)
            .map_err(io_err)?;
        body.write_all(
            format!("{BODY_MAGIC} {BACKUP_FORMAT_VERSION}\n{manifest_json}\n").as_bytes(),
        )
        .map_err(io_err)?;
        for part in [&snapshot.vault_json, &snapshot.key, &snapshot.recovery] {
            body.write_all(part).map_err(io_err)?;
        }
        let mut db = File::open(self.dir.join(DB_FILE))
            .map_err(|e| Error::io("read", self.dir.join(DB_FILE), e))?;
        let mut hasher = blake3::Hasher::new();
        let db_size = snapshot.manifest.db_size;
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
        Ok(image_hash)
    }

    /// This device's key, and the organisation's recovery key if it has one.
    fn backup_recipients(&self) -> Result<Vec<Box<dyn age::Recipient>>> {
        let mut recipients: Vec<Box<dyn age::Recipient>> =
            vec![Box::new(self.secrets.age_identity.to_public())];
        if let Some(r) = store::meta_get(&self.conn, "recovery_recipient")? {
            recipients.push(Box::new(crate::vault::parse_recipient(&r)?));
        }
        Ok(recipients)
    }

    /// Reads a fresh backup back from the drive: it decrypts, and its
    /// manifest and database image are exactly what was written.
    fn read_back(
        &self,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(Manifest, BlobList, [u8; 32])> {
        let mut reader = BackupReader::open(path)?;
        let mut body = reader.body(&self.secrets.age_identity)?;
        let hash = body.image_into(&mut io::sink(), progress, Phase::Verifying)?;
        Ok((body.manifest.clone(), body.blobs.clone(), hash))
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
