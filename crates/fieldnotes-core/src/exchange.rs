//! Export and import of bundles.
//!
//! Invariants: an import verifies the sender (trusted, not revoked, key as
//! in the roster), the manifest signature, that this device is a recipient,
//! the bundle sequence, every member's hash and every version's author
//! signature, and merges in one transaction, so a refused bundle changes
//! nothing. Merging is a union of versions: commutative, idempotent and
//! convergent; concurrent heads stay side by side as a conflict. A bundle
//! seen before is a no-op; another bundle under a sequence number already
//! used by that sender is refused.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use ed25519_dalek::VerifyingKey;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

use crate::agestream;
use crate::audit::{self, Event};
use crate::bundle::{self, Manifest, Member, RecipientSeq, Signed};
use crate::envelope::sync_dir;
use crate::error::{Error, Result};
use crate::hlc::Hlc;
use crate::minisig;
use crate::model::{Body, Version};
use crate::records;
use crate::store;
use crate::vault::{now_rfc3339, Vault};
use crate::vocab::Kind;

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub to: Vec<Uuid>,
    /// Only these cases (all their versions); empty: everything new since
    /// the last bundle to these recipients.
    pub cases: Vec<Uuid>,
    /// Every version this vault holds.
    pub all: bool,
    /// Encrypt to this device too, so the sender can read its own bundle.
    pub include_self: bool,
}

/// The outcome of an export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportInfo {
    pub path: PathBuf,
    pub bundle_id: Uuid,
    pub versions: u64,
    pub blobs: u64,
    pub size: u64,
    pub recipients: Vec<RecipientSeq>,
}

/// The outcome of an import.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportInfo {
    pub bundle_id: Uuid,
    pub sender: Uuid,
    /// The bundle had been imported before; nothing changed.
    pub already_imported: bool,
    pub new_versions: u64,
    pub known_versions: u64,
    pub new_records: u64,
    /// New records by kind (cases, notes, needs, …).
    pub new_by_kind: BTreeMap<Kind, u64>,
    pub new_blobs: u64,
    /// Records that now have more than one head.
    pub conflicts: Vec<Uuid>,
}

/// Progress of an export or import in bytes of attachment content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

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

impl Vault {
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
        if opts.include_self {
            recipients.push(Box::new(self.secrets.age_identity.to_public()));
        }
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
            let mut w = bundle::Writer::new(sealed, &manifest, &self.secrets.signing_key)?;
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
            let sealed = w.finish()?;
            let file = sealed
                .finish()?
                .into_inner()
                .map_err(|e| Error::from(e.into_error()))?;
            file.sync_all()?;
            let size = file.metadata()?.len();
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

