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
mod history;

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use crate::error::Result;
use crate::model::Body;
use crate::records::RecordState;
use crate::vault::Vault;
use crate::vocab::{CaseStatus, Kind, RiskLevel};

pub use audit_view::{AuditRow, AuditView};
pub use case_page::{AttachmentItem, CasePage, Item};
pub use history::{ConflictView, FieldValue, HistoryView, VersionRow};

/// One row of the case list: never the identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    pub id: Uuid,
    pub code: String,
    pub status: CaseStatus,
    pub risk: Option<RiskLevel>,
    pub nationality: Option<String>,
    pub languages: Vec<String>,
    pub assigned_worker: Option<String>,
    /// Needs whose referral status is still open ([`crate::ReferralStatus::is_open`]).
    pub open_needs: u32,
    /// When the case record last changed (RFC 3339).
    pub updated: String,
    pub conflict: bool,
}

/// The body a record is shown by: its newest head that has one.
pub(crate) fn shown(state: &RecordState) -> Option<&Body> {
    state.heads.iter().rev().find_map(|v| v.body.as_ref())
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
    Some(CaseRow {
        id: state.record_id,
        code: c.code.clone(),
        status: c.status,
        risk: c.risk,
        nationality: c.nationality.clone(),
        languages: c.languages.clone(),
        assigned_worker: c.assigned_worker.clone(),
        open_needs,
        updated: updated(state),
        conflict: state.conflict,
    })
}

impl Vault {
    /// The case list, in creation order, optionally only cases with `status`.
    pub fn case_list(&self, status: Option<CaseStatus>) -> Result<Vec<CaseRow>> {
        let records = self.records()?;
        let mut open: HashMap<Uuid, u32> = HashMap::new();
        for r in records.iter().filter(|r| r.kind == Kind::Need) {
            if let Some(Body::Need(n)) = shown(r) {
                if n.status.is_open() {
                    *open.entry(n.case).or_default() += 1;
                }
            }
        }
        Ok(records
            .iter()
            .filter(|r| r.kind == Kind::Case)
            .filter_map(|r| case_row(r, open.get(&r.record_id).copied().unwrap_or(0)))
            .filter(|row| status.is_none_or(|s| s == row.status))
            .collect())
    }

    /// The current code of every live case, by id.
    pub fn case_codes(&self) -> Result<HashMap<Uuid, String>> {
        Ok(self
            .cases()?
            .iter()
            .filter_map(|c| match shown(c) {
                Some(Body::Case(b)) => Some((c.record_id, b.code.clone())),
                _ => None,
            })
            .collect())
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
