//! Records: cases, notes, needs, consents, follow-ups and attachments, each
//! a chain of immutable signed versions.
//!
//! Invariants: every change writes a new [`Version`] (never an update in
//! place) in one transaction with the heads table, the search index, the
//! case-code index and an audit entry, so they never disagree after a crash.
//! A record's current value is its head; more than one head is a conflict,
//! which blocks plain edits until resolved. Deletion writes a tombstone.
//!
//! `write.rs` stores a version with everything derived from it; this file
//! holds the record operations and the reads.

mod write;

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::Event;
use crate::error::{Error, Result};
use crate::model::{Body, CaseBody, Identity, Version};
use crate::search::{self, Hit};
use crate::store;
use crate::vault::Vault;
use crate::vocab::{ConsentScope, Kind, ReferralStatus};

pub(crate) use write::{store_version, write_in};

/// A record and its current head(s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordState {
    pub record_id: Uuid,
    pub kind: Kind,
    /// More than one head: concurrent edits that await resolution.
    pub conflict: bool,
    /// Ordered by timestamp, then author.
    pub heads: Vec<Version>,
}

impl RecordState {
    /// The single live body, if the record is neither in conflict nor deleted.
    pub fn body(&self) -> Option<&Body> {
        match self.heads.as_slice() {
            [only] => only.body.as_ref(),
            _ => None,
        }
    }

    /// Whether every head is a tombstone.
    pub fn is_deleted(&self) -> bool {
        self.heads.iter().all(|h| h.is_tombstone() || h.erased)
    }
}

pub(crate) const VERSION_COLUMNS: &str =
    "version_id, record_id, kind, hlc, author, parents, deleted, body, signature, format, body_hash, erased";

pub(crate) fn version_from_row(r: &Row<'_>) -> rusqlite::Result<Version> {
    let bad = |i: usize| {
        rusqlite::Error::InvalidColumnType(i, "version".into(), rusqlite::types::Type::Text)
    };
    let text = |i: usize| r.get::<_, String>(i);
    let uuid =
        |i: usize| -> rusqlite::Result<Uuid> { Uuid::parse_str(&text(i)?).map_err(|_| bad(i)) };
    let parents: Vec<Uuid> = serde_json::from_str(&text(5)?).map_err(|_| bad(5))?;
    let deleted: bool = r.get(6)?;
    let erased: bool = r.get(11)?;
    let body = if deleted || erased {
        None
    } else {
        Some(serde_json::from_str::<Body>(&text(7)?).map_err(|_| bad(7))?)
    };
    Ok(Version {
        version_id: uuid(0)?,
        record_id: uuid(1)?,
        kind: text(2)?.parse().map_err(|_| bad(2))?,
        hlc: text(3)?.parse().map_err(|_| bad(3))?,
        author: uuid(4)?,
        parents,
        body,
        signature: text(8)?,
        format: r.get(9)?,
        body_hash: r.get(10)?,
        erased,
    })
}

