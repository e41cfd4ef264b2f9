// Backups holding erased records: which rows offer the removal, and what
// the removal's outcome says, in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupEntryView } from './ipc/bindings';
import { setLanguage, t } from './i18n.svelte';
import { holdingErased, removalLines } from './backups';

afterEach(() => setLanguage('en'));

const contents = { created: '2026-11-27T09:40:05Z', records: 3, versions: 4, attachments: 1 };

function entry(name: string, over: Partial<BackupEntryView>): BackupEntryView {
  return {
    file: `/usb/${name}`,
    name,
    size: 10,
    this_vault: true,
    contents,
    problem: null,
    holds_erased: false,
    ...over,
  };
}

describe('holdingErased', () => {
  it('keeps only verified backups of this vault that hold erased records', () => {
    const list = [
      entry('new', {}),
      entry('old', { holds_erased: true }),
      entry('damaged', { holds_erased: true, contents: null, problem: 'backup_corrupt' }),
      entry('other', { holds_erased: true, this_vault: false }),
    ];
    expect(holdingErased(list).map((b) => b.name)).toEqual(['old']);
    expect(holdingErased([entry('new', {})])).toEqual([]);
  });
});

describe('removalLines', () => {
  const base = (p: string) => p.split('/').pop() ?? p;

  it('says a fresh backup was made first, then what went', () => {
    const lines = removalLines(
      { fresh: '/usb/set/snapshots/fresh.fnbackup', removed: ['/a', '/b'], blobs_removed: 3 },
      base,
    );
    expect(lines.map((l) => l.id)).toEqual([
      'backup-erased-fresh',
      'backup-erased-removed',
      'backup-erased-files',
    ]);
    expect(lines[0].args.file).toBe('fresh.fnbackup');
    for (const l of lines) {
      setLanguage('en');
      const en = t(l.id, l.args);
      setLanguage('ro');
      const ro = t(l.id, l.args);
      expect(en).not.toBe(l.id);
      expect(ro).not.toBe(en);
    }
    setLanguage('en');
    expect(t(lines[1].id, lines[1].args)).toContain('2');
  });

  it('says nothing was removed when no backup held erased records', () => {
    const lines = removalLines({ fresh: null, removed: [], blobs_removed: 0 }, base);
    expect(lines).toEqual([{ id: 'backup-erased-none', args: {} }]);
  });

  it('leaves the attachment files out when none went', () => {
    const lines = removalLines({ fresh: null, removed: ['/a'], blobs_removed: 0 }, base);
    expect(lines.map((l) => l.id)).toEqual(['backup-erased-removed']);
  });
});

describe('the restore screen', () => {
  it('says an older backup may bring erased records back, in both languages', () => {
    const en = t('restore-erased-return');
    setLanguage('ro');
    expect(en).toContain('erased');
    expect(t('restore-erased-return')).not.toBe(en);
  });
});
