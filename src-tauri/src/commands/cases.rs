//! Case commands: the list (never with identities), a case page, create,
//! change, and the audited identity reveal.

use std::collections::HashMap;

use fieldnotes_core::{Body, CaseBody, Identity, Kind, RecordState};
use tauri::State;
use uuid::Uuid;

use crate::convert::{self, id, list, opt};
use crate::dto::{CaseDetail, CaseInput, CaseSummary, IdentityView};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The body to show: the only head, or the newest of conflicting heads.
fn shown(state: &RecordState) -> Option<&Body> {
    state.heads.iter().rev().find_map(|v| v.body.as_ref())
}

fn summary(state: &RecordState, open_needs: u32) -> Option<CaseSummary> {
    match shown(state)? {
        Body::Case(c) => {
            let mut s =
                convert::case_summary(state.record_id, c, convert::updated(state), open_needs);
            s.conflict = state.conflict;
            Some(s)
        }
        _ => None,
    }
}

#[tauri::command(async)]
pub fn list_cases(state: State<'_, AppState>) -> AppResult<Vec<CaseSummary>> {
    state.with_vault(|v| {
        let records = v.records()?;
        let mut open: HashMap<Uuid, u32> = HashMap::new();
        for r in records.iter().filter(|r| r.kind == Kind::Need) {
            if let Some(Body::Need(n)) = shown(r) {
                if n.status.is_open() {
                    *open.entry(n.case).or_default() += 1;
                }
            }
        }
        Ok(records
            .iter()
            .filter(|r| r.kind == Kind::Case)
            .filter_map(|r| summary(r, open.get(&r.record_id).copied().unwrap_or(0)))
            .collect())
    })
}

#[tauri::command(async)]
pub fn get_case(state: State<'_, AppState>, case_id: String) -> AppResult<CaseDetail> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| {
        let heads = v.heads(case_id)?;
        let case_state = RecordState {
            record_id: case_id,
            kind: Kind::Case,
            conflict: heads.len() > 1,
            heads,
        };
        let has_identity =
            matches!(shown(&case_state), Some(Body::Case(c)) if !c.identity.is_empty());
        let mut detail = CaseDetail {
            summary: summary(&case_state, 0).ok_or_else(|| AppError::invalid("case"))?,
            has_identity,
            notes: vec![],
            needs: vec![],
            consents: vec![],
            followups: vec![],
            attachments: vec![],
        };
        for r in v.case_records(case_id)? {
            let (rid, at) = (r.record_id, convert::updated(&r));
            match shown(&r) {
                Some(Body::Note(n)) => detail.notes.push(convert::note_view(rid, n, at)),
                Some(Body::Need(n)) => {
                    detail.summary.open_needs += u32::from(n.status.is_open());
                    detail.needs.push(convert::need_view(rid, n, at));
                }
                Some(Body::Consent(c)) => detail.consents.push(convert::consent_view(rid, c)),
                Some(Body::FollowUp(f)) => detail.followups.push(convert::followup_view(rid, f)),
                Some(Body::Attachment(_)) => {
                    detail.attachments.extend(convert::attachment_view(&r))
                }
                _ => {}
            }
        }
        // Newest first on the timeline.
        detail.notes.sort_by(|a, b| b.updated.cmp(&a.updated));
        Ok(detail)
    })
}

fn case_body(input: CaseInput, identity: Identity) -> AppResult<CaseBody> {
    Ok(CaseBody {
        code: input.code.trim().to_owned(),
        identity,
        languages: list(input.languages),
        nationality: opt(input.nationality),
        risk: opt(input.risk).map(|r| r.parse()).transpose()?,
        status: input.status.parse()?,
        assigned_worker: opt(input.worker),
    })
}

fn identity(i: IdentityView) -> Identity {
    Identity {
        name: opt(i.name),
        date_of_birth: opt(i.date_of_birth),
        contacts: list(i.contacts),
    }
}

#[tauri::command(async)]
pub fn create_case(state: State<'_, AppState>, input: CaseInput) -> AppResult<String> {
    let ident = input.identity.clone().map(identity).unwrap_or_default();
    let body = case_body(input, ident)?;
    state.with_vault(|v| Ok(v.add(Body::Case(body))?.record_id.to_string()))
}

#[tauri::command(async)]
pub fn update_case(state: State<'_, AppState>, case_id: String, input: CaseInput) -> AppResult<()> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| {
        let Some(Body::Case(old)) = v.current(case_id)?.body else {
            return Err(AppError::invalid("case"));
        };
        let ident = input.identity.clone().map(identity).unwrap_or(old.identity);
        v.update(case_id, Body::Case(case_body(input, ident)?))?;
        Ok(())
    })
}

#[tauri::command(async)]
pub fn reveal_identity(state: State<'_, AppState>, case_id: String) -> AppResult<IdentityView> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| Ok(convert::identity_view(&v.reveal_identity(case_id)?)))
}
