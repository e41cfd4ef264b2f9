//! Backup commands: removable drives, a backup written and verified with
//! progress, the backups on a drive, and restore onto this laptop. The
//! target folder comes from the drive list or the folder dialog.

use std::path::PathBuf;

use fieldnotes_core::backup::{Phase, Progress};
use fieldnotes_core::restore::RestoreKey;
use fieldnotes_core::SecretString;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::dto::{
    all, BackupEntryView, BackupProgress, BackupResult, DriveView, ErasedRemovalView, RestoreResult,
};
use crate::error::{AppError, AppResult, ShellErrorCode};
use crate::pick::{self, Purpose};
use crate::state::{guard, AppState};

/// Sends progress at most once per MiB, and at every change of phase. A
/// long operation counts as activity, so the idle lock does not fall on it.
fn reporter<'a>(
    state: &'a AppState,
    channel: &'a Channel<BackupProgress>,
) -> impl FnMut(Progress) + 'a {
    let mut last: Option<(Phase, u64)> = None;
    move |p: Progress| {
        state.touch();
        let due = match last {
            Some((phase, done)) => {
                phase != p.phase || p.done >= done + (1 << 20) || p.done == p.total
            }
            None => true,
        };
        if due {
            last = Some((p.phase, p.done));
            let _ = channel.send(p.into());
        }
    }
}

/// A folder the UI sent back: one the user chose, and still there.
fn folder(state: &AppState, dir: &str) -> AppResult<PathBuf> {
    let path = state.chosen(dir)?;
    if !path.is_dir() {
        return Err(AppError::new(
            ShellErrorCode::NoFolder,
            "That folder or drive is not there any more. Plug the drive in, or choose another folder.",
        ));
    }
    Ok(path)
}

#[tauri::command(async)]
pub fn list_drives(state: State<'_, AppState>) -> AppResult<Vec<DriveView>> {
    let offer = |d: fieldnotes_core::drives::Drive| DriveView {
        name: d.display_name(),
        path: state.offer(d.mount_point).display().to_string(),
        device: d.device,
        available_bytes: d.available_bytes,
        total_bytes: d.total_bytes,
    };
    Ok(fieldnotes_core::drives::removable_drives()
        .into_iter()
        .map(offer)
        .collect())
}

/// Lets the user choose a folder to back up to; `None` if cancelled.
#[tauri::command(async)]
pub fn pick_backup_folder(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<String>> {
    let picked = pick::folder(&app, Purpose::BackupFolder);
    Ok(picked.map(|p| state.offer(p).display().to_string()))
}

/// Lets the user choose a backup file to restore; `None` if cancelled.
#[tauri::command(async)]
pub fn pick_backup_file(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<String>> {
    let filter = (
        "Fieldnotes backup",
        &[fieldnotes_core::backup::EXTENSION][..],
    );
    let picked = pick::open_file(&app, Purpose::BackupFile, Some(filter));
    Ok(picked.map(|p| state.offer(p).display().to_string()))
}

/// Backs up into `dir`, reads the backup back, then keeps the newest
/// backups the settings ask for.
#[tauri::command(async)]
pub fn backup_now(
    state: State<'_, AppState>,
    dir: String,
    on_progress: Channel<BackupProgress>,
) -> AppResult<BackupResult> {
    let dir = folder(&state, &dir)?;
    let keep = guard(&state.settings).backup_keep as usize;
    let mut report = reporter(&state, &on_progress);
    state.with_vault(|v| Ok(v.backup(&dir, Some(keep), &mut report)?.into()))
}

/// The backups in `dir`, newest first; this vault's are verified one by one.
#[tauri::command(async)]
pub fn list_backups(
    state: State<'_, AppState>,
    dir: String,
    on_progress: Channel<BackupProgress>,
) -> AppResult<Vec<BackupEntryView>> {
    let dir = folder(&state, &dir)?;
    let mut report = reporter(&state, &on_progress);
    let entries = state.with_vault(|v| Ok(v.list_backups(&dir, &mut report)?))?;
    Ok(all(entries))
}

/// Removes this vault's backups in `dir` that still hold erased records,
/// making a fresh one first when none free of them would be left.
#[tauri::command(async)]
pub fn remove_backups_holding_erased(
    state: State<'_, AppState>,
    dir: String,
    on_progress: Channel<BackupProgress>,
) -> AppResult<ErasedRemovalView> {
    let dir = folder(&state, &dir)?;
    let mut report = reporter(&state, &on_progress);
    state.with_vault(|v| Ok(v.remove_backups_holding_erased(&dir, &mut report)?.into()))
}

/// Restores `file` as this laptop's vault, opened with the passphrase it
/// had at backup time. An existing vault is replaced only with `replace`:
/// once the backup has been decrypted and verified, the open vault is
/// locked and kept aside (see [`AppState::restore`]). A wrong passphrase or
/// a damaged backup leaves it open and untouched.
#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    file: String,
    passphrase: String,
    replace: bool,
    on_progress: Channel<BackupProgress>,
) -> AppResult<RestoreResult> {
    let file = state.chosen(&file)?;
    let passphrase = SecretString::from(passphrase);
    let mut report = reporter(&state, &on_progress);
    let info = state.restore(
        &file,
        RestoreKey::Passphrase(&passphrase),
        replace,
        &mut report,
    )?;
    Ok(info.into())
}
