//! Vault commands: status, passphrase strength, create, unlock, lock, and
//! the activity ping that postpones the idle auto-lock.

use fieldnotes_core::{
    parse_recipient, passphrase_strength as estimate, CreateOptions, SecretString, Vault,
};
use tauri::State;

use crate::dto::{opt, StrengthView, VaultStatus};
use crate::error::AppResult;
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
        let factor = fieldnotes_core::envelope::PRODUCTION_WORK_FACTOR;
        Ok(v.change_passphrase(&SecretString::from(passphrase), factor)?)
    })
}
