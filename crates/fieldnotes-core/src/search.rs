//! Full-text search over the current versions of notes (with their form
//! answers), needs, cases, consents, follow-ups and attachment names, with
//! FTS5 inside the encrypted database. A case is also found by the English
//! and Romanian names of its codes and labels of its values (see
//! `case_model`), and every record by the wire names and English and
//! Romanian labels of its vocabulary values (category, status, kind, …:
//! `acte de identitate` finds an identity-documents need).
//!
//! Invariants: the index holds exactly one row per live head of a record
//! (a tombstoned record has none), rewritten in the same transaction as the
//! version that changes the heads; a case's restricted identity section is
//! never indexed, so a search result cannot put a name on screen; user input
//! is turned into quoted FTS5 terms, so no query text is ever a syntax error.
//! Vocabulary labels sit in their own column (`labels`), never in the
//! snippet: a hit carries its values as wire names ([`Hit::values`]) and the
//! app shows them in its own language.
//!
//! FTS5 merges its index segments on the write path by default
//! (`automerge`): every 64 leaf pages written, one write paid for merging
//! about 64 pages per level, so one save in a hundred took 30 ms or more
//! in a vault of 100,000 notes (p50 0.9 ms). Since schema 12 single saves
//! leave merging to [`merge_step`], run when the app is idle and after a
//! CLI command; bulk writes (many records at once, an import) merge as
//! they go, as before, by turning `automerge` on inside their own
//! transaction.

use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use uuid::Uuid;

use crate::case_model::{Labelled, Lang};
use crate::error::Result;
use crate::model::{Body, Version};
use crate::vocab::Kind;

/// A vocabulary value of a hit: the body's field and the value's wire
/// name (`category`, `identity_documents`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodedValue {
    pub field: &'static str,
    pub value: &'static str,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub record_id: Uuid,
    pub kind: Kind,
    /// The case the record belongs to (a case: itself).
    pub case_id: Option<Uuid>,
    /// The code of the case the record belongs to.
    pub case_code: Option<String>,
    /// Matching text with the hits between `[` and `]`.
    pub snippet: String,
    /// The record's vocabulary values (a need's category, status and
    /// priority; a note's kind; …), for the app to name in its language.
    pub values: Vec<CodedValue>,
}

fn coded<T: Labelled>(field: &'static str, v: T) -> (CodedValue, [&'static str; 2]) {
    let value = CodedValue {
        field,
        value: v.name(),
    };
    (value, [v.label(Lang::En), v.label(Lang::Ro)])
}

/// The vocabulary values of a body, each with its English and Romanian label.
fn coded_values(body: &Body) -> Vec<(CodedValue, [&'static str; 2])> {
    match body {
        Body::Case(c) => std::iter::once(coded("status", c.status))
            .chain(c.risk.map(|r| coded("risk", r)))
            .collect(),
        Body::Note(n) => vec![coded("kind", n.kind)],
        Body::Need(n) => vec![
            coded("category", n.category),
            coded("status", n.status),
            coded("priority", n.priority),
        ],
        Body::Consent(c) => vec![coded("scope", c.scope)],
        _ => Vec::new(),
    }
}

/// What the `labels` column holds: each value's wire name and labels.
pub(crate) fn index_labels(body: &Body) -> String {
    let mut out: Vec<&str> = Vec::new();
    for (v, labels) in coded_values(body) {
        out.push(v.value);
        out.extend(labels);
    }
    out.join("\n")
}

/// The text of a body that search covers.
pub(crate) fn index_text(body: &Body) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let opt = |o: &'_ Option<String>| o.clone().unwrap_or_default();
    let owned: Vec<String>;
    match body {
        Body::Case(c) => {
            owned = [opt(&c.nationality), opt(&c.assigned_worker)]
                .into_iter()
                .chain(crate::case_model::search_terms(c))
                .collect();
            parts.push(&c.code);
            parts.extend(c.languages.iter().map(String::as_str));
        }
        Body::Note(n) => {
            owned = vec![opt(&n.place), opt(&n.interpreter)];
            parts.push(&n.narrative);
            parts.extend(n.tags.iter().map(String::as_str));
            parts.extend(n.present.iter().map(String::as_str));
        }
        Body::Need(n) => {
            owned = vec![opt(&n.referral_target)];
            parts.push(&n.description);
        }
        Body::Consent(c) => {
            owned = vec![opt(&c.service), opt(&c.note)];
        }
        Body::FollowUp(f) => {
            owned = vec![opt(&f.assigned_to)];
            parts.push(&f.title);
        }
        Body::Attachment(a) => {
            owned = vec![];
            parts.push(&a.file_name);
        }
        // An erasure entry names ids and a reason: nothing to find.
        Body::Erasure(_) => owned = vec![],
    }
    parts.extend(owned.iter().map(String::as_str));
    parts.retain(|p| !p.is_empty());
    parts.join("\n")
}

