//! Erasure: a survivor's withdrawal of consent, an erasure request, the
//! end of a retention period or a record entered in error removes the
//! content of records for good, on this laptop and on every laptop the
//! signed erasure entry reaches.
//!
//! An erasure is itself a signed version (kind `erasure`, its own record)
//! naming the erased records, the case if the whole case went, and the
//! reason; it travels in bundles like any edit. Applying it, here or on
//! import, removes for every version of every named record (and, for a
//! case, every record of that case) the body and with it the identity
//! section, its search-index rows, its case code, and the sealed file and
//! key of attachment content no other live attachment uses.
//!
//! Invariants: what stays of an erased version is its header and, for
//! format 2, the signed body hash, so `check` still verifies it; a
//! format-1 version (older than erasure) is vouched for by the signed
//! erasure entry instead. The database overwrites freed content
//! (`secure_delete`, FTS5 secure-delete) and the WAL is checkpointed and
//! truncated after the transaction, so the erased bytes leave the vault's
//! files, not only its queries. An erased record refuses every later
//! version, whoever relays it. Erasing cannot be undone.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::Event;
use crate::blobs::BLOB_DIR;
use crate::error::{Error, Result};
use crate::model::{Body, ErasureBody};
use crate::records::write_in;
use crate::vault::Vault;
use crate::vocab::{ErasureReason, Kind};

/// What an erasure would remove (for the confirmation) or removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ErasurePlan {
    /// The case erased whole, if the target is a case.
    pub case: Option<Uuid>,
    /// Its code, to name it in the confirmation.
    pub case_code: Option<String>,
    /// Every record whose content goes, sorted.
    pub records: Vec<Uuid>,
    /// How many versions of them lose their body.
    pub versions: u64,
    /// Attachments among them, and the bytes of their content.
    pub attachments: u64,
    pub attachment_bytes: u64,
}

/// Whether `record_id` was erased.
pub(crate) fn is_erased(conn: &Connection, record_id: Uuid) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM erased_records WHERE record_id = ?1")?
        .exists([record_id.to_string()])?)
}

/// Whether a record arriving in a bundle belongs to an erased case (a note
/// added on a laptop that had not heard of the erasure yet); if so it is
/// counted as erased with the case, so none of its versions is ever kept.
pub(crate) fn in_erased_case(
    conn: &Connection,
    record_id: Uuid,
    body: Option<&Body>,
) -> Result<bool> {
    let Some(case) = body
        .filter(|b| b.kind() != Kind::Erasure)
        .and_then(Body::case)
    else {
        return Ok(false);
    };
    // Read first: a write statement inside the import's transaction opens
    // a statement savepoint, which makes FTS5 flush its pending index rows
    // to disk, once per imported version (41 % of a large import's time).
    if !is_erased(conn, case)? {
        return is_erased(conn, record_id);
    }
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO erased_records(record_id, erasure)
             SELECT ?1, erasure FROM erased_records WHERE record_id = ?2",
        )?
        .execute([record_id.to_string(), case.to_string()])?;
    Ok(added > 0 || is_erased(conn, record_id)?)
}

/// The records an erasure names, plus, for a case, every record of it.
fn targets(conn: &Connection, body: &ErasureBody) -> Result<BTreeSet<Uuid>> {
    let mut out: BTreeSet<Uuid> = body.records.iter().copied().collect();
    if let Some(case) = body.case {
        out.insert(case);
        let mut stmt = conn.prepare_cached(
            "SELECT record_id FROM records WHERE case_id = ?1 AND kind != 'erasure'",
        )?;
        for id in stmt.query_map([case.to_string()], |r| r.get::<_, String>(0))? {
            out.insert(Uuid::parse_str(&id?).map_err(|_| Error::CorruptDatabase)?);
        }
    }
    Ok(out)
}

