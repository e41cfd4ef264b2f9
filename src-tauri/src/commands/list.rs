// The one list of IPC commands, as `module::command(argument: Type, …) -> Ok;`
// (each returns `AppResult<Ok>`; `State` and `AppHandle` are injected by Tauri).
// Read by `ipc!` in mod.rs (handler, signature checks, TypeScript) and by
// build.rs (the commands' permissions): add a command here and to
// capabilities/default.json.
ipc! {
    vault::vault_status(state: State) -> VaultStatus;
    vault::passphrase_strength(passphrase: String) -> StrengthView;
    vault::create_vault(state: State, passphrase: String, confirm: String, recovery: Option<String>) -> ();
    vault::unlock_vault(state: State, passphrase: String) -> ();
    vault::pick_recovery_key(app: AppHandle, state: State) -> Option<String>;
    vault::recover_vault(state: State, key: RecoveryKeyInput, passphrase: String, confirm: String) -> ();
    vault::lock_vault(state: State) -> bool;
    vault::note_activity(state: State) -> ();
    vault::change_passphrase(state: State, current: String, passphrase: String, confirm: String) -> ();
    cases::list_cases(state: State, query: CaseListQuery) -> CaseListPageView;
    cases::prepare_case_list(state: State) -> ();
    cases::case_choices(state: State) -> Vec<CaseChoice>;
    cases::get_case(state: State, case_id: Uuid) -> CaseDetail;
    cases::create_case(state: State, input: CaseInput) -> Uuid;
    cases::update_case(state: State, case_id: Uuid, input: CaseInput) -> ();
    cases::reveal_identity(state: State, case_id: Uuid) -> IdentityView;
    cases::case_vocab() -> CaseVocab;
    records::save_note(state: State, note_id: Option<Uuid>, input: NoteInput) -> Uuid;
    records::save_need(state: State, need_id: Option<Uuid>, input: NeedInput) -> Uuid;
    records::add_consent(state: State, input: ConsentInput) -> Uuid;
    records::withdraw_consent(state: State, consent_id: Uuid) -> ();
    records::consent_dependents(state: State, consent_id: Uuid) -> ConsentDependentsView;
    records::mark_referral_withdrawn(state: State, need_id: Uuid) -> ();
    records::save_followup(state: State, followup_id: Option<Uuid>, input: FollowUpInput) -> Uuid;
    records::record_history(state: State, record_id: Uuid) -> HistoryView;
    followups::followup_assignees(state: State) -> Vec<AssigneeView>;
    followups::edit_followup(state: State, followup_id: Uuid, input: FollowUpEditInput) -> ();
    followups::set_followup_done(state: State, followup_id: Uuid, done: bool) -> ();
    followups::due_this_week(state: State, today: Option<String>) -> Vec<DueFollowUpView>;
    forms::list_forms(state: State, lang: String) -> FormListView;
    forms::get_form(state: State, form_id: String, form_version: Option<u32>) -> FormView;
    forms::note_proposals(state: State, note_id: Uuid) -> ProposalsView;
    forms::accept_needs(state: State, input: AcceptNeedsInput) -> u32;
    forms::accept_risk(state: State, note_id: Uuid) -> ();
    erasure::erasure_plan(state: State, record_id: Uuid) -> ErasurePlanView;
    erasure::erase(state: State, input: EraseInput) -> ErasurePlanView;
    search::search(state: State, query: String) -> Vec<SearchHit>;
    attachments::attach_file(app: AppHandle, state: State, case_id: Uuid, without_consent: Option<String>, on_progress: Channel<Progress>) -> Option<AttachmentView>;
    attachments::read_attachment(state: State, attachment_id: Uuid) -> Bytes;
    audit::audit_log(state: State) -> AuditView;
    settings::get_settings(state: State) -> Settings;
    settings::set_settings(state: State, settings: Settings) -> Settings;
    settings::set_window_title(app: AppHandle, title: String) -> ();
    settings::about() -> AboutView;
    settings::vault_retention(state: State) -> Option<u32>;
    settings::set_vault_retention(state: State, months: Option<u32>) -> Option<u32>;
    exchange::my_card(state: State) -> CardView;
    exchange::set_device_name(state: State, name: String) -> CardView;
    exchange::save_card(app: AppHandle, state: State) -> Option<String>;
    exchange::read_card(app: AppHandle) -> Option<CardView>;
    exchange::trust_card(state: State, text: String, name: Option<String>) -> DeviceView;
    exchange::list_devices(state: State) -> Vec<DeviceView>;
    exchange::revoke_device(state: State, device_id: Uuid) -> DeviceView;
    exchange::export_bundle(app: AppHandle, state: State, request: ExportRequest, on_progress: Channel<Progress>) -> Option<ExportResult>;
    exchange::import_bundle(app: AppHandle, state: State, on_progress: Channel<Progress>) -> Option<ImportSummary>;
    exchange::list_conflicts(state: State) -> Vec<ConflictView>;
    exchange::resolve_conflict(state: State, record_id: Uuid, seen: Vec<Uuid>, keep: Option<Uuid>, text: Option<String>) -> ();
    backup::list_drives(state: State) -> Vec<DriveView>;
    backup::pick_backup_folder(app: AppHandle, state: State) -> Option<String>;
    backup::pick_backup_file(app: AppHandle, state: State) -> Option<String>;
    backup::backup_now(state: State, dir: String, on_progress: Channel<BackupProgress>) -> BackupResult;
    backup::list_backups(state: State, dir: String, on_progress: Channel<BackupProgress>) -> Vec<BackupEntryView>;
    backup::remove_backups_holding_erased(state: State, dir: String, on_progress: Channel<BackupProgress>) -> ErasedRemovalView;
    backup::restore_backup(state: State, file: String, passphrase: String, replace: bool, on_progress: Channel<BackupProgress>) -> RestoreResult;
    upkeep::attachments_to_move(state: State) -> MovePlanView;
    upkeep::move_attachments(state: State, on_progress: Channel<BackupProgress>) -> u32;
    upkeep::check_vault(state: State, on_progress: Channel<BackupProgress>) -> VaultCheckView;
    dashboard::dashboard(state: State, today: Option<String>) -> DashboardView;
    reports::save_case_report(app: AppHandle, state: State, request: CaseReportInput, file_name: String) -> Option<CaseReportResult>;
    reports::verify_report_file(app: AppHandle, state: State) -> Option<ReportVerdict>;
    stats::statistics_preview(state: State, request: StatsRequestInput) -> StatsView;
    stats::save_statistics(app: AppHandle, state: State, request: StatsRequestInput, format: StatsFormatInput) -> Option<String>;
}
