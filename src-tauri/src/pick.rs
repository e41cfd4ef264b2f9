//! Native file dialogs: the only way a path enters the app from the user.
//!
//! Builds with the `e2e` feature (made only by `make e2e`) let end-to-end
//! tests answer a dialog, since WebDriver cannot drive a native one: when
//! `FIELDNOTES_E2E_PICKS` names a folder and it holds a file named after the
//! dialog's [`Purpose`], that file's text is the path picked (an empty file:
//! the dialog was cancelled). The app people run (`make run`, release
//! builds) has no such hook.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Why a dialog opens; also the name of its end-to-end answer file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Attachment,
    Card,
    SaveCard,
    Bundle,
    SaveBundle,
    BackupFolder,
    BackupFile,
    RecoveryKey,
    SaveReport,
    OpenReport,
    SaveStatistics,
}

impl Purpose {
    // Only the debug builds' test hook names the answer files.
    #[cfg_attr(not(feature = "e2e"), allow(dead_code))]
    fn name(self) -> &'static str {
        match self {
            Purpose::Attachment => "attachment",
            Purpose::Card => "card",
            Purpose::SaveCard => "save-card",
            Purpose::Bundle => "bundle",
            Purpose::SaveBundle => "save-bundle",
            Purpose::BackupFolder => "backup-folder",
            Purpose::BackupFile => "backup-file",
            Purpose::RecoveryKey => "recovery-key",
            Purpose::SaveReport => "save-report",
            Purpose::OpenReport => "open-report",
            Purpose::SaveStatistics => "save-statistics",
        }
    }
}

/// The test's answer, in `e2e` builds; `Some(None)` is a cancel.
fn scripted(purpose: Purpose) -> Option<Option<PathBuf>> {
    #[cfg(feature = "e2e")]
    if let Some(dir) = std::env::var_os("FIELDNOTES_E2E_PICKS") {
        let answer = std::fs::read_to_string(PathBuf::from(dir).join(purpose.name())).ok()?;
        let answer = answer.trim();
        return Some((!answer.is_empty()).then(|| PathBuf::from(answer)));
    }
    let _ = purpose;
    None
}

/// Asks for an existing file, showing only `extensions` (when given).
pub fn open_file(
    app: &AppHandle,
    purpose: Purpose,
    filter: Option<(&str, &[&str])>,
) -> Option<PathBuf> {
    if let Some(answer) = scripted(purpose) {
        return answer;
    }
    let mut dialog = app.dialog().file();
    if let Some((name, extensions)) = filter {
        dialog = dialog.add_filter(name, extensions);
    }
    dialog.blocking_pick_file().and_then(|f| f.into_path().ok())
}

/// Asks where to save a new file, suggesting `file_name`.
pub fn save_file(app: &AppHandle, purpose: Purpose, file_name: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted(purpose) {
        return answer;
    }
    app.dialog()
        .file()
        .set_file_name(file_name)
        .blocking_save_file()
        .and_then(|f| f.into_path().ok())
}

/// Asks for a folder.
pub fn folder(app: &AppHandle, purpose: Purpose) -> Option<PathBuf> {
    if let Some(answer) = scripted(purpose) {
        return answer;
    }
    app.dialog()
        .file()
        .blocking_pick_folder()
        .and_then(|f| f.into_path().ok())
}
