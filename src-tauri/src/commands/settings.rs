//! Settings: language, idle auto-lock minutes, backups, quiet cases and the
//! window's title (this laptop's), and the retention period (the vault's
//! own, kept inside it, so it travels with its backups).

use tauri::{AppHandle, Manager, State};

use crate::error::{AppError, AppResult};
use crate::settings::{valid_title, AboutView, Settings};
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

/// The version and the commit this app was built from, for its About.
#[tauri::command(async)]
pub fn about() -> AppResult<AboutView> {
    Ok(AboutView::current())
}

/// Sets the window's title: the UI's neutral words while its quick-exit
/// screen shows or when the settings ask for them, else "Fieldnotes".
#[tauri::command(async)]
pub fn set_window_title(app: AppHandle, title: String) -> AppResult<()> {
    if !valid_title(&title) {
        return Err(AppError::invalid("window title"));
    }
    let window = app
        .get_webview_window("main")
        .ok_or_else(|| AppError::invalid("window"))?;
    window
        .set_title(&title)
        .map_err(|_| AppError::invalid("window title"))
}

/// The vault's retention period in months; `None`: none.
#[tauri::command(async)]
pub fn vault_retention(state: State<'_, AppState>) -> AppResult<Option<u32>> {
    state.with_vault(|v| Ok(v.retention_months()?))
}

/// Sets (or removes) the vault's retention period; audited by the core.
#[tauri::command(async)]
pub fn set_vault_retention(
    state: State<'_, AppState>,
    months: Option<u32>,
) -> AppResult<Option<u32>> {
    state.with_vault(|v| {
        v.set_retention_months(months)?;
        Ok(v.retention_months()?)
    })
}
