//! Reading backup files: the plaintext header, the decrypted body, and
//! the database image checked against its trailer hash; and the copy loop
//! both directions share.
//!
//! Invariants: every length read from a file is bounded before anything is
//! allocated for it; the image is checked to the very end of the age stream
//! (so a cut-off file is caught); nothing after the trailer is accepted;
//! the body's version is the header's; a format-2 list of sealed files is
//! well formed (names cannot lead out of the set) and, once the image is
//! open, exactly what its database holds.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::set::{BlobList, BlobRef};
use super::{
    content_digest, Manifest, Phase, Progress, BACKUP_FORMAT_VERSION, BODY_MAGIC, BUF, MAGIC,
    MANIFEST_MAX, SMALL_FILE_MAX,
};
use crate::envelope;
use crate::error::{Error, Result};
use crate::store;

/// Copies exactly `len` bytes, hashing them and reporting progress. The
/// hash runs on a second thread, beside the encryption and the disk.
pub(super) fn copy_exact(
    from: &mut dyn Read,
    to: &mut dyn Write,
    len: u64,
    hasher: &mut blake3::Hasher,
    progress: &mut dyn FnMut(u64),
) -> io::Result<()> {
    let (full, to_hash) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
    let (empty, recycled) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::scope(|s| {
        let hashing = s.spawn(move || {
            for buf in to_hash {
                hasher.update(&buf);
                // The copier may be gone after an error; nothing to return then.
                let _ = empty.send(buf);
            }
        });
        let mut done = 0u64;
        let copied = (|| {
            while done < len {
                let want = (len - done).min(BUF as u64) as usize;
                let mut buf = recycled.try_recv().unwrap_or_else(|_| vec![0u8; BUF]);
                buf.resize(want, 0);
                from.read_exact(&mut buf)?;
                to.write_all(&buf)?;
                done += want as u64;
                progress(done);
                if full.send(buf).is_err() {
                    return Err(io::Error::other("the hashing thread stopped"));
                }
            }
            Ok(())
        })();
        drop(full);
        let joined = hashing.join();
        match (copied, joined) {
            (Err(e), _) => Err(e),
            (Ok(()), Ok(())) => Ok(()),
            (Ok(()), Err(_)) => Err(io::Error::other("the hashing thread stopped")),
        }
    })
}

/// As [`copy_exact`], but the second thread also writes: reading (the
/// backup's decryption) then runs on one core while writing the image and
/// hashing it run on the other.
pub(super) fn copy_exact_writing_aside(
    from: &mut dyn Read,
    to: &mut (dyn Write + Send),
    len: u64,
    hasher: &mut blake3::Hasher,
    progress: &mut dyn FnMut(u64),
) -> io::Result<()> {
    let (full, to_write) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
    let (empty, recycled) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::scope(|s| {
        let writing = s.spawn(move || -> io::Result<()> {
            for buf in to_write {
                to.write_all(&buf)?;
                hasher.update(&buf);
                // The reader may be gone after an error; nothing to return then.
                let _ = empty.send(buf);
            }
            Ok(())
        });
        let mut done = 0u64;
        let read = (|| {
            while done < len {
                let want = (len - done).min(BUF as u64) as usize;
                let mut buf = recycled.try_recv().unwrap_or_else(|_| vec![0u8; BUF]);
                buf.resize(want, 0);
                from.read_exact(&mut buf)?;
                done += want as u64;
                progress(done);
                if full.send(buf).is_err() {
                    // The writer stopped: its error is the one to report.
                    break;
                }
            }
            Ok(())
        })();
        drop(full);
        let written = writing
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writing thread stopped")));
        read.and(written)
    })
}

/// The manifest line of a backup: the manifest and, from format 2, the
/// sealed files the snapshot needs, side by side in one JSON object.
#[derive(Serialize, Deserialize)]
pub(super) struct ManifestLine<M, L> {
    #[serde(flatten)]
    pub(super) manifest: M,
    #[serde(flatten)]
    pub(super) list: L,
}

