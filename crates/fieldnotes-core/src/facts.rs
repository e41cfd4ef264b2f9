//! Facts: the few values of each record's shown head that the views over
//! the whole vault need (the overview, the case list), kept in one table
//! beside the versions so those views never read and parse every record.
//! With a million notes, reading every head took seconds; these views now
//! read one row per case, need and follow-up, and no note at all.
//!
//! Invariants: a record's row is rewritten from its heads in the same
//! transaction as every version that changes them ([`refresh`], called by
//! the write path, import and erasure), so it never disagrees with them
//! after a crash. A case's `contact` is the latest `contact` of its live,
//! final notes, rewritten whenever one of them changes. The table is
//! derived: schema migration 9 builds it from the versions, and it could be
//! rebuilt at any time from them. It holds no identity and no free text but
//! a follow-up's title and a date that does not read, as the views need.

use chrono::{DateTime, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use uuid::Uuid;

use crate::dates::day_of;
use crate::error::Result;
use crate::model::{Body, Version};
use crate::vocab::Kind;

/// The table and its indexes (schema migration 9 creates them and fills
/// the table from every record's heads).
pub(crate) fn migrate(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "CREATE TABLE facts (
             record_id TEXT PRIMARY KEY,
             kind TEXT NOT NULL,
             case_id TEXT,
             live INTEGER NOT NULL,
             conflict INTEGER NOT NULL,
             code TEXT,
             status TEXT,
             category TEXT,
             open INTEGER NOT NULL DEFAULT 0,
             due TEXT,
             title TEXT,
             contact TEXT,
             when_text TEXT
         ) WITHOUT ROWID;
         CREATE INDEX facts_by_kind ON facts(kind, case_id);
         CREATE INDEX facts_contact ON facts(case_id, contact) WHERE kind = 'note';
         CREATE INDEX facts_conflicts ON facts(record_id) WHERE conflict = 1;
         CREATE INDEX facts_when_text ON facts(record_id) WHERE when_text IS NOT NULL;",
    )?;
    // Filled by migration 14, which adds a column and writes every row: a
    // vault never stops between the two (migrations run to the current
    // schema at once), and `refresh` writes the later column.
    Ok(())
}

/// Schema migration 14: each case's row keeps what the case list shows
/// of it. The cases' rows are written afresh; so is every row of a vault
/// that came from before migration 9 (its table is still empty). A vault
/// of a million notes thus migrates in a second, not minutes.
pub(crate) fn migrate_case_rows(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch("ALTER TABLE facts ADD COLUMN summary TEXT;")?;
    let filled: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM facts)", [], |r| r.get(0))?;
    rebuild(tx, if filled { "WHERE kind = 'case'" } else { "" })
}

/// Schema migration 15: partial covering indexes for the reads that take
/// every live case or need at once (the overview, the case list, the
/// sidebar's case codes). Through the kind index, each of those 10,000
/// rows was a lookup into a table of a million rows, page by encrypted
/// page; these read one small index from end to end. The columns of each
/// index's `WHERE` are in it too, so no read goes back to the table.
pub(crate) fn migrate_covering_indexes(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "CREATE INDEX facts_case_rows
             ON facts(record_id, kind, live, code, status, conflict, contact, summary)
             WHERE kind = 'case' AND live = 1;
         CREATE INDEX facts_open_needs ON facts(case_id, kind, live, open)
             WHERE kind = 'need' AND live = 1 AND open = 1;
         CREATE INDEX facts_live_needs
             ON facts(record_id, kind, live, case_id, category, status, due)
             WHERE kind = 'need' AND live = 1;",
    )?;
    Ok(())
}

/// Every live case's row for the case list, by id (`facts_case_rows`).
pub(crate) const CASE_ROWS: &str = "SELECT record_id, code, status, conflict, summary
     FROM facts INDEXED BY facts_case_rows WHERE kind = 'case' AND live = 1 ORDER BY record_id";

