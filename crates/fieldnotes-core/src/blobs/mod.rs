//! Attachment content as sealed, immutable files beside the database.
//!
//! Each distinct content is one file `blobs/<name>` in the vault folder: an
//! age v1 file sealed to its own X25519 identity, generated for it and kept
//! only in the encrypted database (`blob_files.key`), so the payload is
//! ChaCha20-Poly1305 in age's STREAM construction (64 KiB chunks) and a
//! file opens with the standard `age -d -i` given its key. `<name>` is the
//! BLAKE3 of the content keyed with a key derived from the vault's
//! database key: equal files are stored once and names reveal nothing
//! (not even whether a known file is held).
//!
//! Invariants: a file is written under a temporary name (`.tmp-<uuid>`),
//! fsync'd, renamed into place and its folder fsync'd before any committed
//! record refers to it; a named file is never changed once referenced;
//! sealing and opening stream through bounded buffers on every core, so
//! memory stays flat whatever the size; a read checks the content's size
//! and BLAKE3 against the record before it reports success. Files without
//! a row are orphans (a crash between the rename and the commit) and are
//! removed at the next unlock (`maintain.rs`, which also checks every file
//! and moves attachments of older vaults out of the database).

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::agestream;
use crate::envelope::sync_dir;
use crate::error::{Error, Result};

mod maintain;
pub use maintain::{BlobReport, MigrationPlan};

/// The folder, inside the vault, that holds the sealed files.
pub const BLOB_DIR: &str = "blobs";
const TEMP_PREFIX: &str = ".tmp-";
pub(crate) const COPY_BUF: usize = 1 << 20;

/// The key that names blobs: derived, never stored.
pub(crate) fn name_key(db_key: &[u8; 32]) -> Zeroizing<[u8; 32]> {
    Zeroizing::new(blake3::derive_key("fieldnotes blob names v1", db_key))
}

/// Whether `name` has the shape of a blob's name (64 lowercase hex).
pub(crate) fn is_blob_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A stored blob as the database describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobFile {
    /// File name under `blobs/`.
    pub name: String,
    /// BLAKE3 (hex) of the content, as attachment versions record it.
    pub blake3: String,
    /// Bytes of content.
    pub size: u64,
    /// Bytes of the sealed file.
    pub sealed_size: u64,
    /// BLAKE3 (hex) of the sealed file: checks a copy without its key.
    pub sealed_blake3: String,
}

/// Every blob the database refers to, by name.
pub(crate) fn list(conn: &Connection) -> Result<Vec<BlobFile>> {
    let mut stmt = conn.prepare(
        "SELECT name, blake3, size, sealed_size, sealed_blake3 FROM blob_files ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(BlobFile {
            name: r.get(0)?,
            blake3: r.get(1)?,
            size: r.get(2)?,
            sealed_size: r.get(3)?,
            sealed_blake3: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether content with this BLAKE3 is held.
pub(crate) fn holds(conn: &Connection, blake3_hex: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM blob_files WHERE blake3 = ?1")?
        .exists([blake3_hex])?)
}

/// Hashes (plain and keyed) what is written through it, and counts it.
struct Tee {
    plain: blake3::Hasher,
    named: blake3::Hasher,
    size: u64,
}

/// Counts and hashes the sealed bytes on their way to the file.
struct SealedOut {
    file: fs::File,
    hasher: blake3::Hasher,
    size: u64,
}

impl Write for SealedOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// A sealed file under its temporary name, not yet in place. Dropped
/// without [`place`], it is removed.
pub(crate) struct TempBlob {
    path: PathBuf,
    dir: PathBuf,
    key: Zeroizing<String>,
    pub(crate) file: BlobFile,
}

impl Drop for TempBlob {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Streams `content` into a new sealed file under a temporary name in the
/// vault's blob folder, fsync'd; the content's hashes come with it.
pub(crate) fn seal(
    vault_dir: &Path,
    name_key: &[u8; 32],
    content: &mut dyn Read,
) -> Result<TempBlob> {
    let dir = vault_dir.join(BLOB_DIR);
    fs::create_dir_all(&dir).map_err(|e| Error::io("create the folder", &dir, e))?;
    let path = dir.join(format!("{TEMP_PREFIX}{}", Uuid::now_v7()));
    let file = crate::vault::create_private(&path).map_err(|e| Error::io("write", &path, e))?;
    let identity = age::x25519::Identity::generate();
    let mut temp = TempBlob {
        path,
        dir,
        key: Zeroizing::new(identity.to_string().expose_secret().to_owned()),
        file: BlobFile {
            name: String::new(),
            blake3: String::new(),
            size: 0,
            sealed_size: 0,
            sealed_blake3: String::new(),
        },
    };
    let out = SealedOut {
        file,
        hasher: blake3::Hasher::new(),
        size: 0,
    };
    let mut tee = Tee {
        plain: blake3::Hasher::new(),
        named: blake3::Hasher::new_keyed(name_key),
        size: 0,
    };
    let mut writer = agestream::Writer::new(&[&identity.to_public()], out)?;
    let io_err = |e: io::Error| Error::io("write", &temp.path, e);
    pump(content, &mut writer, &mut tee).map_err(|e| match e {
        Pumped::Read(e) => Error::from(e),
        Pumped::Write(e) => io_err(e),
    })?;
    let out = writer.finish().map_err(io_err)?;
    out.file.sync_all().map_err(io_err)?;
    temp.file = BlobFile {
        name: tee.named.finalize().to_hex().to_string(),
        blake3: tee.plain.finalize().to_hex().to_string(),
        size: tee.size,
        sealed_size: out.size,
        sealed_blake3: out.hasher.finalize().to_hex().to_string(),
    };
    Ok(temp)
}

enum Pumped {
    Read(io::Error),
    Write(io::Error),
}

/// Copies `from` into `to`, hashing the plaintext on the way.
fn pump(from: &mut dyn Read, to: &mut dyn Write, tee: &mut Tee) -> std::result::Result<(), Pumped> {
    let mut buf = Zeroizing::new(vec![0u8; COPY_BUF]);
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Pumped::Read(e)),
        };
        tee.plain.update(&buf[..n]);
        tee.named.update(&buf[..n]);
        tee.size += n as u64;
        to.write_all(&buf[..n]).map_err(Pumped::Write)?;
    }
}

