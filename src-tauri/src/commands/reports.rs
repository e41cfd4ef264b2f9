//! The case summary (made from the case page, saved where the person
//! chooses) and the check of one (the Reports screen). The core makes,
//! signs, audits and checks; these only ask for the file.

use tauri::{AppHandle, State};

use crate::dto::{CaseReportInput, CaseReportResult, ReportVerdict};
use crate::error::AppResult;
use crate::pick::{self, Purpose};
use crate::state::AppState;

/// Makes a signed summary of a case and saves it where the person
/// chooses; `None` if cancelled (then nothing is made or audited).
#[tauri::command(async)]
pub fn save_case_report(
    app: AppHandle,
    state: State<'_, AppState>,
    request: CaseReportInput,
    file_name: String,
) -> AppResult<Option<CaseReportResult>> {
    let request = request.request()?;
    let Some(path) = pick::save_file(&app, Purpose::SaveReport, &file_name) else {
        return Ok(None);
    };
    let report = state.with_vault(|v| Ok(v.case_report(&request)?))?;
    report.write_to(&path, true)?;
    Ok(Some(CaseReportResult::new(&path, &report)))
}

/// Checks a case summary the person picks; `None` if cancelled.
#[tauri::command(async)]
pub fn verify_report_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Option<ReportVerdict>> {
    let filter = ("PDF", &["pdf"][..]);
    let Some(path) = pick::open_file(&app, Purpose::OpenReport, Some(filter)) else {
        return Ok(None);
    };
    let pdf = fieldnotes_core::report::read_report(&path)?;
    let result = state.with_vault(|v| Ok(v.verify_report(&pdf)))?;
    Ok(Some(ReportVerdict::new(&path, result)?))
}