fn query_versions(conn: &Connection, sql_tail: &str, id: &str) -> Result<Vec<Version>> {
    let sql = format!("SELECT {VERSION_COLUMNS} FROM versions {sql_tail}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([id], version_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn load_heads(conn: &Connection, record_id: Uuid) -> Result<Vec<Version>> {
    query_versions(
        conn,
        "WHERE version_id IN (SELECT version_id FROM heads WHERE record_id = ?1)
         ORDER BY hlc, author, version_id",
        &record_id.to_string(),
    )
}

/// One stored version by id.
pub(crate) fn version_by_id(conn: &Connection, id: Uuid) -> Result<Option<Version>> {
    Ok(query_versions(conn, "WHERE version_id = ?1", &id.to_string())?.pop())
}

impl Vault {
    /// Creates a new record; returns its first version.
    pub fn add(&mut self, body: Body) -> Result<Version> {
        self.validate(&body, None)?;
        self.write(
            Uuid::now_v7(),
            body.kind(),
            Vec::new(),
            Some(body),
            Event::RecordCreated,
        )
    }

    /// Writes a new version of a record that has exactly one live head.
    pub fn update(&mut self, record_id: Uuid, mut body: Body) -> Result<Version> {
        let head = self.current(record_id)?;
        if let Some(previous) = &head.body {
            body.keep_unknown_of(previous);
        }
        if body.kind() != head.kind {
            return Err(Error::UnknownValue {
                what: "record kind",
                given: body.kind().to_string(),
                allowed: head.kind.to_string(),
            });
        }
        self.validate(&body, Some(&head))?;
        // Normalised first: a date or a country written another way than
        // it is stored is no change.
        let body = self.check_dates(Some(body), &[head.version_id])?;
        if head.body == body {
            return Ok(head);
        }
        self.write_unchecked(
            record_id,
            head.kind,
            vec![head.version_id],
            body,
            Event::RecordUpdated,
        )
    }

    /// Changes a record with `change` applied to its current body.
    pub fn modify(
        &mut self,
        record_id: Uuid,
        change: impl FnOnce(&mut Body) -> Result<()>,
    ) -> Result<Version> {
        let mut body = self.current(record_id)?.body.ok_or(Error::Deleted {
            id: record_id.to_string(),
        })?;
        change(&mut body)?;
        self.update(record_id, body)
    }

    /// Deletes a record: a tombstone version over every current head (so a
    /// deletion also settles a conflict).
    pub fn delete(&mut self, record_id: Uuid) -> Result<Version> {
        let heads = self.heads(record_id)?;
        if heads.iter().all(Version::is_tombstone) {
            return Err(Error::Deleted {
                id: record_id.to_string(),
            });
        }
        let kind = heads[0].kind;
        let parents = heads.iter().map(|h| h.version_id).collect();
        self.write(record_id, kind, parents, None, Event::RecordDeleted)
    }

    /// The current heads of a record.
    pub fn heads(&self, record_id: Uuid) -> Result<Vec<Version>> {
        let heads = load_heads(&self.conn, record_id)?;
        if heads.is_empty() {
            return Err(Error::NotFound {
                what: "record",
                id: record_id.to_string(),
            });
        }
        if crate::erasure::is_erased(&self.conn, record_id)? {
            return Err(Error::Erased {
                id: record_id.to_string(),
            });
        }
        Ok(heads)
    }

    /// The single live head of a record, or why there is none.
    pub fn current(&self, record_id: Uuid) -> Result<Version> {
        let mut heads = self.heads(record_id)?;
        if heads.len() > 1 {
            return Err(Error::Conflict {
                id: record_id.to_string(),
            });
        }
        let head = heads.remove(0);
        if head.is_tombstone() {
            return Err(Error::Deleted {
                id: record_id.to_string(),
            });
        }
        Ok(head)
    }

    /// Whether this vault holds the version `id`.
    pub fn has_version(&self, id: Uuid) -> Result<bool> {
        Ok(version_by_id(&self.conn, id)?.is_some())
    }

    /// Every version of a record, oldest first.
    pub fn history(&self, record_id: Uuid) -> Result<Vec<Version>> {
        let versions = query_versions(
            &self.conn,
            "WHERE record_id = ?1 ORDER BY hlc, author, version_id",
            &record_id.to_string(),
        )?;
        if versions.is_empty() {
            return Err(Error::NotFound {
                what: "record",
                id: record_id.to_string(),
            });
        }
        Ok(versions)
    }

    /// Every record that is not deleted, in id (creation) order, with heads.
    pub fn records(&self) -> Result<Vec<RecordState>> {
        self.states("?1 IS NOT NULL", "all")
    }

    /// The live records of one case (the case itself excluded).
    pub fn case_records(&self, case_id: Uuid) -> Result<Vec<RecordState>> {
        self.states("r.case_id = ?1", &case_id.to_string())
    }

    /// Every record in conflict (more than one head) that is not deleted,
    /// found through the facts table: reading every record to find the few
    /// in conflict took seconds and a gigabyte with a million notes.
    pub fn conflicted(&self) -> Result<Vec<RecordState>> {
        self.states(
            "r.record_id IN (SELECT record_id FROM facts WHERE conflict = 1) AND ?1 IS NOT NULL",
            "all",
        )
    }

    /// Every live case, in creation order.
    pub fn cases(&self) -> Result<Vec<RecordState>> {
        self.states("r.kind = ?1", "case")
    }

    /// The records `filter` (on `records r`, one parameter) admits, with
    /// their heads read in one statement: one per record cost a second
    /// for 10,000 cases.
    pub(crate) fn states(&self, filter: &str, arg: &str) -> Result<Vec<RecordState>> {
        let columns: Vec<String> = VERSION_COLUMNS
            .split(", ")
            .map(|c| format!("v.{c}"))
            .collect();
        let sql = format!(
            "SELECT {} FROM records r
             JOIN heads h ON h.record_id = r.record_id
             JOIN versions v ON v.version_id = h.version_id
             WHERE {filter}
             ORDER BY r.record_id, v.hlc, v.author, v.version_id",
            columns.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out: Vec<RecordState> = Vec::new();
        for v in stmt.query_map([arg], version_from_row)? {
            let v = v?;
            match out.last_mut() {
                Some(last) if last.record_id == v.record_id => last.heads.push(v),
                _ => out.push(RecordState {
                    record_id: v.record_id,
                    kind: v.kind,
                    conflict: false,
                    heads: vec![v],
                }),
            }
        }
        out.retain_mut(|state| {
            state.conflict = state.heads.len() > 1;
            !state.is_deleted()
        });
        Ok(out)
    }

    /// The id of the live case with `code`.
    pub fn case_id(&self, code: &str) -> Result<Uuid> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT record_id FROM case_codes WHERE code = ?1 ORDER BY record_id LIMIT 1",
                [code.trim()],
                |r| r.get(0),
            )
            .optional()?;
        id.and_then(|s| Uuid::parse_str(&s).ok())
            .ok_or_else(|| Error::UnknownCase(code.to_owned()))
    }

    /// The restricted identity section of a case; the reveal is audited.
    pub fn reveal_identity(&self, case_id: Uuid) -> Result<Identity> {
        let head = self.current(case_id)?;
        let Some(Body::Case(case)) = head.body else {
            return Err(Error::NotFound {
                what: "case",
                id: case_id.to_string(),
            });
        };
        self.audit(Event::IdentityRevealed, &format!("case {case_id}"))?;
        Ok(case.identity)
    }

    /// Full-text search over current records; most recently changed first.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<Hit>> {
        search::search(&self.conn, query, limit)
    }

    /// The work saves leave undone, for up to `budget`: merging the search
    /// index's segments, in steps of a few milliseconds, each its own
    /// transaction, then copying the write-ahead log back into the
    /// database (see `store::checkpoint`). Whether nothing is left. The app
    /// runs it while idle and the CLI after a command.
    pub fn tidy(&mut self, budget: std::time::Duration) -> Result<bool> {
        /// Pages per step: with 100,000 notes a step took 3 ms (p50) and
        /// at most 58 ms, so a step holds a save up only briefly.
        const STEP_PAGES: u32 = 16;
        let start = std::time::Instant::now();
        self.without_touching_case_rows(|v| {
            loop {
                let tx = v.conn.transaction()?;
                let merged = search::merge_step(&tx, STEP_PAGES)?;
                tx.commit()?;
                if !merged {
                    break;
                }
                if start.elapsed() >= budget {
                    return Ok(false);
                }
            }
            store::checkpoint(&v.conn)?;
            Ok(true)
        })
    }

    /// Checks every stored version's author signature (an erased one by
    /// its signed body hash, or by its erasure entry if older); returns how
    /// many.
    pub fn verify_signatures(&self) -> Result<u64> {
        let mut keys = std::collections::HashMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT device_id, signing_key FROM devices")?;
        for row in stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
        })? {
            let (id, key) = row?;
            let key: [u8; 32] = key.try_into().map_err(|_| Error::CorruptDatabase)?;
            let key = ed25519_dalek::VerifyingKey::from_bytes(&key)
                .map_err(|_| Error::CorruptDatabase)?;
            keys.insert(id, key);
        }
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {VERSION_COLUMNS} FROM versions"))?;
        let mut count = 0;
        for v in stmt.query_map([], version_from_row)? {
            let v = v?;
            // A format-1 body was signed itself: once erased, the signed
            // erasure entry (checked in this same loop) vouches for it.
            if v.erased && v.format == 1 && crate::erasure::is_erased(&self.conn, v.record_id)? {
                count += 1;
                continue;
            }
            let ok = keys.get(&v.author.to_string()).is_some_and(|k| v.verify(k));
            if !ok {
                return Err(Error::BadSignature {
                    version: v.version_id.to_string(),
                });
            }
            count += 1;
        }
        Ok(count)
    }

    /// Checks a body before it is written: references resolve, required
    /// text is there, codes are unique, referrals rest on consent.
    /// `head`: the record's current version, for an edit.
    fn validate(&self, body: &Body, head: Option<&Version>) -> Result<()> {
        let record_id = head.map(|h| h.record_id);
        // A record may arrive from another device before (or without) its
        // case; editing it keeps the case it has, so only a new or changed
        // case reference must resolve here.
        let same_case = head
            .and_then(|h| h.body.as_ref())
            .is_some_and(|b| b.case() == body.case());
        if let Some(case) = body.case().filter(|_| !same_case) {
            match self.current(case) {
                Ok(v) if v.kind == Kind::Case => {}
                _ => {
                    return Err(Error::NotFound {
                        what: "case",
                        id: case.to_string(),
                    })
                }
            }
        }
        match body {
            Body::Case(CaseBody { code, .. }) => {
                if code.trim().is_empty() {
                    return Err(Error::Empty {
                        what: "The case code",
                    });
                }
                if let Ok(existing) = self.case_id(code) {
                    if Some(existing) != record_id {
                        return Err(Error::CaseCodeTaken(code.clone()));
                    }
                }
            }
            Body::Note(n) => self.check_note(n, head)?,
            Body::FollowUp(f) if f.title.trim().is_empty() => {
                return Err(Error::Empty {
                    what: "The follow-up title",
                });
            }
            Body::Need(n) if n.status == ReferralStatus::Referred => {
                let consent = n.consent.ok_or(Error::ConsentRequired)?;
                match self.current(consent).ok().and_then(|v| v.body) {
                    Some(Body::Consent(c))
                        if c.case == n.case
                            && c.withdrawn_at.is_none()
                            && c.scope == ConsentScope::Referral => {}
                    _ => return Err(Error::ConsentRequired),
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The live, not withdrawn referral consent of a case, if any (newest).
    pub fn referral_consent(&self, case_id: Uuid) -> Result<Option<Uuid>> {
        let found = self.case_records(case_id)?.into_iter().rev().find(|s| {
            matches!(s.body(), Some(Body::Consent(c)) if c.scope == ConsentScope::Referral && c.withdrawn_at.is_none())
        });
        Ok(found.map(|s| s.record_id))
    }
}