/// Puts a sealed file in place and records it, unless the same content is
/// already held (then the new file goes). Call inside the transaction that
/// commits the record referring to it: the file is renamed and its folder
/// fsync'd before the row is written. True when the content was new.
pub(crate) fn place(conn: &Connection, temp: TempBlob) -> Result<bool> {
    if holds(conn, &temp.file.blake3)? {
        return Ok(false);
    }
    let target = temp.dir.join(&temp.file.name);
    fs::rename(&temp.path, &target).map_err(|e| Error::io("write", &target, e))?;
    sync_dir(&target).map_err(|e| Error::io("write", &target, e))?;
    let f = &temp.file;
    conn.prepare_cached(
        "INSERT INTO blob_files(blake3, name, size, sealed_size, sealed_blake3, key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        f.blake3,
        f.name,
        f.size,
        f.sealed_size,
        f.sealed_blake3,
        temp.key.as_str()
    ])?;
    Ok(true)
}

/// Reads a blob's content, checking it against the record to the end.
pub(crate) struct BlobReader {
    inner: agestream::Reader<fs::File>,
    hasher: blake3::Hasher,
    read: u64,
    size: u64,
    blake3: String,
}

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read += n as u64;
        // Checked as soon as the last byte is out: a caller reading exactly
        // `size` bytes (a bundle member) never asks for the end.
        let at_end = (n > 0 && self.read == self.size) || (n == 0 && !buf.is_empty());
        let wrong = self.read > self.size
            || (at_end
                && (self.read != self.size
                    || self.hasher.finalize().to_hex().as_str() != self.blake3));
        if wrong {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the attachment's content does not match its record",
            ));
        }
        Ok(n)
    }
}

/// Opens the content with BLAKE3 `blake3_hex` for reading.
pub(crate) fn open(conn: &Connection, vault_dir: &Path, blake3_hex: &str) -> Result<BlobReader> {
    let row: Option<(String, u64, Zeroizing<String>)> = conn
        .prepare_cached("SELECT name, size, key FROM blob_files WHERE blake3 = ?1")?
        .query_row([blake3_hex], |r| {
            Ok((r.get(0)?, r.get(1)?, Zeroizing::new(r.get(2)?)))
        })
        .optional()?;
    let (name, size, key) = row.ok_or(Error::AttachmentMissing)?;
    open_at(
        &vault_dir.join(BLOB_DIR).join(&name),
        &key,
        size,
        blake3_hex,
    )
}

