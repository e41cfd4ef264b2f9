//! The case list's rows, kept between reads while the database stands still.
//!
//! Reading and parsing the rows of 10,000 cases takes 40–65 ms, and the
//! desktop app asks for them on every visit to the case list, every key
//! typed in its filter and every change of sort. The rows are a function of
//! the database alone (no clock, no language, no settings), so they are kept
//! with a stamp of the database's state and used again while it holds.
//!
//! Invariants: the stamp is `PRAGMA data_version`, which moves when another
//! connection commits, and this connection's `total_changes()`, which moves
//! with every row it inserts, updates or deletes, even one later rolled back.
//! No write from either side leaves the stamp as it was, so the kept rows
//! are never older than the database. Rows are neither kept nor reused
//! inside an open transaction, whose changes may yet be rolled back. The
//! rows never carry a case's identity; they go with the vault when it locks.

use std::sync::{Arc, Mutex, PoisonError};

use super::CaseRow;
use crate::error::Result;
use crate::vault::Vault;

/// The database's state as far as this connection can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    data_version: i64,
    total_changes: u64,
}

/// The last rows read, with the stamp they were read under.
#[derive(Default)]
pub(crate) struct CaseRowCache(Mutex<Option<(Stamp, Arc<[CaseRow]>)>>);

impl CaseRowCache {
    fn get(&self, stamp: Stamp) -> Option<Arc<[CaseRow]>> {
        let kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        kept.as_ref()
            .filter(|(at, _)| *at == stamp)
            .map(|(_, rows)| Arc::clone(rows))
    }

    fn put(&self, stamp: Stamp, rows: Arc<[CaseRow]>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some((stamp, rows));
    }

    /// Rows kept at `before` hold at `after` too: the writes between them
    /// changed no case row. Not when another connection committed between.
    fn carry(&self, before: Stamp, after: Stamp) {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((at, _)) = kept.as_mut() {
            if *at == before && before.data_version == after.data_version {
                *at = after;
            }
        }
    }
}

impl Vault {
    fn stamp(&self) -> Result<Option<Stamp>> {
        if !self.conn.is_autocommit() {
            return Ok(None);
        }
        let data_version = self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        Ok(Some(Stamp {
            data_version,
            total_changes: self.conn.total_changes(),
        }))
    }

    /// Runs `work`, which writes nothing a case row is read from (the
    /// search index, the write-ahead log), keeping the kept rows valid: the
    /// idle tidying runs a second after every command, and would otherwise
    /// throw away the rows read ahead of the case list's showing.
    pub(crate) fn without_touching_case_rows<T>(
        &mut self,
        work: impl FnOnce(&mut Vault) -> Result<T>,
    ) -> Result<T> {
        let before = self.stamp()?;
        let done = work(self)?;
        if let (Some(before), Some(after)) = (before, self.stamp()?) {
            self.case_rows.carry(before, after);
        }
        Ok(done)
    }

    /// Every live case's row, in creation order: the kept rows when nothing
    /// has been written since they were read.
    pub(crate) fn case_rows(&self) -> Result<Arc<[CaseRow]>> {
        let stamp = self.stamp()?;
        if let Some(rows) = stamp.and_then(|s| self.case_rows.get(s)) {
            return Ok(rows);
        }
        let rows: Arc<[CaseRow]> = self.case_list(None)?.into();
        if let Some(stamp) = stamp {
            self.case_rows.put(stamp, Arc::clone(&rows));
        }
        Ok(rows)
    }

    /// Reads the case list ahead of its first showing, so that showing
    /// costs a filter and a sort instead of a read of every case. The app
    /// asks for it while the overview sits idle after unlocking.
    pub fn prepare_case_list(&self) -> Result<()> {
        self.case_rows().map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{case_body, scratch_vault};
    use crate::vocab::CaseStatus;
    use crate::Body;

    fn codes(v: &Vault) -> Vec<String> {
        v.case_rows()
            .unwrap()
            .iter()
            .map(|r| r.code.clone())
            .collect()
    }

    #[test]
    fn kept_rows_are_reused_until_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let mut v = scratch_vault(dir.path());
        v.add(case_body("RO-1")).unwrap();
        let first = v.case_rows().unwrap();
        assert!(Arc::ptr_eq(&first, &v.case_rows().unwrap()));
        v.add(case_body("RO-2")).unwrap();
        let second = v.case_rows().unwrap();
        assert!(!Arc::ptr_eq(&first, &second));
        assert_eq!(codes(&v), ["RO-1", "RO-2"]);
    }

    #[test]
    fn every_kind_of_change_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let mut v = scratch_vault(dir.path());
        let id = v.add(case_body("RO-1")).unwrap().record_id;
        v.add(case_body("RO-2")).unwrap();
        v.prepare_case_list().unwrap();
        v.modify(id, |b| {
            if let Body::Case(c) = b {
                c.status = CaseStatus::Closed;
                c.code = "RO-1b".into();
            }
            Ok(())
        })
        .unwrap();
        let rows = v.case_rows().unwrap();
        assert_eq!(rows[0].code, "RO-1b");
        assert_eq!(rows[0].status, CaseStatus::Closed);
        v.delete(id).unwrap();
        assert_eq!(codes(&v), ["RO-2"]);
    }

    #[test]
    fn tidying_the_search_index_keeps_the_rows() {
        let dir = tempfile::tempdir().unwrap();
        let mut v = scratch_vault(dir.path());
        for i in 0..40 {
            v.add(case_body(&format!("RO-{i}"))).unwrap();
        }
        let kept = v.case_rows().unwrap();
        let changes = v.conn.total_changes();
        while !v.tidy(std::time::Duration::from_secs(5)).unwrap() {}
        assert!(
            v.conn.total_changes() > changes,
            "tidying wrote to the index"
        );
        assert!(Arc::ptr_eq(&kept, &v.case_rows().unwrap()));
        // A change after the tidying is still seen.
        v.add(case_body("RO-new")).unwrap();
        assert_eq!(v.case_rows().unwrap().len(), 41);
    }

    #[test]
    fn a_commit_by_another_connection_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let mut v = scratch_vault(dir.path());
        v.add(case_body("RO-1")).unwrap();
        v.prepare_case_list().unwrap();
        // Another connection to the same database: as a second process
        // would commit, without this connection's change count moving.
        let other = crate::store::open(
            &dir.path().join(crate::vault::DB_FILE),
            &v.secrets.db_key_literal(),
            false,
        )
        .unwrap();
        other
            .execute("UPDATE facts SET code = 'RO-X' WHERE kind = 'case'", [])
            .unwrap();
        assert_eq!(codes(&v), ["RO-X"]);
    }
}
