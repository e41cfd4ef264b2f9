// Typed wrappers over the shell's IPC commands. Every failure is an
// AppError `{code, message}`; the UI translates it by code.
import { Channel, invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { localDate } from '../format';
import type {
  AcceptNeedsInput,
  AppError,
  BackupProgress,
  CaseInput,
  CaseListQuery,
  CaseReportInput,
  Commands,
  ConsentInput,
  ErasureReason,
  ExportRequest,
  FollowUpEditInput,
  FollowUpInput,
  NeedInput,
  NoteInput,
  Progress,
  RecoveryKeyInput,
  Settings,
  StatsFormatInput,
  StatsRequestInput,
} from './bindings';

/** Turns whatever invoke rejected with into an AppError: the command's
 * own, or `unknown` for a call Tauri refused before reaching a command. */
export function toAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    return { code: String(e.code) as AppError['code'], message: String(e.message) };
  }
  return { code: 'unknown', message: String(e) };
}

function channel<T>(handler: (p: T) => void): Channel<T> {
  const c = new Channel<T>();
  c.onmessage = handler;
  return c;
}

/** One command's call, as the desktop benchmark traces it. */
type Traced = { cmd: string; start: number; end: number | null };

/** Invokes a command of the shell's list (`Commands`, generated from it):
 * the compiler checks its name, its arguments and what it returns. When
 * the page holds a `__fieldnotesIpcTrace` array (only the desktop
 * benchmark puts one there), each call's start and end are added to it,
 * so a timed step can be broken down call by call. */
async function call<K extends keyof Commands>(
  cmd: K,
  args: Commands[K]['args'],
): Promise<Commands[K]['result']> {
  const trace = (globalThis as { __fieldnotesIpcTrace?: Traced[] }).__fieldnotesIpcTrace;
  const entry: Traced = { cmd, start: performance.now(), end: null };
  trace?.push(entry);
  try {
    return await invoke<Commands[K]['result']>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  } finally {
    entry.end = performance.now();
  }
}

