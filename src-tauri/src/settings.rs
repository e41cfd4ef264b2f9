//! The desktop settings: language, idle auto-lock minutes, backups, quiet
//! cases and the window's title, kept outside the vault (they are needed
//! before it is unlocked and hold nothing private), written atomically.
//!
//! The neutral window title is stored as the words to show (the UI writes
//! its own language's), so the window opens under it before any page has
//! loaded, and the shell holds no translations.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, AppResult};

/// The languages with complete catalogues.
pub const LANGUAGES: &[&str] = &["en", "ro"];
/// Auto-lock bounds, in minutes.
pub const AUTO_LOCK_RANGE: (u32, u32) = (1, 60);
/// Bounds of the other numeric settings.
pub const BACKUP_REMINDER_RANGE: (u32, u32) = (1, 30);
pub const BACKUP_KEEP_RANGE: (u32, u32) = (1, 100);
pub const QUIET_CASE_RANGE: (u32, u32) = (7, 365);
/// The window's title when no neutral one is set.
pub const APP_TITLE: &str = "Fieldnotes";
/// The longest window title accepted, in characters.
pub const TITLE_MAX: usize = 60;

/// What the About names: the release (the workspace's one version, which
/// the packages take too) and the commit built from (`fieldnotes-build`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AboutView {
    pub version: String,
    pub commit: String,
}

impl AboutView {
    pub fn current() -> Self {
        AboutView {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            commit: env!("FIELDNOTES_COMMIT").to_owned(),
        }
    }
}

/// Whether `title` can be a window title: 1 to [`TITLE_MAX`] characters,
/// not only spaces, no control characters.
pub fn valid_title(title: &str) -> bool {
    (1..=TITLE_MAX).contains(&title.chars().count())
        && !title.trim().is_empty()
        && !title.chars().any(char::is_control)
}

/// What the user can set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    /// `en` or `ro`.
    pub language: String,
    /// Idle minutes before the vault locks itself.
    pub auto_lock_minutes: u32,
    /// Remind to back up when the last backup is older than this many days.
    #[serde(default = "default_reminder")]
    pub backup_reminder_days: u32,
    /// How many backups of this vault to keep on a drive.
    #[serde(default = "default_keep")]
    pub backup_keep: u32,
    /// A case with no interview or note for this many days is listed as
    /// without recent contact.
    #[serde(default = "default_quiet")]
    pub quiet_case_days: u32,
    /// The window's title instead of "Fieldnotes", for working in public
    /// places ("Documents"); `None`: "Fieldnotes".
    #[serde(default)]
    pub neutral_title: Option<String>,
}

fn default_reminder() -> u32 {
    1
}
fn default_keep() -> u32 {
    10
}
fn default_quiet() -> u32 {
    30
}

impl Default for Settings {
    fn default() -> Self {
        let lang = std::env::var("LANG").unwrap_or_default();
        Settings {
            language: if lang.starts_with("ro") { "ro" } else { "en" }.into(),
            auto_lock_minutes: 5,
            backup_reminder_days: default_reminder(),
            backup_keep: default_keep(),
            quiet_case_days: default_quiet(),
            neutral_title: None,
        }
    }
}

impl Settings {
    /// Reads the settings file; a missing or unreadable one gives defaults.
    pub fn load(path: &Path) -> Settings {
        fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Settings>(&b).ok())
            .and_then(|s| s.validated().ok())
            .unwrap_or_default()
    }

    /// Checks the values are ones the app supports.
    pub fn validated(self) -> AppResult<Settings> {
        let within = |v: u32, (lo, hi): (u32, u32)| (lo..=hi).contains(&v);
        if !LANGUAGES.contains(&self.language.as_str())
            || !within(self.auto_lock_minutes, AUTO_LOCK_RANGE)
            || !within(self.backup_reminder_days, BACKUP_REMINDER_RANGE)
            || !within(self.backup_keep, BACKUP_KEEP_RANGE)
            || !within(self.quiet_case_days, QUIET_CASE_RANGE)
            || !self.neutral_title.as_deref().is_none_or(valid_title)
        {
            return Err(AppError::invalid("setting"));
        }
        Ok(self)
    }

    /// The title the window shows.
    pub fn window_title(&self) -> &str {
        self.neutral_title.as_deref().unwrap_or(APP_TITLE)
    }

    /// Writes the settings to a temporary file, then renames it over `path`.
    pub fn save(&self, path: &Path) -> AppResult<()> {
        let io = |e: std::io::Error| AppError::io("settings", &e);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = path.with_extension("json.tmp");
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| io(e.into()))?;
        fs::write(&tmp, bytes).map_err(io)?;
        fs::rename(&tmp, path).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_reject_nonsense() {
        let dir = std::env::temp_dir().join(format!("fn-settings-{}", std::process::id()));
        let path = dir.join("s.json");
        let s = Settings {
            language: "ro".into(),
            auto_lock_minutes: 9,
            backup_keep: 3,
            ..Settings::default()
        };
        s.save(&path).expect("saves");
        assert_eq!(Settings::load(&path), s);
        let bad = Settings {
            language: "xx".into(),
            ..s.clone()
        };
        assert!(bad.validated().is_err());
        let bad = Settings {
            backup_keep: 0,
            ..s.clone()
        };
        assert!(bad.validated().is_err());
        // A file from before the backup settings existed still loads.
        fs::write(&path, r#"{"language":"ro","auto_lock_minutes":7}"#).expect("writes");
        let old = Settings::load(&path);
        assert_eq!((old.auto_lock_minutes, old.backup_keep), (7, 10));
        assert_eq!(old.neutral_title, None);
        assert_eq!(old.window_title(), "Fieldnotes");
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_neutral_window_title_is_kept_and_must_be_a_plain_line() {
        let dir = std::env::temp_dir().join(format!("fn-title-{}", std::process::id()));
        let path = dir.join("s.json");
        let s = Settings {
            neutral_title: Some("Documente".into()),
            ..Settings::default()
        };
        s.clone().validated().expect("a word is a title");
        s.save(&path).expect("saves");
        assert_eq!(Settings::load(&path).window_title(), "Documente");
        for bad in ["", "   ", "Docs\nFieldnotes", &"x".repeat(TITLE_MAX + 1)] {
            let bad = Settings {
                neutral_title: Some(bad.into()),
                ..Settings::default()
            };
            assert!(bad.validated().is_err());
        }
        assert!(valid_title(&"ș".repeat(TITLE_MAX)));
        let _ = fs::remove_dir_all(dir);
    }
}
