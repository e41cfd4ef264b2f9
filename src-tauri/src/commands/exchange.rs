//! Exchange commands: this device's card, the roster, export and import of
//! bundles with progress, and conflict resolution. Paths come only from
//! the native dialogs in [`crate::pick`].

use fieldnotes_core::files::{bundle_file_name, card_file_name};
use fieldnotes_core::roster::Card;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use uuid::Uuid;

use super::throttled;
use crate::dto::{
    opt, CardView, ConflictView, DeviceView, ExportRequest, ExportResult, ImportSummary, Progress,
};
use crate::error::{AppError, AppResult};
use crate::pick::{self, Purpose};
use crate::state::AppState;

#[tauri::command(async)]
pub fn my_card(state: State<'_, AppState>) -> AppResult<CardView> {
    state.with_vault(|v| Ok((&v.card()?).into()))
}

#[tauri::command(async)]
pub fn set_device_name(state: State<'_, AppState>, name: String) -> AppResult<CardView> {
    state.with_vault(|v| {
        v.set_device_name(name.trim())?;
        Ok((&v.card()?).into())
    })
}

/// Saves this device's card where the user chooses; `None` if cancelled.
#[tauri::command(async)]
pub fn save_card(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<String>> {
    let card = state.with_vault(|v| Ok(v.card()?))?;
    let Some(path) = pick::save_file(&app, Purpose::SaveCard, &card_file_name(&card.name)) else {
        return Ok(None);
    };
    card.write_file(&path, true)?;
    Ok(Some(path.display().to_string()))
}

/// Reads a colleague's card from a file, for its fingerprint to be compared
/// before it is trusted; `None` if cancelled.
#[tauri::command(async)]
pub fn read_card(app: AppHandle) -> AppResult<Option<CardView>> {
    let filter = ("Identity card", &["json"][..]);
    let Some(path) = pick::open_file(&app, Purpose::Card, Some(filter)) else {
        return Ok(None);
    };
    Ok(Some((&Card::read_file(&path)?).into()))
}

#[tauri::command(async)]
pub fn trust_card(
    state: State<'_, AppState>,
    text: String,
    name: Option<String>,
) -> AppResult<DeviceView> {
    let card = Card::parse(&text)?;
    let name = opt(name);
    state.with_vault(|v| Ok(v.trust(&card, name.as_deref())?.into()))
}

#[tauri::command(async)]
pub fn list_devices(state: State<'_, AppState>) -> AppResult<Vec<DeviceView>> {
    state.with_vault(|v| Ok(v.devices()?.into_iter().map(Into::into).collect()))
}

#[tauri::command(async)]
pub fn revoke_device(state: State<'_, AppState>, device_id: Uuid) -> AppResult<DeviceView> {
    state.with_vault(|v| Ok(v.revoke(device_id)?.into()))
}

/// Writes a bundle where the user chooses; `None` if cancelled.
#[tauri::command(async)]
pub fn export_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
    on_progress: Channel<Progress>,
) -> AppResult<Option<ExportResult>> {
    let Some(path) = pick::save_file(&app, Purpose::SaveBundle, &bundle_file_name()) else {
        return Ok(None);
    };
    let mut progress = throttled(&on_progress);
    let options = request.into();
    state.with_vault(|v| {
        let info = v.export(&options, &path, &mut |p| progress(p.done, p.total))?;
        Ok(Some(info.into()))
    })
}

/// Verifies and merges a bundle the user picks; `None` if cancelled.
#[tauri::command(async)]
pub fn import_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
    on_progress: Channel<Progress>,
) -> AppResult<Option<ImportSummary>> {
    let filter = ("Fieldnotes bundle", &["fnb"][..]);
    let Some(path) = pick::open_file(&app, Purpose::Bundle, Some(filter)) else {
        return Ok(None);
    };
    let mut progress = throttled(&on_progress);
    state.with_vault(|v| {
        let info = v.import(&path, &mut |p| progress(p.done, p.total))?;
        Ok(Some(ImportSummary::named(&info, v)?))
    })
}

#[tauri::command(async)]
pub fn list_conflicts(state: State<'_, AppState>) -> AppResult<Vec<ConflictView>> {
    state.with_vault(|v| Ok(v.conflict_views()?.into_iter().map(Into::into).collect()))
}

/// Keeps one version (`keep`) or writes a hand-merged note text; `seen`
/// are the versions the person compared.
#[tauri::command(async)]
pub fn resolve_conflict(
    state: State<'_, AppState>,
    record_id: Uuid,
    seen: Vec<Uuid>,
    keep: Option<Uuid>,
    text: Option<String>,
) -> AppResult<()> {
    state.with_vault(|v| {
        v.check_heads(record_id, &seen)?;
        match (keep, text) {
            (Some(version), _) => v.resolve_keep(record_id, version)?,
            (None, Some(text)) => v.resolve_text(record_id, &text)?,
            (None, None) => return Err(AppError::invalid("resolution")),
        };
        Ok(())
    })
}
