// The history screen against a stand-in shell: a version written by a
// laptop revoked since carries the badge "from a revoked laptop" (in both
// languages) beside its device, and the others do not.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import type { HistoryView, VersionView } from './ipc/bindings';

function version(id: string, narrative: string, over: Partial<VersionView> = {}): VersionView {
  return {
    version_id: id,
    at: '2026-03-01T10:00:00Z',
    author: '00000000-0000-0000-0000-0000aaaabbbb',
    author_name: 'Worker laptop',
    author_revoked: false,
    this_device: false,
    deleted: false,
    erased: false,
    fields: [{ name: 'narrative', value: narrative }],
    change: 'created',
    changes: [{ name: 'narrative', before: '', after: narrative, words: [] }],
    ...over,
  };
}

const view: HistoryView = {
  record_id: 'n1',
  kind: 'note',
  versions: [
    version('v1', 'First account.', { author_revoked: true }),
    version('v2', 'Edited here.', {
      author: 'me', author_name: 'Mine', this_device: true, change: 'changed',
      changes: [{
        name: 'narrative', before: 'First account.', after: 'Edited here.',
        words: [{ op: 'delete', text: 'First account.' }, { op: 'insert', text: 'Edited here.' }],
      }],
    }),
    version('v3', 'Edited here.', { author: 'me', author_name: 'Mine', this_device: true, change: 'finalised', changes: [] }),
  ],
};

vi.mock('./ipc/api', () => ({
  api: { history: vi.fn(async () => view) },
}));

import { setLanguage } from './i18n.svelte';
import History from '../screens/History.svelte';

beforeEach(() => setLanguage('en'));
afterEach(() => cleanup());

describe('history of a record', () => {
  it('marks the versions of a revoked laptop, beside its device', async () => {
    render(History, { recordId: 'n1', caseId: null });
    const badge = await screen.findByTestId('version-revoked');
    expect(badge.textContent).toBe('from a revoked laptop');
    const versions = screen.getAllByTestId('version');
    // Newest first: the revoked laptop's version is the oldest.
    expect(versions[2].textContent).toContain('from a revoked laptop');
    expect(versions[2].textContent).toContain('by Worker laptop');
    expect(versions[0].textContent).not.toContain('revoked');
    expect(versions[1].textContent).not.toContain('revoked');
    expect(screen.getAllByTestId('version-revoked')).toHaveLength(1);
    expect(screen.getByTestId('history-revoked-note').textContent).toContain('has been revoked');
  });

  it('shows finalising as such and an edit as its deleted and added words, named by device', async () => {
    render(History, { recordId: 'n1', caseId: null });
    const versions = await screen.findAllByTestId('version');
    const states = screen.getAllByTestId('version-state').map((e) => e.textContent);
    expect(states).toEqual(['Finalised', 'Changed', 'Created']);
    // Finalising lists no change of content.
    expect(versions[0].querySelector('dl')).toBeNull();
    expect(screen.getAllByTestId('version-author')[0].textContent).toBe('by Mine · on this device');
    const words = screen.getByTestId('change-words');
    expect(words.querySelector('del')?.textContent).toBe('[deleted:] First account.');
    expect(words.querySelector('ins')?.textContent).toBe('[added:] Edited here.');
  });

  it('says it in Romanian too', async () => {
    setLanguage('ro');
    render(History, { recordId: 'n1', caseId: null });
    expect((await screen.findByTestId('version-revoked')).textContent).toBe('de la un laptop revocat');
    const states = screen.getAllByTestId('version-state').map((e) => e.textContent);
    expect(states).toEqual(['Finalizată', 'Modificată', 'Creată']);
  });
});