/// The text of a body with, for a note that follows a form, its answers
/// (see [`crate::forms`]: text answers, and chosen choices' labels in every
/// language of the form).
fn with_answers(conn: &Connection, body: &Body) -> String {
    let mut text = index_text(body);
    if let Some(answers) = crate::forms::search_text(conn, body).filter(|a| !a.is_empty()) {
        text.push('\n');
        text.push_str(&answers);
    }
    text
}

/// Rewrites the index rows of one record from its current heads.
pub(crate) fn reindex_record(conn: &Connection, record_id: Uuid, heads: &[Version]) -> Result<()> {
    let id = record_id.to_string();
    let rows: Vec<i64> = conn
        .prepare_cached("SELECT row FROM search_rows WHERE record_id = ?1")?
        .query_map([&id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !rows.is_empty() {
        let mut delete = conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?;
        for row in rows {
            delete.execute([row])?;
        }
        conn.prepare_cached("DELETE FROM search_rows WHERE record_id = ?1")?
            .execute([&id])?;
    }
    for body in heads.iter().filter_map(|v| v.body.as_ref()) {
        insert_row(conn, &id, body)?;
    }
    Ok(())
}

fn insert_row(conn: &Connection, id: &str, body: &Body) -> Result<()> {
    conn.prepare_cached("INSERT INTO search_index(record_id, text, labels) VALUES (?1, ?2, ?3)")?
        .execute(params![id, with_answers(conn, body), index_labels(body)])?;
    let row = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO search_rows(record_id, row) VALUES (?1, ?2)")?
        .execute(params![id, row])?;
    Ok(())
}

/// Rewrites the index rows of every record of `kind`, in the index of
/// schemas 2 to 8 (one text column): migration 8, whose rows migration 9
/// then rebuilds with their labels.
pub(crate) fn reindex_kind(tx: &Transaction<'_>, kind: Kind) -> Result<()> {
    let ids: Vec<String> = tx
        .prepare("SELECT record_id FROM records WHERE kind = ?1")?
        .query_map([kind.as_str()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let Ok(record_id) = Uuid::parse_str(&id) else {
            continue;
        };
        tx.execute(
            "DELETE FROM search_index WHERE rowid IN (SELECT row FROM search_rows WHERE record_id = ?1)",
            [&id],
        )?;
        tx.execute("DELETE FROM search_rows WHERE record_id = ?1", [&id])?;
        for v in crate::records::load_heads(tx, record_id)? {
            let Some(body) = v.body else { continue };
            tx.execute(
                "INSERT INTO search_index(record_id, text) VALUES (?1, ?2)",
                params![id, with_answers(tx, &body)],
            )?;
            let row = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO search_rows(record_id, row) VALUES (?1, ?2)",
                params![id, row],
            )?;
        }
    }
    Ok(())
}

/// Rebuilds the whole index from the stored heads.
pub(crate) fn reindex_all(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM search_index", [])?;
    let mut stmt = tx.prepare(
        "SELECT v.record_id, v.body FROM heads h JOIN versions v ON v.version_id = h.version_id
         WHERE v.deleted = 0",
    )?;
    let mut insert = tx.prepare("INSERT INTO search_index(record_id, text) VALUES (?1, ?2)")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let body: String = r.get(1)?;
        if let Ok(body) = serde_json::from_str::<Body>(&body) {
            insert.execute(params![id, with_answers(tx, &body)])?;
        }
    }
    Ok(())
}

/// Recreates the index with its `labels` column and fills it from every
/// live head (schema 9). The table is new, so its rows and `search_rows`
/// are written afresh; secure delete is set again on the new table.
pub(crate) fn rebuild_with_labels(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "DROP TABLE search_index;
         DELETE FROM search_rows;
         CREATE VIRTUAL TABLE search_index USING fts5(
             record_id UNINDEXED,
             text,
             labels,
             tokenize = 'unicode61 remove_diacritics 2'
         );
         INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1);",
    )?;
    let heads: Vec<(String, String)> = tx
        .prepare(
            "SELECT v.record_id, v.body FROM heads h JOIN versions v ON v.version_id = h.version_id
             WHERE v.deleted = 0",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, body) in heads {
        if let Ok(body) = serde_json::from_str::<Body>(&body) {
            insert_row(tx, &id, &body)?;
        }
    }
    Ok(())
}

