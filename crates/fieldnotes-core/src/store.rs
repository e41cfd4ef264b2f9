//! The only place that opens SQLite: keying, pragmas and migrations.
//!
//! Invariants: every connection is keyed with the vault's raw 256-bit key
//! before any other statement, SQLCipher's own logging is off, temporary
//! storage stays in memory (so no plaintext temp file is ever written), the
//! journal is WAL with `synchronous = FULL` (a committed transaction survives
//! power loss), deleted content is overwritten (`secure_delete`, and FTS5's
//! secure-delete), and the schema is brought to [`SCHEMA_VERSION`] through the
//! numbered migrations below, each in its own transaction.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, Transaction};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::hlc::Hlc;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

type MigrationFn = fn(&Transaction<'_>) -> Result<()>;

/// Migration `i` (0-based) brings the schema from version `i` to `i + 1`.
/// Never edit a released entry; append a new one.
const MIGRATIONS: &[MigrationFn] = &[
    migrate_1_records,
    migrate_2_search,
    migrate_3_exchange,
    migrate_4_blob_files,
    migrate_5_consent_gate,
    migrate_6_erasure,
    migrate_7_revocations,
    migrate_8_case_model,
    migrate_9_facts,
    migrate_10_records_by_kind,
    migrate_11_vocabulary_labels,
    migrate_12_merge_off_the_write_path,
    migrate_13_audit_by_event,
    migrate_14_case_rows,
    migrate_15_covering_indexes,
];

fn migrate_1_records(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
         CREATE TABLE devices (
             device_id TEXT PRIMARY KEY,
             signing_key BLOB NOT NULL,
             age_recipient TEXT NOT NULL,
             name TEXT NOT NULL DEFAULT ''
         ) WITHOUT ROWID;
         CREATE TABLE records (
             record_id TEXT PRIMARY KEY,
             kind TEXT NOT NULL,
             case_id TEXT
         ) WITHOUT ROWID;
         CREATE INDEX records_case ON records(case_id);
         CREATE TABLE versions (
             version_id TEXT PRIMARY KEY,
             record_id TEXT NOT NULL REFERENCES records(record_id),
             kind TEXT NOT NULL,
             hlc TEXT NOT NULL,
             author TEXT NOT NULL REFERENCES devices(device_id),
             parents TEXT NOT NULL,
             deleted INTEGER NOT NULL,
             body TEXT NOT NULL,
             signature BLOB NOT NULL
         );
         CREATE INDEX versions_record ON versions(record_id, hlc);
         CREATE TABLE heads (
             record_id TEXT NOT NULL,
             version_id TEXT NOT NULL REFERENCES versions(version_id),
             PRIMARY KEY (record_id, version_id)
         ) WITHOUT ROWID;
         CREATE TABLE case_codes (
             code TEXT NOT NULL,
             record_id TEXT NOT NULL,
             PRIMARY KEY (code, record_id)
         ) WITHOUT ROWID;
         CREATE TABLE blobs (
             blob_id TEXT PRIMARY KEY,
             size INTEGER NOT NULL,
             blake3 TEXT NOT NULL,
             chunks INTEGER NOT NULL
         ) WITHOUT ROWID;
         CREATE TABLE blob_chunks (
             blob_id TEXT NOT NULL,
             idx INTEGER NOT NULL,
             data BLOB NOT NULL,
             PRIMARY KEY (blob_id, idx)
         );
         CREATE TABLE audit (
             seq INTEGER PRIMARY KEY,
             at TEXT NOT NULL,
             event TEXT NOT NULL,
             subject TEXT NOT NULL,
             prev BLOB NOT NULL,
             hash BLOB NOT NULL
         );",
    )?;
    Ok(())
}

fn migrate_2_search(tx: &Transaction<'_>) -> Result<()> {
    // Diacritics folded so "sanatate" finds "sănătate".
    tx.execute_batch(
        "CREATE VIRTUAL TABLE search_index USING fts5(
             record_id UNINDEXED,
             text,
             tokenize = 'unicode61 remove_diacritics 2'
         );",
    )?;
    crate::search::reindex_all(tx)
}

