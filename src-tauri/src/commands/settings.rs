//! Settings: language, idle auto-lock minutes, backups and quiet cases.

use tauri::State;

use crate::error::AppResult;
use crate::settings::Settings;
use crate::state::{guard, AppState};

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> AppResult<Settings> {
    Ok(guard(&state.settings).clone())
}

#[tauri::command(async)]
pub fn set_settings(state: State<'_, AppState>, settings: Settings) -> AppResult<Settings> {
    let settings = settings.validated()?;
    settings.save(&state.settings_path)?;
    *guard(&state.settings) = settings.clone();
    Ok(settings)
}
