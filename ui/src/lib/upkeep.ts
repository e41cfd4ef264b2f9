// The vault check's result as lines to show, in the order a person reads
// them: signatures, the database, the attached files (sound, damaged,
// missing), then the stray files an interrupted write left.
import type { VaultCheckView } from './ipc/bindings';

export type CheckLine = {
  /** 'ok' sound, 'bad' needs a restore, 'note' harmless. */
  tone: 'ok' | 'bad' | 'note';
  /** The message id; its arguments. */
  id: string;
  args: Record<string, string | number>;
  /** File names (under `blobs/`) the line is about. */
  files: string[];
};

/** Whether nothing needs the person's action. */
export function checkSound(c: VaultCheckView): boolean {
  return c.database_sound && c.files.damaged.length === 0 && c.files.missing.length === 0;
}

/** The lines of a check's result; `size` formats a byte count. */
export function checkLines(c: VaultCheckView, size: (bytes: number) => string): CheckLine[] {
  const f = c.files;
  const lines: CheckLine[] = [
    { tone: 'ok', id: 'check-signatures', args: { count: c.versions }, files: [] },
    c.database_sound
      ? { tone: 'ok', id: 'check-database-sound', args: {}, files: [] }
      : { tone: 'bad', id: 'check-database-damaged', args: {}, files: [] },
  ];
  if (f.damaged.length === 0 && f.missing.length === 0) {
    lines.push({ tone: 'ok', id: 'check-files-sound', args: { count: f.sound, size: size(f.bytes) }, files: [] });
  } else {
    lines.push({ tone: 'ok', id: 'check-files-some-sound', args: { count: f.sound }, files: [] });
  }
  if (f.damaged.length > 0) {
    lines.push({ tone: 'bad', id: 'check-files-damaged', args: { count: f.damaged.length }, files: f.damaged });
  }
  if (f.missing.length > 0) {
    lines.push({ tone: 'bad', id: 'check-files-missing', args: { count: f.missing.length }, files: f.missing });
  }
  if (f.orphans.length > 0) {
    lines.push({ tone: 'note', id: 'check-files-orphans', args: { count: f.orphans.length }, files: f.orphans });
  }
  return lines;
}
