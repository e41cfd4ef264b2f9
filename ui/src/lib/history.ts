// What each version of a record changed, as the core says it (fields
// compared with the version's parent, edited text as changed words, the
// draft flag alone as "finalised" or "saved as draft").
import type { FieldChangeView, VersionView, WordRunView } from './ipc/bindings';

export type Step = { version: VersionView; created: boolean; state: string; changes: FieldChangeView[] };

/** The catalogue message that says how a version changed its record. */
export function stateMessage(v: VersionView): string {
  switch (v.change) {
    case 'erased': return 'history-erased';
    case 'deleted': return 'history-deleted';
    case 'created': return 'history-created';
    case 'finalised': return 'history-finalised';
    case 'saved_as_draft': return 'history-saved-as-draft';
    default: return 'history-changed';
  }
}

/** Each version with what it changed (oldest first in, newest first out). */
export function steps(versions: VersionView[]): Step[] {
  return versions
    .map((v) => ({ version: v, created: v.change === 'created', state: stateMessage(v), changes: v.changes }))
    .reverse();
}

/** Whether a change is best shown as changed words (edited free text). */
export function hasWords(c: FieldChangeView): boolean {
  return c.words.some((w: WordRunView) => w.op !== 'equal');
}

/** The catalogue message that names a stored value, if the field holds a vocabulary value. */
export function valueMessage(kind: string, field: string, value: string): string | null {
  if (!value) return null;
  if (field === 'draft' || field === 'done') return value === 'true' ? 'yes' : 'no';
  const prefix: Record<string, string> = {
    category: 'need-category-',
    priority: 'priority-',
    risk: 'risk-',
    scope: 'consent-scope-',
    ...(kind === 'note' ? { kind: 'note-kind-' } : {}),
    ...(kind === 'need' ? { status: 'referral-' } : {}),
    ...(kind === 'case' ? { status: 'case-status-' } : {}),
  };
  return prefix[field] ? prefix[field] + value : null;
}