/// An open backup file: the plaintext header read, the body not yet.
pub(crate) struct BackupReader {
    input: BufReader<File>,
    /// The format version the file declares (1 or 2).
    pub(crate) version: u64,
    /// The passphrase envelope as it was at backup time.
    pub(crate) envelope: Vec<u8>,
}

impl BackupReader {
    pub(crate) fn open(path: &Path) -> Result<BackupReader> {
        let file = File::open(path).map_err(|e| Error::io("open the backup", path, e))?;
        let mut input = BufReader::with_capacity(BUF, file);
        let mut line = String::new();
        (&mut input)
            .take(64)
            .read_line(&mut line)
            .map_err(|_| Error::BackupCorrupt)?;
        let version = line
            .trim_end()
            .strip_prefix(MAGIC)
            .and_then(|v| v.trim().parse::<u64>().ok())
            .ok_or(Error::BackupCorrupt)?;
        if version == 0 {
            return Err(Error::BackupCorrupt);
        }
        if version > BACKUP_FORMAT_VERSION {
            return Err(Error::UnsupportedVersion {
                what: "backup",
                found: version,
                supported: BACKUP_FORMAT_VERSION,
            });
        }
        line.clear();
        (&mut input)
            .take(32)
            .read_line(&mut line)
            .map_err(|_| Error::BackupCorrupt)?;
        let len: u64 = line.trim_end().parse().map_err(|_| Error::BackupCorrupt)?;
        if len > SMALL_FILE_MAX {
            return Err(Error::BackupCorrupt);
        }
        let mut envelope = vec![0u8; len as usize];
        input
            .read_exact(&mut envelope)
            .map_err(|_| Error::BackupCorrupt)?;
        Ok(BackupReader {
            input,
            version,
            envelope,
        })
    }

    /// Decrypts the body with `identity` (the device key or the recovery key).
    pub(crate) fn body(&mut self, identity: &dyn age::Identity) -> Result<Body<'_>> {
        let decryptor =
            age::Decryptor::new_buffered(&mut self.input).map_err(|_| Error::BackupCorrupt)?;
        let mut stream = match decryptor.decrypt(std::iter::once(identity)) {
            Ok(s) => BufReader::with_capacity(BUF, s),
            Err(age::DecryptError::NoMatchingKeys) => return Err(Error::BackupForeign),
            Err(_) => return Err(Error::BackupCorrupt),
        };
        let mut line = String::new();
        (&mut stream)
            .take(64)
            .read_line(&mut line)
            .map_err(|_| Error::BackupCorrupt)?;
        if line.trim_end() != format!("{BODY_MAGIC} {}", self.version) {
            return Err(Error::BackupCorrupt);
        }
        let (manifest, blobs) = read_manifest(&mut stream, self.version)?;
        let mut read = |n: u64| -> Result<Vec<u8>> {
            let mut b = vec![0u8; n as usize];
            stream
                .read_exact(&mut b)
                .map_err(|_| Error::BackupCorrupt)?;
            Ok(b)
        };
        let vault_json = read(manifest.vault_json_len)?;
        let key = read(manifest.key_len)?;
        let recovery = read(manifest.recovery_len)?;
        Ok(Body {
            stream: Box::new(stream),
            version: self.version,
            manifest,
            blobs,
            vault_json,
            key,
            recovery,
        })
    }
}

/// The manifest line, bounded before it is read, and checked.
fn read_manifest(stream: &mut dyn BufRead, version: u64) -> Result<(Manifest, BlobList)> {
    let max = if version >= 2 {
        MANIFEST_MAX
    } else {
        SMALL_FILE_MAX
    };
    let mut line = String::new();
    stream
        .take(max)
        .read_line(&mut line)
        .map_err(|_| Error::BackupCorrupt)?;
    let parsed: ManifestLine<Manifest, BlobList> =
        serde_json::from_str(line.trim_end()).map_err(|_| Error::BackupCorrupt)?;
    let (manifest, blobs) = (parsed.manifest, parsed.list);
    if manifest.vault_json_len > SMALL_FILE_MAX
        || manifest.key_len > SMALL_FILE_MAX
        || manifest.recovery_len > SMALL_FILE_MAX
        || !blobs.is_well_formed()
        || (version < 2 && blobs != BlobList::default())
    {
        return Err(Error::BackupCorrupt);
    }
    Ok((manifest, blobs))
}