/// Opens a copy of the blob named `name` (on a backup drive, say) at
/// `path`, with the key `conn` holds for it: reading it to the end checks
/// its AEAD and its content's size and BLAKE3.
pub(crate) fn open_copy(conn: &Connection, name: &str, path: &Path) -> Result<BlobReader> {
    let row: Option<(String, u64, Zeroizing<String>)> = conn
        .prepare_cached("SELECT blake3, size, key FROM blob_files WHERE name = ?1")?
        .query_row([name], |r| {
            Ok((r.get(0)?, r.get(1)?, Zeroizing::new(r.get(2)?)))
        })
        .optional()?;
    let (blake3_hex, size, key) = row.ok_or(Error::AttachmentMissing)?;
    open_at(path, &key, size, &blake3_hex)
}

/// Opens the sealed file at `path` with `key`, to be checked against the
/// content's `size` and BLAKE3 as it is read.
fn open_at(path: &Path, key: &str, size: u64, blake3_hex: &str) -> Result<BlobReader> {
    let identity = age::x25519::Identity::from_str(key).map_err(|_| Error::AttachmentCorrupt)?;
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Error::AttachmentMissing),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    let inner = agestream::Reader::new(&identity, file).map_err(|e| match e {
        agestream::OpenError::Io(e) => Error::io("read", path, e),
        _ => Error::AttachmentCorrupt,
    })?;
    Ok(BlobReader {
        inner,
        hasher: blake3::Hasher::new(),
        read: 0,
        size,
        blake3: blake3_hex.to_owned(),
    })
}

/// Copies a blob's content into `out`: damage is
/// [`Error::AttachmentCorrupt`], a failing `out` an error of its own.
pub(crate) fn copy_out(
    from: &mut BlobReader,
    out: &mut dyn Write,
    vault_dir: &Path,
) -> Result<u64> {
    let mut buf = Zeroizing::new(vec![0u8; COPY_BUF]);
    let mut total = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_error(&vault_dir.join(BLOB_DIR), e)),
        };
        out.write_all(&buf[..n])?;
        total += n as u64;
    }
    out.flush()?;
    Ok(total)
}

/// Maps an error from reading a blob: damage is [`Error::AttachmentCorrupt`].
pub(crate) fn read_error(path: &Path, e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::InvalidData {
        Error::AttachmentCorrupt
    } else {
        Error::io("read", path, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn golden_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/blob-v1")
    }

    /// The content of the golden sealed file: two full chunks and a bit.
    fn golden_content() -> Vec<u8> {
        (0..140_000u32).map(|i| (i * 31 % 253) as u8).collect()
    }

    #[test]
    fn names_are_the_documented_keyed_hash() {
        let dir = tempfile::tempdir().expect("tmp");
        let db_key = [7u8; 32];
        let content = golden_content();
        let temp = seal(dir.path(), &name_key(&db_key), &mut &content[..]).expect("seal");
        let key = blake3::derive_key("fieldnotes blob names v1", &db_key);
        let expected = blake3::keyed_hash(&key, &content).to_hex().to_string();
        assert_eq!(temp.file.name, expected);
        assert_eq!(temp.file.blake3, blake3::hash(&content).to_hex().as_str());
        assert_eq!(temp.file.size, content.len() as u64);
        let sealed = fs::read(&temp.path).expect("sealed");
        assert_eq!(temp.file.sealed_size, sealed.len() as u64);
        assert_eq!(
            temp.file.sealed_blake3,
            blake3::hash(&sealed).to_hex().as_str()
        );
        let path = temp.path.clone();
        drop(temp);
        assert!(!path.exists(), "an unplaced file is removed");
    }

    #[test]
    #[ignore = "writes the golden sealed file once; never rerun after it is committed"]
    fn generate_golden_blob() {
        let out = golden_dir();
        assert!(!out.exists(), "golden files are never regenerated");
        fs::create_dir_all(&out).expect("mkdir");
        let db_key = [7u8; 32];
        let content = golden_content();
        let temp = seal(&out, &name_key(&db_key), &mut &content[..]).expect("seal");
        fs::rename(&temp.path, out.join(&temp.file.name)).expect("place");
        fs::write(out.join("key.txt"), format!("{}\n", temp.key.as_str())).expect("key");
        let expected = serde_json::json!({
            "format": "fieldnotes sealed attachment file, version 1",
            "db_key_hex": hex::encode(db_key),
            "name": temp.file.name,
            "blake3": temp.file.blake3,
            "size": temp.file.size,
            "sealed_size": temp.file.sealed_size,
            "sealed_blake3": temp.file.sealed_blake3,
        });
        fs::write(
            out.join("expected.json"),
            serde_json::to_string_pretty(&expected).expect("json"),
        )
        .expect("expected");
    }
}
