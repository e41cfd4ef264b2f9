//! Writing versions: one new version and every table derived from it.
//!
//! Invariants: a version is only ever inserted, never updated; the records,
//! parents, heads, search and case-code tables and the audit entry are
//! written by the caller's one transaction, so a crash leaves all or none.
//! A version's heads are recomputed from what is stored, so versions may
//! arrive in any order (a parent after its child) and still converge.

use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::audit::{self, Event};
use crate::envelope::Secrets;
use crate::error::Result;
use crate::hlc::{Clock, Hlc};
use crate::model::{Body, Version};
use crate::search;
use crate::store;
use crate::vault::{now_rfc3339, Vault};
use crate::vocab::Kind;

use super::load_heads;

/// Stores one version and brings every derived table up to date.
pub(crate) fn store_version(
    conn: &Connection,
    audit_key: &[u8; 32],
    v: &Version,
    event: Option<Event>,
) -> Result<()> {
    let id = v.record_id.to_string();
    let new_record = upsert_record(conn, v, &id)?;
    insert_version(conn, v, &id)?;
    let superseded = link_parents(conn, v, &id)?;
    // A record's first version is its only head: no need to read it back.
    let heads = if new_record && !superseded {
        vec![v.clone()]
    } else {
        load_heads(conn, v.record_id)?
    };
    search::reindex_record(conn, v.record_id, &heads)?;
    crate::facts::refresh(conn, v.record_id, v.kind, &heads)?;
    if v.kind == Kind::Case {
        index_case_codes(conn, &id, &heads)?;
    }
    match event {
        Some(event) => audit::append(
            conn,
            audit_key,
            &now_rfc3339(),
            event,
            &format!("{} {}", v.kind, v.record_id),
        ),
        None => Ok(()),
    }
}

/// Adds the record row if it is new (true then) and gives it its case.
fn upsert_record(conn: &Connection, v: &Version, id: &str) -> Result<bool> {
    let case_id = v.body.as_ref().and_then(Body::case).map(|c| c.to_string());
    let new_record = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO records(record_id, kind, case_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, v.kind.as_str(), case_id])?
        == 1;
    if !new_record && case_id.is_some() {
        // The first version seen may have been a tombstone (its bundle
        // lost), which names no case: take it from the first that does.
        conn.prepare_cached(
            "UPDATE records SET case_id = ?2 WHERE record_id = ?1 AND case_id IS NULL",
        )?
        .execute(params![id, case_id])?;
    }
    Ok(new_record)
}

/// The version row itself, exactly as signed.
fn insert_version(conn: &Connection, v: &Version, id: &str) -> Result<()> {
    let body = match &v.body {
        Some(b) => serde_json::to_string(b).map_err(std::io::Error::other)?,
        None => "null".to_owned(),
    };
    let parents = serde_json::to_string(&v.parents).map_err(std::io::Error::other)?;
    conn.prepare_cached(
        "INSERT INTO versions(version_id, record_id, kind, hlc, author, parents, deleted, body, signature, format, body_hash, erased)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
            v.version_id.to_string(),
            id,
            v.kind.as_str(),
            v.hlc.to_string(),
            v.author.to_string(),
            parents,
            v.is_tombstone(),
            body,
            v.signature,
            v.format,
            v.body_hash,
            v.erased,
    ])?;
    Ok(())
}

/// Records the version's parents, which stop being heads, and makes the
/// version a head unless a child of it is already stored (true then).
fn link_parents(conn: &Connection, v: &Version, id: &str) -> Result<bool> {
    let vid = v.version_id.to_string();
    for p in &v.parents {
        let p = p.to_string();
        conn.prepare_cached(
            "INSERT OR IGNORE INTO version_parents(parent, child) VALUES (?1, ?2)",
        )?
        .execute([&p, &vid])?;
        conn.prepare_cached("DELETE FROM heads WHERE record_id = ?1 AND version_id = ?2")?
            .execute([id, p.as_str()])?;
    }
    // A version that arrives after one of its children is not a head.
    let superseded = conn
        .prepare_cached("SELECT 1 FROM version_parents WHERE parent = ?1")?
        .exists([&vid])?;
    if !superseded {
        conn.prepare_cached("INSERT INTO heads(record_id, version_id) VALUES (?1, ?2)")?
            .execute([id, vid.as_str()])?;
    }
    Ok(superseded)
}

