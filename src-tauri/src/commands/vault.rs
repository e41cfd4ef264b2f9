//! Vault commands: status, passphrase strength, create, unlock, lock, and
//! the activity ping that postpones the idle auto-lock.

use fieldnotes_core::{passphrase_strength as estimate, CreateOptions, SecretString, Vault};
use tauri::State;

use crate::dto::{StrengthView, VaultStatus};
use crate::error::AppResult;
use crate::state::{guard, AppState};

#[tauri::command(async)]
pub fn vault_status(state: State<'_, AppState>) -> VaultStatus {
    VaultStatus {
        exists: fieldnotes_core::vault::exists(&state.vault_dir),
        unlocked: guard(&state.vault).is_some(),
        dir: state.vault_dir.display().to_string(),
    }
}

#[tauri::command(async)]
pub fn passphrase_strength(passphrase: String) -> StrengthView {
    let s = estimate(&SecretString::from(passphrase));
    StrengthView {
        score: s.score,
        acceptable: s.acceptable,
        crack_time: s.crack_time,
        warning: s.warning,
        suggestions: s.suggestions,
    }
}

#[tauri::command(async)]
pub fn create_vault(
    state: State<'_, AppState>,
    passphrase: String,
    confirm: String,
    recovery: Option<String>,
) -> AppResult<()> {
    if passphrase != confirm {
        return Err(fieldnotes_core::Error::PassphraseMismatch.into());
    }
    let recovery = match recovery.as_deref().map(str::trim) {
        Some(r) if !r.is_empty() => Some(fieldnotes_core::parse_recipient(r)?),
        _ => None,
    };
    let options = CreateOptions {
        recovery,
        ..CreateOptions::default()
    };
    let vault = Vault::create(&state.vault_dir, &SecretString::from(passphrase), options)?;
    *guard(&state.vault) = Some(vault);
    state.touch();
    Ok(())
}

#[tauri::command(async)]
pub fn unlock_vault(state: State<'_, AppState>, passphrase: String) -> AppResult<()> {
    // The key derivation runs without holding the state lock.
    let vault = Vault::unlock(&state.vault_dir, &SecretString::from(passphrase))?;
    let previous = guard(&state.vault).replace(vault);
    if let Some(previous) = previous {
        previous.lock()?;
    }
    state.touch();
    Ok(())
}

#[tauri::command(async)]
pub fn lock_vault(state: State<'_, AppState>) -> AppResult<bool> {
    state.lock()
}

#[tauri::command(async)]
pub fn note_activity(state: State<'_, AppState>) {
    state.touch();
}

/// Changes the passphrase of the open vault, after checking the current one.
#[tauri::command(async)]
pub fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    passphrase: String,
    confirm: String,
) -> AppResult<()> {
    if passphrase != confirm {
        return Err(fieldnotes_core::Error::PassphraseMismatch.into());
    }
    state.with_vault(|v| {
        v.check_passphrase(&SecretString::from(current))?;
        v.change_passphrase(
            &SecretString::from(passphrase),
            fieldnotes_core::envelope::PRODUCTION_WORK_FACTOR,
        )?;
        Ok(())
    })
}