/// Turns what a person typed into an FTS5 query: every word must match as
/// a whole word; a `*` right after the last word asks for words starting
/// with it. Whole words keep search fast at a million notes (a prefix
/// query reads the list of every word it covers before the first result).
pub(crate) fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut q = words.join(" ");
    if input.trim_end().ends_with('*') {
        q.push('*');
    }
    Some(q)
}

/// FTS5's default: merge once 4 segments share a level.
const BULK_AUTOMERGE: u32 = 4;

/// Turns FTS5's merging on the write path on (`bulk`, for the writes of
/// many records in one transaction) or off (the stored setting since
/// schema 12). The setting is a row of the index's config table, so it is
/// part of the transaction it is written in.
pub(crate) fn set_automerge(conn: &Connection, bulk: bool) -> Result<()> {
    let level = if bulk { BULK_AUTOMERGE } else { 0 };
    conn.prepare_cached("INSERT INTO search_index(search_index, rank) VALUES ('automerge', ?1)")?
        .execute([level])?;
    Ok(())
}

/// With merging off the write path, FTS5 still merges a level at once when
/// it holds this many segments ("crisis merge"; 16 by default, when one
/// save in 16 would merge). Tidying runs after a second without activity
/// and after every CLI command, so the bound is met only by a thousand
/// saves with no pause between them; with 100,000 notes, 128 left a save
/// p99 of 4.3 ms and 1,000 one of 3.1 ms (2,000 saves each).
const CRISIS_MERGE: u32 = 1000;

pub(crate) fn set_crisis_merge(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO search_index(search_index, rank) VALUES ('crisismerge', ?1)",
        [CRISIS_MERGE],
    )?;
    Ok(())
}

/// Merges up to about `pages` pages of index segments; whether there was
/// anything to merge. FTS5 tells only through the change counter: a merge
/// that did no work changes at most one row.
pub(crate) fn merge_step(conn: &Connection, pages: u32) -> Result<bool> {
    let before = conn.total_changes();
    conn.prepare_cached("INSERT INTO search_index(search_index, rank) VALUES ('merge', ?1)")?
        .execute([pages])?;
    Ok(conn.total_changes() - before >= 2)
}

