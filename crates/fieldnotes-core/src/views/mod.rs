//! Read models: what the CLI and the desktop app show, computed once here so
//! both faces show the same thing (the same open-needs count, the same case
//! page, the same names for devices and subjects).
//!
//! Invariants: no view but [`CasePage::identity`] (filled only by an audited
//! reveal) carries a case's restricted identity section; history shows only
//! that the identity changed, never its values. A record is shown by its
//! newest head that has a body, so a record in conflict is still listed
//! (marked `conflict`) and a deleted one is not.

mod audit_view;
mod case_page;
mod case_query;
mod case_rows;
mod diff;
mod history;
mod sort_text;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::case_model::{ExploitationType, Gender};
use crate::error::Result;
use crate::model::{Body, CaseBody, Version};
use crate::records::RecordState;
use crate::vault::Vault;
use crate::vocab::{CaseStatus, RiskLevel};

pub use audit_view::{AuditRow, AuditView};
pub use case_page::{AttachmentItem, CasePage, Item};
pub use case_query::{CaseListPage, CaseQuery, SortColumn, MAX_PAGE};
pub(crate) use case_rows::CaseRowCache;
pub use diff::{word_diff, FieldChange, VersionChange, WordOp, WordRun};
pub use history::{ConflictView, FieldValue, HistoryView, VersionRow};

/// One row of the case list: never the identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    pub id: Uuid,
    pub code: String,
    pub status: CaseStatus,
    pub risk: Option<RiskLevel>,
    /// A country code, or text of an older version that matches none
    /// (see [`crate::case_model::coded`]).
    pub nationality: Option<String>,
    /// Language codes, or text of an older version that matches none.
    pub languages: Vec<String>,
    pub assigned_worker: Option<String>,
    /// Needs whose referral status is still open ([`crate::ReferralStatus::is_open`]).
    pub open_needs: u32,
    /// When the case record last changed (RFC 3339).
    pub updated: String,
    pub conflict: bool,
    pub gender: Option<Gender>,
    /// Under 18 at identification; `None` when the record cannot tell
    /// ([`crate::CaseProfile::is_child`]).
    pub is_child: Option<bool>,
    pub exploitation_types: Vec<ExploitationType>,
    /// Nationality or languages hold text that matches no code: someone
    /// should set the codes.
    pub needs_review: bool,
}

/// Which cases the case list shows; every field unset: all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub status: Option<CaseStatus>,
    /// Cases with this exploitation type among theirs.
    pub exploitation: Option<ExploitationType>,
    /// Cases whose child flag is this (`Some(false)`: known adults).
    pub child: Option<bool>,
    pub needs_review: Option<bool>,
}

impl CaseFilter {
    fn admits(&self, row: &CaseRow) -> bool {
        self.status.is_none_or(|s| s == row.status)
            && self
                .exploitation
                .is_none_or(|e| row.exploitation_types.contains(&e))
            && self.child.is_none_or(|c| row.is_child == Some(c))
            && self.needs_review.is_none_or(|r| r == row.needs_review)
    }
}

/// The body a record is shown by: its newest head that has one.
pub(crate) fn shown(state: &RecordState) -> Option<&Body> {
    state.heads.iter().rev().find_map(|v| v.body.as_ref())
}

/// The version a record is shown by: its newest head that has a body.
pub(crate) fn shown_head(state: &RecordState) -> Option<&crate::model::Version> {
    state.heads.iter().rev().find(|v| v.body.is_some())
}

/// When the record last changed: its newest head's time, RFC 3339.
pub(crate) fn updated(state: &RecordState) -> String {
    last_change(&state.heads)
}

/// The time of the newest of `heads`, RFC 3339.
fn last_change(heads: &[Version]) -> String {
    heads.last().map(|v| v.hlc.to_rfc3339()).unwrap_or_default()
}

/// What the facts table keeps of a case for its row of the case list
/// (the code, status and conflict flag have columns of their own).
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredCaseRow {
    risk: Option<RiskLevel>,
    nationality: Option<String>,
    languages: Vec<String>,
    assigned_worker: Option<String>,
    updated: String,
    gender: Option<Gender>,
    is_child: Option<bool>,
    exploitation_types: Vec<ExploitationType>,
    needs_review: bool,
}

/// The stored row of case `c` whose heads are `heads`.
pub(crate) fn stored_row(c: &CaseBody, heads: &[Version]) -> StoredCaseRow {
    let coded = crate::case_model::coded(c);
    StoredCaseRow {
        risk: c.risk,
        nationality: coded.nationality,
        languages: coded.languages,
        assigned_worker: c.assigned_worker.clone(),
        updated: last_change(heads),
        gender: c.profile.gender,
        is_child: c.profile.is_child(),
        exploitation_types: c.profile.exploitation_types.clone(),
        needs_review: !coded.to_review.is_empty(),
    }
}

