//! Record commands: notes (with drafts), needs, consent, follow-ups, and
//! the history of any record.

use fieldnotes_core::dates::now_rfc3339;
use fieldnotes_core::{Body, ConsentBody, FollowUpBody, NeedBody, NoteBody, ReferralStatus, Vault};
use tauri::State;
use uuid::Uuid;

use crate::convert::{self, id, list, opt};
use crate::dto::{ConsentInput, FollowUpInput, HistoryView, NeedInput, NoteInput};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Adds `body` as a new record, or as a new version of `existing`.
fn save(v: &mut Vault, existing: Option<String>, body: Body) -> AppResult<String> {
    match existing {
        Some(rid) => {
            let rid = id(&rid)?;
            v.update(rid, body)?;
            Ok(rid.to_string())
        }
        None => Ok(v.add(body)?.record_id.to_string()),
    }
}

#[tauri::command(async)]
pub fn save_note(
    state: State<'_, AppState>,
    note_id: Option<String>,
    input: NoteInput,
) -> AppResult<String> {
    let body = Body::Note(NoteBody {
        case: id(&input.case_id)?,
        kind: input.kind.parse()?,
        when: opt(input.when),
        place: opt(input.place),
        present: list(input.present),
        interpreter: opt(input.interpreter),
        narrative: input.narrative,
        tags: list(input.tags),
        draft: input.draft,
    });
    state.with_vault(|v| save(v, note_id, body))
}

#[tauri::command(async)]
pub fn save_need(
    state: State<'_, AppState>,
    need_id: Option<String>,
    input: NeedInput,
) -> AppResult<String> {
    let case = id(&input.case_id)?;
    let status: ReferralStatus = input.status.parse()?;
    let mut body = NeedBody {
        case,
        category: input.category.parse()?,
        description: input.description.trim().to_owned(),
        priority: input.priority.parse()?,
        status,
        referral_target: opt(input.referral_target),
        due: opt(input.due),
        consent: None,
    };
    state.with_vault(|v| {
        // A referral rests on the case's standing referral consent.
        if status == ReferralStatus::Referred {
            body.consent = v.referral_consent(case)?;
        }
        save(v, need_id, Body::Need(body))
    })
}

#[tauri::command(async)]
pub fn add_consent(state: State<'_, AppState>, input: ConsentInput) -> AppResult<String> {
    let body = Body::Consent(ConsentBody {
        case: id(&input.case_id)?,
        scope: input.scope.parse()?,
        service: opt(input.service),
        given_at: now_rfc3339(),
        withdrawn_at: None,
        note: opt(input.note),
    });
    state.with_vault(|v| save(v, None, body))
}

#[tauri::command(async)]
pub fn withdraw_consent(state: State<'_, AppState>, consent_id: String) -> AppResult<()> {
    let rid = id(&consent_id)?;
    state.with_vault(|v| {
        v.modify(rid, |b| {
            if let Body::Consent(c) = b {
                c.withdrawn_at.get_or_insert_with(now_rfc3339);
            }
            Ok(())
        })?;
        Ok(())
    })
}

#[tauri::command(async)]
pub fn save_followup(
    state: State<'_, AppState>,
    followup_id: Option<String>,
    input: FollowUpInput,
) -> AppResult<String> {
    let body = Body::FollowUp(FollowUpBody {
        case: id(&input.case_id)?,
        title: input.title.trim().to_owned(),
        due: opt(input.due),
        assigned_to: opt(input.assigned_to),
        done: input.done,
    });
    state.with_vault(|v| save(v, followup_id, body))
}

#[tauri::command(async)]
pub fn record_history(state: State<'_, AppState>, record_id: String) -> AppResult<HistoryView> {
    let rid: Uuid = id(&record_id)?;
    state.with_vault(|v| {
        let versions = v.history(rid)?;
        let kind = versions
            .first()
            .map(|x| x.kind.as_str().to_owned())
            .ok_or_else(|| AppError::invalid("record"))?;
        Ok(HistoryView {
            record_id: rid.to_string(),
            kind,
            versions: convert::history(&versions, v.device_id(), &convert::device_names(v)?),
        })
    })
}
