//! Writing a bundle: the versions to send, the attachments streamed from
//! the store, the signed manifest, all sealed to the recipients.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

use crate::agestream;
use crate::audit::{self, Event};
use crate::blobs;
use crate::bundle::{self, Manifest, Member, RecipientSeq};
use crate::envelope::sync_dir;
use crate::error::{Error, Result};
use crate::model::{Body, Version};
use crate::records;
use crate::vault::{now_rfc3339, Vault};

use super::gate::{self, Gated};
use super::{ExportInfo, ExportOptions, Progress};

/// Hashes the sealed bytes on their way to the file.
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

/// One stored attachment that travels with the bundle.
struct BlobRef {
    blake3: String,
    size: u64,
}

/// What one export writes, gathered and checked before the first byte of
/// the bundle is: nothing is marked as sent until it has been written,
/// fsync'd and read back.
struct ExportPlan {
    recipients: Vec<Box<dyn age::Recipient>>,
    /// The export mark the recipients move to once the bundle is written.
    max_rowid: i64,
    blobs: Vec<BlobRef>,
    /// The `versions.jsonl` member.
    lines: Vec<u8>,
    /// Lists the recipients with their sequence numbers and the counts.
    manifest: Manifest,
    /// The cases sent, left out and sent without consent.
    gated: Gated,
}

