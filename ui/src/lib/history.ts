// What changed between consecutive versions of a record.
import type { VersionView } from './ipc/bindings';

export type Change = { name: string; before: string; after: string };
export type Step = { version: VersionView; created: boolean; changes: Change[] };

/** Each version with the fields that differ from the one before (oldest first in, newest first out). */
export function steps(versions: VersionView[]): Step[] {
  const out: Step[] = [];
  let prev: Map<string, string> | null = null;
  for (const v of versions) {
    const now = new Map(v.fields.map((f) => [f.name, f.value]));
    const changes: Change[] = [];
    if (prev) {
      for (const name of new Set([...prev.keys(), ...now.keys()])) {
        const before = prev.get(name) ?? '';
        const after = now.get(name) ?? '';
        if (before !== after) changes.push({ name, before, after });
      }
    } else {
      for (const [name, after] of now) if (after) changes.push({ name, before: '', after });
    }
    out.push({ version: v, created: prev === null, changes });
    prev = now;
  }
  return out.reverse();
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
