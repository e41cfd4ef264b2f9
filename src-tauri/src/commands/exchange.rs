//! Exchange commands: this device's card, the roster, export and import of
//! bundles with progress, and conflict resolution. Paths come only from
//! the native dialogs in [`crate::pick`].

use std::path::Path;

use fieldnotes_core::exchange::{ExportOptions, ImportInfo};
use fieldnotes_core::roster::{Card, Device};
use fieldnotes_core::{Kind, Vault};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use super::throttled;
use crate::convert::{self, id};
use crate::dto::{
    CardView, ConflictView, DeviceView, ExportRequest, ExportResult, ImportSummary, Progress,
};
use crate::error::{AppError, AppResult};
use crate::pick::{self, Purpose};
use crate::state::AppState;

fn card_view(card: &Card) -> CardView {
    CardView {
        device_id: card.device_id.to_string(),
        name: card.name.clone(),
        fingerprint: card.fingerprint.clone(),
        age_recipient: card.age_recipient.clone(),
        text: card.to_json(),
    }
}

fn device_view(d: Device) -> DeviceView {
    DeviceView {
        device_id: d.device_id.to_string(),
        name: d.name,
        fingerprint: d.fingerprint,
        this_device: d.this_device,
        trusted: d.trusted,
        revoked_at: d.revoked_at.map(|h| h.to_rfc3339()),
    }
}

/// A name safe in a suggested file name.
fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let s = s.trim_matches('-');
    if s.is_empty() { "device" } else { s }.to_owned()
}

#[tauri::command(async)]
pub fn my_card(state: State<'_, AppState>) -> AppResult<CardView> {
    state.with_vault(|v| Ok(card_view(&v.card()?)))
}

#[tauri::command(async)]
pub fn set_device_name(state: State<'_, AppState>, name: String) -> AppResult<CardView> {
    state.with_vault(|v| {
        v.set_device_name(name.trim())?;
        Ok(card_view(&v.card()?))
    })
}

/// Saves this device's card where the user chooses; `None` if cancelled.
#[tauri::command(async)]
pub fn save_card(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<String>> {
    let card = state.with_vault(|v| Ok(v.card()?))?;
    let suggested = format!("fieldnotes-card-{}.json", file_stem(&card.name));
    let Some(path) = pick::save_file(&app, Purpose::SaveCard, &suggested) else {
        return Ok(None);
    };
    std::fs::write(&path, card.to_json() + "\n")
        .map_err(|e| AppError::new("io", format!("Could not save the card: {e}")))?;
    Ok(Some(path.display().to_string()))
}

/// Reads a colleague's card from a file, for its fingerprint to be compared
/// before it is trusted; `None` if cancelled.
#[tauri::command(async)]
pub fn read_card(app: AppHandle) -> AppResult<Option<CardView>> {
    let Some(path) = pick::open_file(&app, Purpose::Card, Some(("Identity card", &["json"])))
    else {
        return Ok(None);
    };
    // A card is a few hundred bytes; anything else is not one.
    let invalid = |_| AppError::from(fieldnotes_core::Error::InvalidCard);
    let len = std::fs::metadata(&path).map_err(invalid)?.len();
    if len > 64 * 1024 {
        return Err(fieldnotes_core::Error::InvalidCard.into());
    }
    let text = std::fs::read_to_string(&path).map_err(invalid)?;
    Ok(Some(card_view(&Card::parse(&text)?)))
}

#[tauri::command(async)]
pub fn trust_card(
    state: State<'_, AppState>,
    text: String,
    name: Option<String>,
) -> AppResult<DeviceView> {
    let card = Card::parse(&text)?;
    let name = convert::opt(name);
    state.with_vault(|v| Ok(device_view(v.trust(&card, name.as_deref())?)))
}

#[tauri::command(async)]
pub fn list_devices(state: State<'_, AppState>) -> AppResult<Vec<DeviceView>> {
    state.with_vault(|v| Ok(v.devices()?.into_iter().map(device_view).collect()))
}

#[tauri::command(async)]
pub fn revoke_device(state: State<'_, AppState>, device_id: String) -> AppResult<DeviceView> {
    let device = id(&device_id)?;
    state.with_vault(|v| Ok(device_view(v.revoke(device)?)))
}

/// Writes a bundle where the user chooses; `None` if cancelled.
#[tauri::command(async)]
pub fn export_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
    on_progress: Channel<Progress>,
) -> AppResult<Option<ExportResult>> {
    let opts = ExportOptions {
        to: request.to.iter().map(|t| id(t)).collect::<AppResult<_>>()?,
        cases: request
            .cases
            .iter()
            .map(|c| id(c))
            .collect::<AppResult<_>>()?,
        ..ExportOptions::default()
    };
    let day = fieldnotes_core::dates::today_local();
    let Some(path) = pick::save_file(&app, Purpose::SaveBundle, &format!("fieldnotes-{day}.fnb"))
    else {
        return Ok(None);
    };
    let mut progress = throttled(&on_progress);
    state.with_vault(|v| {
        let info = v.export(&opts, &path, &mut |p| progress(p.done, p.total))?;
        Ok(Some(ExportResult {
            file: info.path.display().to_string(),
            versions: info.versions,
            attachments: info.blobs,
            size: info.size,
        }))
    })
}

