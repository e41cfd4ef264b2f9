//! The statistics commands: a preview of the suppressed tables, and saving
//! them as CSV, XLSX or PDF where the user chooses (audited by the core).

use tauri::{AppHandle, State};

use crate::dto::{StatsFormatInput, StatsRequestInput, StatsView};
use crate::error::AppResult;
use crate::pick::{self, Purpose};
use crate::state::AppState;
use fieldnotes_core::report::{StatsFormat, StatsRequest};

/// The anonymised tables `request` asks for, as every output shows them.
#[tauri::command(async)]
pub fn statistics_preview(
    state: State<'_, AppState>,
    request: StatsRequestInput,
) -> AppResult<StatsView> {
    let request = StatsRequest::from(request);
    state.with_vault(|v| Ok(v.statistics(&request)?.into()))
}

/// Saves the statistics in `format` where the user chooses; the path, or
/// `None` if cancelled.
#[tauri::command(async)]
pub fn save_statistics(
    app: AppHandle,
    state: State<'_, AppState>,
    request: StatsRequestInput,
    format: StatsFormatInput,
) -> AppResult<Option<String>> {
    let (request, format) = (StatsRequest::from(request), StatsFormat::from(format));
    let name = format.file_name(&request);
    let Some(path) = pick::save_file(&app, Purpose::SaveStatistics, &name) else {
        return Ok(None);
    };
    state.with_vault(|v| Ok(v.write_statistics(&request, format, &path)?))?;
    Ok(Some(path.display().to_string()))
}
