//! The audit log and its chain check.

use tauri::State;

use crate::dto::{AuditEntryView, AuditView};
use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn audit_log(state: State<'_, AppState>) -> AppResult<AuditView> {
    state.with_vault(|v| {
        let entries = v
            .audit_log()?
            .into_iter()
            .rev()
            .map(|e| AuditEntryView {
                seq: e.seq,
                at: e.at,
                event: e.event,
                subject: e.subject,
            })
            .collect();
        let (intact, broken_at, head) = match v.verify_audit() {
            Ok(report) => (true, None, Some(report.head)),
            Err(fieldnotes_core::Error::AuditBroken { seq }) => (false, Some(seq), None),
            Err(e) => return Err(e.into()),
        };
        Ok(AuditView {
            entries,
            intact,
            broken_at,
            head,
        })
    })
}
