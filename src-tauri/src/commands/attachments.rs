//! Attachments: picked with the native file dialog, streamed into the vault
//! by the core with progress over a channel, and read back as bytes over
//! IPC for display. Nothing decrypted is ever written to disk.

use std::io::Read;
use std::path::Path;

use tauri::ipc::{Channel, Response};
use tauri::{AppHandle, State};

use super::throttled;
use crate::convert::{self, id};
use crate::dto::{AttachmentView, Progress};
use crate::error::{AppError, AppResult};
use crate::pick::{self, Purpose};
use crate::state::AppState;

/// The largest attachment shown in the app (bigger ones stay in the vault).
pub const MAX_VIEW_BYTES: u64 = 64 * 1024 * 1024;

/// The media type from the file name, for display.
pub fn media_type(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let t = match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "wav" => "audio/wav",
        "m4a" => "audio/mp4",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain",
        _ => return None,
    };
    Some(t.into())
}

/// A reader that reports how far it got.
struct Counting<R, F> {
    inner: R,
    done: u64,
    total: u64,
    report: F,
}

impl<R: Read, F: FnMut(u64, u64)> Read for Counting<R, F> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done += n as u64;
        (self.report)(self.done, self.total);
        Ok(n)
    }
}

/// Lets the user pick a file and streams it into the case; `None` when the
/// dialog was cancelled.
#[tauri::command(async)]
pub fn attach_file(
    app: AppHandle,
    state: State<'_, AppState>,
    case_id: String,
    on_progress: Channel<Progress>,
) -> AppResult<Option<AttachmentView>> {
    let case_id = id(&case_id)?;
    let Some(path) = pick::open_file(&app, Purpose::Attachment, None) else {
        return Ok(None);
    };
    let io = |e: std::io::Error| AppError::new("io", format!("Could not read the file: {e}"));
    let file = std::fs::File::open(&path).map_err(io)?;
    let total = file.metadata().map_err(io)?.len();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut reader = Counting {
        inner: std::io::BufReader::new(file),
        done: 0,
        total,
        report: throttled(&on_progress),
    };
    state.with_vault(|v| {
        let version = v.attach(case_id, &name, media_type(&path), &mut reader)?;
        let states = v.case_records(case_id)?;
        Ok(states
            .iter()
            .find(|s| s.record_id == version.record_id)
            .and_then(convert::attachment_view))
    })
}

/// The attachment's bytes, checked by the core, as a raw IPC response.
#[tauri::command(async)]
pub fn read_attachment(state: State<'_, AppState>, attachment_id: String) -> AppResult<Response> {
    let rid = id(&attachment_id)?;
    state.with_vault(|v| {
        if let Some(fieldnotes_core::Body::Attachment(a)) = v.current(rid)?.body {
            if a.size > MAX_VIEW_BYTES {
                return Err(AppError::new(
                    "too_large",
                    "This file is too large to show in the app.",
                ));
            }
        }
        let mut bytes = Vec::new();
        v.read_attachment(rid, &mut bytes)?;
        Ok(Response::new(bytes))
    })
}
