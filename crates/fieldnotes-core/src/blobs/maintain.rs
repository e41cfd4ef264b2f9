//! Looking after the blob folder: removing orphans left by a crash,
//! checking every sealed file, and moving the attachments of vaults made
//! before sealed files (schema 3: content in `blob_chunks`) out of the
//! database.
//!
//! Invariants: the move is crash-safe and resumable: one attachment at a
//! time, its file placed before the transaction that records it and
//! deletes its chunks commits, so a crash leaves each attachment either
//! still in the database or fully moved (plus at most an orphan file,
//! removed at the next unlock); the content's hash is checked on the way
//! out, so damaged content is never sealed as if sound; once everything is
//! out the database is vacuumed and its WAL truncated, so the old pages
//! leave the file.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

use rusqlite::{params, Connection};
use serde::Serialize;

use super::{is_blob_name, list, name_key, open, place, seal, BLOB_DIR, TEMP_PREFIX};
use crate::backup::{Phase, Progress};
use crate::error::{Error, Result};
use crate::vault::Vault;

/// The outcome of checking every sealed file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BlobReport {
    /// Files that opened and matched their record.
    pub sound: u64,
    /// Bytes of content checked.
    pub bytes: u64,
    /// Files that fail their AEAD or content hash (by file name).
    pub damaged: Vec<String>,
    /// Files the database refers to that are not there.
    pub missing: Vec<String>,
    /// Files no record refers to (left by an interrupted write).
    pub orphans: Vec<String>,
}

impl BlobReport {
    /// True when every file is sound and none is missing.
    pub fn is_sound(&self) -> bool {
        self.damaged.is_empty() && self.missing.is_empty()
    }
}

/// What is left to move out of the database.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MigrationPlan {
    pub attachments: u64,
    pub bytes: u64,
}

/// Files in the blob folder that no row names (temporary files included).
fn orphans(conn: &Connection, vault_dir: &Path) -> Result<Vec<String>> {
    let dir = vault_dir.join(BLOB_DIR);
    let known: BTreeSet<String> = list(conn)?.into_iter().map(|b| b.name).collect();
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io("read", dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read", &dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with(TEMP_PREFIX) || is_blob_name(&name);
        if ours && !known.contains(&name) {
            out.push(name);
        }
    }
    out.sort();
    Ok(out)
}

/// Streams one attachment stored in the database's chunks.
struct Chunks<'c> {
    conn: &'c Connection,
    blob_id: String,
    next: u64,
    chunks: u64,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for Chunks<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.buf.len() {
            if self.next == self.chunks {
                return Ok(0);
            }
            self.buf = self
                .conn
                .prepare_cached("SELECT data FROM blob_chunks WHERE blob_id = ?1 AND idx = ?2")
                .and_then(|mut s| s.query_row(params![self.blob_id, self.next], |r| r.get(0)))
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "a chunk is missing"))?;
            self.next += 1;
            self.pos = 0;
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl Vault {
    /// Removes sealed files no record refers to: what a crash between
    /// writing a file and committing its record leaves. Run at unlock.
    pub(crate) fn sweep_orphan_blobs(&self) -> Result<u64> {
        let dir = self.dir.join(BLOB_DIR);
        let found = orphans(&self.conn, &self.dir)?;
        for name in &found {
            let path = dir.join(name);
            fs::remove_file(&path).map_err(|e| Error::io("remove", path, e))?;
        }
        Ok(found.len() as u64)
    }

    /// Opens every sealed file and checks its AEAD, size and content hash;
    /// lists missing files and orphans.
    pub fn check_attachments(&self, progress: &mut dyn FnMut(Progress)) -> Result<BlobReport> {
        let blobs = list(&self.conn)?;
        let total = blobs.iter().map(|b| b.size).sum();
        let mut report = BlobReport::default();
        let mut done = 0u64;
        for b in &blobs {
            match open(&self.conn, &self.dir, &b.blake3) {
                Ok(mut r) => match io::copy(&mut r, &mut io::sink()) {
                    Ok(n) => {
                        report.sound += 1;
                        report.bytes += n;
                    }
                    Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                        report.damaged.push(b.name.clone())
                    }
                    Err(e) => return Err(Error::io("read", self.dir.join(BLOB_DIR), e)),
                },
                Err(Error::AttachmentMissing) => report.missing.push(b.name.clone()),
                Err(Error::AttachmentCorrupt) => report.damaged.push(b.name.clone()),
                Err(e) => return Err(e),
            }
            done += b.size;
            progress(Progress {
                phase: Phase::Verifying,
                done,
                total,
            });
        }
        report.orphans = orphans(&self.conn, &self.dir)?;
        Ok(report)
    }

    /// How many attachments (and bytes) are still inside the database.
    pub fn attachments_to_move(&self) -> Result<MigrationPlan> {
        let (attachments, bytes): (u64, u64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(size), 0) FROM blobs",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(MigrationPlan { attachments, bytes })
    }

    /// Moves every attachment still inside the database out into sealed
    /// files, one at a time (resumable after a crash), then vacuums the
    /// database so the old pages leave the file. Nothing to do is cheap.
    pub fn move_attachments_out(&mut self, progress: &mut dyn FnMut(Progress)) -> Result<u64> {
        let plan = self.attachments_to_move()?;
        if plan.attachments == 0 {
            return Ok(0);
        }
        let key = name_key(&self.secrets.db_key);
        let mut done = 0u64;
        let mut moved = 0u64;
        loop {
            let next: Option<(String, String, u64, u64)> = {
                use rusqlite::OptionalExtension;
                self.conn
                    .query_row(
                        "SELECT blob_id, blake3, size, chunks FROM blobs ORDER BY blob_id LIMIT 1",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .optional()?
            };
            let Some((blob_id, blake3_hex, size, chunks)) = next else {
                break;
            };
            self.move_one(&key, &blob_id, &blake3_hex, chunks)?;
            moved += 1;
            done += size;
            progress(Progress {
                phase: Phase::Moving,
                done,
                total: plan.bytes,
            });
        }
        self.conn
            .execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
        self.audit(
            crate::audit::Event::AttachmentsMoved,
            &format!("{moved} attachments"),
        )?;
        Ok(moved)
    }

    fn move_one(
        &mut self,
        key: &[u8; 32],
        blob_id: &str,
        blake3_hex: &str,
        chunks: u64,
    ) -> Result<()> {
        let mut content = Chunks {
            conn: &self.conn,
            blob_id: blob_id.to_owned(),
            next: 0,
            chunks,
            buf: Vec::new(),
            pos: 0,
        };
        let temp = seal(&self.dir, key, &mut content).map_err(|e| match e {
            Error::Io { .. } | Error::DiskFull => e,
            _ => Error::AttachmentCorrupt,
        })?;
        if temp.file.blake3 != blake3_hex {
            return Err(Error::AttachmentCorrupt);
        }
        let tx = self.conn.transaction()?;
        place(&tx, temp)?;
        tx.execute("DELETE FROM blob_chunks WHERE blob_id = ?1", [blob_id])?;
        tx.execute("DELETE FROM blobs WHERE blob_id = ?1", [blob_id])?;
        tx.commit()?;
        Ok(())
    }
}
