//! Generates `ui/src/lib/ipc/bindings.ts` from the IPC types, the error
//! codes and the command list, and checks the committed file is current.
//! `make bindings` rewrites it.

use ts_rs::{Config, TS};

use crate::dto::*;
use crate::error::{AppError, ShellErrorCode};
use crate::settings::{AboutView, Settings};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/ipc/bindings.ts");

fn union<T: Copy>(name: &str, list: &str, all: &[T], slug: impl Fn(T) -> &'static str) -> String {
    let items: Vec<String> = all.iter().map(|v| format!("\"{}\"", slug(*v))).collect();
    format!(
        "export const {list} = [{}] as const;\nexport type {name} = (typeof {list})[number];\n",
        items.join(", ")
    )
}

/// The vocabularies and error codes, as const lists and their unions.
fn unions() -> String {
    use fieldnotes_core::*;
    [
        union(
            "NeedCategory",
            "NEED_CATEGORIES",
            NeedCategory::ALL,
            NeedCategory::as_str,
        ),
        union(
            "ReferralStatus",
            "REFERRAL_STATUSES",
            ReferralStatus::ALL,
            ReferralStatus::as_str,
        ),
        union("Priority", "PRIORITIES", Priority::ALL, Priority::as_str),
        union(
            "RiskLevel",
            "RISK_LEVELS",
            RiskLevel::ALL,
            RiskLevel::as_str,
        ),
        union(
            "CaseStatus",
            "CASE_STATUSES",
            CaseStatus::ALL,
            CaseStatus::as_str,
        ),
        union("NoteKind", "NOTE_KINDS", NoteKind::ALL, NoteKind::as_str),
        union(
            "ConsentScope",
            "CONSENT_SCOPES",
            ConsentScope::ALL,
            ConsentScope::as_str,
        ),
        union(
            "ErasureReason",
            "ERASURE_REASONS",
            ErasureReason::ALL,
            ErasureReason::as_str,
        ),
        union("RecordKind", "RECORD_KINDS", Kind::ALL, Kind::as_str),
        union(
            "ErrorCode",
            "ERROR_CODES",
            ErrorCode::ALL,
            ErrorCode::as_str,
        ),
        union(
            "ShellErrorCode",
            "SHELL_ERROR_CODES",
            ShellErrorCode::ALL,
            ShellErrorCode::as_str,
        ),
    ]
    .concat()
        + &form_unions()
}

/// The kinds of form questions and the shapes of an answer.
fn form_unions() -> String {
    union(
        "QuestionKind",
        "QUESTION_KINDS",
        fieldnotes_core::forms::QuestionKind::ALL,
        |k| k.as_str(),
    ) + "export type FormAnswer = boolean | number | string | Array<string>;\n"
}

/// The payload types of the vault, cases and records (the others follow).
fn declarations(cfg: &Config) -> Vec<String> {
    vec![
        AppError::decl(cfg),
        Settings::decl(cfg),
        AboutView::decl(cfg),
        VaultStatus::decl(cfg),
        StrengthView::decl(cfg),
        RecoveryKeyInput::decl(cfg),
        CaseSummary::decl(cfg),
        CaseListQuery::decl(cfg),
        CaseListPageView::decl(cfg),
        CaseChoice::decl(cfg),
        CaseDetail::decl(cfg),
        IdentityView::decl(cfg),
        CaseInput::decl(cfg),
        NoteView::decl(cfg),
        NoteInput::decl(cfg),
        // (the form payloads: see form_declarations)
        NeedView::decl(cfg),
        NeedInput::decl(cfg),
        ConsentView::decl(cfg),
        ConsentInput::decl(cfg),
        DependentReferralView::decl(cfg),
        SentBundleView::decl(cfg),
        ConsentDependentsView::decl(cfg),
        FollowUpView::decl(cfg),
        FollowUpInput::decl(cfg),
        AttachmentView::decl(cfg),
        Progress::decl(cfg),
    ]
}

