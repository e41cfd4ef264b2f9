// The app's session: which phase it is in (create, unlock, open), where in
// the app the person is, and the lock actions. Locking unmounts every screen,
// so no record stays in the page's memory. A vault made by an earlier
// version first shows only the moving screen, until its files are out of
// the database ('moving'). The quick exit hides everything behind a blank,
// unbranded page and locks; the window's title follows (neutral there, and
// everywhere when the settings ask for it).
import { resetCaseList } from './caselist.svelte';
import { t } from './i18n.svelte';
import { api } from './ipc/api';
import type { AppError, MovePlanView, Settings } from './ipc/bindings';

export type Route =
  | { name: 'dashboard' }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'note'; caseId: string; noteId: string | null }
  | { name: 'history'; recordId: string; caseId: string | null }
  | { name: 'search' }
  | { name: 'exchange' }
  | { name: 'conflicts' }
  | { name: 'backup' }
  | { name: 'reports' }
  | { name: 'audit' }
  | { name: 'settings' };

/** The sidebar's groups, in order: the daily work first (Cases leads, as
 * it is where a worker spends the day), then sharing and keeping safe, then
 * the settings and the audit log. Conflicts is shown only while there are
 * some (`session.conflicts`), with their number. */
export type Section = { route: Exclude<Route['name'], 'case' | 'note' | 'history'>; label: string };
export const NAV_GROUPS: readonly { label: string | null; sections: readonly Section[] }[] = [
  {
    label: null,
    sections: [
      { route: 'cases', label: 'nav-cases' },
      { route: 'dashboard', label: 'nav-dashboard' },
      { route: 'search', label: 'nav-search' },
      { route: 'conflicts', label: 'nav-conflicts' },
    ],
  },
  {
    label: 'nav-group-share',
    sections: [
      { route: 'exchange', label: 'nav-exchange' },
      { route: 'backup', label: 'nav-backup' },
      { route: 'reports', label: 'nav-reports' },
    ],
  },
  {
    label: 'nav-group-admin',
    sections: [
      { route: 'settings', label: 'nav-settings' },
      { route: 'audit', label: 'nav-audit' },
    ],
  },
];

/** The sections of the navigation, in order. */
export const SECTIONS: Section[] = NAV_GROUPS.flatMap((g) => g.sections);

export type Phase = 'loading' | 'create' | 'unlock' | 'moving' | 'open';

export const session = $state({
  phase: 'loading' as Phase,
  /** The window's content is hidden (quick lock in progress). */
  covered: false,
  /** The quick-exit page is shown, over whatever phase is behind it. */
  neutral: false,
  /** Why the unlock screen is shown: null at start, 'manual' or 'idle'. */
  lockReason: null as null | 'manual' | 'idle',
  route: { name: 'dashboard' } as Route,
  /** How many records are in conflict (the sidebar's badge). */
  conflicts: 0,
  /** What the moving screen moves (null: not known, the move says). */
  move: null as MovePlanView | null,
  settings: {
    language: 'en',
    auto_lock_minutes: 5,
    backup_reminder_days: 1,
    backup_keep: 10,
    quiet_case_days: 30,
    neutral_title: null,
  } as Settings,
});

export function go(route: Route) {
  session.route = route;
}

/** Counts the records in conflict again, for the sidebar (after opening
 * the vault, an import, a resolution). A failure leaves the count as it was. */
export async function refreshConflicts() {
  try {
    session.conflicts = (await api.listConflicts()).length;
  } catch (e) {
    handle(e);
  }
}

/** The vault was just opened (unlocked, restored, or found open when the
 * page loads): files an earlier version kept inside the database move out
 * first, on the moving screen; otherwise the app opens. If the question
 * fails, the moving screen runs the move, which says what is wrong. */
export async function enterVault() {
  try {
    const plan = await api.attachmentsToMove();
    session.move = plan;
    session.phase = plan.attachments > 0 ? 'moving' : 'open';
  } catch (e) {
    if (handle(e).code === 'locked') return;
    session.move = null;
    session.phase = 'moving';
  }
}

