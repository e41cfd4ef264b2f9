//! Erasure of a record or a whole case: what it would remove, shown in the
//! confirmation, and the erasure itself, for a reason of the vocabulary.

use tauri::State;
use uuid::Uuid;

use crate::dto::{EraseInput, ErasurePlanView};
use crate::error::AppResult;
use crate::state::AppState;

/// What erasing `record_id` (a record, or a case with all of it) removes.
#[tauri::command(async)]
pub fn erasure_plan(state: State<'_, AppState>, record_id: Uuid) -> AppResult<ErasurePlanView> {
    state.with_vault(|v| Ok(v.erasure_plan(record_id)?.into()))
}

/// Erases for good; the UI asks first, with the plan.
#[tauri::command(async)]
pub fn erase(state: State<'_, AppState>, input: EraseInput) -> AppResult<ErasurePlanView> {
    state.with_vault(|v| Ok(v.erase(input.record_id, input.reason)?.into()))
}
