// Typed wrappers over the shell's IPC commands. Every failure is an
// AppError `{code, message}`; the UI translates it by code.
import { Channel, invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { localDate } from '../format';
import type {
  AppError,
  AttachmentView,
  AuditView,
  BackupEntryView,
  BackupProgress,
  BackupResult,
  CardView,
  ConflictView,
  DashboardView,
  DeviceView,
  DriveView,
  ExportRequest,
  ExportResult,
  ImportSummary,
  RestoreResult,
  CaseDetail,
  CaseInput,
  CaseSummary,
  ConsentInput,
  FollowUpInput,
  HistoryView,
  IdentityView,
  NeedInput,
  NoteInput,
  Progress,
  SearchHit,
  Settings,
  StrengthView,
  VaultStatus,
} from './bindings';

/** Turns whatever invoke rejected with into an AppError. */
export function toAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    return { code: String(e.code), message: String(e.message) };
  }
  return { code: 'unknown', message: String(e) };
}

function channel<T>(handler: (p: T) => void): Channel<T> {
  const c = new Channel<T>();
  c.onmessage = handler;
  return c;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  vaultStatus: () => call<VaultStatus>('vault_status'),
  passphraseStrength: (passphrase: string) =>
    call<StrengthView>('passphrase_strength', { passphrase }),
  createVault: (passphrase: string, confirm: string, recovery: string | null) =>
    call<void>('create_vault', { passphrase, confirm, recovery }),
  unlock: (passphrase: string) => call<void>('unlock_vault', { passphrase }),
  /** Re-seals the open vault's key under a new passphrase, after checking the current one. */
  changePassphrase: (current: string, passphrase: string, confirm: string) =>
    call<void>('change_passphrase', { current, passphrase, confirm }),
  lock: () => call<boolean>('lock_vault'),
  noteActivity: () => call<void>('note_activity'),

  listCases: () => call<CaseSummary[]>('list_cases'),
  getCase: (caseId: string) => call<CaseDetail>('get_case', { caseId }),
  createCase: (input: CaseInput) => call<string>('create_case', { input }),
  updateCase: (caseId: string, input: CaseInput) => call<void>('update_case', { caseId, input }),
  revealIdentity: (caseId: string) => call<IdentityView>('reveal_identity', { caseId }),

  saveNote: (noteId: string | null, input: NoteInput) =>
    call<string>('save_note', { noteId, input }),
  saveNeed: (needId: string | null, input: NeedInput) =>
    call<string>('save_need', { needId, input }),
  addConsent: (input: ConsentInput) => call<string>('add_consent', { input }),
  withdrawConsent: (consentId: string) => call<void>('withdraw_consent', { consentId }),
  saveFollowUp: (followupId: string | null, input: FollowUpInput) =>
    call<string>('save_followup', { followupId, input }),
  history: (recordId: string) => call<HistoryView>('record_history', { recordId }),

  search: (query: string) => call<SearchHit[]>('search', { query }),
  auditLog: () => call<AuditView>('audit_log'),
  getSettings: () => call<Settings>('get_settings'),
  setSettings: (settings: Settings) => call<Settings>('set_settings', { settings }),

  /** Opens the file dialog and streams the pick into the case. */
  attachFile: (caseId: string, onProgress: (p: Progress) => void) =>
    call<AttachmentView | null>('attach_file', { caseId, onProgress: channel(onProgress) }),
  readAttachment: (attachmentId: string) =>
    call<ArrayBuffer>('read_attachment', { attachmentId }),

  /** The overview's figures as of today's local date. */
  dashboard: () => call<DashboardView>('dashboard', { today: localDate(new Date()) }),

  myCard: () => call<CardView>('my_card'),
  setDeviceName: (name: string) => call<CardView>('set_device_name', { name }),
  /** Opens the save dialog; the path written, or null if cancelled. */
  saveCard: () => call<string | null>('save_card'),
  /** Opens the file dialog and reads a card to compare; null if cancelled. */
  readCard: () => call<CardView | null>('read_card'),
  trustCard: (text: string, name: string | null) => call<DeviceView>('trust_card', { text, name }),
  listDevices: () => call<DeviceView[]>('list_devices'),
  revokeDevice: (deviceId: string) => call<DeviceView>('revoke_device', { deviceId }),
  /** Opens the save dialog and writes the bundle; null if cancelled. */
  exportBundle: (request: ExportRequest, onProgress: (p: Progress) => void) =>
    call<ExportResult | null>('export_bundle', { request, onProgress: channel(onProgress) }),
  /** Opens the file dialog, verifies and merges the bundle; null if cancelled. */
  importBundle: (onProgress: (p: Progress) => void) =>
    call<ImportSummary | null>('import_bundle', { onProgress: channel(onProgress) }),
  listConflicts: () => call<ConflictView[]>('list_conflicts'),
  /** Keeps one version, or (for a note) writes the text merged by hand;
   * `seen` are the version ids shown, so a version that arrived since is
   * never superseded unseen (error conflict_changed). */
  resolveConflict: (recordId: string, seen: string[], keep: string | null, text: string | null) =>
    call<void>('resolve_conflict', { recordId, seen, keep, text }),

  listDrives: () => call<DriveView[]>('list_drives'),
  pickBackupFolder: () => call<string | null>('pick_backup_folder'),
  pickBackupFile: () => call<string | null>('pick_backup_file'),
  backupNow: (dir: string, onProgress: (p: BackupProgress) => void) =>
    call<BackupResult>('backup_now', { dir, onProgress: channel(onProgress) }),
  listBackups: (dir: string, onProgress: (p: BackupProgress) => void) =>
    call<BackupEntryView[]>('list_backups', { dir, onProgress: channel(onProgress) }),
  /** Restores a backup as this laptop's vault (replacing one only if told). */
  restoreBackup: (
    file: string,
    passphrase: string,
    replace: boolean,
    onProgress: (p: BackupProgress) => void,
  ) =>
    call<RestoreResult>('restore_backup', {
      file,
      passphrase,
      replace,
      onProgress: channel(onProgress),
    }),

  /** Called when the shell locked the vault by itself (idle). */
  onLocked: (handler: () => void): Promise<UnlistenFn> => listen('vault-locked', handler),
};
