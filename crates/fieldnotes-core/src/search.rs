//! Full-text search over the current versions of notes (with their form
//! answers), needs, cases, consents, follow-ups and attachment names, with
//! FTS5 inside the encrypted database. A case is also found by the English
//! and Romanian names of its codes and labels of its values (see
//! `case_model`).
//!
//! Invariants: the index holds exactly one row per live head of a record
//! (a tombstoned record has none), rewritten in the same transaction as the
//! version that changes the heads; a case's restricted identity section is
//! never indexed, so a search result cannot put a name on screen; user input
//! is turned into quoted FTS5 terms, so no query text is ever a syntax error.

use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use uuid::Uuid;

use crate::error::Result;
use crate::model::{Body, Version};
use crate::vocab::Kind;

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
            parts.push(c.status.as_str());
        }
        Body::Note(n) => {
            owned = vec![opt(&n.place), opt(&n.interpreter)];
            parts.push(&n.narrative);
            parts.push(n.kind.as_str());
            parts.extend(n.tags.iter().map(String::as_str));
            parts.extend(n.present.iter().map(String::as_str));
        }
        Body::Need(n) => {
            owned = vec![opt(&n.referral_target)];
            parts.push(&n.description);
            parts.push(n.category.as_str());
            parts.push(n.status.as_str());
        }
        Body::Consent(c) => {
            owned = vec![opt(&c.service), opt(&c.note)];
            parts.push(c.scope.as_str());
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
        insert_row(conn, &id, &with_answers(conn, body))?;
    }
    Ok(())
}

fn insert_row(conn: &Connection, id: &str, text: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO search_index(record_id, text) VALUES (?1, ?2)")?
        .execute(params![id, text])?;
    let row = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO search_rows(record_id, row) VALUES (?1, ?2)")?
        .execute(params![id, row])?;
    Ok(())
}

/// Rewrites the index rows of every record of `kind` (a migration, when
/// what is indexed of that kind changes).
pub(crate) fn reindex_kind(tx: &Transaction<'_>, kind: Kind) -> Result<()> {
    let ids: Vec<String> = tx
        .prepare("SELECT record_id FROM records WHERE kind = ?1")?
        .query_map([kind.as_str()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let Ok(record_id) = Uuid::parse_str(&id) else {
            continue;
        };
        let heads = crate::records::load_heads(tx, record_id)?;
        reindex_record(tx, record_id, &heads)?;
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
                coalesce(r.case_id, r.record_id)
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
        ))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (id, kind, snippet, case_code, case_id) = row?;
        let (Ok(record_id), Ok(kind)) = (Uuid::parse_str(&id), kind.parse::<Kind>()) else {
            continue;
        };
        hits.push(Hit {
            record_id,
            kind,
            case_id: case_id.and_then(|c| Uuid::parse_str(&c).ok()),
            case_code,
            snippet,
        });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_query_text_becomes_quoted_terms() {
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("a\" OR b"), Some("\"a\" \"OR\" \"b\"".into()));
        assert_eq!(fts_query("NEAR(x"), Some("\"NEAR\" \"x\"".into()));
        assert_eq!(fts_query("sănătate"), Some("\"sănătate\"".into()));
        assert_eq!(fts_query("pass*"), Some("\"pass\"*".into()));
    }
}
