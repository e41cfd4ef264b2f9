// The app's session: which phase it is in (create, unlock, open), where in
// the app the person is, and the lock actions. Locking unmounts every screen,
// so no record stays in the page's memory. A vault made by an earlier
// version first shows only the moving screen, until its files are out of
// the database ('moving').
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
  | { name: 'audit' }
  | { name: 'settings' };

/** The sections of the navigation, in order. */
export const SECTIONS = [
  { route: 'dashboard', label: 'nav-dashboard' },
  { route: 'cases', label: 'nav-cases' },
  { route: 'search', label: 'nav-search' },
  { route: 'exchange', label: 'nav-exchange' },
  { route: 'conflicts', label: 'nav-conflicts' },
  { route: 'backup', label: 'nav-backup' },
  { route: 'audit', label: 'nav-audit' },
  { route: 'settings', label: 'nav-settings' },
] as const;

export type Phase = 'loading' | 'create' | 'unlock' | 'moving' | 'open';

export const session = $state({
  phase: 'loading' as Phase,
  /** The window's content is hidden (quick lock in progress). */
  covered: false,
  /** Why the unlock screen is shown: null at start, 'manual' or 'idle'. */
  lockReason: null as null | 'manual' | 'idle',
  route: { name: 'dashboard' } as Route,
  /** What the moving screen moves (null: not known, the move says). */
  move: null as MovePlanView | null,
  settings: {
    language: 'en',
    auto_lock_minutes: 5,
    backup_reminder_days: 1,
    backup_keep: 10,
    quiet_case_days: 30,
  } as Settings,
});

export function go(route: Route) {
  session.route = route;
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
  session.covered = false;
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

/** Ctrl+Shift+L locks at once. Returns whether the key was handled. */
export function quickLockKey(e: KeyboardEvent): boolean {
  if (session.phase === 'open' && e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'l') {
    e.preventDefault();
    void lockNow();
    return true;
  }
  return false;
}