/// Exchange, backup, upkeep, the overview and erasure.
fn exchange_declarations(cfg: &Config) -> Vec<String> {
    vec![
        CardView::decl(cfg),
        DeviceView::decl(cfg),
        ExportRequest::decl(cfg),
        ExportResult::decl(cfg),
        ImportSummary::decl(cfg),
        ConflictView::decl(cfg),
        DriveView::decl(cfg),
        BackupProgress::decl(cfg),
        BackupContents::decl(cfg),
        BackupResult::decl(cfg),
        BackupEntryView::decl(cfg),
        ErasedRemovalView::decl(cfg),
        RestoreResult::decl(cfg),
        MovePlanView::decl(cfg),
        FileCheckView::decl(cfg),
        VaultCheckView::decl(cfg),
        CategoryCountView::decl(cfg),
        StatusCountView::decl(cfg),
        OverdueView::decl(cfg),
        QuietCaseView::decl(cfg),
        UnreadableDateView::decl(cfg),
        ActivityView::decl(cfg),
        PastRetentionView::decl(cfg),
        DashboardView::decl(cfg),
        ErasurePlanView::decl(cfg),
        EraseInput::decl(cfg),
    ]
}

/// What search, history and the audit log send.
fn reading_declarations(cfg: &Config) -> Vec<String> {
    vec![
        SearchHit::decl(cfg),
        HitValue::decl(cfg),
        FieldValue::decl(cfg),
        VersionView::decl(cfg),
        FieldChangeView::decl(cfg),
        WordRunView::decl(cfg),
        HistoryView::decl(cfg),
        AuditEntryView::decl(cfg),
        AuditView::decl(cfg),
    ]
}

/// The case profile's payload types.
fn profile_declarations(cfg: &Config) -> Vec<String> {
    vec![
        ProfileView::decl(cfg),
        IdentificationView::decl(cfg),
        ProceedingsView::decl(cfg),
        VocabEntry::decl(cfg),
        CaseVocab::decl(cfg),
    ]
}

/// The payloads of follow-ups beyond the case page's list.
fn followup_declarations(cfg: &Config) -> Vec<String> {
    vec![
        AssigneeView::decl(cfg),
        FollowUpEditInput::decl(cfg),
        DueFollowUpView::decl(cfg),
    ]
}

/// The payloads of interview forms.
fn form_declarations(cfg: &Config) -> Vec<String> {
    vec![
        FormSummary::decl(cfg),
        InvalidFormView::decl(cfg),
        FormListView::decl(cfg),
        FormView::decl(cfg),
        SectionView::decl(cfg),
        QuestionView::decl(cfg),
        ChoiceView::decl(cfg),
        ShowIfView::decl(cfg),
        NoteFormInput::decl(cfg),
        NoteFormView::decl(cfg),
        AnswerLineView::decl(cfg),
        ReasonView::decl(cfg),
        NeedProposalView::decl(cfg),
        RiskProposalView::decl(cfg),
        ProposalsView::decl(cfg),
        AcceptNeedsInput::decl(cfg),
        StatsRequestInput::decl(cfg),
        StatsFormatInput::decl(cfg),
        StatsRowView::decl(cfg),
        StatsTableView::decl(cfg),
        StatsView::decl(cfg),
    ]
}

fn report_declarations(cfg: &Config) -> Vec<String> {
    vec![
        CaseReportInput::decl(cfg),
        CaseReportResult::decl(cfg),
        ReportCheckView::decl(cfg),
        ReportVerdict::decl(cfg),
    ]
}

fn render() -> String {
    let cfg = Config::new();
    let mut out = String::from(
        "// Generated from src-tauri by `make bindings`: do not edit.\n// The IPC payloads and commands of the Fieldnotes desktop app.\n\nimport type { Channel } from '@tauri-apps/api/core';\n\n",
    );
    out += &unions();
    out.push('\n');
    for d in declarations(&cfg)
        .into_iter()
        .chain(reading_declarations(&cfg))
        .chain(exchange_declarations(&cfg))
        .chain(profile_declarations(&cfg))
        .chain(followup_declarations(&cfg))
        .chain(form_declarations(&cfg))
        .chain(report_declarations(&cfg))
    {
        out += "export ";
        out += &d;
        out.push('\n');
    }
    out.push('\n');
    out + &crate::commands::typescript(&cfg)
}

#[test]
fn typescript_bindings_are_current() {
    let fresh = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(PATH, &fresh).expect("writes the bindings");
        return;
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/ipc/bindings.ts is stale: run `make bindings` and commit it"
    );
}