fn summary(v: &Vault, info: &ImportInfo) -> AppResult<ImportSummary> {
    let count = |k: Kind| info.new_by_kind.get(&k).copied().unwrap_or(0);
    let (cases, notes, needs) = (count(Kind::Case), count(Kind::Note), count(Kind::Need));
    Ok(ImportSummary {
        sender_name: v.device(info.sender)?.name,
        already_imported: info.already_imported,
        new_cases: cases,
        new_notes: notes,
        new_needs: needs,
        new_other: info.new_records.saturating_sub(cases + notes + needs),
        new_versions: info.new_versions,
        conflicts: info.conflicts.len() as u64,
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
        let info = v.import(Path::new(&path), &mut |p| progress(p.done, p.total))?;
        Ok(Some(summary(v, &info)?))
    })
}

#[tauri::command(async)]
pub fn list_conflicts(state: State<'_, AppState>) -> AppResult<Vec<ConflictView>> {
    state.with_vault(|v| {
        let names = convert::device_names(v)?;
        let codes = convert::case_codes(v)?;
        v.conflicts()?
            .into_iter()
            .map(|c| {
                let case_id = match c.kind {
                    Kind::Case => Some(c.record_id),
                    _ => c.heads.iter().find_map(|h| h.body.as_ref()?.case()),
                };
                Ok(ConflictView {
                    record_id: c.record_id.to_string(),
                    kind: c.kind.as_str().into(),
                    case_id: case_id.map(|i| i.to_string()),
                    case_code: case_id.and_then(|i| codes.get(&i).cloned()),
                    versions: convert::history(&c.heads, v.device_id(), &names),
                    text_merge: c.kind == Kind::Note,
                })
            })
            .collect()
    })
}

/// Keeps one version (`keep`) or writes a hand-merged note text; `seen`
/// are the versions the person compared.
#[tauri::command(async)]
pub fn resolve_conflict(
    state: State<'_, AppState>,
    record_id: String,
    seen: Vec<String>,
    keep: Option<String>,
    text: Option<String>,
) -> AppResult<()> {
    let rid = id(&record_id)?;
    let keep = keep.as_deref().map(id).transpose()?;
    let seen = seen.iter().map(|s| id(s)).collect::<AppResult<Vec<_>>>()?;
    state.with_vault(|v| {
        v.check_heads(rid, &seen)?;
        match (keep, text) {
            (Some(version), _) => v.resolve_keep(rid, version)?,
            (None, Some(text)) => v.resolve_text(rid, &text)?,
            (None, None) => return Err(AppError::invalid("resolution")),
        };
        Ok(())
    })
}
