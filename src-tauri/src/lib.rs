//! The Fieldnotes desktop shell: a thin Tauri layer over `fieldnotes-core`.
//!
//! [`run`] builds the app: the dialog plugin, the managed [`AppState`]
//! (the unlocked vault, or none), the idle auto-lock watcher and the IPC
//! commands in [`commands`]. Locking drops the vault; so does quitting.
//!
//! What lives where:
//! - [`commands`]: the IPC commands, one module per screen area, each a
//!   few lines over the core; `commands/list.rs` is the one list of them
//!   that feeds the invoke handler, the signature checks, the build's
//!   permissions and the TypeScript `Commands` map;
//! - [`dto`]: the payloads that cross IPC, each with its `From` conversion
//!   from the core's read models;
//! - [`error`]: `{code, message}`, the code being the core's `ErrorCode` or
//!   the shell's own `ShellErrorCode`;
//! - [`state`], [`settings`], [`idle`], [`pick`]: the unlocked vault, the
//!   app's settings, the idle auto-lock and the native file dialogs.

pub mod commands;
pub mod dto;
pub mod error;
pub mod idle;
pub mod pick;
pub mod settings;
pub mod state;

#[cfg(test)]
mod bindings;

use tauri::{Manager, RunEvent};

pub use state::AppState;

/// Opens the main window, under the neutral title when the settings have
/// one. Its webview is incognito (WebKit keeps no cache, storage or history
/// on disk), except when a WebDriver test drives it: WebKit allows
/// automation only on its default, persistent context.
fn main_window(app: &mut tauri::App) -> tauri::Result<()> {
    let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true");
    let title = state::guard(&app.state::<AppState>().settings)
        .window_title()
        .to_owned();
    tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::default())
        .title(title)
        .inner_size(1200.0, 760.0)
        .min_inner_size(760.0, 520.0)
        .incognito(!automated)
        .build()?;
    Ok(())
}

/// Builds and runs the app until its window closes.
pub fn run() {
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::from_env())
        .setup(|app| {
            main_window(app)?;
            idle::spawn(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!())
        .expect("the Fieldnotes window could not be created");
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            // Quitting locks: the audit log records it and the keys are wiped.
            let _ = handle.state::<AppState>().lock();
        }
    });
}
