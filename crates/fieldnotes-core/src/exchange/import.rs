//! Reading a bundle: the manifest checked before anything is stored, each
//! version checked (`check.rs`) before it is merged, all in one
//! transaction, committed only once every check has passed.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::Read;
use std::path::Path;

use ed25519_dalek::VerifyingKey;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::agestream;
use crate::audit::{self, Event};
use crate::blobs;
use crate::bundle::{self, Manifest, Member, Signed};
use crate::error::{Error, Result};
use crate::hlc::Hlc;
use crate::model::{Body, Version};
use crate::records;
use crate::store;
use crate::vault::{now_rfc3339, Vault};

use super::{ImportInfo, Progress};

impl Vault {
    /// Verifies a bundle and merges it into the vault, all or nothing.
    pub fn import(
        &mut self,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportInfo> {
        self.require_moved_out()?;
        // A large import writes more pages than SQLite's default 2 MB cache
        // holds: it would spill them to the WAL mid-transaction, encrypting
        // them, and read them back, decrypting them. Back to the usual size
        // after, which frees the memory.
        let cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
        let merged = self.merge_bundle(path, progress);
        self.conn.pragma_update(None, "cache_size", cache)?;
        let (info, erased_files) = merged?;
        self.finish_erasure(&erased_files)?;
        Ok(info)
    }

    /// The import in its transaction; the sealed files erasures in the
    /// bundle made unneeded come back, to delete once it is committed.
    fn merge_bundle(
        &mut self,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(ImportInfo, Vec<String>)> {
        let stream = self.decrypt_bundle(path)?;
        let roster = self.author_keys()?;
        let me = self.secrets.device_id;
        let audit_key = *self.audit_key;
        let name_key = blobs::name_key(&self.secrets.db_key);
        let now_ms = self.clock.now_ms();
        let dir = self.dir.clone();
        let tx = self.conn.transaction()?;
        // Many versions at once: the index merges as it grows (see `search`).
        crate::search::set_automerge(&tx, true)?;
        // The reader hands the members to three callbacks, one at a time;
        // they share the state of this one import.
        let intake = RefCell::new(Intake::new(&tx, roster, me, &audit_key, now_ms));
        intake.borrow_mut().files = Some((&dir, &name_key));
        let result = bundle::Reader::new(stream).read(
            &mut |signed: Signed| intake.borrow_mut().manifest(&signed),
            &mut |bytes: Vec<u8>| intake.borrow_mut().versions(&bytes),
            &mut |member: &Member, content: &mut dyn Read| {
                intake.borrow_mut().blob(member, content, progress)
            },
        );
        let mut intake = intake.into_inner();
        let placed = std::mem::take(&mut intake.placed);
        let erased_files = std::mem::take(&mut intake.erased_files);
        let outcome = match result {
            Ok(()) => intake.finish().and_then(|info| {
                crate::search::set_automerge(&tx, false)?;
                Ok((info, tx.commit()?))
            }),
            Err(Error::AlreadyImported) if intake.seen_before => {
                intake.info.already_imported = true;
                return Ok((intake.info, Vec::new()));
            }
            Err(e) => Err(e),
        };
        match outcome {
            Ok((info, ())) => Ok((info, erased_files)),
            Err(e) => {
                // Nothing refers to the files this import placed any more.
                for name in placed {
                    let _ = std::fs::remove_file(dir.join(blobs::BLOB_DIR).join(name));
                }
                Err(e)
            }
        }
    }

    /// Opens the bundle's age layer with this device's key.
    fn decrypt_bundle(&self, path: &Path) -> Result<impl Read> {
        let file = File::open(path).map_err(|e| Error::io("open the bundle", path, e))?;
        agestream::Reader::new(&self.secrets.age_identity, file).map_err(|e| match e {
            agestream::OpenError::WrongKey => Error::NotARecipient,
            agestream::OpenError::Io(e) => Error::io("read the bundle", path, e),
            _ => Error::BundleCorrupt,
        })
    }

    /// Every trusted device's key, with its revocation time if revoked.
    pub(super) fn author_keys(&self) -> Result<Roster> {
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
}

/// SQLite's page cache during an import (a negative `cache_size` is KiB).
const IMPORT_CACHE_KIB: i64 = -65_536;

/// How far ahead of this laptop's clock another device's readings may be.
const MAX_CLOCK_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;

use crate::revocation::Roster;

/// One import while its bundle streams through, inside its transaction:
/// the outcome so far, and what must be checked once every member is in.
struct Intake<'a> {
    conn: &'a Connection,
    /// The roster, updated by the revocations the bundle carries.
    roster: Roster,
    me: Uuid,
    audit_key: &'a [u8; 32],
    info: ImportInfo,
    /// The bundle is the very one imported before.
    seen_before: bool,
    /// Attachment bytes declared and received, for progress.
    total: u64,
    done: u64,
    max_hlc: Hlc,
    /// This laptop's clock when the import began.
    now_ms: u64,
    /// Records that received a new version.
    touched: BTreeSet<Uuid>,
    /// Attachment contents the versions name, and those the bundle carried.
    /// (content, attachment record) for each attachment version merged.
    needed_blobs: BTreeSet<(String, Uuid)>,
    have_blobs: BTreeSet<String>,
    /// Sealed files an erasure in the bundle made unneeded.
    pub(crate) erased_files: Vec<String>,
    /// The vault folder and the blob name key, for sealing new content.
    files: Option<(&'a Path, &'a [u8; 32])>,
    /// Sealed files placed by this import (removed if it fails).
    placed: Vec<String>,
}

impl<'a> Intake<'a> {
    fn new(
        conn: &'a Connection,
        roster: Roster,
        me: Uuid,
        audit_key: &'a [u8; 32],
        now_ms: u64,
    ) -> Self {
        Intake {
            conn,
            roster,
            me,
            audit_key,
            info: ImportInfo::default(),
            seen_before: false,
            total: 0,
            done: 0,
            max_hlc: Hlc::default(),
            now_ms,
            touched: BTreeSet::new(),
            needed_blobs: BTreeSet::new(),
            have_blobs: BTreeSet::new(),
            erased_files: Vec::new(),
            files: None,
            placed: Vec::new(),
        }
    }

    /// Verifies the manifest and claims the sender's sequence number for
    /// it: the same bundle again is `AlreadyImported`, another bundle under
    /// a used number is a replay.
    fn manifest(&mut self, signed: &Signed) -> Result<Manifest> {
        let m = super::check::verify_manifest(signed, &self.roster, self.me)?;
        self.info.bundle_id = m.bundle_id;
        self.info.sender = m.sender;
        let manifest_hash = blake3::hash(&signed.raw).to_hex().to_string();
        let seq = m
            .recipients
            .iter()
            .find(|r| r.device_id == self.me)
            .map(|r| r.seq)
            .unwrap_or(0);
        let prior: Option<String> = self
            .conn
            .query_row(
                "SELECT manifest_hash FROM imported_bundles WHERE sender = ?1 AND seq = ?2",
                params![m.sender.to_string(), seq],
                |r| r.get(0),
            )
            .optional()?;
        match prior {
            Some(h) if h == manifest_hash => {
                self.seen_before = true;
                Err(Error::AlreadyImported)
            }
            Some(_) => Err(Error::ReplayedSequence { seq }),
            None => {
                self.conn.execute(
                    "INSERT INTO imported_bundles(sender, seq, bundle_id, manifest_hash) VALUES (?1, ?2, ?3, ?4)",
                    params![m.sender.to_string(), seq, m.bundle_id.to_string(), manifest_hash],
                )?;
                // Before any version: a revoked device's versions in this
                // very bundle are judged by the revocations it carries.
                if !m.revocations.is_empty() {
                    let at = store::tick_hlc(self.conn, self.now_ms, Hlc::default())?;
                    self.info.revoked_devices = crate::revocation::apply_received(
                        self.conn,
                        &mut self.roster,
                        self.me,
                        (&now_rfc3339(), at),
                        &m.revocations,
                        self.audit_key,
                    )?;
                }
                self.total = m
                    .members
                    .iter()
                    .skip(1)
                    .fold(0u64, |t, b| t.saturating_add(b.size));
                Ok(m)
            }
        }
    }

    /// Checks every version's signature and stores those not held yet,
    /// each after its check.
    fn versions(&mut self, bytes: &[u8]) -> Result<()> {
        let text = std::str::from_utf8(bytes).map_err(|_| Error::BundleCorrupt)?;
        // The checking threads read their own copy while the merge runs.
        let roster = self.roster.clone();
        super::check::check_then_merge(text, &roster, &mut |v| self.merge(&v))
    }

    /// Stores one version unless held already; a different version under
    /// a known id is a forgery or damage.
    fn merge(&mut self, v: &Version) -> Result<()> {
        // Adopting a reading far ahead would drag this vault's clock (and
        // every later edit) into the future; a counter at its end could not
        // be followed. Neither is silently taken in.
        if v.hlc.wall_ms > self.now_ms.saturating_add(MAX_CLOCK_AHEAD_MS) {
            return Err(Error::ClockAhead {
                device: v.author.to_string(),
            });
        }
        if v.hlc.counter == u32::MAX {
            return Err(Error::BundleCorrupt);
        }
        self.max_hlc = self.max_hlc.max(v.hlc);
        // An erased record takes nothing more, from any relay.
        if crate::erasure::is_erased(self.conn, v.record_id)?
            || crate::erasure::in_erased_case(self.conn, v.record_id, v.body.as_ref())?
        {
            self.info.refused_erased += 1;
            return Ok(());
        }
        if let Some(Body::Attachment(a)) = &v.body {
            self.needed_blobs.insert((a.blake3.clone(), v.record_id));
        }
        match records::version_by_id(self.conn, v.version_id)? {
            Some(stored) if stored == *v => self.info.known_versions += 1,
            Some(_) => return Err(Error::BundleCorrupt),
            // A revoked device's versions are kept as they were held when it
            // was revoked (here or by a revoker who vouched for them); any
            // other, whatever its date and whoever relays it, may have been
            // written by whoever has that laptop now.
            None if !crate::revocation::vouched(self.conn, &self.roster, v)? => {
                return Err(Error::RevokedAuthor {
                    device: v.author.to_string(),
                })
            }
            None => {
                let new_record = !self
                    .conn
                    .prepare_cached("SELECT 1 FROM records WHERE record_id = ?1")?
                    .exists([v.record_id.to_string()])?;
                if new_record {
                    self.info.new_records += 1;
                    *self.info.new_by_kind.entry(v.kind).or_default() += 1;
                }
                records::store_version(self.conn, self.audit_key, v, None)?;
                self.touched.insert(v.record_id);
                self.info.new_versions += 1;
                if let Some(Body::Erasure(e)) = &v.body {
                    self.apply_erasure(v, e)?;
                }
            }
        }
        Ok(())
    }

    /// Stores one attachment's content (the reader checks its hash).
    fn blob(
        &mut self,
        member: &Member,
        content: &mut dyn Read,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        self.have_blobs.insert(member.blake3.clone());
        let (dir, key) = self.files.ok_or(Error::BundleCorrupt)?;
        // Content only a now-erased attachment named is not kept.
        let wanted = self.still_needed(&member.blake3)?;
        if wanted && !blobs::holds(self.conn, &member.blake3)? {
            let temp = blobs::seal(dir, key, content)?;
            if temp.file.blake3 != member.blake3 || temp.file.size != member.size {
                return Err(Error::BundleCorrupt);
            }
            let name = temp.file.name.clone();
            if blobs::place(self.conn, temp)? {
                self.placed.push(name);
                self.info.new_blobs += 1;
            }
        }
        self.done = self.done.saturating_add(member.size);
        progress(Progress {
            done: self.done,
            total: self.total,
        });
        Ok(())
    }

    /// Applies an erasure just merged, with its audit entry (who, which
    /// entry, how many records), as on the laptop that erased.
    fn apply_erasure(&mut self, v: &Version, e: &crate::model::ErasureBody) -> Result<()> {
        let before = self.erased_count()?;
        let files = crate::erasure::apply(self.conn, v.version_id, e)?;
        self.erased_files.extend(files);
        let erased = self.erased_count()? - before;
        self.info.erased_records += erased;
        audit::append(
            self.conn,
            self.audit_key,
            &now_rfc3339(),
            Event::RecordErased,
            &format!("erasure {} by {}: {erased} records", v.record_id, v.author),
        )
    }

    /// Whether a live (not erased) attachment merged here names `hash`.
    fn still_needed(&self, hash: &str) -> Result<bool> {
        // Only the entries for this content: a bundle with many files must
        // not scan them all for each one.
        let from = (hash.to_owned(), Uuid::nil());
        for (h, record) in self.needed_blobs.range(from..) {
            if h != hash {
                break;
            }
            if !crate::erasure::is_erased(self.conn, *record)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn erased_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM erased_records", [], |r| r.get(0))?)
    }

    /// The checks once every member is in: each attachment a version names
    /// is held; then the clock, the conflicts and the audit entry.
    fn finish(mut self) -> Result<ImportInfo> {
        for (h, _) in &self.needed_blobs {
            if !self.still_needed(h)? {
                continue;
            }
            let present = blobs::holds(self.conn, h)?;
            if !present && !self.have_blobs.contains(h) {
                return Err(Error::BundleCorrupt);
            }
        }
        // Later local edits must order after everything merged here.
        store::tick_hlc(self.conn, 0, self.max_hlc)?;
        for id in &self.touched {
            let heads: i64 = self
                .conn
                .prepare_cached("SELECT count(*) FROM heads WHERE record_id = ?1")?
                .query_row([id.to_string()], |r| r.get(0))?;
            if heads > 1 {
                self.info.conflicts.push(*id);
            }
        }
        let info = self.info;
        audit::append(
            self.conn,
            self.audit_key,
            &now_rfc3339(),
            Event::BundleImported,
            &format!(
                "bundle {} from {}: {} new versions, {} copies of erased records refused",
                info.bundle_id, info.sender, info.new_versions, info.refused_erased
            ),
        )?;
        Ok(info)
    }
}
