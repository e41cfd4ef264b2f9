//! Follow-up commands: the people to assign them to, editing, completing
//! and reopening one (adding one is `records::save_followup`), and those
//! due this week (for the overview). Deleting one is the record erasure
//! (`erasure::erase`).

use fieldnotes_core::dates::{parse_date, today_local};
use tauri::State;
use uuid::Uuid;

use crate::dto::{AssigneeView, DueFollowUpView, FollowUpEditInput};
use crate::error::AppResult;
use crate::state::AppState;

/// The roster as people to assign follow-ups to, this device first.
#[tauri::command(async)]
pub fn followup_assignees(state: State<'_, AppState>) -> AppResult<Vec<AssigneeView>> {
    state.with_vault(|v| Ok(crate::dto::all(v.assignees()?)))
}

#[tauri::command(async)]
pub fn edit_followup(
    state: State<'_, AppState>,
    followup_id: Uuid,
    input: FollowUpEditInput,
) -> AppResult<()> {
    state.with_vault(|v| Ok(v.edit_follow_up(followup_id, input.into()).map(drop)?))
}

/// Marks a follow-up done, or open again.
#[tauri::command(async)]
pub fn set_followup_done(
    state: State<'_, AppState>,
    followup_id: Uuid,
    done: bool,
) -> AppResult<()> {
    state.with_vault(|v| Ok(v.set_follow_up_done(followup_id, done).map(drop)?))
}

/// The open follow-ups due by the end of the week of `today` (the page's
/// local date, `YYYY-MM-DD`; this computer's when missing or malformed).
#[tauri::command(async)]
pub fn due_this_week(
    state: State<'_, AppState>,
    today: Option<String>,
) -> AppResult<Vec<DueFollowUpView>> {
    let today = today
        .as_deref()
        .and_then(|d| parse_date("date", d).ok())
        .unwrap_or_else(today_local);
    state.with_vault(|v| Ok(crate::dto::all(v.due_this_week(today)?)))
}
