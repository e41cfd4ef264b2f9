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
        let hits = v.search(&query, LIMIT)?;
        Ok(hits
            .into_iter()
            .map(|h| SearchHit {
                record_id: h.record_id.to_string(),
                kind: h.kind.as_str().into(),
                case_id: h
                    .case_code
                    .as_deref()
                    .and_then(|c| v.case_id(c).ok())
                    .map(|u| u.to_string()),
                case_code: h.case_code,
                snippet: h.snippet,
            })
            .collect())
    })
}