/** The vault was locked (by the person, the idle timer, or quitting). */
export function lockedBy(reason: 'manual' | 'idle') {
  session.phase = 'unlock';
  session.move = null;
  session.lockReason = reason;
  session.route = { name: 'dashboard' };
  session.conflicts = 0;
  session.covered = false;
  resetCaseList();
}

/** Hides the content at once, then locks. */
export async function lockNow() {
  session.covered = true;
  try {
    await api.lock();
  } finally {
    lockedBy('manual');
  }
}

/** Common handling of a failed call: a locked vault goes to the unlock screen. */
export function handle(e: unknown): AppError {
  const err = e as AppError;
  if (err?.code === 'locked') lockedBy('idle');
  return err;
}

let lastPing = 0;
/** Notes activity for the idle auto-lock, at most every 20 seconds. */
export function activity(now = Date.now()) {
  if (session.phase !== 'open' || now - lastPing < 20_000) return;
  lastPing = now;
  api.noteActivity().catch(() => {});
}

/** The app's name, the window's title unless a neutral one is asked for. */
export const APP_TITLE = 'Fieldnotes';

/** The window's title now: neutral on the quick-exit page or when the
 * settings have a neutral title, else the app's name. */
export function windowTitle(): string {
  if (session.neutral) return session.settings.neutral_title ?? t('window-title-neutral');
  return session.settings.neutral_title ?? APP_TITLE;
}

/** Gives the window and the page (whose title assistive technology reads)
 * the title of the moment. */
export function applyWindowTitle() {
  const title = windowTitle();
  document.title = title;
  api.setWindowTitle(title).catch(() => {});
}

/** Quick exit: the blank page covers everything at once (the screens are
 * unmounted), the title turns neutral, and the vault locks. Whatever the
 * lock answers, the page stays until Escape is pressed twice again. */
export async function quickExit() {
  session.neutral = true;
  (document.activeElement as HTMLElement | null)?.blur?.();
  applyWindowTitle();
  const open = session.phase === 'open' || session.phase === 'moving';
  try {
    await api.lock();
  } catch {
    // The vault may be locked already (or have none); the page is hidden anyway.
  } finally {
    if (open) lockedBy('manual');
  }
}

/** Back from the quick-exit page: to the unlock screen (or whatever phase
 * is behind it), under the usual title. */
export function leaveQuickExit() {
  session.neutral = false;
  applyWindowTitle();
}

/**
 * The quick exit is Escape pressed twice within this many milliseconds.
 * Escape because it is the one key people reach for blind under stress (the
 * quick exit of support websites uses it), it has no modifier to hold, and it
 * types nothing, so it never clashes with writing; twice, because a single
 * Escape already closes a dialog or the file viewer here. Ctrl+Shift+L stays
 * the plain lock.
 */
export const QUICK_EXIT_MS = 600;
let lastEscape = Number.NEGATIVE_INFINITY;

/** The quick-exit shortcut, in and out. Returns whether the key was handled. */
export function quickExitKey(e: KeyboardEvent, now = Date.now()): boolean {
  if (e.repeat) return false;
  if (e.key !== 'Escape') {
    lastEscape = Number.NEGATIVE_INFINITY;
    return false;
  }
  if (now - lastEscape > QUICK_EXIT_MS) {
    lastEscape = now;
    return false;
  }
  lastEscape = Number.NEGATIVE_INFINITY;
  e.preventDefault();
  if (session.neutral) leaveQuickExit();
  else void quickExit();
  return true;
}

/** Ctrl+Shift+L locks at once. Returns whether the key was handled. */
export function quickLockKey(e: KeyboardEvent): boolean {
  if (session.phase === 'open' && e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'l') {
    e.preventDefault();
    void lockNow();
    return true;
  }
  return false;
}
