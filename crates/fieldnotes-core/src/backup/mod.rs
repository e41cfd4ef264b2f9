//! Encrypted, incremental backups of a whole vault to a folder (a USB
//! drive), verified and rotated, and restore onto a new laptop.
//!
//! Inside the chosen folder each vault has a backup set (`set.rs`):
//!
//! ```text
//! fieldnotes-<vault id>/
//!   set.json                 plaintext: {"format": "fieldnotes-backup-set",
//!                            "version": 1, "vault_id": ...}
//!   blobs/<sealed BLAKE3>    the vault's sealed attachment files, byte for
//!                            byte (already age-encrypted; their keys are
//!                            only in the database image of the snapshots),
//!                            each named by the BLAKE3 of its bytes
//!   snapshots/fieldnotes-YYYYMMDD-HHMMSS-mmm-<vault8>.fnbackup   (UTC)
//! ```
//!
//! A snapshot is a backup file:
//!
//! ```text
//! fieldnotes-backup 2\n            format and version, plaintext
//! <n>\n<n bytes>                   the vault's passphrase envelope (key.age) as it was
//! age file, to the device's X25519 key and the organisation's recovery key:
//!   fieldnotes-backup-body 2\n
//!   <manifest JSON>\n              vault id, time, counts, content digest, lengths;
//!                                  from format 2 also "blobs": every sealed file
//!                                  the snapshot needs [{name, sealed_size,
//!                                  sealed_blake3}] and "new_blobs": the sealed
//!                                  BLAKE3s this backup newly wrote
//!   vault.json, key.age, recovery.age, then the database image
//!   32 bytes: BLAKE3 of the database image
//! ```
//!
//! Format 1 (one file straight in the folder, attachments inside the
//! database image) is still listed, verified and restored; its attachments
//! move out into sealed files at the restored vault's unlock.
//!
//! The passphrase opens the envelope, whose device key opens the body; the
//! recovery key opens the body directly. The database image is the raw
//! SQLCipher file, so even inside age its pages stay encrypted and nothing
//! is ever decrypted to disk.
//!
//! Invariants: the snapshot is consistent (WAL checkpointed, then a read
//! transaction pins the database file while it is streamed, and the list
//! of sealed files is read in that same transaction; writers carry on into
//! the WAL) and passes SQLite's integrity check before it is written; a
//! backup first copies the sealed files the set lacks (each read back and
//! checked), then writes the snapshot under a hidden `.partial` name,
//! fsyncs and renames it, then reads it back from the drive and checks it
//! decrypts to exactly the snapshot's bytes and manifest before anything
//! old is removed; a failure removes the partial file and the sealed files
//! this backup added, and never touches earlier snapshots or their files.
//! Rotation removes a sealed file only when every remaining snapshot of the
//! set could be read and none needs it. `verify.rs` and restore open the
//! copy as a database (integrity check, counts, content digest, the list of
//! sealed files) and check the sealed files it needs.
//!
//! `write.rs` writes and reads back a backup, `set.rs` the set folder and
//! its sealed files, `reader.rs` reads backup files, `verify.rs` checks
//! them, `list.rs` lists a folder's backups, `rotate.rs` removes old ones
//! and `erased.rs` finds and removes the ones still holding erased data.

use std::path::PathBuf;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Result;

mod erased;
mod list;
mod reader;
mod rotate;
mod set;
mod verify;
mod write;
pub use erased::ErasedRemoval;
pub(crate) use reader::{open_envelope, BackupReader, Body as BackupBody};
pub(crate) use set::BackupSet;
pub use verify::{Depth, Verified};

/// The backup format version this build writes; it reads this and 1.
pub const BACKUP_FORMAT_VERSION: u64 = 2;
const MAGIC: &str = "fieldnotes-backup";
const BODY_MAGIC: &str = "fieldnotes-backup-body";
/// File name extension of backups.
pub const EXTENSION: &str = "fnbackup";
const SMALL_FILE_MAX: u64 = 64 * 1024;
/// A format-2 manifest lists every sealed file (about 170 bytes each).
const MANIFEST_MAX: u64 = 64 * 1024 * 1024;
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
    /// Attachments of an older vault moving out of the database.
    Moving,
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
    /// The snapshot, in the set's `snapshots/` folder.
    pub path: PathBuf,
    /// Bytes of the snapshot.
    pub size: u64,
    pub manifest: Manifest,
    /// Sealed attachment files the snapshot needs.
    pub blobs: u64,
    /// Of those, the ones this backup copied into the set.
    pub blobs_written: u64,
    /// Bytes this backup wrote: the new sealed files and the snapshot.
    pub bytes_written: u64,
    /// Older snapshots of this vault removed by rotation.
    pub removed: Vec<PathBuf>,
    /// Sealed files rotation removed because no kept snapshot needs them.
    pub blobs_removed: u64,
    /// Snapshot, encryption, writing and fsync.
    pub write_ms: u64,
    /// Of `write_ms`, the fsync that makes the file durable on the drive.
    pub sync_ms: u64,
    /// The snapshot's integrity check and the read-back from the drive.
    pub verify_ms: u64,
}

/// One backup file (a set's snapshot or a format-1 file) found in a folder.
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
    /// Whether it still holds content of records this vault has erased
    /// since it was made (only known for a verified backup of this vault):
    /// it should be rotated out.
    pub holds_erased: bool,
}

/// Attachment contents, wherever the schema keeps them: in the database
/// (schema 3, before they move out) or in sealed files (schema 4).
const BLOB_HASHES: &str = "SELECT blake3 FROM blobs UNION SELECT blake3 FROM blob_files ORDER BY 1";
const BLOB_HASHES_COUNT: &str =
    "SELECT count(*) FROM (SELECT blake3 FROM blobs UNION SELECT blake3 FROM blob_files)";

/// Counts and digest of a database, as the manifest records them.
pub(crate) fn content_digest(conn: &Connection) -> Result<(Counts, String)> {
    let count = |sql: &str| -> Result<u64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let counts = Counts {
        records: count("SELECT count(*) FROM records")?,
        versions: count("SELECT count(*) FROM versions")?,
        blobs: count(BLOB_HASHES_COUNT)?,
        audit_entries: count("SELECT count(*) FROM audit")?,
    };
    let mut h = blake3::Hasher::new();
    h.update(b"fieldnotes-content-digest 1\n");
    for sql in [
        "SELECT version_id || ' ' || signature FROM versions ORDER BY version_id",
        BLOB_HASHES,
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
