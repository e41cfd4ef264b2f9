//! Generates `ui/src/lib/ipc/bindings.ts` from the IPC types and checks the
//! committed file is current. `make bindings` rewrites it.

use ts_rs::{Config, TS};

use crate::dto::*;
use crate::error::AppError;
use crate::settings::Settings;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/ipc/bindings.ts");

fn union<T: Copy>(name: &str, list: &str, all: &[T], slug: impl Fn(T) -> &'static str) -> String {
    let items: Vec<String> = all.iter().map(|v| format!("\"{}\"", slug(*v))).collect();
    format!(
        "export const {list} = [{}] as const;\nexport type {name} = (typeof {list})[number];\n",
        items.join(", ")
    )
}

fn render() -> String {
    use fieldnotes_core::*;
    let cfg = Config::new();
    let mut out = String::from(
        "// Generated from src-tauri by `make bindings`: do not edit.\n// The IPC payloads of the Fieldnotes desktop app.\n\n",
    );
    out += &union(
        "NeedCategory",
        "NEED_CATEGORIES",
        NeedCategory::ALL,
        NeedCategory::as_str,
    );
    out += &union(
        "ReferralStatus",
        "REFERRAL_STATUSES",
        ReferralStatus::ALL,
        ReferralStatus::as_str,
    );
    out += &union("Priority", "PRIORITIES", Priority::ALL, Priority::as_str);
    out += &union(
        "RiskLevel",
        "RISK_LEVELS",
        RiskLevel::ALL,
        RiskLevel::as_str,
    );
    out += &union(
        "CaseStatus",
        "CASE_STATUSES",
        CaseStatus::ALL,
        CaseStatus::as_str,
    );
    out += &union("NoteKind", "NOTE_KINDS", NoteKind::ALL, NoteKind::as_str);
    out += &union(
        "ConsentScope",
        "CONSENT_SCOPES",
        ConsentScope::ALL,
        ConsentScope::as_str,
    );
    out += &union("RecordKind", "RECORD_KINDS", Kind::ALL, Kind::as_str);
    out.push('\n');
    let decls = [
        AppError::decl(&cfg),
        Settings::decl(&cfg),
        VaultStatus::decl(&cfg),
        StrengthView::decl(&cfg),
        CaseSummary::decl(&cfg),
        CaseDetail::decl(&cfg),
        IdentityView::decl(&cfg),
        CaseInput::decl(&cfg),
        NoteView::decl(&cfg),
        NoteInput::decl(&cfg),
        NeedView::decl(&cfg),
        NeedInput::decl(&cfg),
        ConsentView::decl(&cfg),
        ConsentInput::decl(&cfg),
        FollowUpView::decl(&cfg),
        FollowUpInput::decl(&cfg),
        AttachmentView::decl(&cfg),
        Progress::decl(&cfg),
        SearchHit::decl(&cfg),
        FieldValue::decl(&cfg),
        VersionView::decl(&cfg),
        HistoryView::decl(&cfg),
        AuditEntryView::decl(&cfg),
        AuditView::decl(&cfg),
        CardView::decl(&cfg),
        DeviceView::decl(&cfg),
        ExportRequest::decl(&cfg),
        ExportResult::decl(&cfg),
        ImportSummary::decl(&cfg),
        ConflictView::decl(&cfg),
        DriveView::decl(&cfg),
        BackupProgress::decl(&cfg),
        BackupContents::decl(&cfg),
        BackupResult::decl(&cfg),
        BackupEntryView::decl(&cfg),
        RestoreResult::decl(&cfg),
        CategoryCountView::decl(&cfg),
        StatusCountView::decl(&cfg),
        OverdueView::decl(&cfg),
        QuietCaseView::decl(&cfg),
        UnreadableDateView::decl(&cfg),
        ActivityView::decl(&cfg),
        DashboardView::decl(&cfg),
    ];
    for d in decls {
        out += "export ";
        out += &d;
        out.push('\n');
    }
    out
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
