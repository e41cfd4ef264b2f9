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
mod diff;
mod history;

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use crate::case_model::{ExploitationType, Gender};
use crate::error::Result;
use crate::model::Body;
use crate::records::RecordState;
use crate::vault::Vault;
use crate::vocab::{CaseStatus, RiskLevel};

pub use audit_view::{AuditRow, AuditView};
pub use case_page::{AttachmentItem, CasePage, Item};
pub use case_query::{CaseListPage, CaseQuery, SortColumn, MAX_PAGE};
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
    state
        .heads
        .last()
        .map(|v| v.hlc.to_rfc3339())
        .unwrap_or_default()
}

fn case_row(state: &RecordState, open_needs: u32) -> Option<CaseRow> {
    let Some(Body::Case(c)) = shown(state) else {
        return None;
    };
    let coded = crate::case_model::coded(c);
    Some(CaseRow {
        id: state.record_id,
        code: c.code.clone(),
        status: c.status,
        risk: c.risk,
        nationality: coded.nationality,
        languages: coded.languages,
        assigned_worker: c.assigned_worker.clone(),
        open_needs,
        updated: updated(state),
        conflict: state.conflict,
        gender: c.profile.gender,
        is_child: c.profile.is_child(),
        exploitation_types: c.profile.exploitation_types.clone(),
        needs_review: !coded.to_review.is_empty(),
    })
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
        // Open needs are counted from the facts table: reading every
        // record's heads cost seconds at a lead's scale.
        let mut open: HashMap<Uuid, u32> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT case_id, COUNT(*) FROM facts
             WHERE kind = 'need' AND live = 1 AND open = 1 GROUP BY case_id",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
            let (case, count) = row?;
            if let Ok(case) = Uuid::parse_str(&case) {
                open.insert(case, count);
            }
        }
        Ok(self
            .cases()?
            .iter()
            .filter_map(|r| case_row(r, open.get(&r.record_id).copied().unwrap_or(0)))
            .filter(|row| filter.admits(row))
            .collect())
    }

    /// The current code of every live case, by id, from the facts table
    /// (the code of each case's shown head): parsing every case's heads
    /// cost the sidebar's conflict count 160 ms with 10,000 cases.
    pub fn case_codes(&self) -> Result<HashMap<Uuid, String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT record_id, code FROM facts
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
