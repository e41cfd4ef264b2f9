// Backups that still hold erased records: which of the listed ones, and
// what removing them did, as message ids to show. The shell decides which
// backups hold erased records (from each backup's content); this only
// reads its answer.
import type { BackupEntryView, ErasedRemovalView } from './ipc/bindings';

/** This vault's verified backups that still hold erased records. */
export function holdingErased(list: readonly BackupEntryView[]): BackupEntryView[] {
  return list.filter((b) => b.this_vault && b.contents !== null && b.holds_erased);
}

export type Line = { id: string; args: Record<string, string | number> };

/** What removing the backups holding erased records did, in order. */
export function removalLines(r: ErasedRemovalView, name: (path: string) => string): Line[] {
  if (r.removed.length === 0) return [{ id: 'backup-erased-none', args: {} }];
  const lines: Line[] = [];
  if (r.fresh) lines.push({ id: 'backup-erased-fresh', args: { file: name(r.fresh) } });
  lines.push({ id: 'backup-erased-removed', args: { count: r.removed.length } });
  if (r.blobs_removed > 0) {
    lines.push({ id: 'backup-erased-files', args: { count: r.blobs_removed } });
  }
  return lines;
}
