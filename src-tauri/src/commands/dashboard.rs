//! The dashboard command: the core's figures as of today.

use tauri::State;

use crate::dto::DashboardView;
use crate::error::AppResult;
use crate::state::{guard, AppState};

/// The figures as of `today`, the local date of the person's computer as
/// the page knows it (`YYYY-MM-DD`); this computer's own when it is missing
/// or malformed.
#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>, today: Option<String>) -> AppResult<DashboardView> {
    let quiet_days = i64::from(guard(&state.settings).quiet_case_days);
    let today = today
        .as_deref()
        .and_then(|d| fieldnotes_core::dates::parse_date("date", d).ok())
        .unwrap_or_else(fieldnotes_core::dates::today_local);
    state.with_vault(|v| {
        Ok(DashboardView::new(
            v.dashboard(today, quiet_days)?,
            quiet_days,
        ))
    })
}
