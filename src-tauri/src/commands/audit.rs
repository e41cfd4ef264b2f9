//! The audit log, subjects named, and its chain check.

use tauri::State;

use crate::dto::AuditView;
use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn audit_log(state: State<'_, AppState>) -> AppResult<AuditView> {
    state.with_vault(|v| Ok(v.audit_view()?.into()))
}
