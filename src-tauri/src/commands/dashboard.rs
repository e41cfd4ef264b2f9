//! The dashboard command: the core's figures as of today.

use tauri::State;

use crate::dto::{
    ActivityView, CategoryCountView, DashboardView, OverdueView, QuietCaseView, StatusCountView,
};
use crate::error::AppResult;
use crate::state::{guard, AppState};

/// The figures as of `today`, the local date of the person's computer as
/// the page knows it (`YYYY-MM-DD`); UTC when it is missing or malformed.
#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>, today: Option<String>) -> AppResult<DashboardView> {
    let quiet_days = i64::from(guard(&state.settings).quiet_case_days);
    let today = today
        .as_deref()
        .and_then(fieldnotes_core::dashboard::date_prefix)
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    state.with_vault(|v| {
        let d = v.dashboard(today, quiet_days)?;
        let s = |u: uuid::Uuid| u.to_string();
        Ok(DashboardView {
            needs_by_category: d
                .needs_by_category
                .into_iter()
                .map(|c| CategoryCountView {
                    category: c.category.as_str().into(),
                    open: c.open,
                    total: c.total,
                })
                .collect(),
            needs_by_status: d
                .needs_by_status
                .into_iter()
                .map(|c| StatusCountView {
                    status: c.status.as_str().into(),
                    count: c.count,
                })
                .collect(),
            overdue: d
                .overdue
                .into_iter()
                .map(|o| OverdueView {
                    record_id: s(o.record_id),
                    kind: o.kind.as_str().into(),
                    case_id: s(o.case_id),
                    case_code: o.case_code,
                    title: o.title,
                    due: o.due,
                    days_late: o.days_late,
                })
                .collect(),
            quiet_cases: d
                .quiet_cases
                .into_iter()
                .map(|q| QuietCaseView {
                    case_id: s(q.case_id),
                    case_code: q.case_code,
                    last_contact: q.last_contact,
                })
                .collect(),
            quiet_days,
            recent: d
                .recent
                .into_iter()
                .map(|a| ActivityView {
                    record_id: s(a.record_id),
                    kind: a.kind.as_str().into(),
                    case_id: a.case_id.map(s),
                    case_code: a.case_code,
                    at: a.at,
                    author_name: a.author_name,
                    this_device: a.this_device,
                    created: a.created,
                    deleted: a.deleted,
                })
                .collect(),
            conflicts: d.conflicts,
            last_export: d.last_export,
            last_backup: d.last_backup,
        })
    })
}