/// Removes the content of every record `body` names, inside the caller's
/// transaction; returns the sealed files no longer needed, to delete once
/// it commits.
pub(crate) fn apply(conn: &Connection, erasure: Uuid, body: &ErasureBody) -> Result<Vec<String>> {
    let mut hashes = BTreeSet::new();
    for record in targets(conn, body)? {
        let id = record.to_string();
        let mut stmt = conn.prepare_cached(
            "SELECT json_extract(body, '$.blake3') FROM versions
             WHERE record_id = ?1 AND kind = 'attachment' AND deleted = 0 AND erased = 0",
        )?;
        for h in stmt.query_map([&id], |r| r.get::<_, Option<String>>(0))? {
            hashes.extend(h?);
        }
        conn.prepare_cached(
            "UPDATE versions SET body = 'null', erased = 1 WHERE record_id = ?1 AND deleted = 0",
        )?
        .execute([&id])?;
        crate::search::reindex_record(conn, record, &[])?;
        crate::facts::erased(conn, record)?;
        conn.prepare_cached("DELETE FROM case_codes WHERE record_id = ?1")?
            .execute([&id])?;
        conn.prepare_cached(
            "INSERT OR IGNORE INTO erased_records(record_id, erasure) VALUES (?1, ?2)",
        )?
        .execute(params![id, erasure.to_string()])?;
    }
    let mut files = Vec::new();
    for h in hashes {
        let used: bool = conn
            .prepare_cached(
                "SELECT 1 FROM versions WHERE kind = 'attachment' AND deleted = 0 AND erased = 0
                 AND json_extract(body, '$.blake3') = ?1",
            )?
            .exists([&h])?;
        if !used {
            let name: Option<String> = conn
                .prepare_cached("DELETE FROM blob_files WHERE blake3 = ?1 RETURNING name")?
                .query_row([&h], |r| r.get(0))
                .optional()?;
            files.extend(name);
        }
    }
    Ok(files)
}

