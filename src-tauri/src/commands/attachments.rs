//! Attachments: picked with the native file dialog, streamed into the vault
//! by the core with progress over a channel, and read back as bytes over
//! IPC for display. Nothing decrypted is ever written to disk.

use tauri::ipc::{Channel, Response};
use tauri::{AppHandle, State};
use uuid::Uuid;

use super::throttled;
use crate::dto::{AttachmentView, Bytes, Progress};
use crate::error::AppResult;
use crate::pick::{self, Purpose};
use crate::state::AppState;

/// The largest attachment shown in the app (bigger ones stay in the vault).
pub const MAX_VIEW_BYTES: u64 = 64 * 1024 * 1024;

/// Lets the user pick a file and streams it into the case; `None` when the
/// dialog was cancelled. A photograph without the survivor's consent needs
/// `without_consent`, the reason (audited by the core).
#[tauri::command(async)]
pub fn attach_file(
    app: AppHandle,
    state: State<'_, AppState>,
    case_id: Uuid,
    without_consent: Option<String>,
    on_progress: Channel<Progress>,
) -> AppResult<Option<AttachmentView>> {
    let Some(path) = pick::open_file(&app, Purpose::Attachment, None) else {
        return Ok(None);
    };
    let mut progress = throttled(&on_progress);
    let reason = without_consent.as_deref();
    state.with_vault(|v| {
        Ok(Some(
            v.attach_file(case_id, &path, reason, &mut progress)?.into(),
        ))
    })
}

/// The attachment's bytes, checked by the core, as a raw IPC response.
#[tauri::command(async)]
pub fn read_attachment(state: State<'_, AppState>, attachment_id: Uuid) -> AppResult<Bytes> {
    state.with_vault(|v| {
        let bytes = v.read_attachment_bytes(attachment_id, MAX_VIEW_BYTES)?;
        Ok(Bytes(Response::new(bytes)))
    })
}
