//! Upkeep of the vault's stored files: moving the attachments of a vault
//! made by an earlier version out of its database (once, with progress),
//! and checking the vault (signatures, database, every sealed file).
//!
//! Invariant: the UI asks [`attachments_to_move`] after every unlock or
//! restore and, when anything is left, shows only the moving screen until
//! [`move_attachments`] has finished; until then the core refuses to
//! attach, read, export or import files (`attachments_not_moved`).

use fieldnotes_core::backup::{Phase, Progress};
use tauri::ipc::Channel;
use tauri::State;

use crate::dto::{BackupProgress, MovePlanView, VaultCheckView};
use crate::error::AppResult;
use crate::state::AppState;

/// Progress is sent at most once per this many bytes, and at the end.
const STEP: u64 = 1 << 20;

/// Forwards the core's progress to `channel`, at most once per [`STEP`]
/// bytes and at every change of phase. A long operation counts as
/// activity, so the idle lock does not fall on it.
pub fn phased<'a>(
    state: &'a AppState,
    channel: &'a Channel<BackupProgress>,
) -> impl FnMut(Progress) + 'a {
    let mut last: Option<(Phase, u64)> = None;
    move |p: Progress| {
        state.touch();
        let due = last.is_none_or(|(phase, done)| {
            phase != p.phase || p.done >= done + STEP || p.done == p.total
        });
        if due {
            last = Some((p.phase, p.done));
            let _ = channel.send(p.into());
        }
    }
}

/// How many attachments (and bytes) are still inside the database.
#[tauri::command(async)]
pub fn attachments_to_move(state: State<'_, AppState>) -> AppResult<MovePlanView> {
    state.with_vault(|v| Ok(v.attachments_to_move()?.into()))
}

/// Moves them out into sealed files (phase `moving`); how many moved.
/// Resumes where an interrupted move stopped.
#[tauri::command(async)]
pub fn move_attachments(
    state: State<'_, AppState>,
    on_progress: Channel<BackupProgress>,
) -> AppResult<u32> {
    let mut report = phased(&state, &on_progress);
    state
        .with_vault(|v| Ok(u32::try_from(v.move_attachments_out(&mut report)?).unwrap_or(u32::MAX)))
}

/// Checks every version's signature, the database, and opens every sealed
/// file (phase `verifying`). A bad signature fails with its own error.
#[tauri::command(async)]
pub fn check_vault(
    state: State<'_, AppState>,
    on_progress: Channel<BackupProgress>,
) -> AppResult<VaultCheckView> {
    let mut report = phased(&state, &on_progress);
    state.with_vault(|v| {
        Ok(VaultCheckView {
            versions: v.verify_signatures()?,
            database_sound: v.integrity_check()?,
            files: v.check_attachments(&mut report)?.into(),
        })
    })
}