impl Vault {
    /// What erasing `target` would remove: the record, or for a case the
    /// case and every record of it.
    pub fn erasure_plan(&self, target: Uuid) -> Result<ErasurePlan> {
        let head = self.current(target)?;
        let case = (head.kind == Kind::Case).then_some(target);
        if head.kind == Kind::Erasure {
            return Err(Error::NotFound {
                what: "record to erase",
                id: target.to_string(),
            });
        }
        let body = ErasureBody {
            unknown: Default::default(),
            case,
            records: vec![target],
            reason: ErasureReason::EnteredInError,
        };
        let records: Vec<Uuid> = targets(&self.conn, &body)?
            .into_iter()
            .filter(|r| !matches!(is_erased(&self.conn, *r), Ok(true)))
            .collect();
        let mut plan = ErasurePlan {
            case,
            case_code: match &head.body {
                Some(Body::Case(c)) => Some(c.code.clone()),
                _ => None,
            },
            ..Default::default()
        };
        for r in &records {
            let (versions, attachments, bytes): (u64, u64, u64) = self.conn.query_row(
                "SELECT count(*), count(DISTINCT CASE WHEN kind = 'attachment' THEN record_id END),
                        coalesce(max(CASE WHEN kind = 'attachment' THEN json_extract(body, '$.size') END), 0)
                 FROM versions WHERE record_id = ?1 AND deleted = 0",
                [r.to_string()],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?;
            plan.versions += versions;
            plan.attachments += attachments;
            plan.attachment_bytes += bytes;
        }
        plan.records = records;
        Ok(plan)
    }

    /// Erases `target` (a record, or a whole case) for `reason`: writes the
    /// signed erasure entry and removes the content, in one transaction;
    /// then deletes the sealed files and truncates the WAL.
    pub fn erase(&mut self, target: Uuid, reason: ErasureReason) -> Result<ErasurePlan> {
        let plan = self.erasure_plan(target)?;
        let body = ErasureBody {
            unknown: Default::default(),
            case: plan.case,
            records: plan.records.clone(),
            reason,
        };
        let tx = self.conn.transaction()?;
        let v = write_in(
            &tx,
            &self.secrets,
            self.clock.as_ref(),
            &self.audit_key,
            Uuid::now_v7(),
            Kind::Erasure,
            Vec::new(),
            Some(Body::Erasure(body.clone())),
            Event::RecordErased,
        )?;
        let files = apply(&tx, v.version_id, &body)?;
        tx.commit()?;
        self.finish_erasure(&files)?;
        Ok(plan)
    }

    /// Deletes sealed files whose rows an erasure removed, and pushes the
    /// erased pages out of the WAL.
    pub(crate) fn finish_erasure(&self, files: &[String]) -> Result<()> {
        for name in files {
            let path = self.dir.join(BLOB_DIR).join(name);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io("remove", path, e)),
            }
        }
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CaseBody, Identity, NoteBody};
    use crate::vocab::{CaseStatus, NoteKind};
    use crate::{CreateOptions, SecretString};

    const MARKERS: [&str; 4] = [
        "Zanfirescu-Marker-Name",
        "narrative-marker-qwertyuiop",
        "attached-marker-asdfghjkl",
        "filename-marker-zxcvbnm",
    ];

    fn vault(dir: &std::path::Path) -> Vault {
        let pass = SecretString::from("correct horse battery staple orbit".to_owned());
        Vault::create(
            dir,
            &pass,
            CreateOptions {
                work_factor: 10,
                recovery: None,
            },
        )
        .expect("vault")
    }

    fn case_with_everything(v: &mut Vault) -> Uuid {
        let case = v
            .add(Body::Case(CaseBody {
                unknown: Default::default(),
                profile: Default::default(),
                code: "ER-1".into(),
                identity: Identity {
                    name: Some(MARKERS[0].into()),
                    ..Default::default()
                },
                languages: vec![],
                nationality: None,
                risk: None,
                status: CaseStatus::Open,
                assigned_worker: None,
            }))
            .expect("case")
            .record_id;
        for i in 0..30 {
            let note = Body::Note(NoteBody {
                unknown: Default::default(),
                form: None,
                case,
                kind: NoteKind::Intake,
                when: None,
                place: None,
                present: vec![],
                interpreter: None,
                narrative: format!("{} {i} {}", MARKERS[1], "x".repeat(3000)),
                tags: vec![],
                draft: false,
            });
            let id = v.add(note.clone()).expect("note").record_id;
            if let Body::Note(mut n) = note {
                n.narrative.push_str(" edited");
                v.update(id, Body::Note(n)).expect("edit");
            }
        }
        let content = MARKERS[2].repeat(5000);
        v.attach(case, MARKERS[3], None, &mut content.as_bytes())
            .expect("attach");
        case
    }

    /// Every page of the database file decrypted with the vault's key,
    /// free pages included, as SQLCipher 4 lays them out: 4096-byte pages,
    /// AES-256-CBC under the raw key, each page's IV in the 80 reserved
    /// bytes at its end (then its HMAC), page 1 starting after the salt.
    fn decrypted_pages(v: &Vault) -> Vec<Vec<u8>> {
        use aes::cipher::{BlockDecrypt, KeyInit};
        const PAGE: usize = 4096;
        const RESERVE: usize = 80;
        let file = std::fs::read(v.dir.join("vault.db")).expect("db file");
        let aes = aes::Aes256::new_from_slice(&v.secrets.db_key[..]).expect("key");
        let pages: Vec<Vec<u8>> = file
            .chunks(PAGE)
            .enumerate()
            .map(|(i, page)| {
                let start = if i == 0 { 16 } else { 0 };
                let end = PAGE - RESERVE;
                let mut prev = page[end..end + 16].to_vec();
                let mut out = Vec::with_capacity(end);
                for block in page[start..end].chunks(16) {
                    let mut b = aes::Block::clone_from_slice(block);
                    aes.decrypt_block(&mut b);
                    out.extend(b.iter().zip(&prev).map(|(x, y)| x ^ y));
                    prev = block.to_vec();
                }
                out
            })
            .collect();
        // The decryption is right: page 1 opens on SQLite's header fields
        // (page size 4096, then the reserved bytes per page).
        assert_eq!(
            (pages[0][0], pages[0][1], pages[0][4]),
            (0x10, 0x00, RESERVE as u8)
        );
        pages
    }

    fn found(pages: &[Vec<u8>], marker: &str) -> usize {
        pages
            .iter()
            .filter(|p| p.windows(marker.len()).any(|w| w == marker.as_bytes()))
            .count()
    }

    #[test]
    fn an_erased_case_leaves_no_byte_in_the_pages_the_wal_or_the_blobs() {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut v = vault(&tmp.path().join("v"));
        let case = case_with_everything(&mut v);
        // Everything in the database file, so the scan sees it.
        v.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
        let before = decrypted_pages(&v);
        for m in MARKERS {
            assert!(
                found(&before, m) > 0 || m == MARKERS[2],
                "{m} is stored before"
            );
        }
        let plan = v.erase(case, ErasureReason::ErasureRequest).expect("erase");
        assert_eq!(plan.records.len(), 32);
        assert_eq!(plan.attachments, 1);

        let pages = decrypted_pages(&v);
        let free: u64 = v
            .conn
            .query_row("PRAGMA freelist_count", [], |r| r.get(0))
            .expect("free");
        for m in MARKERS {
            assert_eq!(
                found(&pages, m),
                0,
                "{m} survives in a decrypted page ({free} free pages)"
            );
        }
        let wal = v.dir.join("vault.db-wal");
        assert_eq!(
            std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0),
            0,
            "WAL truncated"
        );
        let blobs: Vec<_> = std::fs::read_dir(v.dir.join(BLOB_DIR))
            .expect("blobs")
            .collect();
        assert!(blobs.is_empty(), "the sealed file is deleted");
        let n: u64 = v
            .conn
            .query_row("SELECT count(*) FROM blob_files", [], |r| r.get(0))
            .expect("n");
        assert_eq!(n, 0, "and its key");

        assert!(matches!(v.current(case), Err(Error::Erased { .. })));
        assert!(v.search("narrative", 10).expect("search").is_empty());
        assert!(v.case_id("ER-1").is_err());
        assert!(v.cases().expect("cases").is_empty());
        assert!(v.verify_signatures().expect("signatures") > 60);
        v.verify_audit().expect("audit");
        assert!(v.integrity_check().expect("integrity"));
        for h in v.history(case).expect("history") {
            assert!(h.erased && h.body.is_none());
        }
    }

    #[test]
    fn an_erased_record_refuses_changes_and_a_second_erasure() {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut v = vault(&tmp.path().join("v"));
        let case = case_with_everything(&mut v);
        let note = v.case_records(case).expect("records")[0].record_id;
        v.erase(note, ErasureReason::EnteredInError).expect("erase");
        assert!(matches!(v.delete(note), Err(Error::Erased { .. })));
        assert!(matches!(
            v.erase(note, ErasureReason::EnteredInError),
            Err(Error::Erased { .. })
        ));
        assert!(v.current(case).is_ok(), "the case stays");
        assert_eq!(
            v.case_records(case).expect("records").len(),
            30,
            "29 notes and the file"
        );
    }

    #[test]
    fn a_format_1_version_checks_through_its_erasure_entry() {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut v = vault(&tmp.path().join("v"));
        let case = case_with_everything(&mut v);
        // As a version written before format 2 would be stored.
        v.conn
            .execute(
                "UPDATE versions SET format = 1, body_hash = NULL WHERE record_id = ?1",
                [case.to_string()],
            )
            .expect("downgrade");
        assert!(matches!(
            v.verify_signatures(),
            Err(Error::BadSignature { .. })
        ));
        let key = v.secrets.signing_key.clone();
        let mut head = v.current(case).expect("head");
        head.format = 1;
        head.body_hash = None;
        head.signature =
            hex::encode(ed25519_dalek::Signer::sign(&key, &head.signing_bytes()).to_bytes());
        v.conn
            .execute(
                "UPDATE versions SET signature = ?1 WHERE version_id = ?2",
                params![head.signature, head.version_id.to_string()],
            )
            .expect("resign");
        v.verify_signatures().expect("a format-1 version verifies");
        v.erase(case, ErasureReason::RetentionEnded).expect("erase");
        v.verify_signatures()
            .expect("still verifies after the erasure");
    }
}
