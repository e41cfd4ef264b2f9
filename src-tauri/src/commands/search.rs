//! Full-text search across the vault.

use tauri::State;

use crate::dto::SearchHit;
use crate::error::AppResult;
use crate::state::AppState;

/// How many hits the search screen shows.
const LIMIT: u32 = 50;

#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, query: String) -> AppResult<Vec<SearchHit>> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    state.with_vault(|v| {
        Ok(v.search(&query, LIMIT)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}
