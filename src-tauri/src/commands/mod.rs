//! The IPC commands, one module per area. Each command is a few lines over
//! `fieldnotes-core`; the work and the rules live in the core.

pub mod attachments;
pub mod audit;
pub mod backup;
pub mod cases;
pub mod dashboard;
pub mod exchange;
pub mod records;
pub mod search;
pub mod settings;
pub mod vault;

use tauri::ipc::Channel;

use crate::dto::Progress;

/// Progress is sent at most once per this many bytes (and at the end).
const PROGRESS_STEP: u64 = 1024 * 1024;

/// A progress callback for the core that forwards to a channel, at most
/// once per [`PROGRESS_STEP`] bytes. A closed window does not stop the work.
pub fn throttled(channel: &Channel<Progress>) -> impl FnMut(u64, u64) + '_ {
    let mut sent: Option<u64> = None;
    move |done, total| {
        if sent.is_none_or(|s| done >= s + PROGRESS_STEP || (done >= total && s < done)) {
            sent = Some(done);
            let _ = channel.send(Progress { done, total });
        }
    }
}
