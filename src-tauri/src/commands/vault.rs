//! Vault commands: status, passphrase strength, create, unlock, recover
//! with the organisation's key, lock, and the activity ping that postpones
//! the idle auto-lock.

use fieldnotes_core::envelope::{parse_identity, read_identity_file, PRODUCTION_WORK_FACTOR};
use fieldnotes_core::{
    parse_recipient, passphrase_strength as estimate, CreateOptions, SecretString, Vault,
};
use tauri::{AppHandle, State};

use crate::dto::{opt, RecoveryKeyInput, StrengthView, VaultStatus};
use crate::error::AppResult;
use crate::pick::{self, Purpose};
use crate::state::{guard, AppState};

#[tauri::command(async)]
pub fn vault_status(state: State<'_, AppState>) -> AppResult<VaultStatus> {
    Ok(VaultStatus {
        exists: fieldnotes_core::vault::exists(&state.vault_dir),
        unlocked: guard(&state.vault).is_some(),
        dir: state.vault_dir.display().to_string(),
    })
}

#[tauri::command(async)]
pub fn passphrase_strength(passphrase: String) -> AppResult<StrengthView> {
    Ok(estimate(&SecretString::from(passphrase)).into())
}

/// Creates the vault, with the organisation's recovery key when one is given.
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
    let recovery = opt(recovery).map(|r| parse_recipient(&r)).transpose()?;
    let options = CreateOptions {
        recovery,
        ..CreateOptions::default()
    };
    state.open(Vault::create(
        &state.vault_dir,
        &SecretString::from(passphrase),
        options,
    )?)
}

#[tauri::command(async)]
pub fn unlock_vault(state: State<'_, AppState>, passphrase: String) -> AppResult<()> {
    // The key derivation runs without holding the state lock.
    state.open(Vault::unlock(
        &state.vault_dir,
        &SecretString::from(passphrase),
    )?)
}

/// Lets the user choose the organisation's recovery key file; `None` if cancelled.
#[tauri::command(async)]
pub fn pick_recovery_key(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<String>> {
    let picked = pick::open_file(&app, Purpose::RecoveryKey, None);
    Ok(picked.map(|p| state.offer(p).display().to_string()))
}

/// Opens the vault with the organisation's recovery key and seals it under
/// a new passphrase; the core records the recovery in the audit log.
#[tauri::command(async)]
pub fn recover_vault(
    state: State<'_, AppState>,
    key: RecoveryKeyInput,
    passphrase: String,
    confirm: String,
) -> AppResult<()> {
    if passphrase != confirm {
        return Err(fieldnotes_core::Error::PassphraseMismatch.into());
    }
    let identity = match key {
        RecoveryKeyInput::File(path) => read_identity_file(&state.chosen(&path)?)?,
        RecoveryKeyInput::Text(text) => parse_identity(&text.0)?,
    };
    let new = SecretString::from(passphrase);
    let vault = Vault::recover(&state.vault_dir, &identity, &new, PRODUCTION_WORK_FACTOR)?;
    state.open(vault)
}

#[tauri::command(async)]
pub fn lock_vault(state: State<'_, AppState>) -> AppResult<bool> {
    state.lock()
}

#[tauri::command(async)]
pub fn note_activity(state: State<'_, AppState>) -> AppResult<()> {
    state.touch();
    Ok(())
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
        Ok(v.change_passphrase(&SecretString::from(passphrase), PRODUCTION_WORK_FACTOR)?)
    })
}
