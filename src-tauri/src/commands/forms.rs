//! Interview form commands: the forms offered, one form's questions, and
//! the proposals of a note's answers, confirmed by the worker (nothing is
//! created without `accept_needs` / `accept_risk`).

use tauri::State;
use uuid::Uuid;

use crate::dto::{AcceptNeedsInput, FormListView, FormView, ProposalsView};
use crate::error::AppResult;
use crate::state::AppState;

/// The forms a note can follow, titled in `lang`, and the vault's form
/// files that are not valid with what is wrong.
#[tauri::command(async)]
pub fn list_forms(state: State<'_, AppState>, lang: String) -> AppResult<FormListView> {
    state.with_vault(|v| Ok(FormListView::new(&v.forms(), &lang)))
}

/// One form whole; its latest version unless `form_version` is given.
#[tauri::command(async)]
pub fn get_form(
    state: State<'_, AppState>,
    form_id: String,
    form_version: Option<u32>,
) -> AppResult<FormView> {
    state.with_vault(|v| Ok(FormView::from(v.forms().require(&form_id, form_version)?)))
}

/// What note `note_id`'s answers propose: needs and a risk level.
#[tauri::command(async)]
pub fn note_proposals(state: State<'_, AppState>, note_id: Uuid) -> AppResult<ProposalsView> {
    state.with_vault(|v| Ok(v.note_proposals(note_id)?.into()))
}

/// Creates the proposed needs the worker chose (descriptions in `lang`);
/// returns how many were created.
#[tauri::command(async)]
pub fn accept_needs(state: State<'_, AppState>, input: AcceptNeedsInput) -> AppResult<u32> {
    let AcceptNeedsInput {
        note_id,
        categories,
        lang,
    } = input;
    state.with_vault(|v| Ok(v.accept_needs(note_id, &categories, &lang)?.len() as u32))
}

/// Sets the case's risk level to the one the note's answers propose.
#[tauri::command(async)]
pub fn accept_risk(state: State<'_, AppState>, note_id: Uuid) -> AppResult<()> {
    state.with_vault(|v| Ok(v.accept_risk(note_id).map(drop)?))
}
