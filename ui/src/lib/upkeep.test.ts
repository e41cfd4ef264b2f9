// Opening a vault made by an earlier version goes through the moving
// screen; the vault check's result reads as lines in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { VaultCheckView } from './ipc/bindings';
import { setLanguage, t } from './i18n.svelte';
import { enterVault, lockedBy, session } from './session.svelte';
import { checkLines, checkSound } from './upkeep';

afterEach(() => {
  clearMocks();
  setLanguage('en');
});

function answering(plan: unknown) {
  const calls: string[] = [];
  mockIPC((cmd) => {
    calls.push(cmd);
    if (plan instanceof Error) throw { code: plan.message, message: 'x' };
    return plan;
  });
  return calls;
}

describe('opening the vault', () => {
  it('shows the moving screen while files are inside the database', async () => {
    const calls = answering({ attachments: 3, bytes: 5 << 20 });
    session.phase = 'unlock';
    await enterVault();
    expect(calls).toEqual(['attachments_to_move']);
    expect(session.phase).toBe('moving');
    expect(session.move).toEqual({ attachments: 3, bytes: 5 << 20 });
    lockedBy('manual');
    expect(session.move).toBeNull();
  });

  it('opens the app at once when nothing is left to move', async () => {
    answering({ attachments: 0, bytes: 0 });
    session.phase = 'unlock';
    await enterVault();
    expect(session.phase).toBe('open');
  });

  it('lets the move say what is wrong when the question fails', async () => {
    answering(new Error('io'));
    session.phase = 'unlock';
    await enterVault();
    expect(session.phase).toBe('moving');
    expect(session.move).toBeNull();
  });

  it('shows the unlock screen when the vault was locked meanwhile', async () => {
    answering(new Error('locked'));
    session.phase = 'open';
    await enterVault();
    expect(session.phase).toBe('unlock');
  });

  it('tells how many files and bytes move, in both languages', () => {
    expect(t('moving-intro', { count: 2, size: '3 MB' })).toBe(
      'Moving 2 files (3 MB) out of the database into sealed files.',
    );
    setLanguage('ro');
    expect(t('moving-intro', { count: 1, size: '68,4 KB' })).toBe(
      'Mutăm un fișier (68,4 KB) din baza de date în fișiere sigilate.',
    );
    expect(t('moving-intro', { count: 25, size: '1 GB' })).toMatch(/^Mutăm 25 de fișiere/);
  });
});

const sound: VaultCheckView = {
  versions: 6,
  database_sound: true,
  files: { sound: 1, bytes: 70_000, damaged: [], missing: [], orphans: [] },
};
const size = (b: number) => `${b} B`;

describe('the vault check', () => {
  it('reads as sound when every file opens', () => {
    expect(checkSound(sound)).toBe(true);
    const lines = checkLines(sound, size);
    expect(lines.map((l) => [l.tone, l.id])).toEqual([
      ['ok', 'check-signatures'],
      ['ok', 'check-database-sound'],
      ['ok', 'check-files-sound'],
    ]);
    expect(t(lines[2].id, lines[2].args)).toBe(
      'The one attached file opens and matches its record (70000 B).',
    );
  });

  it('names damaged and missing files as needing a restore, strays as harmless', () => {
    const c: VaultCheckView = {
      ...sound,
      files: { sound: 4, bytes: 9, damaged: ['d1', 'd2'], missing: ['m1'], orphans: ['o1'] },
    };
    expect(checkSound(c)).toBe(false);
    const lines = checkLines(c, size);
    expect(lines.map((l) => [l.tone, l.id, l.files])).toEqual([
      ['ok', 'check-signatures', []],
      ['ok', 'check-database-sound', []],
      ['ok', 'check-files-some-sound', []],
      ['bad', 'check-files-damaged', ['d1', 'd2']],
      ['bad', 'check-files-missing', ['m1']],
      ['note', 'check-files-orphans', ['o1']],
    ]);
    expect(t(lines[3].id, lines[3].args)).toMatch(/^2 files are damaged/);
    setLanguage('ro');
    expect(t(lines[3].id, lines[3].args)).toMatch(/^2 fișiere sunt deteriorate/);
    expect(t(lines[5].id, lines[5].args)).toMatch(/^Un fișier nu aparține/);
  });

  it('fails on a database that fails its integrity check, even with sound files', () => {
    const c = { ...sound, database_sound: false };
    expect(checkSound(c)).toBe(false);
    expect(checkLines(c, size)[1]).toMatchObject({ tone: 'bad', id: 'check-database-damaged' });
  });
});
