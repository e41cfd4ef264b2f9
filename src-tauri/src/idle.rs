//! Idle work: a background thread locks the vault once no activity has
//! been noted for the configured minutes, and tells the UI; until then,
//! once nothing has happened for a second, it does the work saves leave
//! (the core's `Vault::tidy`: merging the search index's segments and
//! copying the write-ahead log back), a few milliseconds at a time,
//! without counting as activity.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};

use crate::state::{guard, AppState};

/// The event the UI hears when the vault was locked behind its back.
pub const LOCKED_EVENT: &str = "vault-locked";

/// How long nothing must have happened before the index is tidied.
const QUIET: Duration = Duration::from_secs(1);
/// The most tidying done per tick of the watcher.
const TIDY_BUDGET: Duration = Duration::from_millis(200);

/// Starts the watcher thread.
pub fn spawn(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(1));
        let state = app.state::<AppState>();
        let minutes = u64::from(guard(&state.settings).auto_lock_minutes);
        let idle = guard(&state.last_activity).elapsed();
        if idle >= Duration::from_secs(minutes * 60) && matches!(state.lock(), Ok(true)) {
            let _ = app.emit(LOCKED_EVENT, "idle");
        } else if idle >= QUIET {
            state.tidy(TIDY_BUDGET);
        }
    });
}
