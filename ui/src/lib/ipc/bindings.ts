// Generated from src-tauri by `make bindings`: do not edit.
// The IPC payloads and commands of the Fieldnotes desktop app.

import type { Channel } from '@tauri-apps/api/core';

export const NEED_CATEGORIES = ["safety_protection", "accommodation", "material_financial", "medical_health", "psychosocial_mental_health", "interpretation_information", "legal", "compensation", "identity_documents", "repatriation_reintegration", "education_training", "employment_livelihood", "child_family"] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];
export const REFERRAL_STATUSES = ["identified", "referred", "provided_by_own_organisation", "already_receiving", "not_applicable", "declined_by_survivor", "service_unavailable", "met", "withdrawn"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const PRIORITIES = ["low", "medium", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const CASE_STATUSES = ["open", "monitoring", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const NOTE_KINDS = ["intake", "follow_up", "phone", "court_accompaniment", "home_visit", "hospital_visit", "note"] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const CONSENT_SCOPES = ["store_data", "share_with_lead", "referral", "photographs"] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export const ERASURE_REASONS = ["consent_withdrawn", "erasure_request", "retention_ended", "entered_in_error"] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];
export const RECORD_KINDS = ["case", "note", "need", "consent", "follow_up", "attachment", "erasure"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const ERROR_CODES = ["wrong_passphrase", "weak_passphrase", "passphrase_mismatch", "vault_exists", "no_vault", "missing_database", "corrupt_envelope", "foreign_envelope", "excessive_work_factor", "corrupt_database", "unsupported_version", "recovery_not_configured", "wrong_recovery_key", "invalid_key", "not_found", "unknown_case", "case_code_taken", "empty", "unknown_value", "invalid_form", "unknown_form", "invalid_answer", "nothing_proposed", "conflict", "deleted", "erased", "consent_required", "share_consent_missing", "photograph_consent_missing", "attachment_corrupt", "attachment_missing", "attachments_not_moved", "bad_signature", "audit_broken", "backup_corrupt", "backup_foreign", "backup_incomplete", "busy", "invalid_card", "card_too_large", "own_card", "card_key_changed", "no_recipients", "unknown_device", "revoked_device", "nothing_to_export", "bundle_corrupt", "bundle_tampered", "clock_ahead", "not_a_recipient", "untrusted_sender", "untrusted_author", "revoked_sender", "revoked_author", "already_imported", "replayed_sequence", "no_conflict", "text_merge_unsupported", "not_a_conflicting_version", "conflict_changed", "bundle_read_back", "wrong_kind", "unknown_assignee", "invalid_date", "future_date", "case_rule", "attachment_too_large", "disk_full", "report_layout", "not_a_report", "report_tampered", "report_untrusted", "io", "database", "encrypt"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const SHELL_ERROR_CODES = ["locked", "invalid", "no_folder", "unknown"] as const;
export type ShellErrorCode = (typeof SHELL_ERROR_CODES)[number];
export const QUESTION_KINDS = ["text", "long_text", "yes_no", "single_choice", "multiple_choice", "date", "number", "scale"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type FormAnswer = boolean | number | string | Array<string>;

export type AppError = { code: ErrorCode | ShellErrorCode, message: string, 
/**
 * The form question an `invalid_answer` is about, so the UI puts its
 * message beside that question.
 */
question?: string, };
export type Settings = { 
/**
 * `en` or `ro`.
 */
language: string, 
/**
 * Idle minutes before the vault locks itself.
 */
auto_lock_minutes: number, 
/**
 * Remind to back up when the last backup is older than this many days.
 */
backup_reminder_days: number, 
/**
 * How many backups of this vault to keep on a drive.
 */
backup_keep: number, 
/**
 * A case with no interview or note for this many days is listed as
 * without recent contact.
 */
quiet_case_days: number, 
/**
 * The window's title instead of "Fieldnotes", for working in public
 * places ("Documents"); `None`: "Fieldnotes".
 */
neutral_title: string | null, };
export type AboutView = { version: string, commit: string, };
export type VaultStatus = { exists: boolean, unlocked: boolean, dir: string, };
export type StrengthView = { 
/**
 * 0 (trivial) to 4 (very strong).
 */
score: number, acceptable: boolean, crack_time: string, warning: string | null, suggestions: Array<string>, };
export type RecoveryKeyInput = { "file": string } | { "text": string };
export type CaseSummary = { id: string, code: string, status: CaseStatus, risk: RiskLevel | null, nationality: string | null, languages: Array<string>, worker: string | null, open_needs: number, updated: string, conflict: boolean, gender: string | null, 
/**
 * Under 18 at identification; `null` when the record cannot tell.
 */
is_child: boolean | null, exploitation_types: Array<string>, 
/**
 * Nationality or languages hold text that matches no code.
 */
needs_review: boolean, };
export type CaseListQuery = { 
/**
 * Part of a code, a nationality (code or name) or a worker.
 */
text: string, status: CaseStatus | null, risk: RiskLevel | null, worker: string | null, open_needs_only: boolean, exploitation: string | null, child_only: boolean, sort: 'code' | 'status' | 'risk' | 'nationality' | 'worker' | 'open_needs' | 'updated', descending: boolean, 
/**
 * The language names are compared in.
 */
lang: 'en' | 'ro', offset: number, limit: number, };
export type CaseListPageView = { 
/**
 * Every case, matching or not.
 */
total: number, 
/**
 * The cases the filters admit.
 */
matching: number, offset: number, rows: Array<CaseSummary>, 
/**
 * The worker filter's choices.
 */
workers: Array<string>, };
export type CaseChoice = { id: string, code: string, };
export type CaseDetail = { summary: CaseSummary, profile: ProfileView, 
/**
 * Stored nationality or language text that matches no code.
 */
to_review: Array<string>, has_identity: boolean, notes: Array<NoteView>, needs: Array<NeedView>, consents: Array<ConsentView>, followups: Array<FollowUpView>, attachments: Array<AttachmentView>, };
export type IdentityView = { name: string | null, date_of_birth: string | null, contacts: Array<string>, };
export type CaseInput = { code: string, status: CaseStatus, risk: RiskLevel | null, nationality: string | null, languages: Array<string>, worker: string | null, identity: IdentityView | null, profile: ProfileView, };
export type NoteView = { id: string, kind: NoteKind, when: string | null, place: string | null, present: Array<string>, interpreter: string | null, narrative: string, tags: Array<string>, draft: boolean, updated: string, 
/**
 * The form the note follows and its answers.
 */
form: NoteFormView | null, };
export type NoteInput = { case_id: string, kind: NoteKind, when: string | null, place: string | null, present: Array<string>, interpreter: string | null, narrative: string, tags: Array<string>, draft: boolean, 
/**
 * The form the note follows and its answers (none: a free note, or
 * an edit that keeps the stored answers).
 */
form: NoteFormInput | null, };
export type NeedView = { id: string, category: NeedCategory, description: string, priority: Priority, status: ReferralStatus, referral_target: string | null, due: string | null, consent: string | null, updated: string, };
export type NeedInput = { case_id: string, category: NeedCategory, description: string, priority: Priority, status: ReferralStatus, referral_target: string | null, due: string | null, };
export type ConsentView = { id: string, scope: ConsentScope, service: string | null, given_at: string, withdrawn_at: string | null, note: string | null, };
export type ConsentInput = { case_id: string, scope: ConsentScope, service: string | null, note: string | null, };
export type DependentReferralView = { need_id: string, category: NeedCategory, status: ReferralStatus, referral_target: string | null, };
export type SentBundleView = { bundle_id: string, sent_at: string, 
/**
 * The recipients' device names.
 */
recipients: Array<string>, };
export type ConsentDependentsView = { consent_id: string, case_id: string, case_code: string, scope: ConsentScope, given_at: string, withdrawn_at: string | null, referrals: Array<DependentReferralView>, bundles: Array<SentBundleView>, 
/**
 * Bundles sent since by an earlier version, which did not record
 * their cases: any of them may have carried this one.
 */
unitemised_bundles: number, photographs: Array<AttachmentView>, };
export type FollowUpView = { id: string, title: string, due: string | null, assigned_to: string | null, done: boolean, };
export type FollowUpInput = { case_id: string, title: string, due: string | null, assigned_to: string | null, done: boolean, };
export type AttachmentView = { id: string, file_name: string, media_type: string | null, size: number, updated: string, };
export type Progress = { done: number, total: number, };
export type SearchHit = { record_id: string, kind: RecordKind, case_code: string | null, case_id: string | null, snippet: string, 
/**
 * The record's category, status, kind, priority, risk or scope.
 */
values: Array<HitValue>, };
export type HitValue = { field: string, value: string, };
export type FieldValue = { name: string, value: string, };
export type VersionView = { version_id: string, at: string, author: string, 
/**
 * The author's name in the roster (the start of its id when it has none).
 */
author_name: string, 
/**
 * The author device was revoked since: its versions held here before
 * the revocation stay, shown as from a revoked laptop.
 */
author_revoked: boolean, this_device: boolean, deleted: boolean, 
/**
 * Its content was erased: only the signed header stays.
 */
erased: boolean, fields: Array<FieldValue>, 
/**
 * How it changed the record (history: finalising a draft, or saving
 * one, is not a change of content).
 */
change: "created" | "changed" | "finalised" | "saved_as_draft" | "deleted" | "erased", 
/**
 * In history, the fields that differ from its parent.
 */
changes: Array<FieldChangeView>, };
export type FieldChangeView = { name: string, before: string, after: string, words: Array<WordRunView>, };
export type WordRunView = { op: "equal" | "insert" | "delete", text: string, };
export type HistoryView = { record_id: string, kind: RecordKind, versions: Array<VersionView>, };
export type AuditEntryView = { seq: number, at: string, event: string, 
/**
 * The subject as stored (ids).
 */
subject: string, 
/**
 * The subject for people, in English ("RO-1 · note", "erased
 * record", a device name): shown when the fields below say nothing.
 */
subject_label: string, 
/**
 * The subject is a record of this kind.
 */
subject_kind: RecordKind | null, 
/**
 * The code of the case the record subject belongs to.
 */
subject_case_code: string | null, 
/**
 * The subject record was erased.
 */
subject_erased: boolean, 
/**
 * This laptop did it.
 */
by_this_device: boolean, 
/**
 * Otherwise, the roster name of the device that did.
 */
by_name: string | null, };
export type AuditView = { entries: Array<AuditEntryView>, intact: boolean, 
/**
 * Where the chain breaks, when it does.
 */
broken_at: number | null, head: string | null, };
export type CardView = { device_id: string, name: string, 
/**
 * Recomputed from the keys, never taken from the file.
 */
fingerprint: string, age_recipient: string, 
/**
 * The card file's text, as it is saved or handed to `trust_card`.
 */
text: string, };
export type DeviceView = { device_id: string, name: string, fingerprint: string, this_device: boolean, trusted: boolean, 
/**
 * When it was revoked; bundles it signed after that are refused.
 */
revoked_at: string | null, 
/**
 * The device whose signed revocation came in a bundle; `null` when
 * revoked on this laptop (or not revoked).
 */
revoked_by: string | null, };
export type ExportRequest = { 
/**
 * Device ids of the recipients.
 */
to: Array<string>, 
/**
 * Case ids: every version of these cases. Empty: what changed since
 * the last bundle to these recipients.
 */
cases: Array<string>, 
/**
 * Also send the cases without consent to share with the lead, for
 * this reason (audited); absent: they are left out.
 */
override_consent?: string, };
export type ExportResult = { file: string, versions: number, attachments: number, size: number, 
/**
 * Codes of the cases left out for want of consent to share.
 */
left_out: Array<string>, 
/**
 * Codes of the cases sent without that consent (reason audited).
 */
sent_without_consent: Array<string>, };
export type ImportSummary = { sender_name: string, 
/**
 * The bundle had been imported before; nothing changed.
 */
already_imported: boolean, new_cases: number, new_notes: number, new_needs: number, 
/**
 * New consents, follow-ups and attachments.
 */
new_other: number, 
/**
 * New versions of every kind, edits included.
 */
new_versions: number, conflicts: number, 
/**
 * Names of the devices the bundle's signed revocations revoked here.
 */
revoked_devices: Array<string>, 
/**
 * Records an erasure in the bundle erased here.
 */
erased_records: number, 
/**
 * Versions of erased records (or of records of an erased case) the
 * bundle carried, refused.
 */
refused_erased: number, };
export type ConflictView = { record_id: string, kind: RecordKind, case_id: string | null, case_code: string | null, 
/**
 * The heads, oldest first.
 */
versions: Array<VersionView>, 
/**
 * A note: its narrative can be merged by hand.
 */
text_merge: boolean, };
export type DriveView = { path: string, device: string, 
/**
 * The volume label, or the folder's name when the drive has none.
 */
name: string, available_bytes: number, total_bytes: number, };
export type BackupProgress = { phase: 'writing' | 'verifying' | 'restoring' | 'moving', done: number, total: number, };
export type BackupContents = { created: string, records: number, versions: number, attachments: number, };
export type BackupResult = { file: string, size: number, contents: BackupContents, 
/**
 * Older backups removed to keep the chosen number.
 */
removed: number, 
/**
 * Attachment files this backup copied to the drive (the others were
 * there already).
 */
files_written: number, 
/**
 * Bytes written to the drive: new attachment files and the snapshot.
 */
bytes_written: number, write_ms: number, verify_ms: number, };
export type BackupEntryView = { file: string, name: string, size: number, this_vault: boolean, 
/**
 * Present when the backup verified.
 */
contents: BackupContents | null, 
/**
 * The error code when it did not.
 */
problem: string | null, 
/**
 * Whether it still holds records erased since: rotate it out.
 */
holds_erased: boolean, };
export type ErasedRemovalView = { 
/**
 * The fresh backup made first, when none free of erased records
 * would have been left.
 */
fresh: string | null, 
/**
 * The backup files removed.
 */
removed: Array<string>, 
/**
 * Attachment files no kept backup needs, removed with them.
 */
blobs_removed: number, };
export type RestoreResult = { contents: BackupContents, 
/**
 * Where the vault it replaced was kept.
 */
replaced: string | null, };
export type MovePlanView = { attachments: number, bytes: number, };
export type FileCheckView = { 
/**
 * Files that opened and matched their record.
 */
sound: number, bytes: number, damaged: Array<string>, missing: Array<string>, 
/**
 * Files no record refers to (left by an interrupted write).
 */
orphans: Array<string>, };
export type VaultCheckView = { 
/**
 * Record versions whose signature was checked (all valid).
 */
versions: number, 
/**
 * SQLite's integrity check passed.
 */
database_sound: boolean, files: FileCheckView, };
export type CategoryCountView = { category: NeedCategory, open: number, total: number, };
export type StatusCountView = { status: ReferralStatus, count: number, };
export type OverdueView = { record_id: string, kind: RecordKind, case_id: string, case_code: string, 
/**
 * A follow-up's title, or a need's category.
 */
title: string, due: string, days_late: number, };
export type QuietCaseView = { case_id: string, case_code: string, last_contact: string | null, };
export type UnreadableDateView = { record_id: string, kind: RecordKind, case_id: string, case_code: string, 
/**
 * `due` (a need or follow-up) or `when` (a note).
 */
field: 'due' | 'when', 
/**
 * The stored text, as it is.
 */
value: string, };
export type ActivityView = { record_id: string, kind: RecordKind, case_id: string | null, case_code: string | null, at: string, author_name: string, this_device: boolean, created: boolean, deleted: boolean, };
export type PastRetentionView = { case_id: string, case_code: string, 
/**
 * `YYYY-MM-DD`.
 */
closed_on: string, 
/**
 * `YYYY-MM-DD`: when the retention period ended.
 */
due_on: string, days_past: number, };
export type DashboardView = { needs_by_category: Array<CategoryCountView>, needs_by_status: Array<StatusCountView>, overdue: Array<OverdueView>, quiet_cases: Array<QuietCaseView>, 
/**
 * Days without contact after which a case counts as quiet.
 */
quiet_days: number, 
/**
 * Due dates and interview times that do not read, by case code.
 */
unreadable_dates: Array<UnreadableDateView>, recent: Array<ActivityView>, conflicts: number, last_export: string | null, last_backup: string | null, 
/**
 * The vault's retention period in months, if it has one.
 */
retention_months: number | null, 
/**
 * Closed cases kept past that period, longest past first.
 */
past_retention: Array<PastRetentionView>, };
export type ErasurePlanView = { 
/**
 * The case erased whole, if the target is a case.
 */
case_id: string | null, 
/**
 * The case's code when a whole case goes: named in the confirmation
 * and typed back to confirm it.
 */
case_code: string | null, 
/**
 * How many records lose their content.
 */
records: number, versions: number, attachments: number, attachment_bytes: number, };
export type EraseInput = { record_id: string, reason: ErasureReason, };
export type ProfileView = { gender: string | null, year_of_birth: number | null, age_band: string | null, identified_on: string | null, exploitation_types: Array<string>, countries_of_origin: Array<string>, countries_of_recruitment: Array<string>, countries_of_exploitation: Array<string>, referral_source: string | null, closed_on: string | null, closure_reason: string | null, identification: Array<IdentificationView>, proceedings: Array<ProceedingsView>, };
export type IdentificationView = { kind: string, date: string, decision: string | null, note: string | null, };
export type ProceedingsView = { status: string, date: string, note: string | null, };
export type VocabEntry = { value: string, labels: { [key in string]: string }, };
export type CaseVocab = { gender: Array<VocabEntry>, age_band: Array<VocabEntry>, exploitation_type: Array<VocabEntry>, referral_source: Array<VocabEntry>, closure_reason: Array<VocabEntry>, identification_kind: Array<VocabEntry>, 
/**
 * The identification kinds that take a decision (not a referral).
 */
kinds_with_decision: Array<string>, decision: Array<VocabEntry>, proceedings_status: Array<VocabEntry>, 
/**
 * ISO 3166-1 alpha-2 codes.
 */
countries: Array<string>, 
/**
 * ISO 639 codes.
 */
languages: Array<string>, };
export type AssigneeView = { device_id: string, name: string, this_device: boolean, 
/**
 * Not revoked: offered for new assignments. A revoked device is still
 * listed, to name the follow-ups assigned to it before.
 */
assignable: boolean, };
export type FollowUpEditInput = { title: string, due: string | null, assignee_changed: boolean, assignee: string | null, };
export type DueFollowUpView = { id: string, case_id: string, case_code: string, title: string, 
/**
 * `YYYY-MM-DD`.
 */
due: string, overdue: boolean, 
/**
 * Who it is assigned to: a roster device's name, or older free text.
 */
assignee: string | null, };
export type FormSummary = { id: string, form_version: number, title: string, note_kind: NoteKind, languages: Array<string>, 
/**
 * Built into Fieldnotes (else: a file in the vault's forms folder).
 */
shipped: boolean, };
export type InvalidFormView = { file: string, message: string, };
export type FormListView = { forms: Array<FormSummary>, invalid: Array<InvalidFormView>, };
export type FormView = { id: string, form_version: number, title: { [key in string]: string }, description: { [key in string]: string } | null, note_kind: NoteKind, languages: Array<string>, sections: Array<SectionView>, };
export type SectionView = { id: string, title: { [key in string]: string }, questions: Array<QuestionView>, };
export type QuestionView = { id: string, kind: QuestionKind, label: { [key in string]: string }, help: { [key in string]: string } | null, required: boolean, choices: Array<ChoiceView>, min: number | null, max: number | null, min_label: { [key in string]: string } | null, max_label: { [key in string]: string } | null, show_if: ShowIfView | null, };
export type ChoiceView = { id: string, label: { [key in string]: string }, };
export type ShowIfView = { question: string, answer: string, };
export type NoteFormInput = { id: string, form_version: number, 
/**
 * The language the questions were asked in.
 */
lang: string, answers: Record<string, FormAnswer>, };
export type NoteFormView = { id: string, form_version: number, lang: string, 
/**
 * The form's title in `lang`, when the form is installed here.
 */
title: string | null, answers: Record<string, FormAnswer>, lines: Array<AnswerLineView>, };
export type AnswerLineView = { section: string | null, question: string, label: string | null, kind: QuestionKind | null, answer: FormAnswer, choices: Array<string>, };
export type ReasonView = { question: string, answer: string, };
export type NeedProposalView = { category: NeedCategory, priority: Priority, reasons: Array<ReasonView>, open_need: string | null, };
export type RiskProposalView = { level: RiskLevel, score: number, reasons: Array<ReasonView>, current: RiskLevel | null, };
export type ProposalsView = { form_available: boolean, needs: Array<NeedProposalView>, risk: RiskProposalView | null, };
export type AcceptNeedsInput = { note_id: string, categories: Array<NeedCategory>, lang: string, };
export type StatsRequestInput = { from: string, to: string, status: CaseStatus | null, worker: string | null, exploitation: string | null, lang: 'en' | 'ro', };
export type StatsFormatInput = "csv" | "xlsx" | "pdf";
export type StatsRowView = { key: string, label: string, value: string, };
export type StatsTableView = { id: string, title: string, rows: Array<StatsRowView>, total: string | null, };
export type StatsView = { from_month: string, to_month: string, filters: Array<string>, tables: Array<StatsTableView>, median_days: string, };
export type CaseReportInput = { case_id: string, lang: "en" | "ro", with_identity: boolean, 
/**
 * The interviews and notes to show; `null`: every one but drafts.
 */
notes: Array<string> | null, 
/**
 * The chronology's period, `YYYY-MM-DD` each (or as people write dates).
 */
from: string | null, to: string | null, };
export type CaseReportResult = { path: string, entries: number, with_identity: boolean, };
export type ReportCheckView = { signer_id: string, signer_name: string, fingerprint: string, this_device: boolean, case_code: string, made_at: string, with_identity: boolean, entries: number, };
export type ReportVerdict = { file_name: string, outcome: "intact" | "changed" | "not_a_report" | "untrusted", 
/**
 * Filled when intact.
 */
check: ReportCheckView | null, 
/**
 * Who signed it, when intact but signed by a laptop not trusted here.
 */
signer: string | null, };

export interface Commands {
  vault_status: { args: Record<string, never>; result: VaultStatus };
  passphrase_strength: { args: { passphrase: string }; result: StrengthView };
  create_vault: { args: { passphrase: string; confirm: string; recovery: string | null }; result: null };
  unlock_vault: { args: { passphrase: string }; result: null };
  pick_recovery_key: { args: Record<string, never>; result: string | null };
  recover_vault: { args: { key: RecoveryKeyInput; passphrase: string; confirm: string }; result: null };
  lock_vault: { args: Record<string, never>; result: boolean };
  note_activity: { args: Record<string, never>; result: null };
  change_passphrase: { args: { current: string; passphrase: string; confirm: string }; result: null };
  list_cases: { args: { query: CaseListQuery }; result: CaseListPageView };
  prepare_case_list: { args: Record<string, never>; result: null };
  case_choices: { args: Record<string, never>; result: Array<CaseChoice> };
  get_case: { args: { caseId: string }; result: CaseDetail };
  create_case: { args: { input: CaseInput }; result: string };
  update_case: { args: { caseId: string; input: CaseInput }; result: null };
  reveal_identity: { args: { caseId: string }; result: IdentityView };
  case_vocab: { args: Record<string, never>; result: CaseVocab };
  save_note: { args: { noteId: string | null; input: NoteInput }; result: string };
  save_need: { args: { needId: string | null; input: NeedInput }; result: string };
  add_consent: { args: { input: ConsentInput }; result: string };
  withdraw_consent: { args: { consentId: string }; result: null };
  consent_dependents: { args: { consentId: string }; result: ConsentDependentsView };
  mark_referral_withdrawn: { args: { needId: string }; result: null };
  save_followup: { args: { followupId: string | null; input: FollowUpInput }; result: string };
  record_history: { args: { recordId: string }; result: HistoryView };
  followup_assignees: { args: Record<string, never>; result: Array<AssigneeView> };
  edit_followup: { args: { followupId: string; input: FollowUpEditInput }; result: null };
  set_followup_done: { args: { followupId: string; done: boolean }; result: null };
  due_this_week: { args: { today: string | null }; result: Array<DueFollowUpView> };
  list_forms: { args: { lang: string }; result: FormListView };
  get_form: { args: { formId: string; formVersion: number | null }; result: FormView };
  note_proposals: { args: { noteId: string }; result: ProposalsView };
  accept_needs: { args: { input: AcceptNeedsInput }; result: number };
  accept_risk: { args: { noteId: string }; result: null };
  erasure_plan: { args: { recordId: string }; result: ErasurePlanView };
  erase: { args: { input: EraseInput }; result: ErasurePlanView };
  search: { args: { query: string }; result: Array<SearchHit> };
  attach_file: { args: { caseId: string; withoutConsent: string | null; onProgress: Channel<Progress> }; result: AttachmentView | null };
  read_attachment: { args: { attachmentId: string }; result: ArrayBuffer };
  audit_log: { args: Record<string, never>; result: AuditView };
  get_settings: { args: Record<string, never>; result: Settings };
  set_settings: { args: { settings: Settings }; result: Settings };
  set_window_title: { args: { title: string }; result: null };
  about: { args: Record<string, never>; result: AboutView };
  vault_retention: { args: Record<string, never>; result: number | null };
  set_vault_retention: { args: { months: number | null }; result: number | null };
  my_card: { args: Record<string, never>; result: CardView };
  set_device_name: { args: { name: string }; result: CardView };
  save_card: { args: Record<string, never>; result: string | null };
  read_card: { args: Record<string, never>; result: CardView | null };
  trust_card: { args: { text: string; name: string | null }; result: DeviceView };
  list_devices: { args: Record<string, never>; result: Array<DeviceView> };
  revoke_device: { args: { deviceId: string }; result: DeviceView };
  export_bundle: { args: { request: ExportRequest; onProgress: Channel<Progress> }; result: ExportResult | null };
  import_bundle: { args: { onProgress: Channel<Progress> }; result: ImportSummary | null };
  list_conflicts: { args: Record<string, never>; result: Array<ConflictView> };
  resolve_conflict: { args: { recordId: string; seen: Array<string>; keep: string | null; text: string | null }; result: null };
  list_drives: { args: Record<string, never>; result: Array<DriveView> };
  pick_backup_folder: { args: Record<string, never>; result: string | null };
  pick_backup_file: { args: Record<string, never>; result: string | null };
  backup_now: { args: { dir: string; onProgress: Channel<BackupProgress> }; result: BackupResult };
  list_backups: { args: { dir: string; onProgress: Channel<BackupProgress> }; result: Array<BackupEntryView> };
  remove_backups_holding_erased: { args: { dir: string; onProgress: Channel<BackupProgress> }; result: ErasedRemovalView };
  restore_backup: { args: { file: string; passphrase: string; replace: boolean; onProgress: Channel<BackupProgress> }; result: RestoreResult };
  attachments_to_move: { args: Record<string, never>; result: MovePlanView };
  move_attachments: { args: { onProgress: Channel<BackupProgress> }; result: number };
  check_vault: { args: { onProgress: Channel<BackupProgress> }; result: VaultCheckView };
  dashboard: { args: { today: string | null }; result: DashboardView };
  save_case_report: { args: { request: CaseReportInput; fileName: string }; result: CaseReportResult | null };
  verify_report_file: { args: Record<string, never>; result: ReportVerdict | null };
  statistics_preview: { args: { request: StatsRequestInput }; result: StatsView };
  save_statistics: { args: { request: StatsRequestInput; format: StatsFormatInput }; result: string | null };
}