fn migrate_3_exchange(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "ALTER TABLE devices ADD COLUMN trusted INTEGER NOT NULL DEFAULT 0;
         ALTER TABLE devices ADD COLUMN revoked_at TEXT;
         UPDATE devices SET trusted = 1
             WHERE device_id = (SELECT value FROM meta WHERE key = 'device_id');
         -- Parent links as rows: a version is a head exactly when nothing
         -- stored names it as a parent, whatever order versions arrive in.
         CREATE TABLE version_parents (
             parent TEXT NOT NULL,
             child TEXT NOT NULL,
             PRIMARY KEY (parent, child)
         ) WITHOUT ROWID;
         INSERT OR IGNORE INTO version_parents(parent, child)
             SELECT j.value, v.version_id FROM versions v, json_each(v.parents) j;
         CREATE TABLE export_marks (
             device_id TEXT PRIMARY KEY,
             last_rowid INTEGER NOT NULL,
             last_seq INTEGER NOT NULL
         ) WITHOUT ROWID;
         CREATE TABLE imported_bundles (
             sender TEXT NOT NULL,
             seq INTEGER NOT NULL,
             bundle_id TEXT NOT NULL,
             manifest_hash TEXT NOT NULL,
             PRIMARY KEY (sender, seq)
         ) WITHOUT ROWID;
         -- Search rows by record, so a record is re-indexed without
         -- scanning the index (its record_id column is not indexed).
         CREATE TABLE search_rows (
             record_id TEXT NOT NULL,
             row INTEGER NOT NULL,
             PRIMARY KEY (record_id, row)
         ) WITHOUT ROWID;
         INSERT INTO search_rows(record_id, row) SELECT record_id, rowid FROM search_index;",
    )?;
    Ok(())
}

fn migrate_4_blob_files(tx: &Transaction<'_>) -> Result<()> {
    // Attachment content moves out into sealed files (`blobs`); the rows
    // of `blobs`/`blob_chunks` are moved by `Vault::move_attachments_out`
    // (in Rust, one at a time, resumable), not here.
    tx.execute_batch(
        "CREATE TABLE blob_files (
             blake3 TEXT PRIMARY KEY,
             name TEXT NOT NULL UNIQUE,
             size INTEGER NOT NULL,
             sealed_size INTEGER NOT NULL,
             sealed_blake3 TEXT NOT NULL,
             key TEXT NOT NULL
         ) WITHOUT ROWID;",
    )?;
    Ok(())
}

fn migrate_5_consent_gate(tx: &Transaction<'_>) -> Result<()> {
    // Which bundle carried which case (ids only), so a withdrawal can say
    // where the case went; and the cases an export left out for want of
    // consent, per recipient, so they go in full once the consent is given.
    tx.execute_batch(
        "CREATE TABLE sent_cases (
             case_id TEXT NOT NULL,
             bundle_id TEXT NOT NULL,
             sent_at TEXT NOT NULL,
             recipients TEXT NOT NULL,
             PRIMARY KEY (case_id, bundle_id)
         ) WITHOUT ROWID;
         CREATE TABLE export_withheld (
             device_id TEXT NOT NULL,
             case_id TEXT NOT NULL,
             PRIMARY KEY (device_id, case_id)
         ) WITHOUT ROWID;",
    )?;
    Ok(())
}

fn migrate_6_erasure(tx: &Transaction<'_>) -> Result<()> {
    // Format-2 versions sign a hash of the body, so an erased body leaves
    // them verifiable; erased records refuse every later version.
    tx.execute_batch(
        "ALTER TABLE versions ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
         ALTER TABLE versions ADD COLUMN body_hash TEXT;
         ALTER TABLE versions ADD COLUMN erased INTEGER NOT NULL DEFAULT 0;
         CREATE TABLE erased_records (
             record_id TEXT PRIMARY KEY,
             erasure TEXT NOT NULL REFERENCES versions(version_id)
         ) WITHOUT ROWID;
         -- Deleted index entries are overwritten, not only unlinked.
         INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1);",
    )?;
    Ok(())
}

fn migrate_7_revocations(tx: &Transaction<'_>) -> Result<()> {
    // Revocations travel as signed statements; `revoked_held` names the
    // versions of a revoked device that a revoker vouched for (held when it
    // revoked), the only ones still accepted from anyone.
    tx.execute_batch(
        "ALTER TABLE devices ADD COLUMN revoked_by TEXT;
         CREATE TABLE revocations (
             device_id TEXT NOT NULL,
             revoker TEXT NOT NULL,
             statement TEXT NOT NULL,
             signature TEXT NOT NULL,
             PRIMARY KEY (device_id, revoker)
         ) WITHOUT ROWID;
         CREATE TABLE revoked_held (
             version_id TEXT PRIMARY KEY,
             device_id TEXT NOT NULL
         ) WITHOUT ROWID;",
    )?;
    Ok(())
}

fn migrate_8_case_model(tx: &Transaction<'_>) -> Result<()> {
    // Cases are now found by the names of their codes and the labels of
    // their values too, free text of older versions read as codes.
    crate::search::reindex_kind(tx, crate::vocab::Kind::Case)
}

fn migrate_9_facts(tx: &Transaction<'_>) -> Result<()> {
    // The overview and the case list read these instead of every record.
    crate::facts::migrate(tx)
}

