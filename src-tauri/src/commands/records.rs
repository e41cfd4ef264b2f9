//! Record commands: notes (with drafts), needs, consent, follow-ups, and
//! the history of any record.

use fieldnotes_core::{Body, FollowUpBody, NoteBody, Vault};
use tauri::State;
use uuid::Uuid;

use crate::dto::{
    ConsentDependentsView, ConsentInput, FollowUpInput, HistoryView, NeedInput, NoteInput,
};
use crate::error::AppResult;
use crate::state::AppState;

/// Adds `body` as a new record, or as a new version of `existing`.
fn save(v: &mut Vault, existing: Option<Uuid>, body: Body) -> AppResult<Uuid> {
    Ok(match existing {
        Some(id) => v.update(id, body)?.record_id,
        None => v.add(body)?.record_id,
    })
}

#[tauri::command(async)]
pub fn save_note(
    state: State<'_, AppState>,
    note_id: Option<Uuid>,
    input: NoteInput,
) -> AppResult<Uuid> {
    let body = Body::Note(NoteBody::from(input));
    state.with_vault(|v| save(v, note_id, body))
}

/// Saves a need; the core keeps the consent its referral rests on.
#[tauri::command(async)]
pub fn save_need(
    state: State<'_, AppState>,
    need_id: Option<Uuid>,
    input: NeedInput,
) -> AppResult<Uuid> {
    state.with_vault(|v| Ok(v.save_need(need_id, input.into(), None)?.record_id))
}

#[tauri::command(async)]
pub fn add_consent(state: State<'_, AppState>, input: ConsentInput) -> AppResult<Uuid> {
    let ConsentInput {
        case_id,
        scope,
        service,
        note,
    } = input;
    state.with_vault(|v| Ok(v.add_consent(case_id, scope, service, note)?.record_id))
}

#[tauri::command(async)]
pub fn withdraw_consent(state: State<'_, AppState>, consent_id: Uuid) -> AppResult<()> {
    state.with_vault(|v| Ok(v.withdraw_consent(consent_id).map(drop)?))
}

/// What rested on a consent: shown before it is withdrawn.
#[tauri::command(async)]
pub fn consent_dependents(
    state: State<'_, AppState>,
    consent_id: Uuid,
) -> AppResult<ConsentDependentsView> {
    state.with_vault(|v| Ok(v.consent_dependents(consent_id)?.into()))
}

/// Marks a need's referral withdrawn, after its consent was withdrawn.
#[tauri::command(async)]
pub fn mark_referral_withdrawn(state: State<'_, AppState>, need_id: Uuid) -> AppResult<()> {
    state.with_vault(|v| Ok(v.mark_referral_withdrawn(need_id).map(drop)?))
}

#[tauri::command(async)]
pub fn save_followup(
    state: State<'_, AppState>,
    followup_id: Option<Uuid>,
    input: FollowUpInput,
) -> AppResult<Uuid> {
    let body = Body::FollowUp(FollowUpBody::from(input));
    state.with_vault(|v| save(v, followup_id, body))
}

#[tauri::command(async)]
pub fn record_history(state: State<'_, AppState>, record_id: Uuid) -> AppResult<HistoryView> {
    state.with_vault(|v| Ok(v.history_view(record_id)?.into()))
}