impl StoredCaseRow {
    /// The whole row, with the values kept in columns of their own.
    fn into_row(
        self,
        id: Uuid,
        code: String,
        status: CaseStatus,
        conflict: bool,
        open_needs: u32,
    ) -> CaseRow {
        CaseRow {
            id,
            code,
            status,
            risk: self.risk,
            nationality: self.nationality,
            languages: self.languages,
            assigned_worker: self.assigned_worker,
            open_needs,
            updated: self.updated,
            conflict,
            gender: self.gender,
            is_child: self.is_child,
            exploitation_types: self.exploitation_types,
            needs_review: self.needs_review,
        }
    }
}

fn case_row(state: &RecordState, open_needs: u32) -> Option<CaseRow> {
    let Some(Body::Case(c)) = shown(state) else {
        return None;
    };
    let stored = stored_row(c, &state.heads);
    Some(stored.into_row(
        state.record_id,
        c.code.clone(),
        c.status,
        state.conflict,
        open_needs,
    ))
}

impl Vault {
    /// The case list, in creation order, optionally only cases with `status`.
    pub fn case_list(&self, status: Option<CaseStatus>) -> Result<Vec<CaseRow>> {
        self.case_list_where(&CaseFilter {
            status,
            ..CaseFilter::default()
        })
    }

    /// The cases `filter` admits, in creation order.
    pub fn case_list_where(&self, filter: &CaseFilter) -> Result<Vec<CaseRow>> {
        // Open needs are counted, and each case's row read, from the facts
        // table: reading every record's heads cost seconds at a lead's
        // scale, and every case's heads 100 ms.
        let mut open: HashMap<String, u32> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(crate::facts::OPEN_NEEDS)?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
            let (case, count) = row?;
            open.insert(case, count);
        }
        let mut stmt = self.conn.prepare_cached(crate::facts::CASE_ROWS)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let (Some(code), Some(status), Some(summary)) = (
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(4)?,
            ) else {
                // A row written before its case could be read: the case's
                // own heads tell.
                out.extend(self.case_row_of(&id, open.get(&id).copied().unwrap_or(0))?);
                continue;
            };
            let corrupt = || crate::Error::CorruptDatabase;
            let stored: StoredCaseRow = serde_json::from_str(&summary).map_err(|_| corrupt())?;
            out.push(stored.into_row(
                Uuid::parse_str(&id).map_err(|_| corrupt())?,
                code,
                status.parse().map_err(|_| corrupt())?,
                r.get(3)?,
                open.get(&id).copied().unwrap_or(0),
            ));
        }
        out.retain(|row| filter.admits(row));
        Ok(out)
    }

    /// The row of case `id` read from its heads.
    fn case_row_of(&self, id: &str, open_needs: u32) -> Result<Option<CaseRow>> {
        Ok(self
            .states("r.record_id = ?1", id)?
            .first()
            .and_then(|state| case_row(state, open_needs)))
    }

    /// The current code of every live case, by id, from the facts table
    /// (the code of each case's shown head): parsing every case's heads
    /// cost the sidebar's conflict count 160 ms with 10,000 cases.
    pub fn case_codes(&self) -> Result<HashMap<Uuid, String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT record_id, code FROM facts INDEXED BY facts_case_rows
             WHERE kind = 'case' AND live = 1 AND code IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut codes = HashMap::new();
        for row in rows {
            let (id, code) = row?;
            let id = Uuid::parse_str(&id).map_err(|_| crate::Error::CorruptDatabase)?;
            codes.insert(id, code);
        }
        Ok(codes)
    }

    /// Device names by id, from the roster, for "who changed what". A
    /// device with no name is known by the start of its id.
    pub fn device_names(&self) -> Result<HashMap<Uuid, String>> {
        Ok(self
            .devices()?
            .into_iter()
            .map(|d| {
                let name = if d.name.trim().is_empty() {
                    d.device_id.to_string()[..8].to_owned()
                } else {
                    d.name
                };
                (d.device_id, name)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::testing::{case_body, scratch_vault};

    /// The rows the case list reads from the facts table are the rows its
    /// cases' heads give, after edits of every field the list shows.
    #[test]
    fn stored_rows_equal_rows_from_the_heads() {
        let dir = tempfile::tempdir().unwrap();
        let mut v = scratch_vault(dir.path());
        let a = v.add(case_body("L-1")).unwrap().record_id;
        v.add(case_body("L-2")).unwrap();
        let gone = v.add(case_body("L-3")).unwrap().record_id;
        v.modify(a, |b| {
            if let Body::Case(c) = b {
                c.risk = Some(RiskLevel::High);
                c.nationality = Some("Romania".into());
                c.languages = vec!["ro".into(), "en".into()];
                c.assigned_worker = Some("Ana".into());
                c.status = CaseStatus::Monitoring;
                c.profile.exploitation_types = vec![ExploitationType::Labour];
            }
            Ok(())
        })
        .unwrap();
        v.delete(gone).unwrap();
        let from_heads: Vec<CaseRow> = v
            .cases()
            .unwrap()
            .iter()
            .filter_map(|s| case_row(s, 0))
            .collect();
        let stored = v.case_list(None).unwrap();
        assert_eq!(stored, from_heads);
        assert_eq!(stored.len(), 2);
        assert_eq!(stored[0].nationality.as_deref(), Some("RO"));
        assert_eq!(stored[0].assigned_worker.as_deref(), Some("Ana"));
    }
}