fn migrate_10_records_by_kind(tx: &Transaction<'_>) -> Result<()> {
    // The records of one kind (the follow-ups "due this week" reads) are
    // found without scanning every note of a large vault; with their case,
    // the index alone answers. IF NOT EXISTS: another change may lay the
    // same index.
    tx.execute_batch("CREATE INDEX IF NOT EXISTS records_kind ON records(kind, case_id);")?;
    Ok(())
}

fn migrate_11_vocabulary_labels(tx: &Transaction<'_>) -> Result<()> {
    // Every record is found by the English and Romanian labels of its
    // category, status, kind, priority, risk or scope, kept in a column of
    // their own so a snippet never shows a wire name.
    crate::search::rebuild_with_labels(tx)
}

fn migrate_12_merge_off_the_write_path(tx: &Transaction<'_>) -> Result<()> {
    // A single save no longer pays for merging the search index's segments
    // (see `search`): merging runs apart, in small steps.
    crate::search::set_automerge(tx, false)?;
    crate::search::set_crisis_merge(tx)
}

fn migrate_13_audit_by_event(tx: &Transaction<'_>) -> Result<()> {
    // The overview asks for the newest export and backup: without an index
    // that read the whole audit log (a second with a million notes written).
    tx.execute_batch("CREATE INDEX audit_by_event ON audit(event, seq);")?;
    Ok(())
}

fn migrate_14_case_rows(tx: &Transaction<'_>) -> Result<()> {
    // The case list reads each case's row here instead of parsing every
    // case's heads (100 ms of each visit with 10,000 cases).
    crate::facts::migrate_case_rows(tx)
}

fn migrate_15_covering_indexes(tx: &Transaction<'_>) -> Result<()> {
    // The overview and the case list read every live case and need: 40 to
    // 60 ms of each with 10,000 cases went to lookups in the facts table.
    crate::facts::migrate_covering_indexes(tx)
}

/// Opens (or, with `create`, creates) the database at `path` with `key`
/// (SQLCipher's raw-key literal) and migrates it to the current schema.
pub(crate) fn open(path: &Path, key: &Zeroizing<String>, create: bool) -> Result<Connection> {
    if !create && !path.exists() {
        return Err(Error::MissingDatabase);
    }
    let flags = if create {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    };
    let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    // Before keying: a wrong key would otherwise print "hmac check failed".
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    let mut sql = Zeroizing::new(String::with_capacity(96));
    sql.push_str("PRAGMA key = \"");
    sql.push_str(key);
    sql.push_str("\";");
    {
        // SQLCipher's codec setup was seen to fail now and then ("PRAGMA key
        // requires a key of one or more characters") when several threads
        // keyed new connections at once; keying is rare (an unlock) and
        // takes about a millisecond, so it is done one at a time.
        static KEYING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one_at_a_time = KEYING.lock().unwrap_or_else(|p| p.into_inner());
        conn.execute_batch(&sql)?;
        // PRAGMA key never fails by itself: the first read tells.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(|e| match Error::from(e) {
            Error::Database(_) | Error::CorruptDatabase => Error::CorruptDatabase,
            other => other,
        })?;
    }
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA secure_delete = ON;
         PRAGMA synchronous = FULL;
         PRAGMA temp_store = MEMORY;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;",
    )?;
    // SQLite copies the write-ahead log back into the database once it
    // holds this many pages, inside the commit that crossed the mark: at
    // its default of 1,000 pages that was every 35th save of a note, each
    // taking 2.4 ms longer, which made the p99 of a save. The app copies
    // it back while idle instead (`checkpoint`, from `Vault::tidy`); this
    // mark only bounds the log (40 MB) when a long run of writes leaves
    // no idle moment.
    conn.pragma_update(None, "wal_autocheckpoint", WAL_BACKSTOP_PAGES)?;
    // One write runs ~17 distinct cached statements; rusqlite's default
    // cache of 16 would then evict each one just before it is needed again.
    conn.set_prepared_statement_cache_capacity(64);
    migrate(&mut conn, SCHEMA_VERSION)?;
    Ok(conn)
}

/// Pages in the write-ahead log at which a commit copies it back itself.
const WAL_BACKSTOP_PAGES: u32 = 10_000;

/// Copies what the write-ahead log holds back into the database, without
/// waiting for readers (SQLite's `PASSIVE` checkpoint); nothing to do costs
/// nothing. Committed data is durable either way: this only keeps the log
/// short, and commits from paying for it.
pub(crate) fn checkpoint(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
    Ok(())
}