/// Every live case's code, status and latest contact (`facts_case_rows`).
pub(crate) const LIVE_CASES: &str = "SELECT record_id, code, status, contact
     FROM facts INDEXED BY facts_case_rows WHERE kind = 'case' AND live = 1";

/// How many open needs each case has (`facts_open_needs`).
pub(crate) const OPEN_NEEDS: &str = "SELECT case_id, COUNT(*)
     FROM facts INDEXED BY facts_open_needs
     WHERE kind = 'need' AND live = 1 AND open = 1 GROUP BY case_id";

/// Every live need's case, category, status and due date (`facts_live_needs`).
pub(crate) const LIVE_NEEDS: &str = "SELECT record_id, case_id, category, status, due
     FROM facts INDEXED BY facts_live_needs WHERE kind = 'need' AND live = 1";

/// Writes the rows of the records `filter` admits from their heads.
fn rebuild(tx: &Transaction<'_>, filter: &str) -> Result<()> {
    let ids: Vec<(String, String)> = tx
        .prepare(&format!(
            "SELECT record_id, kind FROM records {filter} ORDER BY kind = 'case'"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Cases last, so each finds its notes' contacts already there.
    for (id, kind) in ids {
        let (Ok(record_id), Ok(kind)) = (Uuid::parse_str(&id), kind.parse::<Kind>()) else {
            continue;
        };
        // A head that does not read is left out here rather than keeping
        // the vault from opening; the record's next change writes its row.
        let Ok(heads) = crate::records::load_heads(tx, record_id) else {
            continue;
        };
        refresh(tx, record_id, kind, &heads)?;
    }
    Ok(())
}

/// The values of one record's row.
#[derive(Default)]
struct Row {
    case_id: Option<String>,
    code: Option<String>,
    status: Option<&'static str>,
    category: Option<&'static str>,
    open: bool,
    due: Option<String>,
    title: Option<String>,
    contact: Option<String>,
    when_text: Option<String>,
    /// A case's row of the case list (JSON, see `views::StoredCaseRow`).
    summary: Option<String>,
}

/// The UTC day of a version's time.
fn hlc_day(v: &Version) -> Option<NaiveDate> {
    let ms = i64::try_from(v.hlc.wall_ms).ok()?;
    Some(DateTime::from_timestamp_millis(ms)?.date_naive())
}

/// A date as people typed it: kept when it says something.
fn text(s: Option<&str>) -> Option<String> {
    s.filter(|t| !t.trim().is_empty()).map(str::to_owned)
}

fn row_of(body: &Body, heads: &[Version]) -> Row {
    let case_id = body.case().map(|c| c.to_string());
    match body {
        Body::Case(c) => Row {
            code: Some(c.code.clone()),
            status: Some(c.status.as_str()),
            summary: serde_json::to_string(&crate::views::stored_row(c, heads)).ok(),
            ..Row::default()
        },
        Body::Need(n) => Row {
            case_id,
            status: Some(n.status.as_str()),
            category: Some(n.category.as_str()),
            open: n.status.is_open(),
            due: text(n.due.as_deref()),
            ..Row::default()
        },
        Body::FollowUp(f) => Row {
            case_id,
            open: !f.done,
            due: text(f.due.as_deref()),
            title: Some(f.title.clone()),
            ..Row::default()
        },
        // A final note is a contact on its own date or, without one that
        // reads, on the day it was written (as the overview has always
        // counted it).
        Body::Note(n) if !n.draft => {
            let written = text(n.when.as_deref());
            let when = written.as_deref().and_then(day_of);
            Row {
                case_id,
                contact: when
                    .or_else(|| heads.first().and_then(hlc_day))
                    .map(|d| d.to_string()),
                when_text: written.filter(|_| when.is_none()),
                ..Row::default()
            }
        }
        _ => Row {
            case_id,
            ..Row::default()
        },
    }
}

/// Rewrites the row of `record_id` from its current `heads` (none: erased),
/// and the contact of its case when a note changed.
pub(crate) fn refresh(
    conn: &Connection,
    record_id: Uuid,
    kind: Kind,
    heads: &[Version],
) -> Result<()> {
    let id = record_id.to_string();
    let shown = heads.iter().rev().find_map(|v| v.body.as_ref());
    let mut row = shown.map(|b| row_of(b, heads)).unwrap_or_default();
    if row.case_id.is_none() && kind != Kind::Case {
        row.case_id = conn
            .prepare_cached("SELECT case_id FROM records WHERE record_id = ?1")?
            .query_row([&id], |r| r.get(0))
            .optional()?
            .flatten();
    }
    if kind == Kind::Case {
        row.contact = last_contact(conn, &id)?;
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO facts(record_id, kind, case_id, live, conflict, code, status,
                                      category, open, due, title, contact, when_text, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        id,
        kind.as_str(),
        row.case_id,
        shown.is_some(),
        heads.len() > 1,
        row.code,
        row.status,
        row.category,
        row.open,
        row.due,
        row.title,
        row.contact,
        row.when_text,
        row.summary,
    ])?;
    if kind == Kind::Note {
        if let Some(case) = &row.case_id {
            conn.prepare_cached("UPDATE facts SET contact = ?2 WHERE record_id = ?1")?
                .execute(params![case, last_contact(conn, case)?])?;
        }
    }
    Ok(())
}

/// The row of an erased record: nothing left to show.
pub(crate) fn erased(conn: &Connection, record_id: Uuid) -> Result<()> {
    let kind: Option<String> = conn
        .prepare_cached("SELECT kind FROM records WHERE record_id = ?1")?
        .query_row([record_id.to_string()], |r| r.get(0))
        .optional()?;
    match kind.and_then(|k| k.parse::<Kind>().ok()) {
        Some(kind) => refresh(conn, record_id, kind, &[]),
        None => Ok(()),
    }
}

/// The latest contact among the live notes of a case (notes that are not
/// live, and drafts, have none).
///
/// The case is `CAST(?1 AS TEXT)`, not a bare `?1`: SQLite's planner
/// compares a bare parameter with the literals of the partial indexes'
/// conditions (`conflict = 1`, …), and then a statement whose bindings
/// are cleared, as each return to rusqlite's cache clears them, is
/// prepared again on its next run. Every save of a note ran this, and an
/// import of 100,000 versions spent a fifth of its merging in re-preparing
/// it. The plan is the same (`facts_contact`).
const LAST_CONTACT: &str =
    "SELECT MAX(contact) FROM facts WHERE case_id = CAST(?1 AS TEXT) AND kind = 'note'";

fn last_contact(conn: &Connection, case_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(LAST_CONTACT)?
        .query_row([case_id], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{FollowUpBody, NeedBody, NoteBody};
    use crate::testing::{case_body, scratch_vault};
    use crate::vocab::{NeedCategory, NoteKind, Priority, ReferralStatus};
    use crate::Vault;

    #[test]
    fn the_whole_vault_reads_go_through_covering_indexes_alone() {
        let dir = tempfile::tempdir().unwrap();
        let v = scratch_vault(dir.path());
        for sql in [CASE_ROWS, LIVE_CASES, OPEN_NEEDS, LIVE_NEEDS] {
            let plan = crate::testing::query_plan(&v.conn, sql, []);
            // One scan of the index, never a lookup into the table.
            assert_eq!(plan.len(), 1, "{sql}: {plan:?}");
            assert!(
                plan[0].contains("USING COVERING INDEX facts_"),
                "{sql}: {plan:?}"
            );
        }
    }

    /// A case's last contact is read through its index, and the statement
    /// is not prepared again each time it is run from the cache.
    #[test]
    fn the_last_contact_is_read_without_preparing_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut v = scratch_vault(dir.path());
        let cases = [case_body("A-1"), case_body("B-1")].map(|c| v.add(c).unwrap().record_id);
        for i in 0..10 {
            v.add(Body::Note(NoteBody {
                unknown: Default::default(),
                form: None,
                case: cases[i % 2],
                kind: NoteKind::FollowUp,
                when: Some(format!("2026-01-{:02}", i + 1)),
                place: None,
                present: vec![],
                interpreter: None,
                narrative: format!("note {i}"),
                tags: vec![],
                draft: false,
            }))
            .unwrap();
        }
        let stmt = v.conn.prepare_cached(LAST_CONTACT).unwrap();
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
        drop(stmt);
        assert_eq!(
            last_contact(&v.conn, &cases[1].to_string())
                .unwrap()
                .as_deref(),
            Some("2026-01-10")
        );
        let plan = crate::testing::query_plan(&v.conn, LAST_CONTACT, [cases[0].to_string()]);
        assert_eq!(
            plan,
            ["SEARCH facts USING COVERING INDEX facts_contact (case_id=?)"]
        );
    }

    /// Every row of the table, in order.
    fn snapshot(conn: &Connection) -> Vec<Vec<Option<String>>> {
        let mut stmt = conn
            .prepare("SELECT record_id, kind, case_id, live, conflict, code, status, category, open, due, title, contact, when_text, summary FROM facts ORDER BY record_id")
            .unwrap();
        let rows = stmt.query_map([], |r| {
            (0..14)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| Some(format!("{v:?}")))
                })
                .collect::<rusqlite::Result<Vec<_>>>()
        });
        rows.unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    fn note(case: Uuid, when: Option<&str>, draft: bool) -> Body {
        Body::Note(NoteBody {
            unknown: Default::default(),
            form: None,
            case,
            kind: NoteKind::FollowUp,
            when: when.map(str::to_owned),
            place: None,
            present: vec![],
            interpreter: None,
            narrative: "met at the shelter".into(),
            tags: vec![],
            draft,
        })
    }

    /// Kept up to date write by write, the table equals one built afresh
    /// from the versions.
    #[test]
    fn kept_rows_equal_rows_rebuilt_from_the_versions() {
        let dir = tempfile::tempdir().unwrap();
        let mut v = scratch_vault(dir.path());
        let case = v.add(case_body("F-1")).unwrap().record_id;
        let late = v.add(note(case, Some("2026-03-04"), false)).unwrap();
        v.add(note(case, Some("2026-01-02"), false)).unwrap();
        v.add(note(case, Some("2025-12-01 09:30"), false)).unwrap();
        v.add(note(case, Some("2026-05-06"), true)).unwrap();
        let need = v
            .add(Body::Need(NeedBody {
                unknown: Default::default(),
                case,
                category: NeedCategory::ALL[0],
                description: "a safe place".into(),
                priority: Priority::High,
                status: ReferralStatus::Identified,
                referral_target: None,
                due: Some("2026-02-01".into()),
                consent: None,
            }))
            .unwrap();
        v.add(Body::FollowUp(FollowUpBody {
            unknown: Default::default(),
            case,
            title: "call the lawyer".into(),
            due: Some("2026-04-05".into()),
            assigned_to: None,
            done: false,
        }))
        .unwrap();
        let contact = |v: &Vault| -> Option<String> {
            v.conn
                .query_row(
                    "SELECT contact FROM facts WHERE record_id = ?1",
                    [case.to_string()],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert_eq!(contact(&v).as_deref(), Some("2026-03-04"));
        v.delete(late.record_id).unwrap();
        assert_eq!(contact(&v).as_deref(), Some("2026-01-02"));
        v.modify(need.record_id, |b| {
            if let Body::Need(n) = b {
                n.status = ReferralStatus::ALL[ReferralStatus::ALL.len() - 1];
            }
            Ok(())
        })
        .unwrap();

        let kept = snapshot(&v.conn);
        assert_eq!(kept.len(), 7);
        v.conn.execute("DELETE FROM facts", []).unwrap();
        let tx = v.conn.transaction().unwrap();
        rebuild(&tx, "").unwrap();
        tx.commit().unwrap();
        assert_eq!(snapshot(&v.conn), kept);
    }
}