    /// Verifies a bundle and merges it into the vault, all or nothing.
    pub fn import(
        &mut self,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportInfo> {
        let file = File::open(path).map_err(|e| Error::io("open the bundle", path, e))?;
        let decryptor = age::Decryptor::new_buffered(BufReader::with_capacity(1 << 20, file))
            .map_err(|_| Error::BundleCorrupt)?;
        let stream = match decryptor.decrypt(std::iter::once(
            &self.secrets.age_identity as &dyn age::Identity,
        )) {
            Ok(s) => s,
            Err(age::DecryptError::NoMatchingKeys) => return Err(Error::NotARecipient),
            Err(_) => return Err(Error::BundleCorrupt),
        };
        let roster = self.author_keys()?;
        let me = self.secrets.device_id;
        let audit_key = *self.audit_key;
        let tx = self.conn.transaction()?;
        let mut info = ImportInfo::default();
        let mut seen_before = false;
        let mut manifest_hash = String::new();
        let total = std::cell::Cell::new(0u64);
        let mut done = 0;
        let mut max_hlc = Hlc::default();
        let mut touched = BTreeSet::new();
        let mut needed_blobs = BTreeSet::new();
        let mut have_blobs = BTreeSet::new();
        let result = bundle::Reader::new(stream).read(
            &mut |signed: Signed| {
                let m = verify_manifest(&signed, &roster, me)?;
                info.bundle_id = m.bundle_id;
                info.sender = m.sender;
                manifest_hash = blake3::hash(&signed.raw).to_hex().to_string();
                let seq = m.recipients.iter().find(|r| r.device_id == me).map(|r| r.seq).unwrap_or(0);
                let prior: Option<String> = tx
                    .query_row("SELECT manifest_hash FROM imported_bundles WHERE sender = ?1 AND seq = ?2", params![m.sender.to_string(), seq], |r| r.get(0))
                    .optional()?;
                match prior {
                    Some(h) if h == manifest_hash => {
                        seen_before = true;
                        Err(Error::AlreadyImported)
                    }
                    Some(_) => Err(Error::ReplayedSequence { seq }),
                    None => {
                        tx.execute(
                            "INSERT INTO imported_bundles(sender, seq, bundle_id, manifest_hash) VALUES (?1, ?2, ?3, ?4)",
                            params![m.sender.to_string(), seq, m.bundle_id.to_string(), manifest_hash],
                        )?;
                        total.set(m.members.iter().skip(1).map(|b| b.size).sum());
                        Ok(m)
                    }
                }
            },
            &mut |bytes: Vec<u8>| {
                let text = std::str::from_utf8(&bytes).map_err(|_| Error::BundleCorrupt)?;
                let versions = parse_and_check(text, &roster)?;
                for v in versions {
                    max_hlc = max_hlc.max(v.hlc);
                    if let Some(Body::Attachment(a)) = &v.body {
                        needed_blobs.insert(a.blake3.clone());
                    }
                    match records::version_by_id(&tx, v.version_id)? {
                        Some(stored) if stored == v => info.known_versions += 1,
                        Some(_) => return Err(Error::BundleCorrupt),
                        None => {
                            let new_record: bool = tx
                                .query_row("SELECT count(*) = 0 FROM records WHERE record_id = ?1", [v.record_id.to_string()], |r| r.get(0))?;
                            if new_record {
                                info.new_records += 1;
                                *info.new_by_kind.entry(v.kind).or_default() += 1;
                            }
                            records::store_version(&tx, &audit_key, &v, None)?;
                            touched.insert(v.record_id);
                            info.new_versions += 1;
                        }
                    }
                }
                Ok(())
            },
            &mut |member: &Member, content: &mut dyn Read| {
                have_blobs.insert(member.blake3.clone());
                if crate::attachments::store_blob(&tx, &member.blake3, content)? {
                    info.new_blobs += 1;
                }
                done += member.size;
                progress(Progress { done, total: total.get() });
                Ok(())
            },
        );
        match result {
            Ok(()) => {}
            Err(Error::AlreadyImported) if seen_before => {
                info.already_imported = true;
                return Ok(info);
            }
            Err(e) => return Err(e),
        }
        for h in &needed_blobs {
            let present: bool = tx.query_row(
                "SELECT count(*) > 0 FROM blobs WHERE blake3 = ?1",
                [h],
                |r| r.get(0),
            )?;
            if !present && !have_blobs.contains(h) {
                return Err(Error::BundleCorrupt);
            }
        }
        // Later local edits must order after everything merged here.
        store::tick_hlc(&tx, 0, max_hlc)?;
        for id in &touched {
            let heads: i64 = tx.query_row(
                "SELECT count(*) FROM heads WHERE record_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )?;
            if heads > 1 {
                info.conflicts.push(*id);
            }
        }
        audit::append(
            &tx,
            &audit_key,
            &now_rfc3339(),
            Event::BundleImported,
            &format!(
                "bundle {} from {}: {} new versions",
                info.bundle_id, info.sender, info.new_versions
            ),
        )?;
        tx.commit()?;
        Ok(info)
    }

    /// Every trusted device's key, with its revocation time if revoked.
    fn author_keys(&self) -> Result<Roster> {
        let mut stmt = self
            .conn
            .prepare("SELECT device_id, signing_key, trusted, revoked_at FROM devices")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, key, trusted, revoked) = row?;
            let id = Uuid::parse_str(&id).map_err(|_| Error::CorruptDatabase)?;
            let key: [u8; 32] = key.try_into().map_err(|_| Error::CorruptDatabase)?;
            let key = VerifyingKey::from_bytes(&key).map_err(|_| Error::CorruptDatabase)?;
            out.insert(id, (key, trusted, revoked.and_then(|s| s.parse().ok())));
        }
        Ok(out)
    }