/// The decrypted body of a backup, positioned at the database image.
pub(crate) struct Body<'a> {
    stream: Box<dyn Read + 'a>,
    pub(crate) version: u64,
    pub(crate) manifest: Manifest,
    /// The sealed files the snapshot needs (format 2; empty before).
    pub(crate) blobs: BlobList,
    pub(crate) vault_json: Vec<u8>,
    pub(crate) key: Vec<u8>,
    pub(crate) recovery: Vec<u8>,
}

impl Body<'_> {
    /// Streams the database image into `out` and checks it against the
    /// trailer, to the very end of the file; returns the image's BLAKE3.
    pub(crate) fn image_into(
        &mut self,
        out: &mut (dyn Write + Send),
        progress: &mut dyn FnMut(Progress),
        phase: Phase,
    ) -> Result<[u8; 32]> {
        let total = self.manifest.db_size;
        let mut hasher = blake3::Hasher::new();
        copy_exact_writing_aside(&mut self.stream, out, total, &mut hasher, &mut |done| {
            progress(Progress { phase, done, total })
        })
        .map_err(|e| match e.kind() {
            io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData => Error::BackupCorrupt,
            _ => Error::from(e),
        })?;
        let mut trailer = [0u8; 32];
        self.stream
            .read_exact(&mut trailer)
            .map_err(|_| Error::BackupCorrupt)?;
        // Nothing may follow the trailer; reading to the end also makes age
        // check the final chunk's tag, which catches a cut-off file.
        let mut rest = Vec::new();
        self.stream
            .by_ref()
            .take(1)
            .read_to_end(&mut rest)
            .map_err(|_| Error::BackupCorrupt)?;
        let hash = *hasher.finalize().as_bytes();
        if !rest.is_empty() || trailer != hash {
            return Err(Error::BackupCorrupt);
        }
        Ok(hash)
    }

    /// Streams the database image into `db_path` (its pages stay encrypted),
    /// then checks hash, counts and digest against the manifest, and with
    /// `integrity` SQLite's integrity check too (it reads every page).
    pub(crate) fn check_into(
        &mut self,
        db_path: &Path,
        db_key: &zeroize::Zeroizing<String>,
        progress: &mut dyn FnMut(Progress),
        phase: Phase,
        integrity: bool,
    ) -> Result<Manifest> {
        {
            let file = crate::vault::create_private(db_path)
                .map_err(|e| Error::io("write", db_path, e))?;
            let mut out = BufWriter::with_capacity(BUF, file);
            self.image_into(&mut out, progress, phase)?;
            let file = out.into_inner().map_err(|e| Error::from(e.into_error()))?;
            file.sync_all()?;
        }
        let conn = store::open(db_path, db_key, false).map_err(|_| Error::BackupCorrupt)?;
        let ok: String = if integrity {
            conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?
        } else {
            "ok".to_owned()
        };
        let (counts, digest) = content_digest(&conn)?;
        let listed = if self.version >= 2 {
            let held: Vec<BlobRef> = crate::blobs::list(&conn)?
                .iter()
                .map(BlobRef::from)
                .collect();
            held == self.blobs.blobs
        } else {
            true
        };
        drop(conn);
        remove_db_companions(db_path);
        if ok != "ok" || !listed || counts != self.manifest.counts || digest != self.manifest.digest
        {
            return Err(Error::BackupCorrupt);
        }
        Ok(self.manifest.clone())
    }
}

/// Removes the `-wal` and `-shm` files SQLite leaves beside a database.
pub(super) fn remove_db_companions(db_path: &Path) {
    for suffix in ["-wal", "-shm"] {
        let mut p = db_path.as_os_str().to_owned();
        p.push(suffix);
        let _ = fs::remove_file(PathBuf::from(p));
    }
}

/// Opens the envelope carried in a backup's plaintext header.
pub(crate) fn open_envelope(
    reader: &BackupReader,
    passphrase: &age::secrecy::SecretString,
) -> Result<envelope::Secrets> {
    envelope::open_passphrase(&reader.envelope, passphrase)
}