/// Brings the schema up to `target`, one transaction per migration.
pub(crate) fn migrate(conn: &mut Connection, target: u32) -> Result<()> {
    let current: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(Error::UnsupportedVersion {
            what: "vault database",
            found: current.into(),
            supported: SCHEMA_VERSION.into(),
        });
    }
    for version in current..target {
        let tx = conn.transaction()?;
        MIGRATIONS[version as usize](&tx)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Issues the vault's next clock reading, after every one it has issued or
/// seen (`seen` raises the floor first, for versions merged from others).
/// Call inside the transaction that uses it.
pub(crate) fn tick_hlc(conn: &Connection, now_ms: u64, seen: Hlc) -> Result<Hlc> {
    let last: Hlc = meta_get(conn, "hlc")?
        .and_then(|s| s.parse().ok())
        .unwrap_or_default();
    let next = Hlc::tick(last.max(seen), now_ms);
    meta_set(conn, "hlc", &next.to_string())?;
    Ok(next)
}

/// Reads a value from the `meta` table.
pub(crate) fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Writes a value into the `meta` table.
pub(crate) fn meta_set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", "ab".repeat(32)))
    }

    #[test]
    fn fresh_database_reaches_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("db"), &key(), true).unwrap();
        let v: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }

    #[test]
    fn every_earlier_schema_migrates_to_current() {
        for start in 0..SCHEMA_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("db");
            {
                let mut conn = Connection::open(&path).unwrap();
                migrate(&mut conn, start).unwrap();
            }
            let conn = Connection::open(&path).unwrap();
            let mut conn = conn;
            migrate(&mut conn, SCHEMA_VERSION).unwrap();
            let v: u32 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(v, SCHEMA_VERSION, "from version {start}");
        }
    }

    #[test]
    fn the_newest_entry_of_an_event_is_found_through_an_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, SCHEMA_VERSION).unwrap();
        let plan =
            crate::testing::query_plan(&conn, crate::dashboard::LAST_EVENT, ["backup_written"]);
        // A search of the index, not a scan of the whole log.
        assert_eq!(plan.len(), 1, "{plan:?}");
        assert!(
            plan[0].starts_with("SEARCH audit USING INDEX audit_by_event"),
            "{plan:?}"
        );
    }

    #[test]
    fn records_written_at_version_1_become_searchable_at_version_2() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, 1).unwrap();
        let body = serde_json::json!({
            "type": "case", "code": "MIGRATED-7", "status": "open"
        });
        conn.execute_batch(&format!(
            "INSERT INTO devices VALUES ('d', x'00', 'age1', '');
             INSERT INTO records VALUES ('r', 'case', NULL);
             INSERT INTO versions VALUES ('v', 'r', 'case', '000000000000001.0000000000', 'd', '[]', 0, '{body}', '');
             INSERT INTO heads VALUES ('r', 'v');"
        ))
        .unwrap();
        migrate(&mut conn, SCHEMA_VERSION).unwrap();
        let found: String = conn
            .query_row(
                "SELECT record_id FROM search_index WHERE search_index MATCH 'migrated'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, "r");
    }

    #[test]
    fn a_need_written_at_version_8_is_found_by_its_labels_at_version_9() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, 8).unwrap();
        let case = "0193a000-0000-7000-8000-000000000001";
        let need = "0193a000-0000-7000-8000-000000000002";
        let body = serde_json::json!({
            "type": "need", "case": case, "category": "identity_documents",
            "description": "lost at the border", "priority": "high", "status": "identified"
        });
        conn.execute_batch(&format!(
            "INSERT INTO devices(device_id, signing_key, age_recipient) VALUES ('d', x'00', 'age1');
             INSERT INTO records VALUES ('{need}', 'need', '{case}');
             INSERT INTO versions(version_id, record_id, kind, hlc, author, parents, deleted, body, signature)
             VALUES ('v', '{need}', 'need', '000000000000001.0000000000', 'd', '[]', 0, '{body}', '');
             INSERT INTO heads VALUES ('{need}', 'v');"
        ))
        .unwrap();
        migrate(&mut conn, SCHEMA_VERSION).unwrap();
        for query in ["acte de identitate", "identity documents", "lost"] {
            let hits = crate::search::search(&conn, query, 10).unwrap();
            assert_eq!(hits.len(), 1, "{query}");
            assert_eq!(hits[0].values[0].value, "identity_documents");
            assert!(!hits[0].snippet.contains("identity_documents"), "{query}");
        }
        let rows: i64 = conn
            .query_row(
                "SELECT count(*) FROM search_rows WHERE record_id = ?1",
                [need],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(rows, 1);
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        {
            let conn = open(&path, &key(), true).unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
        }
        match open(&path, &key(), false) {
            Err(Error::UnsupportedVersion { found, .. }) => {
                assert_eq!(found, u64::from(SCHEMA_VERSION + 1))
            }
            other => panic!("expected UnsupportedVersion, got {:?}", other.err()),
        }
    }

    #[test]
    fn wrong_key_is_reported_as_corrupt_not_sqlite_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        drop(open(&path, &key(), true).unwrap());
        let other = Zeroizing::new(format!("x'{}'", "cd".repeat(32)));
        assert!(matches!(
            open(&path, &other, false),
            Err(Error::CorruptDatabase)
        ));
    }
}