/// The codes a case answers to: those of its current heads.
fn index_case_codes(conn: &Connection, id: &str, heads: &[Version]) -> Result<()> {
    conn.execute("DELETE FROM case_codes WHERE record_id = ?1", [id])?;
    for h in heads {
        if let Some(Body::Case(c)) = &h.body {
            // Trimmed, as `case_id` trims what it looks up.
            conn.execute(
                "INSERT OR IGNORE INTO case_codes(code, record_id) VALUES (?1, ?2)",
                [c.code.trim(), id],
            )?;
        }
    }
    Ok(())
}

/// Signs and stores a new version inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_in(
    conn: &Connection,
    secrets: &Secrets,
    clock: &dyn Clock,
    audit_key: &[u8; 32],
    record_id: Uuid,
    kind: Kind,
    parents: Vec<Uuid>,
    body: Option<Body>,
    event: Event,
) -> Result<Version> {
    let hlc = store::tick_hlc(conn, clock.now_ms(), Hlc::default())?;
    let v = Version::new_signed(
        record_id,
        kind,
        hlc,
        secrets.device_id,
        parents,
        body,
        &secrets.signing_key,
    );
    store_version(conn, audit_key, &v, Some(event))?;
    Ok(v)
}

impl Vault {
    /// Creates many records in one transaction, each checked, signed,
    /// indexed and audited exactly as [`Vault::add`] does it, in order; a
    /// body may refer to a record added earlier in the same call. All or
    /// nothing: the first error rolls every one of them back. One commit
    /// (one fsync) for the lot is what makes it fast; callers with very
    /// many records pass them in batches (thousands), so the WAL stays small.
    pub fn add_many(&mut self, bodies: impl IntoIterator<Item = Body>) -> Result<Vec<Version>> {
        // Borrows the connection shared, so the checks below read through
        // `self` and see what this transaction has written so far.
        let tx = self.conn.unchecked_transaction()?;
        crate::search::set_automerge(&tx, true)?;
        let mut added = Vec::new();
        for body in bodies {
            self.validate(&body, None)?;
            let kind = body.kind();
            let body = self.check_dates(Some(body), &[])?;
            added.push(write_in(
                &tx,
                &self.secrets,
                self.clock.as_ref(),
                &self.audit_key,
                Uuid::now_v7(),
                kind,
                Vec::new(),
                body,
                Event::RecordCreated,
            )?);
        }
        crate::search::set_automerge(&tx, false)?;
        tx.commit()?;
        Ok(added)
    }

    pub(crate) fn write(
        &mut self,
        record_id: Uuid,
        kind: Kind,
        parents: Vec<Uuid>,
        body: Option<Body>,
        event: Event,
    ) -> Result<Version> {
        let body = self.check_dates(body, &parents)?;
        self.write_unchecked(record_id, kind, parents, body, event)
    }

    /// Signs and stores a version in its own transaction, its body as given.
    pub(crate) fn write_unchecked(
        &mut self,
        record_id: Uuid,
        kind: Kind,
        parents: Vec<Uuid>,
        body: Option<Body>,
        event: Event,
    ) -> Result<Version> {
        let tx = self.conn.transaction()?;
        let v = write_in(
            &tx,
            &self.secrets,
            self.clock.as_ref(),
            &self.audit_key,
            record_id,
            kind,
            parents,
            body,
            event,
        )?;
        tx.commit()?;
        Ok(v)
    }
}
