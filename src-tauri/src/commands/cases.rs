//! Case commands: the list (never with identities), a case page, create,
//! change, and the audited identity reveal.

use fieldnotes_core::{Body, CaseBody};
use tauri::State;
use uuid::Uuid;

use crate::dto::{
    label_answers, CaseChoice, CaseDetail, CaseInput, CaseListPageView, CaseListQuery, CaseVocab,
    IdentityView,
};
use crate::error::AppResult;
use crate::state::AppState;

/// One page of the case list, filtered and sorted in the core.
#[tauri::command(async)]
pub fn list_cases(state: State<'_, AppState>, query: CaseListQuery) -> AppResult<CaseListPageView> {
    state.with_vault(|v| Ok(v.case_list_page(&query.into())?.into()))
}

/// Reads the case list ahead of its first showing; the overview asks while
/// it sits idle. Not the user's activity: it never postpones the idle lock.
#[tauri::command(async)]
pub fn prepare_case_list(state: State<'_, AppState>) -> AppResult<()> {
    state.ahead(|v| Ok(v.prepare_case_list()?))
}

/// Every case's id and code, in code order: the cases an export can name.
#[tauri::command(async)]
pub fn case_choices(state: State<'_, AppState>) -> AppResult<Vec<CaseChoice>> {
    state.with_vault(|v| Ok(crate::dto::choices(v.case_codes()?)))
}

/// The case page, without the identity (that takes the audited reveal).
#[tauri::command(async)]
pub fn get_case(state: State<'_, AppState>, case_id: Uuid) -> AppResult<CaseDetail> {
    state.with_vault(|v| {
        let mut detail = CaseDetail::from(v.case_page(case_id, false)?);
        label_answers(&mut detail.notes, &v.forms());
        Ok(detail)
    })
}

#[tauri::command(async)]
pub fn create_case(state: State<'_, AppState>, input: CaseInput) -> AppResult<Uuid> {
    let body = CaseBody::from(input);
    state.with_vault(|v| Ok(v.add(Body::Case(body))?.record_id))
}

/// Saves the case's fields and profile as the form sends them (an empty
/// field clears); with `identity: null` the stored identity stays.
#[tauri::command(async)]
pub fn update_case(state: State<'_, AppState>, case_id: Uuid, input: CaseInput) -> AppResult<()> {
    let keep_identity = input.identity.is_none();
    let body = CaseBody::from(input);
    state.with_vault(|v| Ok(v.update_case(case_id, body, keep_identity).map(drop)?))
}

/// The case profile's vocabularies with their labels, and the codes the
/// country and language pickers offer.
#[tauri::command(async)]
pub fn case_vocab() -> AppResult<CaseVocab> {
    Ok(CaseVocab::current())
}

#[tauri::command(async)]
pub fn reveal_identity(state: State<'_, AppState>, case_id: Uuid) -> AppResult<IdentityView> {
    state.with_vault(|v| Ok(v.reveal_identity(case_id)?.into()))
}