    /// Writes this device's age identity (`AGE-SECRET-KEY-1…`) to `path`, so
    /// a bundle can be opened with the standard `age` tool. Audited.
    pub fn export_identity_secret(&self, path: &Path) -> Result<()> {
        use age::secrecy::ExposeSecret;
        let mut text = zeroize::Zeroizing::new(String::new());
        text.push_str("# Fieldnotes device identity: keep it as safe as the passphrase.\n");
        text.push_str(self.secrets.age_identity.to_string().expose_secret());
        text.push('\n');
        let mut f = File::options()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| Error::io("write", path, e))?;
        crate::vault::restrict_file(path);
        f.write_all(text.as_bytes())
            .map_err(|e| Error::io("write", path, e))?;
        f.sync_all().map_err(|e| Error::io("write", path, e))?;
        self.audit(Event::IdentityExported, "")
    }
}

type Roster = HashMap<Uuid, (VerifyingKey, bool, Option<Hlc>)>;

fn verify_manifest(signed: &Signed, roster: &Roster, me: Uuid) -> Result<Manifest> {
    let m = &signed.manifest;
    let sender = m.sender.to_string();
    let (key, trusted, revoked) = roster.get(&m.sender).ok_or(Error::UntrustedSender {
        device: sender.clone(),
    })?;
    if !trusted {
        return Err(Error::UntrustedSender { device: sender });
    }
    if revoked.is_some() {
        return Err(Error::RevokedSender { device: sender });
    }
    if m.sender_signing_key != hex::encode(key.as_bytes()) {
        return Err(Error::BadSignature {
            version: format!("bundle {}", m.bundle_id),
        });
    }
    minisig::verify(key, &signed.raw, &signed.signature).map_err(|_| Error::BadSignature {
        version: format!("bundle {}", m.bundle_id),
    })?;
    if !m.recipients.iter().any(|r| r.device_id == me) {
        return Err(Error::NotARecipient);
    }
    Ok(m.clone())
}

/// Parses the versions and checks each author's signature, on every core:
/// signature checks are most of an import's CPU time.
fn parse_and_check(text: &str, roster: &Roster) -> Result<Vec<Version>> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = lines.len().div_ceil(threads).max(1);
    let parts: Vec<Result<Vec<Version>>> = std::thread::scope(|s| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|line| {
                            let v: Version =
                                serde_json::from_str(line).map_err(|_| Error::BundleCorrupt)?;
                            check_version(&v, roster)?;
                            Ok(v)
                        })
                        .collect::<Result<Vec<_>>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(Error::BundleCorrupt)))
            .collect()
    });
    let mut versions = Vec::with_capacity(lines.len());
    for part in parts {
        versions.extend(part?);
    }
    Ok(versions)
}

fn check_version(v: &Version, roster: &Roster) -> Result<()> {
    let bad = || Error::BadSignature {
        version: v.version_id.to_string(),
    };
    let untrusted = || Error::UntrustedAuthor {
        device: v.author.to_string(),
    };
    let (key, trusted, revoked) = roster.get(&v.author).ok_or_else(untrusted)?;
    if !trusted {
        return Err(untrusted());
    }
    if revoked.is_some_and(|at| v.hlc >= at) {
        return Err(Error::RevokedSender {
            device: v.author.to_string(),
        });
    }
    if v.body.as_ref().is_some_and(|b| b.kind() != v.kind) || !v.verify(key) {
        return Err(bad());
    }
    Ok(())
}
