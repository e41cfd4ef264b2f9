//! Idle auto-lock: a background thread locks the vault once no activity
//! has been noted for the configured minutes, and tells the UI.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};

use crate::state::{guard, AppState};

/// The event the UI hears when the vault was locked behind its back.
pub const LOCKED_EVENT: &str = "vault-locked";

/// Starts the watcher thread.
pub fn spawn(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(5));
        let state = app.state::<AppState>();
        let minutes = u64::from(guard(&state.settings).auto_lock_minutes);
        let idle = guard(&state.last_activity).elapsed();
        if idle >= Duration::from_secs(minutes * 60) && matches!(state.lock(), Ok(true)) {
            let _ = app.emit(LOCKED_EVENT, "idle");
        }
    });
}