export const api = {
  vaultStatus: () => call('vault_status', {}),
  passphraseStrength: (passphrase: string) =>
    call('passphrase_strength', { passphrase }),
  createVault: (passphrase: string, confirm: string, recovery: string | null) =>
    call('create_vault', { passphrase, confirm, recovery }),
  unlock: (passphrase: string) => call('unlock_vault', { passphrase }),
  /** Opens the file dialog for the organisation's recovery key file; null if cancelled. */
  pickRecoveryKey: () => call('pick_recovery_key', {}),
  /** Opens the vault with the recovery key and seals it under a new passphrase. */
  recoverVault: (key: RecoveryKeyInput, passphrase: string, confirm: string) =>
    call('recover_vault', { key, passphrase, confirm }),
  /** Re-seals the open vault's key under a new passphrase, after checking the current one. */
  changePassphrase: (current: string, passphrase: string, confirm: string) =>
    call('change_passphrase', { current, passphrase, confirm }),
  lock: () => call('lock_vault', {}),
  noteActivity: () => call('note_activity', {}),

  /** One page of the case list, filtered and sorted by the core. */
  listCases: (query: CaseListQuery) => call('list_cases', { query }),
  /** Reads the case list ahead of its first showing (not the user's activity). */
  prepareCaseList: () => call('prepare_case_list', {}),
  /** Every case's id and code, in code order (to choose cases to export). */
  caseChoices: () => call('case_choices', {}),
  getCase: (caseId: string) => call('get_case', { caseId }),
  createCase: (input: CaseInput) => call('create_case', { input }),
  updateCase: (caseId: string, input: CaseInput) => call('update_case', { caseId, input }),
  revealIdentity: (caseId: string) => call('reveal_identity', { caseId }),
  /** The case profile's vocabularies with their labels, and the country and language codes. */
  caseVocab: () => call('case_vocab', {}),

  /** The forms a note can follow (titles in `lang`) and the vault's invalid form files. */
  listForms: (lang: string) => call('list_forms', { lang }),
  /** One form whole, every language's labels; its latest version unless told. */
  getForm: (formId: string, formVersion: number | null) => call('get_form', { formId, formVersion }),
  /** What a note's answers propose (needs, a risk level); nothing is created. */
  noteProposals: (noteId: string) => call('note_proposals', { noteId }),
  /** Creates the proposed needs the worker chose. */
  acceptNeeds: (input: AcceptNeedsInput) => call('accept_needs', { input }),
  /** Sets the case's risk level to the proposed one. */
  acceptRisk: (noteId: string) => call('accept_risk', { noteId }),
  saveNote: (noteId: string | null, input: NoteInput) =>
    call('save_note', { noteId, input }),
  saveNeed: (needId: string | null, input: NeedInput) =>
    call('save_need', { needId, input }),
  addConsent: (input: ConsentInput) => call('add_consent', { input }),
  withdrawConsent: (consentId: string) => call('withdraw_consent', { consentId }),
  /** What rested on a consent: referrals, bundles that carried the case, photographs. */
  consentDependents: (consentId: string) => call('consent_dependents', { consentId }),
  markReferralWithdrawn: (needId: string) => call('mark_referral_withdrawn', { needId }),
  saveFollowUp: (followupId: string | null, input: FollowUpInput) =>
    call('save_followup', { followupId, input }),
  followupAssignees: () => call('followup_assignees', {}),
  editFollowUp: (followupId: string, input: FollowUpEditInput) => call('edit_followup', { followupId, input }),
  setFollowUpDone: (followupId: string, done: boolean) => call('set_followup_done', { followupId, done }),
  /** The open follow-ups due by Sunday (overdue ones too), as of the page's local day. */
  dueThisWeek: () => call('due_this_week', { today: localDate(new Date()) }),
  history: (recordId: string) => call('record_history', { recordId }),
  /** What erasing a record (or a whole case) would remove, for the confirmation. */
  erasurePlan: (recordId: string) => call('erasure_plan', { recordId }),
  /** Erases a record, or a case with everything of it, for good. */
  erase: (recordId: string, reason: ErasureReason) => call('erase', { input: { record_id: recordId, reason } }),

  search: (query: string) => call('search', { query }),
  auditLog: () => call('audit_log', {}),
  getSettings: () => call('get_settings', {}),
  setSettings: (settings: Settings) => call('set_settings', { settings }),
  /** The window's title (the app's name, or the neutral words). */
  setWindowTitle: (title: string) => call('set_window_title', { title }),
  /** The version and the commit the app was built from. */
  about: () => call('about', {}),
  /** The vault's retention period in months (kept inside the vault); null: none. */
  vaultRetention: () => call('vault_retention', {}),
  setVaultRetention: (months: number | null) => call('set_vault_retention', { months }),

  /** Opens the file dialog and streams the pick into the case; a
   * photograph without the survivor's consent needs `withoutConsent`, the
   * reason (audited). */
  attachFile: (caseId: string, onProgress: (p: Progress) => void, withoutConsent: string | null = null) =>
    call('attach_file', { caseId, withoutConsent, onProgress: channel(onProgress) }),
  readAttachment: (attachmentId: string) =>
    call('read_attachment', { attachmentId }),

  /** How many files of a vault made by an earlier version are still inside its database. */
  attachmentsToMove: () => call('attachments_to_move', {}),
  /** Moves them out into sealed files (phase `moving`); how many moved. */
  moveAttachments: (onProgress: (p: BackupProgress) => void) =>
    call('move_attachments', { onProgress: channel(onProgress) }),
  /** Checks signatures, the database and every sealed file (phase `verifying`). */
  checkVault: (onProgress: (p: BackupProgress) => void) =>
    call('check_vault', { onProgress: channel(onProgress) }),

  /** The overview's figures as of today's local date. */
  dashboard: () => call('dashboard', { today: localDate(new Date()) }),

  myCard: () => call('my_card', {}),
  setDeviceName: (name: string) => call('set_device_name', { name }),
  /** Opens the save dialog; the path written, or null if cancelled. */
  saveCard: () => call('save_card', {}),
  /** Opens the file dialog and reads a card to compare; null if cancelled. */
  readCard: () => call('read_card', {}),
  trustCard: (text: string, name: string | null) => call('trust_card', { text, name }),
  listDevices: () => call('list_devices', {}),
  revokeDevice: (deviceId: string) => call('revoke_device', { deviceId }),
  /** Opens the save dialog and writes the bundle; null if cancelled. */
  exportBundle: (request: ExportRequest, onProgress: (p: Progress) => void) =>
    call('export_bundle', { request, onProgress: channel(onProgress) }),
  /** Opens the file dialog, verifies and merges the bundle; null if cancelled. */
  importBundle: (onProgress: (p: Progress) => void) =>
    call('import_bundle', { onProgress: channel(onProgress) }),
  listConflicts: () => call('list_conflicts', {}),
  /** Keeps one version, or (for a note) writes the text merged by hand;
   * `seen` are the version ids shown, so a version that arrived since is
   * never superseded unseen (error conflict_changed). */
  resolveConflict: (recordId: string, seen: string[], keep: string | null, text: string | null) =>
    call('resolve_conflict', { recordId, seen, keep, text }),

  listDrives: () => call('list_drives', {}),
  pickBackupFolder: () => call('pick_backup_folder', {}),
  pickBackupFile: () => call('pick_backup_file', {}),
  backupNow: (dir: string, onProgress: (p: BackupProgress) => void) =>
    call('backup_now', { dir, onProgress: channel(onProgress) }),
  listBackups: (dir: string, onProgress: (p: BackupProgress) => void) =>
    call('list_backups', { dir, onProgress: channel(onProgress) }),
  /** Removes this vault's backups in `dir` that hold erased records. */
  removeBackupsHoldingErased: (dir: string, onProgress: (p: BackupProgress) => void) =>
    call('remove_backups_holding_erased', { dir, onProgress: channel(onProgress) }),
  /** Restores a backup as this laptop's vault (replacing one only if told). */
  restoreBackup: (
    file: string,
    passphrase: string,
    replace: boolean,
    onProgress: (p: BackupProgress) => void,
  ) =>
    call('restore_backup', {
      file,
      passphrase,
      replace,
      onProgress: channel(onProgress),
    }),

  /** Called when the shell locked the vault by itself (idle). */
  onLocked: (handler: () => void): Promise<UnlistenFn> => listen('vault-locked', handler),
  /** The anonymised statistics' tables, as every file shows them. */
  statisticsPreview: (request: StatsRequestInput) => call('statistics_preview', { request }),
  /** Saves the statistics in `format` where the user chooses; null if cancelled. */
  saveStatistics: (request: StatsRequestInput, format: StatsFormatInput) =>
    call('save_statistics', { request, format }),
  /** Makes a signed case summary and saves it where the person chooses; null if cancelled. */
  saveCaseReport: (request: CaseReportInput, fileName: string) =>
    call('save_case_report', { request, fileName }),
  /** Checks a case summary the person picks; null if cancelled. */
  verifyReportFile: () => call('verify_report_file', {}),
};
