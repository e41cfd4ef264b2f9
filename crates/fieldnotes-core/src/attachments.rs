//! Attachments: files of any size streamed in fixed-size chunks into the
//! encrypted database and streamed back out.
//!
//! Invariants: no more than one chunk of a file is held in memory at once;
//! the content's BLAKE3 is computed while streaming in, recorded in the
//! signed attachment version, and checked while streaming out, so damaged
//! content is reported, never silently returned; identical content is
//! stored once; the chunks, the blob row, the version and the audit entry
//! commit together or not at all.

use std::io::{Read, Write};

use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

use crate::audit::Event;
use crate::error::{Error, Result};
use crate::model::{AttachmentBody, Body, Version};
use crate::records::write_in;
use crate::vault::Vault;
use crate::vocab::Kind;

/// Size of one stored chunk.
pub const CHUNK_SIZE: usize = 512 * 1024;

impl Vault {
    /// Streams `content` into the vault as a new attachment of `case_id`.
    pub fn attach(
        &mut self,
        case_id: Uuid,
        file_name: &str,
        media_type: Option<String>,
        content: &mut dyn Read,
    ) -> Result<Version> {
        let file_name = file_name.trim();
        if file_name.is_empty() {
            return Err(Error::Empty {
                what: "The file name",
            });
        }
        self.require_case(case_id)?;
        let tx = self.conn.transaction()?;
        let (size, hash) = store_content(&tx, content)?;
        let body = Body::Attachment(AttachmentBody {
            case: case_id,
            file_name: file_name.to_owned(),
            media_type,
            size,
            blake3: hash,
        });
        let v = write_in(
            &tx,
            &self.secrets,
            self.clock.as_ref(),
            &self.audit_key,
            Uuid::now_v7(),
            Kind::Attachment,
            Vec::new(),
            Some(body),
            Event::RecordCreated,
        )?;
        tx.commit()?;
        Ok(v)
    }

    /// Refuses an attachment to anything but a live case.
    fn require_case(&self, case_id: Uuid) -> Result<()> {
        match self.current(case_id)? {
            v if v.kind == Kind::Case => Ok(()),
            _ => Err(Error::NotFound {
                what: "case",
                id: case_id.to_string(),
            }),
        }
    }

    /// Streams an attachment's content into `out`; returns its size. The
    /// content is checked against its recorded hash; on a mismatch the
    /// caller must discard what was written.
    pub fn read_attachment(&self, record_id: Uuid, out: &mut dyn Write) -> Result<u64> {
        let head = self.current(record_id)?;
        let Some(Body::Attachment(att)) = &head.body else {
            return Err(Error::NotFound {
                what: "attachment",
                id: record_id.to_string(),
            });
        };
        let blob: Option<(String, u64)> = self
            .conn
            .query_row(
                "SELECT blob_id, chunks FROM blobs WHERE blake3 = ?1",
                [&att.blake3],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (blob_id, chunks) = blob.ok_or(Error::AttachmentCorrupt)?;
        let mut stmt = self
            .conn
            .prepare("SELECT data FROM blob_chunks WHERE blob_id = ?1 AND idx = ?2")?;
        let mut hasher = blake3::Hasher::new();
        let mut size = 0u64;
        for idx in 0..chunks {
            let data: Vec<u8> = stmt
                .query_row(params![blob_id, idx], |r| r.get(0))
                .optional()?
                .ok_or(Error::AttachmentCorrupt)?;
            hasher.update(&data);
            out.write_all(&data)?;
            size += data.len() as u64;
        }
        out.flush()?;
        if size != att.size || hasher.finalize().to_hex().as_str() != att.blake3 {
            return Err(Error::AttachmentCorrupt);
        }
        self.audit(Event::AttachmentRead, &format!("attachment {record_id}"))?;
        Ok(size)
    }
}

/// Streams `content` into a new blob, hashing it on the way; content
/// already stored under that hash is kept once (the new chunks are dropped
/// again). Returns the size and the BLAKE3 (hex).
fn store_content(conn: &rusqlite::Connection, content: &mut dyn Read) -> Result<(u64, String)> {
    let blob_id = Uuid::now_v7().to_string();
    let mut hasher = blake3::Hasher::new();
    let (size, chunks) = write_chunks(conn, &blob_id, content, &mut |chunk| {
        hasher.update(chunk);
    })?;
    let hash = hasher.finalize().to_hex().to_string();
    let existing: Option<String> = conn
        .query_row(
            "SELECT blob_id FROM blobs WHERE blake3 = ?1",
            [&hash],
            |r| r.get(0),
        )
        .optional()?;
    if existing.is_some() {
        conn.execute("DELETE FROM blob_chunks WHERE blob_id = ?1", [&blob_id])?;
    } else {
        insert_blob(conn, &blob_id, size, &hash, chunks)?;
    }
    Ok((size, hash))
}

/// Stores content whose BLAKE3 the caller checks (a bundle member), unless
/// a blob with that hash is already stored; true when it was new. Inside
/// the caller's transaction, so a failed check rolls it back.
pub(crate) fn store_blob(
    conn: &rusqlite::Connection,
    blake3_hex: &str,
    content: &mut dyn Read,
) -> Result<bool> {
    let exists = conn
        .prepare_cached("SELECT 1 FROM blobs WHERE blake3 = ?1")?
        .exists([blake3_hex])?;
    if exists {
        return Ok(false);
    }
    let blob_id = Uuid::now_v7().to_string();
    let (size, chunks) = write_chunks(conn, &blob_id, content, &mut |_| {})?;
    insert_blob(conn, &blob_id, size, blake3_hex, chunks)?;
    Ok(true)
}

/// Streams `content` into chunks of `blob_id`, showing each chunk to
/// `seen`; returns the size and the number of chunks.
fn write_chunks(
    conn: &rusqlite::Connection,
    blob_id: &str,
    content: &mut dyn Read,
    seen: &mut dyn FnMut(&[u8]),
) -> Result<(u64, u64)> {
    let mut buf = vec![0u8; CHUNK_SIZE];
    let (mut size, mut chunks) = (0u64, 0u64);
    let mut insert =
        conn.prepare_cached("INSERT INTO blob_chunks(blob_id, idx, data) VALUES (?1, ?2, ?3)")?;
    loop {
        let n = read_full(content, &mut buf)?;
        if n == 0 {
            break;
        }
        seen(&buf[..n]);
        insert.execute(params![blob_id, chunks, &buf[..n]])?;
        size += n as u64;
        chunks += 1;
    }
    Ok((size, chunks))
}

fn insert_blob(
    conn: &rusqlite::Connection,
    blob_id: &str,
    size: u64,
    blake3_hex: &str,
    chunks: u64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO blobs(blob_id, size, blake3, chunks) VALUES (?1, ?2, ?3, ?4)",
        params![blob_id, size, blake3_hex, chunks],
    )?;
    Ok(())
}

/// Reads until `buf` is full or the input ends.
fn read_full(r: &mut dyn Read, buf: &mut [u8]) -> Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(filled)
}
