//! Writing a bundle: the versions to send, the attachments streamed from
//! the store, the signed manifest, all sealed to the recipients.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

use crate::agestream;
use crate::audit::{self, Event};
use crate::bundle::{self, Manifest, Member, RecipientSeq};
use crate::envelope::sync_dir;
use crate::error::{Error, Result};
use crate::model::{Body, Version};
use crate::records;
use crate::vault::{now_rfc3339, Vault};

use super::{ExportInfo, ExportOptions, Progress};

/// Streams one stored blob, chunk by chunk.
struct BlobReader<'a> {
    stmt: rusqlite::CachedStatement<'a>,
    blob_id: String,
    next: u64,
    chunks: u64,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for BlobReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.buf.len() {
            if self.next == self.chunks {
                return Ok(0);
            }
            self.buf = self
                .stmt
                .query_row(params![self.blob_id, self.next], |r| r.get(0))
                .map_err(io::Error::other)?;
            self.next += 1;
            self.pos = 0;
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Hashes the plaintext on its way to the encryptor.
struct Hashing<W> {
    inner: W,
    hasher: blake3::Hasher,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Vault {
    /// Decrypts the bundle just written with this device's own key and
    /// checks it holds exactly the plaintext that went in.
    /// `path` is the file as written (under its temporary name), `shown`
    /// the name the person chose.
    fn read_back_bundle(&self, path: &Path, shown: &Path, expected: blake3::Hash) -> Result<()> {
        let failed = || Error::BundleReadBack {
            path: shown.to_path_buf(),
        };
        let file = File::open(path).map_err(|e| Error::io("read the bundle back", shown, e))?;
        let decryptor = age::Decryptor::new_buffered(BufReader::with_capacity(1 << 20, file))
            .map_err(|_| failed())?;
        let mut plain = decryptor
            .decrypt(std::iter::once(
                &self.secrets.age_identity as &dyn age::Identity,
            ))
            .map_err(|_| failed())?;
        let mut hasher = blake3::Hasher::new();
        io::copy(&mut plain, &mut hasher).map_err(|_| failed())?;
        if hasher.finalize() != expected {
            return Err(failed());
        }
        Ok(())
    }

    fn export_versions(&self, opts: &ExportOptions) -> Result<(Vec<Version>, i64)> {
        let max_rowid: i64 =
            self.conn
                .query_row("SELECT coalesce(max(rowid), 0) FROM versions", [], |r| {
                    r.get(0)
                })?;
        let sql = format!("SELECT {} FROM versions ", records::VERSION_COLUMNS);
        let mut versions = Vec::new();
        if opts.all {
            let mut stmt = self.conn.prepare(&(sql + "ORDER BY rowid"))?;
            for v in stmt.query_map([], records::version_from_row)? {
                versions.push(v?);
            }
        } else if !opts.cases.is_empty() {
            let mut stmt = self.conn.prepare(
                &(sql + "WHERE record_id IN (SELECT record_id FROM records WHERE record_id = ?1 OR case_id = ?1) ORDER BY rowid"),
            )?;
            for case in &opts.cases {
                for v in stmt.query_map([case.to_string()], records::version_from_row)? {
                    versions.push(v?);
                }
            }
        } else {
            let mut since = i64::MAX;
            for to in &opts.to {
                let mark: i64 = self
                    .conn
                    .query_row(
                        "SELECT last_rowid FROM export_marks WHERE device_id = ?1",
                        [to.to_string()],
                        |r| r.get(0),
                    )
                    .optional()?
                    .unwrap_or(0);
                since = since.min(mark);
            }
            let mut stmt = self
                .conn
                .prepare(&(sql + "WHERE rowid > ?1 ORDER BY rowid"))?;
            for v in stmt.query_map([since], records::version_from_row)? {
                let v = v?;
                // A recipient has what it wrote itself; the others may not.
                if !opts.to.iter().all(|to| *to == v.author) {
                    versions.push(v);
                }
            }
        }
        Ok((versions, max_rowid))
    }

    /// Writes a signed, encrypted bundle for `opts.to` into `out`.
    pub fn export(
        &mut self,
        opts: &ExportOptions,
        out: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ExportInfo> {
        if opts.to.is_empty() {
            return Err(Error::NoRecipients);
        }
        if out.exists() {
            return Err(Error::io(
                "write the bundle",
                out,
                io::ErrorKind::AlreadyExists.into(),
            ));
        }
        if let Some(folder) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !folder.is_dir() {
                return Err(Error::io(
                    "find the folder for the bundle",
                    folder,
                    io::ErrorKind::NotFound.into(),
                ));
            }
        }
        let roster = self.devices()?;
        let mut recipients: Vec<Box<dyn age::Recipient>> = Vec::new();
        for to in &opts.to {
            let d = roster
                .iter()
                .find(|d| d.device_id == *to && !d.this_device)
                .ok_or(Error::UnknownDevice { id: to.to_string() })?;
            if d.revoked_at.is_some() || !d.trusted {
                return Err(Error::RevokedDevice { id: to.to_string() });
            }
            recipients.push(Box::new(crate::vault::parse_recipient(&d.age_recipient)?));
        }
        // Always sealed to this device too (the manifest lists it only with
        // `include_self`): the bundle is read back before anything is
        // marked as sent.
        recipients.push(Box::new(self.secrets.age_identity.to_public()));
        let (versions, max_rowid) = self.export_versions(opts)?;
        if versions.is_empty() {
            return Err(Error::NothingToExport);
        }
        // Attachment contents travel with the versions that name them.
        let hashes: BTreeSet<String> = versions
            .iter()
            .filter_map(|v| match &v.body {
                Some(Body::Attachment(a)) => Some(a.blake3.clone()),
                _ => None,
            })
            .collect();
        let mut blobs = Vec::new();
        for h in hashes {
            let row: Option<(String, u64, u64)> = self
                .conn
                .query_row(
                    "SELECT blob_id, size, chunks FROM blobs WHERE blake3 = ?1",
                    [&h],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let (blob_id, size, chunks) = row.ok_or(Error::AttachmentCorrupt)?;
            blobs.push((h, blob_id, size, chunks));
        }
        let mut lines = Vec::with_capacity(versions.len() * 600);
        for v in &versions {
            serde_json::to_writer(&mut lines, v).map_err(io::Error::other)?;
            lines.push(b'\n');
        }
        let mut seqs = Vec::new();
        for to in &opts.to {
            let last: u64 = self
                .conn
                .query_row(
                    "SELECT last_seq FROM export_marks WHERE device_id = ?1",
                    [to.to_string()],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(0);
            seqs.push(RecipientSeq {
                device_id: *to,
                seq: last + 1,
            });
        }
        let card = self.card()?;
        let mut manifest = Manifest::new(Uuid::now_v7(), self.secrets.device_id, seqs.clone());
        manifest.sender_name = card.name;
        manifest.sender_signing_key = card.signing_key;
        manifest.sender_minisign_key = card.minisign_public_key;
        manifest.sender_age_recipient = card.age_recipient;
        manifest.version_count = versions.len() as u64;
        manifest.blob_count = blobs.len() as u64;
        manifest.members.push(Member {
            name: bundle::VERSIONS.into(),
            size: lines.len() as u64,
            blake3: blake3::hash(&lines).to_hex().to_string(),
        });
        for (h, _, size, _) in &blobs {
            manifest.members.push(Member {
                name: format!("blobs/{h}"),
                size: *size,
                blake3: h.clone(),
            });
        }
        let total: u64 = blobs.iter().map(|b| b.2).sum();

        let partial = out.with_file_name(format!(
            ".{}.partial",
            out.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        let written = (|| -> Result<u64> {
            let file = File::options()
                .write(true)
                .create_new(true)
                .open(&partial)
                .map_err(|e| Error::io("write the bundle", &partial, e))?;
            let to: Vec<&dyn age::Recipient> = recipients
                .iter()
                .map(|r| r.as_ref() as &dyn age::Recipient)
                .collect();
            let sealed = agestream::Writer::new(&to, BufWriter::with_capacity(1 << 20, file))?;
            let hashed = Hashing {
                inner: sealed,
                hasher: blake3::Hasher::new(),
            };
            let mut w = bundle::Writer::new(hashed, &manifest, &self.secrets.signing_key)?;
            w.member(bundle::VERSIONS, lines.len() as u64, &mut lines.as_slice())?;
            let mut done = 0;
            for (h, blob_id, size, chunks) in &blobs {
                let mut reader = BlobReader {
                    stmt: self.conn.prepare_cached(
                        "SELECT data FROM blob_chunks WHERE blob_id = ?1 AND idx = ?2",
                    )?,
                    blob_id: blob_id.clone(),
                    next: 0,
                    chunks: *chunks,
                    buf: Vec::new(),
                    pos: 0,
                };
                w.member(&format!("blobs/{h}"), *size, &mut reader)?;
                done += size;
                progress(Progress { done, total });
            }
            let hashed = w.finish()?;
            let plain_hash = hashed.hasher.finalize();
            let file = hashed
                .inner
                .finish()?
                .into_inner()
                .map_err(|e| Error::from(e.into_error()))?;
            file.sync_all()?;
            let size = file.metadata()?.len();
            self.read_back_bundle(&partial, out, plain_hash)?;
            Ok(size)
        })();
        let size = match written {
            Ok(s) => s,
            Err(e) => {
                let _ = fs::remove_file(&partial);
                return Err(e);
            }
        };
        let tx = self.conn.transaction()?;
        for s in &seqs {
            // The high-water mark only moves forward; a chosen-cases export
            // sends old versions and must not skip newer ones.
            let mark = if opts.cases.is_empty() { max_rowid } else { 0 };
            tx.execute(
                "INSERT INTO export_marks(device_id, last_rowid, last_seq) VALUES (?1, ?2, ?3)
                 ON CONFLICT(device_id) DO UPDATE SET last_rowid = max(last_rowid, excluded.last_rowid), last_seq = excluded.last_seq",
                params![s.device_id.to_string(), mark, s.seq],
            )?;
        }
        audit::append(
            &tx,
            &self.audit_key,
            &now_rfc3339(),
            Event::BundleExported,
            &format!(
                "bundle {} ({} versions)",
                manifest.bundle_id,
                versions.len()
            ),
        )?;
        // The sequence numbers are spent before the bundle appears: a
        // failure from here on leaves a gap, never two bundles under one.
        tx.commit()?;
        let placed = fs::rename(&partial, out).and_then(|()| sync_dir(out));
        if let Err(e) = placed {
            let _ = fs::remove_file(&partial);
            return Err(Error::io("write the bundle", out, e));
        }
        Ok(ExportInfo {
            path: out.to_path_buf(),
            bundle_id: manifest.bundle_id,
            versions: versions.len() as u64,
            blobs: blobs.len() as u64,
            size,
            recipients: seqs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::CreateOptions;
    use age::secrecy::SecretString;

    #[test]
    fn a_bundle_that_does_not_read_back_as_written_is_refused() {
        let tmp = std::env::temp_dir().join(format!("fn-readback-{}", Uuid::now_v7()));
        let pass = SecretString::from("correct horse battery staple orbit".to_owned());
        let options = CreateOptions {
            work_factor: 10,
            recovery: None,
        };
        let v = Vault::create(&tmp.join("v"), &pass, options).expect("vault");
        let plain = vec![5u8; 300_000];
        let me = v.secrets.age_identity.to_public();
        let mut w = agestream::Writer::new(&[&me], Vec::new()).expect("writer");
        w.write_all(&plain).expect("write");
        let mut sealed = w.finish().expect("finish");
        let path = tmp.join("b.fnb");
        fs::write(&path, &sealed).expect("write file");
        let hash = blake3::hash(&plain);
        v.read_back_bundle(&path, &path, hash).expect("reads back");
        assert!(matches!(
            v.read_back_bundle(&path, &path, blake3::hash(b"other")),
            Err(Error::BundleReadBack { .. })
        ));
        let at = sealed.len() - 100;
        sealed[at] ^= 1;
        fs::write(&path, &sealed).expect("write file");
        assert!(matches!(
            v.read_back_bundle(&path, &path, hash),
            Err(Error::BundleReadBack { .. })
        ));
        v.lock().expect("lock");
        let _ = fs::remove_dir_all(&tmp);
    }
}
