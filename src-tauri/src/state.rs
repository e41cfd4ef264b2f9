//! The app's managed state: where the vault lives, the unlocked vault (or
//! none: locked), the settings and the time of the last user activity.
//!
//! Invariant: the only [`Vault`] is inside `vault`; locking takes it out and
//! calls [`Vault::lock`], which closes the database and wipes the keys.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use fieldnotes_core::backup;
use fieldnotes_core::restore::{self, RestoreInfo, RestoreKey};
use fieldnotes_core::Vault;

use crate::error::{AppError, AppResult};
use crate::settings::Settings;

/// Everything the commands share.
pub struct AppState {
    pub vault_dir: PathBuf,
    pub settings_path: PathBuf,
    pub vault: Mutex<Option<Vault>>,
    pub settings: Mutex<Settings>,
    pub last_activity: Mutex<Instant>,
    /// Folders and backup files the user chose in a dialog or the drive
    /// list offered: the only ones backup and restore accept from the UI.
    pub offered: Mutex<HashSet<PathBuf>>,
    /// A command ran since the search index was last found tidy.
    pub untidy: std::sync::atomic::AtomicBool,
}

/// Locks a mutex, recovering the data if a command panicked while holding it.
pub fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// The vault in `FIELDNOTES_VAULT`, else the platform data folder (as the
    /// CLI does); settings in `FIELDNOTES_CONFIG_DIR`, else the platform
    /// config folder.
    pub fn from_env() -> AppState {
        let dirs = directories::ProjectDirs::from("org", "Fieldnotes", "Fieldnotes");
        let vault_dir = std::env::var_os("FIELDNOTES_VAULT")
            .map(PathBuf::from)
            .or_else(|| dirs.as_ref().map(|d| d.data_dir().join("vault")))
            .unwrap_or_else(|| PathBuf::from("fieldnotes-vault"));
        let config_dir = std::env::var_os("FIELDNOTES_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf()))
            .unwrap_or_else(|| PathBuf::from("."));
        AppState::new(vault_dir, config_dir.join("desktop-settings.json"))
    }

    /// The state of an app whose vault is (or will be) in `vault_dir`,
    /// locked, with the settings read from `settings_path`.
    pub fn new(vault_dir: PathBuf, settings_path: PathBuf) -> AppState {
        let settings = Settings::load(&settings_path);
        AppState {
            vault_dir,
            settings_path,
            vault: Mutex::new(None),
            settings: Mutex::new(settings),
            last_activity: Mutex::new(Instant::now()),
            offered: Mutex::new(HashSet::new()),
            untidy: std::sync::atomic::AtomicBool::new(true),
        }
    }

    /// Remembers a path the user chose (or the drive list offered).
    pub fn offer(&self, path: PathBuf) -> PathBuf {
        guard(&self.offered).insert(path.clone());
        path
    }

    /// A path the UI sent back: only one the user chose is accepted.
    pub fn chosen(&self, path: &str) -> AppResult<PathBuf> {
        let path = PathBuf::from(path);
        if guard(&self.offered).contains(&path) {
            Ok(path)
        } else {
            Err(AppError::invalid("folder or file"))
        }
    }

    /// Notes user activity (it postpones the idle auto-lock).
    pub fn touch(&self) {
        *guard(&self.last_activity) = Instant::now();
    }

    /// Runs `f` on the unlocked vault without counting it as the user's
    /// activity: work the app does ahead of need. Nothing when locked.
    pub fn ahead(&self, f: impl FnOnce(&Vault) -> AppResult<()>) -> AppResult<()> {
        guard(&self.vault).as_ref().map_or(Ok(()), f)
    }

    /// Runs `f` on the unlocked vault, or fails with `locked`.
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> AppResult<T>) -> AppResult<T> {
        self.touch();
        self.untidy.store(true, Ordering::Relaxed);
        let mut slot = guard(&self.vault);
        let vault = slot.as_mut().ok_or_else(AppError::locked)?;
        f(vault)
    }

    /// Does the work saves leave (`Vault::tidy`) for up to `budget` if the
    /// vault is unlocked and tidying is needed; not activity, so it never
    /// postpones the idle lock. It works in slices, letting go of the vault
    /// between them, and stops as soon as there is activity: a command
    /// never waits behind more than one slice. A failure is left for the
    /// next command to meet.
    pub fn tidy(&self, budget: std::time::Duration) {
        const SLICE: std::time::Duration = std::time::Duration::from_millis(20);
        if !self.untidy.swap(false, Ordering::Relaxed) {
            return;
        }
        let start = Instant::now();
        let before = *guard(&self.last_activity);
        loop {
            let step = match guard(&self.vault).as_mut() {
                Some(vault) => vault.tidy(SLICE.min(budget)),
                None => Ok(true),
            };
            match step {
                Ok(true) => return,
                Ok(false) => {}
                // Left for the next command to meet, not retried here.
                Err(_) => {
                    self.untidy.store(true, Ordering::Relaxed);
                    return;
                }
            }
            if start.elapsed() >= budget || *guard(&self.last_activity) != before {
                self.untidy.store(true, Ordering::Relaxed);
                return;
            }
        }
    }

    /// Makes `vault` the open vault; one open before is locked.
    pub fn open(&self, vault: Vault) -> AppResult<()> {
        let previous = guard(&self.vault).replace(vault);
        self.touch();
        if let Some(previous) = previous {
            previous.lock()?;
        }
        Ok(())
    }

    /// Restores the backup `file` as the vault and opens it. The open vault
    /// is locked only once the backup has been decrypted and verified, and
    /// only when it is to be replaced; if it cannot be closed cleanly it is
    /// not replaced (the core's `busy`).
    pub fn restore(
        &self,
        file: &Path,
        key: RestoreKey<'_>,
        replace: bool,
        progress: &mut dyn FnMut(backup::Progress),
    ) -> AppResult<RestoreInfo> {
        let mut close = || {
            self.lock()
                .map(drop)
                .map_err(|_| fieldnotes_core::Error::Busy)
        };
        let (vault, info) =
            restore::restore_with(file, &self.vault_dir, key, replace, progress, &mut close)?;
        self.open(vault)?;
        Ok(info)
    }

    /// Locks the vault if it is unlocked; returns whether it was.
    pub fn lock(&self) -> AppResult<bool> {
        let taken = guard(&self.vault).take();
        match taken {
            Some(vault) => {
                vault.lock()?;
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ShellErrorCode;
    use fieldnotes_test_support::{case, create_at};

    /// After commands, the idle thread's tidying merges the search index
    /// until nothing is left, and it never counts as activity (it must not
    /// keep the vault from locking itself).
    #[test]
    fn tidying_follows_commands_and_is_not_activity() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("vault"), dir.path().join("settings.json"));
        state.open(create_at(&state.vault_dir)).unwrap();
        state
            .with_vault(|v| {
                for i in 0..30 {
                    v.add(case(&format!("T-{i}")))?;
                }
                Ok(())
            })
            .unwrap();
        let active = *guard(&state.last_activity);
        std::thread::sleep(std::time::Duration::from_millis(5));
        state.tidy(std::time::Duration::from_secs(60));
        assert_eq!(*guard(&state.last_activity), active);
        assert!(!state.untidy.load(Ordering::Relaxed));
        let nothing_left = guard(&state.vault)
            .as_mut()
            .unwrap()
            .tidy(std::time::Duration::ZERO)
            .unwrap();
        assert!(nothing_left);
        let found = state.with_vault(|v| Ok(v.search("T", 100)?.len()));
        assert_eq!(found.unwrap(), 30);
    }

    #[test]
    fn work_ahead_of_need_is_not_activity_and_waits_for_no_vault() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("vault"), dir.path().join("settings.json"));
        let mut ran = false;
        state
            .ahead(|_| {
                ran = true;
                Ok(())
            })
            .unwrap();
        assert!(!ran, "nothing runs while locked");
        state.open(create_at(&state.vault_dir)).unwrap();
        let active = *guard(&state.last_activity);
        std::thread::sleep(std::time::Duration::from_millis(5));
        state.ahead(|v| Ok(v.prepare_case_list()?)).unwrap();
        assert_eq!(*guard(&state.last_activity), active);
    }

    #[test]
    fn only_paths_the_user_chose_come_back_from_the_ui() {
        let state = AppState::from_env();
        let refused = state.chosen("/media/usb").unwrap_err();
        assert!(refused.is(ShellErrorCode::Invalid), "{refused}");
        state.offer(PathBuf::from("/media/usb"));
        assert_eq!(
            state.chosen("/media/usb").ok(),
            Some(PathBuf::from("/media/usb"))
        );
        assert!(state.chosen("/media/usb/../../etc").is_err());
    }
}
