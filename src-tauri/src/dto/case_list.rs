//! Payloads of the case list, a page at a time (the core's
//! `Vault::case_list_page`): the query the list sends and the page it gets.

use fieldnotes_core::case_model::Lang;
use fieldnotes_core::views::{CaseListPage, CaseQuery, SortColumn};
use fieldnotes_core::{CaseStatus, ExploitationType, RiskLevel};
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::CaseSummary;

/// The filters, the order and the rows wanted (by default: none, as no
/// filter, sort and page size were chosen).
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct CaseListQuery {
    /// Part of a code, a nationality (code or name) or a worker.
    pub text: String,
    #[ts(type = "CaseStatus | null")]
    pub status: Option<CaseStatus>,
    #[ts(type = "RiskLevel | null")]
    pub risk: Option<RiskLevel>,
    pub worker: Option<String>,
    pub open_needs_only: bool,
    #[ts(type = "string | null")]
    pub exploitation: Option<ExploitationType>,
    pub child_only: bool,
    #[ts(
        type = "'code' | 'status' | 'risk' | 'nationality' | 'worker' | 'open_needs' | 'updated'"
    )]
    pub sort: SortColumn,
    pub descending: bool,
    /// The language names are compared in.
    #[ts(type = "'en' | 'ro'")]
    pub lang: Lang,
    pub offset: u32,
    pub limit: u32,
}

impl From<CaseListQuery> for CaseQuery {
    fn from(q: CaseListQuery) -> Self {
        CaseQuery {
            text: q.text,
            status: q.status,
            risk: q.risk,
            worker: q.worker.filter(|w| !w.is_empty()),
            open_needs_only: q.open_needs_only,
            exploitation: q.exploitation,
            child_only: q.child_only,
            sort: q.sort,
            descending: q.descending,
            lang: q.lang,
            offset: q.offset as usize,
            limit: q.limit as usize,
        }
    }
}

/// One page of the list, with the counts the list shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseListPageView {
    /// Every case, matching or not.
    pub total: u32,
    /// The cases the filters admit.
    pub matching: u32,
    pub offset: u32,
    pub rows: Vec<CaseSummary>,
    /// The worker filter's choices.
    pub workers: Vec<String>,
}

/// A case to choose (for an export): its id and code.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseChoice {
    pub id: Uuid,
    pub code: String,
}

/// The cases of `codes`, by code, then id.
pub fn choices(codes: HashMap<Uuid, String>) -> Vec<CaseChoice> {
    let mut out: Vec<CaseChoice> = codes
        .into_iter()
        .map(|(id, code)| CaseChoice { id, code })
        .collect();
    out.sort_by(|a, b| (&a.code, a.id).cmp(&(&b.code, b.id)));
    out
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<CaseListPage> for CaseListPageView {
    fn from(p: CaseListPage) -> Self {
        CaseListPageView {
            total: count(p.total),
            matching: count(p.matching),
            offset: count(p.offset),
            rows: p.rows.into_iter().map(Into::into).collect(),
            workers: p.workers,
        }
    }
}