/// The most recently changed matches first, at most `limit`.
pub(crate) fn search(conn: &Connection, input: &str, limit: u32) -> Result<Vec<Hit>> {
    let Some(query) = fts_query(input) else {
        return Ok(Vec::new());
    };
    // Ordered by rowid (most recent write first) rather than bm25: FTS5 can
    // then stop after `limit` rows instead of scoring every match, which
    // keeps common words fast at a million notes.
    let mut stmt = conn.prepare_cached(
        "SELECT s.record_id, r.kind, snippet(search_index, 1, '[', ']', '…', 12),
                (SELECT c.code FROM case_codes c WHERE c.record_id = coalesce(r.case_id, r.record_id) LIMIT 1),
                coalesce(r.case_id, r.record_id),
                (SELECT v.body FROM heads h JOIN versions v ON v.version_id = h.version_id
                 WHERE h.record_id = s.record_id AND v.deleted = 0 ORDER BY v.hlc DESC LIMIT 1)
         FROM search_index s JOIN records r ON r.record_id = s.record_id
         WHERE search_index MATCH ?1
         ORDER BY s.rowid DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![query, limit], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (id, kind, snippet, case_code, case_id, body) = row?;
        let values = body
            .and_then(|b| serde_json::from_str::<Body>(&b).ok())
            .map(|b| coded_values(&b).into_iter().map(|(v, _)| v).collect())
            .unwrap_or_default();
        let (Ok(record_id), Ok(kind)) = (Uuid::parse_str(&id), kind.parse::<Kind>()) else {
            continue;
        };
        hits.push(Hit {
            record_id,
            kind,
            case_id: case_id.and_then(|c| Uuid::parse_str(&c).ok()),
            case_code,
            snippet,
            values,
        });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::NoteBody;
    use crate::testing::{case_body, scratch_vault};
    use crate::vocab::NoteKind;
    use crate::Vault;

    fn note(case: Uuid, narrative: String) -> Body {
        Body::Note(NoteBody {
            unknown: Default::default(),
            form: None,
            case,
            kind: NoteKind::FollowUp,
            when: None,
            place: None,
            present: vec![],
            interpreter: None,
            narrative,
            tags: vec![],
            draft: false,
        })
    }

    fn setting(v: &Vault, key: &str) -> i64 {
        v.conn
            .query_row(
                "SELECT v FROM search_index_config WHERE k = ?1",
                [key],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn ids(v: &Vault, query: &str) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = v
            .search(query, 100)
            .unwrap()
            .iter()
            .map(|h| h.record_id)
            .collect();
        ids.sort();
        ids
    }

    /// Single saves leave merging undone, tidying does it (and then finds
    /// nothing more), search finds the same before and after, and bulk
    /// writes leave the stored setting off again.
    #[test]
    fn saves_leave_merging_to_tidying() {
        let dir = tempfile::tempdir().unwrap();
        let mut v = scratch_vault(dir.path());
        assert_eq!(
            (setting(&v, "automerge"), setting(&v, "crisismerge")),
            (0, 1000)
        );
        let case = v.add(case_body("T-1")).unwrap().record_id;
        for i in 0..40 {
            v.add(note(case, format!("visit number{i} at the shelter")))
                .unwrap();
        }
        let before = (ids(&v, "shelter"), ids(&v, "number7"));
        assert_eq!((before.0.len(), before.1.len()), (40, 1));
        // Forty saves, forty segments: there is merging to do.
        assert!(merge_step(&v.conn, 1).unwrap());
        assert!(v.tidy(std::time::Duration::from_secs(60)).unwrap());
        assert!(!merge_step(&v.conn, 16).unwrap());
        assert_eq!((ids(&v, "shelter"), ids(&v, "number7")), before);
        v.add_many((0..10).map(|i| note(case, format!("bulk number{i} shelter"))))
            .unwrap();
        assert_eq!(setting(&v, "automerge"), 0);
        assert_eq!(ids(&v, "shelter").len(), 50);
    }

    /// Saves leave their pages in the write-ahead log (the database file
    /// does not grow), and tidying copies them back (it does).
    #[test]
    fn saves_leave_the_log_to_tidying() {
        let dir = tempfile::tempdir().unwrap();
        let mut v = scratch_vault(dir.path());
        let size = || {
            std::fs::metadata(dir.path().join("vault.db"))
                .unwrap()
                .len()
        };
        assert!(v.tidy(std::time::Duration::from_secs(60)).unwrap());
        let before = size();
        let case = v.add(case_body("T-1")).unwrap().record_id;
        for i in 0..200 {
            v.add(note(
                case,
                format!("visit number{i} at the shelter, {}", "words ".repeat(50)),
            ))
            .unwrap();
        }
        assert_eq!(size(), before, "a save copied the log back");
        assert!(v.tidy(std::time::Duration::from_secs(60)).unwrap());
        assert!(size() > before, "tidying left the log as it was");
        assert_eq!(ids(&v, "number137").len(), 1);
    }

    #[test]
    fn hostile_query_text_becomes_quoted_terms() {
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("a\" OR b"), Some("\"a\" \"OR\" \"b\"".into()));
        assert_eq!(fts_query("NEAR(x"), Some("\"NEAR\" \"x\"".into()));
        assert_eq!(fts_query("sănătate"), Some("\"sănătate\"".into()));
        assert_eq!(fts_query("pass*"), Some("\"pass\"*".into()));
    }
}