impl Vault {
    /// Reads the bundle just written back from the disk and checks it
    /// holds exactly the sealed bytes that were written (their BLAKE3):
    /// as sure as decrypting it again, which the sealing's own tests
    /// cover, at a fraction of the cost. `path` is the file as written
    /// (under its temporary name), `shown` the name the person chose.
    fn read_back_bundle(&self, path: &Path, shown: &Path, expected: blake3::Hash) -> Result<()> {
        let failed = || Error::BundleReadBack {
            path: shown.to_path_buf(),
        };
        let mut file = File::open(path).map_err(|e| Error::io("read the bundle back", shown, e))?;
        let mut hasher = blake3::Hasher::new();
        io::copy(&mut file, &mut hasher).map_err(|_| failed())?;
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

    /// Erased content never travels: the erasure entry does.
    fn drop_erased(&self, versions: &mut Vec<Version>) -> Result<()> {
        let erased: std::collections::HashSet<String> = self
            .conn
            .prepare("SELECT record_id FROM erased_records")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        versions.retain(|v| !v.erased && !erased.contains(&v.record_id.to_string()));
        Ok(())
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
        check_destination(out)?;
        self.require_moved_out()?;
        gate::override_reason(opts.override_consent.as_deref())?;
        let plan = self.plan_export(opts)?;
        let partial = partial_path(out);
        let size = match self.write_bundle(&plan, &partial, out, progress) {
            Ok(s) => s,
            Err(e) => {
                let _ = fs::remove_file(&partial);
                return Err(e);
            }
        };
        self.mark_sent(opts, &plan)?;
        let placed = fs::rename(&partial, out).and_then(|()| sync_dir(out));
        if let Err(e) = placed {
            let _ = fs::remove_file(&partial);
            return Err(Error::io("write the bundle", out, e));
        }
        Ok(ExportInfo {
            path: out.to_path_buf(),
            bundle_id: plan.manifest.bundle_id,
            versions: plan.manifest.version_count,
            blobs: plan.manifest.blob_count,
            revocations: plan.manifest.revocations.len() as u64,
            size,
            left_out: plan.gated.left_out_codes(),
            sent_without_consent: plan.gated.overridden_codes(),
            recipients: plan.manifest.recipients,
        })
    }

    /// Gathers and checks everything the bundle will hold.
    fn plan_export(&self, opts: &ExportOptions) -> Result<ExportPlan> {
        let recipients = self.export_recipients(&opts.to)?;
        let (mut versions, max_rowid) = self.export_versions(opts)?;
        if !opts.all && opts.cases.is_empty() {
            let have: BTreeSet<Uuid> = versions.iter().map(|v| v.version_id).collect();
            let withheld = self.withheld_versions(&opts.to)?;
            versions.extend(
                withheld
                    .into_iter()
                    .filter(|v| !have.contains(&v.version_id)),
            );
        }
        self.drop_erased(&mut versions)?;
        crate::revocation::retain_vouched(&self.conn, &self.author_keys()?, &mut versions)?;
        let gated = self.gate(versions, opts.override_consent.is_some())?;
        if gated.versions.is_empty() && !gated.left_out.is_empty() {
            return Err(Error::ShareConsentMissing {
                cases: gated.left_out_codes().join(", "),
            });
        }
        let versions = &gated.versions;
        let revocations = crate::revocation::all(&self.conn)?;
        // A revocation alone is worth a bundle: it stops a lost laptop.
        if versions.is_empty() && revocations.is_empty() {
            return Err(Error::NothingToExport);
        }
        let blobs = self.export_blobs(versions)?;
        let lines = versions_jsonl(versions)?;
        let seqs = self.next_seqs(&opts.to)?;
        let mut manifest = self.export_manifest(seqs, versions, &lines, &blobs)?;
        manifest.revocations = revocations;
        Ok(ExportPlan {
            recipients,
            max_rowid,
            blobs,
            lines,
            manifest,
            gated,
        })
    }

    /// The age recipients: each device in `to` (known, trusted, not
    /// revoked), then this device.
    fn export_recipients(&self, to: &[Uuid]) -> Result<Vec<Box<dyn age::Recipient>>> {
        let roster = self.devices()?;
        let mut recipients: Vec<Box<dyn age::Recipient>> = Vec::new();
        for to in to {
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
        Ok(recipients)
    }

    /// Attachment contents travel with the versions that name them.
    fn export_blobs(&self, versions: &[Version]) -> Result<Vec<BlobRef>> {
        let hashes: BTreeSet<String> = versions
            .iter()
            .filter_map(|v| match &v.body {
                Some(Body::Attachment(a)) => Some(a.blake3.clone()),
                _ => None,
            })
            .collect();
        let mut blobs = Vec::new();
        for h in hashes {
            let size: Option<u64> = self
                .conn
                .query_row("SELECT size FROM blob_files WHERE blake3 = ?1", [&h], |r| {
                    r.get(0)
                })
                .optional()?;
            let size = size.ok_or(Error::AttachmentMissing)?;
            blobs.push(BlobRef { blake3: h, size });
        }
        Ok(blobs)
    }

    /// Each recipient's next bundle sequence number.
    fn next_seqs(&self, to: &[Uuid]) -> Result<Vec<RecipientSeq>> {
        let mut seqs = Vec::new();
        for to in to {
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
        Ok(seqs)
    }

    /// The manifest: this device's card, the recipients, the counts, and
    /// the size and hash of every member.
    fn export_manifest(
        &self,
        seqs: Vec<RecipientSeq>,
        versions: &[Version],
        lines: &[u8],
        blobs: &[BlobRef],
    ) -> Result<Manifest> {
        let card = self.card()?;
        let mut manifest = Manifest::new(Uuid::now_v7(), self.secrets.device_id, seqs);
        manifest.sender_name = card.name;
        manifest.sender_signing_key = card.signing_key;
        manifest.sender_minisign_key = card.minisign_public_key;
        manifest.sender_age_recipient = card.age_recipient;
        manifest.version_count = versions.len() as u64;
        manifest.blob_count = blobs.len() as u64;
        manifest.members.push(Member {
            name: bundle::VERSIONS.into(),
            size: lines.len() as u64,
            blake3: blake3::hash(lines).to_hex().to_string(),
        });
        for b in blobs {
            manifest.members.push(Member {
                name: format!("blobs/{}", b.blake3),
                size: b.size,
                blake3: b.blake3.clone(),
            });
        }
        Ok(manifest)
    }

    /// Writes the bundle to `partial`, fsyncs it and reads it back; returns
    /// its size. `out` is the name the person chose, for messages.
    fn write_bundle(
        &self,
        plan: &ExportPlan,
        partial: &Path,
        out: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<u64> {
        let file = crate::vault::create_private(partial)
            .map_err(|e| Error::io("write the bundle", partial, e))?;
        let to: Vec<&dyn age::Recipient> = plan
            .recipients
            .iter()
            .map(|r| r.as_ref() as &dyn age::Recipient)
            .collect();
        let hashed = Hashing {
            inner: BufWriter::with_capacity(1 << 20, file),
            hasher: blake3::Hasher::new(),
        };
        let sealed = agestream::Writer::new(&to, hashed)?;
        let mut w = bundle::Writer::new(sealed, &plan.manifest, &self.secrets.signing_key)?;
        let lines = &plan.lines;
        w.member(bundle::VERSIONS, lines.len() as u64, &mut lines.as_slice())?;
        self.write_blobs(&mut w, &plan.blobs, progress)?;
        let hashed = w.finish()?.finish()?;
        let sealed_hash = hashed.hasher.finalize();
        let file = hashed
            .inner
            .into_inner()
            .map_err(|e| Error::from(e.into_error()))?;
        file.sync_all()?;
        let size = file.metadata()?.len();
        self.read_back_bundle(partial, out, sealed_hash)?;
        Ok(size)
    }

    /// Streams each attachment from the store into the bundle.
    fn write_blobs<W: Write>(
        &self,
        w: &mut bundle::Writer<W>,
        blobs: &[BlobRef],
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        let total: u64 = blobs.iter().map(|b| b.size).sum();
        let mut done = 0;
        for b in blobs {
            let mut reader = blobs::open(&self.conn, &self.dir, &b.blake3)?;
            w.member(&format!("blobs/{}", b.blake3), b.size, &mut reader)
                .map_err(|e| match e {
                    Error::Stream(io) if io.kind() == io::ErrorKind::InvalidData => {
                        Error::AttachmentCorrupt
                    }
                    e => e,
                })?;
            done += b.size;
            progress(Progress { done, total });
        }
        Ok(())
    }

    /// Spends the recipients' sequence numbers and moves their export
    /// marks, with the audit entry, in one transaction.
    fn mark_sent(&mut self, opts: &ExportOptions, plan: &ExportPlan) -> Result<()> {
        let tx = self.conn.transaction()?;
        for s in &plan.manifest.recipients {
            // The high-water mark only moves forward; a chosen-cases export
            // sends old versions and must not skip newer ones.
            let mark = if opts.cases.is_empty() {
                plan.max_rowid
            } else {
                0
            };
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
                plan.manifest.bundle_id, plan.manifest.version_count
            ),
        )?;
        gate::record_sent(
            &tx,
            &self.audit_key,
            plan.manifest.bundle_id,
            &opts.to,
            &plan.gated,
            opts.override_consent.as_deref().map(str::trim),
        )?;
        // The sequence numbers are spent before the bundle appears: a
        // failure from here on leaves a gap, never two bundles under one.
        tx.commit()?;
        Ok(())
    }
}

/// Refuses to overwrite a file or to write into a folder that is not there.
fn check_destination(out: &Path) -> Result<()> {
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
    Ok(())
}

/// The hidden name a bundle is written under until it is complete.
fn partial_path(out: &Path) -> PathBuf {
    out.with_file_name(format!(
        ".{}.partial",
        out.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ))
}

/// The versions as `versions.jsonl`: one JSON object a line.
fn versions_jsonl(versions: &[Version]) -> Result<Vec<u8>> {
    let mut lines = Vec::with_capacity(versions.len() * 600);
    for v in versions {
        serde_json::to_writer(&mut lines, v).map_err(io::Error::other)?;
        lines.push(b'\n');
    }
    Ok(lines)
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
        let hash = blake3::hash(&sealed);
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
