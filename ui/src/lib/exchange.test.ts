// The helpers behind the Exchange and Conflicts screens, then the screens
// themselves against a stand-in for the shell.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { DeviceView, ImportSummary, Progress, VersionView } from './ipc/bindings';
import {
  canExport,
  deviceLabel,
  differingFields,
  fieldNames,
  fieldValue,
  fingerprintGroups,
  mergeText,
  shownFields,
  otherDevices,
  recipients,
  summaryLines,
} from './exchange';

// What the stand-in shell has been asked to do so far.
const state = vi.hoisted(() => ({}) as { trusted?: boolean; revoked?: string; resolved?: boolean });
vi.mock('./ipc/api', () => ({
  api: {
    myCard: vi.fn(async () => ({ device_id: 'me', name: 'Mine', fingerprint: '1234 5678 9012 3456 7890', age_recipient: 'age1x', text: '{"card":1}' })),
    setDeviceName: vi.fn(async (n: string) => ({ device_id: 'me', name: n, fingerprint: '1234 5678 9012 3456 7890', age_recipient: 'age1x', text: '{}' })),
    saveCard: vi.fn(async () => '/home/u/card.json'),
    readCard: vi.fn(async () => ({ device_id: 'ana', name: 'Ana', fingerprint: '1111 2222 3333 4444 5555', age_recipient: 'a', text: 'T' })),
    trustCard: vi.fn(async () => { state.trusted = true; return { device_id: 'ana', name: 'Ana laptop', fingerprint: '1111', this_device: false, trusted: true, revoked_at: null, revoked_by: null }; }),
    listDevices: vi.fn(async () => [
      { device_id: 'me', name: 'Mine', fingerprint: '1234', this_device: true, trusted: true, revoked_at: null, revoked_by: null },
      ...(state.trusted ? [{ device_id: 'ana', name: 'Ana laptop', fingerprint: '1111 2222', this_device: false, trusted: true, revoked_at: state.revoked ?? null, revoked_by: null }] : []),
    ]),
    revokeDevice: vi.fn(async () => { state.revoked = '2025-02-01T10:00:00Z'; return { device_id: 'ana', name: 'Ana laptop', fingerprint: '1111', this_device: false, trusted: true, revoked_at: state.revoked, revoked_by: null }; }),
    caseChoices: vi.fn(async () => [{ id: 'c0', code: 'RO-1' }, { id: 'c1', code: 'RO-2' }]),
    exportBundle: vi.fn(async (_r: unknown, p: (x: Progress) => void) => { p({ done: 5, total: 10 }); return { file: '/tmp/b.fnb', versions: 12, attachments: 1, size: 3565158, left_out: ['RO-9'], sent_without_consent: [] }; }),
    importBundle: vi.fn(async () => ({ sender_name: 'Ana laptop', already_imported: false, new_cases: 2, new_notes: 1, new_needs: 0, new_other: 0, new_versions: 6, conflicts: 1, revoked_devices: ['Bogdan laptop'], erased_records: 0, refused_erased: 0 })),
    listConflicts: vi.fn(async () => state.resolved ? [] : [{
      record_id: 'r1', kind: 'note', case_id: 'c1', case_code: 'RO-2', text_merge: true,
      versions: [
        { version_id: 'v1', at: '2025-03-01T10:00:00Z', author: 'me', author_name: 'Mine', this_device: true, deleted: false, fields: [{ name: 'kind', value: 'phone' }, { name: 'narrative', value: 'A text' }, { name: 'draft', value: 'false' }] },
        { version_id: 'v2', at: '2025-03-02T10:00:00Z', author: 'aaaa-bbbb-cccc', author_name: '', this_device: false, deleted: false, fields: [{ name: 'kind', value: 'phone' }, { name: 'narrative', value: 'B text' }, { name: 'draft', value: 'false' }] },
      ],
    }]),
    resolveConflict: vi.fn(async () => { state.resolved = true; }),
  },
}));

import Exchange from '../screens/Exchange.svelte';
import Conflicts from '../screens/Conflicts.svelte';
import { api } from './ipc/api';
import { session } from './session.svelte';
import { formatDate } from './format';

function device(id: string, over: Partial<DeviceView> = {}): DeviceView {
  return { device_id: id, name: id, fingerprint: '1111 2222', this_device: false, trusted: true, revoked_at: null, revoked_by: null, ...over };
}

function version(id: string, fields: Record<string, string>, over: Partial<VersionView> = {}): VersionView {
  return {
    version_id: id,
    at: '2025-03-01T10:00:00Z',
    author: `author-${id}`,
    author_name: '',
    author_revoked: false,
    this_device: false,
    deleted: false,
    erased: false,
    fields: Object.entries(fields).map(([name, value]) => ({ name, value })),
    change: 'changed',
    changes: [],
    ...over,
  };
}

describe('fingerprintGroups', () => {
  it('keeps the groups as given', () => {
    expect(fingerprintGroups('1234 5678 9012 3456 7890')).toEqual(['1234', '5678', '9012', '3456', '7890']);
  });
  it('ignores extra whitespace', () => {
    expect(fingerprintGroups('  1234   5678\n9012 ')).toEqual(['1234', '5678', '9012']);
  });
  it('cuts an ungrouped fingerprint into fours', () => {
    expect(fingerprintGroups('1234567890')).toEqual(['1234', '5678', '90']);
    expect(fingerprintGroups('12345')).toEqual(['12345']);
  });
  it('gives nothing for an empty fingerprint', () => {
    expect(fingerprintGroups('   ')).toEqual([]);
  });
});

describe('devices', () => {
  const list = [
    device('me', { this_device: true }),
    device('ana'),
    device('lost', { revoked_at: '2025-01-02T00:00:00Z' }),
    device('unknown', { trusted: false }),
  ];
  it('leave this laptop out of the roster', () => {
    expect(otherDevices(list).map((d) => d.device_id)).toEqual(['ana', 'lost', 'unknown']);
  });
  it('offer only trusted, unrevoked colleagues as recipients', () => {
    expect(recipients(list).map((d) => d.device_id)).toEqual(['ana']);
  });
});

describe('canExport', () => {
  it('needs a recipient', () => {
    expect(canExport([], 'since', [])).toBe(false);
    expect(canExport(['ana'], 'since', [])).toBe(true);
  });
  it('needs a case when cases are chosen', () => {
    expect(canExport(['ana'], 'cases', [])).toBe(false);
    expect(canExport(['ana'], 'cases', ['c1'])).toBe(true);
    expect(canExport([], 'cases', ['c1'])).toBe(false);
  });
});

describe('summaryLines', () => {
  const summary: ImportSummary = {
    sender_name: 'Ana',
    already_imported: false,
    new_cases: 2,
    new_notes: 3,
    new_needs: 1,
    new_other: 4,
    new_versions: 15,
    conflicts: 1,
    revoked_devices: [],
    erased_records: 0,
    refused_erased: 0,
  };
  it('lists every count in order, edits being the versions beyond new records', () => {
    expect(summaryLines(summary)).toEqual([
      { id: 'import-new-cases', count: 2 },
      { id: 'import-new-notes', count: 3 },
      { id: 'import-new-needs', count: 1 },
      { id: 'import-new-other', count: 4 },
      { id: 'import-edits', count: 5 },
      { id: 'import-conflicts', count: 1 },
    ]);
  });
  it('adds the erased and refused counts only when a bundle had any', () => {
    const lines = summaryLines({ ...summary, erased_records: 4, refused_erased: 7 });
    expect(lines.slice(-2)).toEqual([
      { id: 'import-erased', count: 4 },
      { id: 'import-refused-erased', count: 7 },
    ]);
    expect(summaryLines(summary).map((l) => l.id)).not.toContain('import-erased');
  });
  it('never counts edits below zero', () => {
    const lines = summaryLines({ ...summary, new_versions: 0 });
    expect(lines.find((l) => l.id === 'import-edits')?.count).toBe(0);
  });
});

describe('conflict fields', () => {
  const a = version('a', { kind: 'phone', narrative: 'Called at 10.', place: 'Office' });
  const b = version('b', { kind: 'phone', narrative: 'Called at 11.', tags: 'urgent' });
  const gone = version('c', {}, { deleted: true });

  it('lists every field once, in first-seen order', () => {
    expect(fieldNames([a, b])).toEqual(['kind', 'narrative', 'place', 'tags']);
  });
  it('shows only fields with a value somewhere', () => {
    const c = version('c', { kind: 'phone', narrative: 'x', place: '', interpreter: '' });
    const d = version('d', { kind: 'phone', narrative: 'y', place: 'Court', interpreter: '' });
    expect(shownFields([c, d])).toEqual(['kind', 'narrative', 'place']);
  });
  it('reads a missing field as empty', () => {
    expect(fieldValue(a, 'tags')).toBe('');
    expect(fieldValue(b, 'tags')).toBe('urgent');
  });
  it('marks the fields that differ, a missing field counting as empty', () => {
    expect([...differingFields([a, b])].sort()).toEqual(['narrative', 'place', 'tags']);
  });
  it('marks nothing when the versions agree', () => {
    expect(differingFields([a, version('d', { ...Object.fromEntries(a.fields.map((f) => [f.name, f.value])) })]).size).toBe(0);
  });
  it('compares only versions still standing', () => {
    expect(differingFields([a, gone]).size).toBe(0);
    expect([...differingFields([a, gone, b])]).toContain('narrative');
  });
});

describe('mergeText', () => {
  it('puts each narrative under its author and time, separated by a blank line', () => {
    const a = version('a', { narrative: 'First account.\n' }, { author_name: 'Ana' });
    const b = version('b', { narrative: 'Second account.' }, { author_name: 'Radu' });
    const text = mergeText([a, b], (v) => `${v.author_name}, 1 Mar`);
    expect(text).toBe('— Ana, 1 Mar —\nFirst account.\n\n— Radu, 1 Mar —\nSecond account.');
  });
  it('leaves out deleted versions', () => {
    const a = version('a', { narrative: 'Kept.' }, { author_name: 'Ana' });
    const gone = version('b', {}, { deleted: true, author_name: 'Radu' });
    expect(mergeText([a, gone], (v) => v.author_name)).toBe('— Ana —\nKept.');
  });
});

describe('the Exchange screen', () => {
  it('shows the card, trusts a compared card, sends, receives and revokes', async () => {
    render(Exchange);
    const fp = await screen.findByTestId('my-fingerprint');
    expect(fp.textContent).toBe('1234 5678 9012 3456 7890');
    expect(screen.getByTestId('roster-empty')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('card-save'));
    expect((await screen.findByTestId('card-saved')).textContent).toContain('/home/u/card.json');
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await fireEvent.click(screen.getByTestId('card-copy'));
    expect((await screen.findByTestId('card-copied')).textContent).toMatch(/^Card copied/);
    expect(writeText).toHaveBeenCalledWith('{"card":1}');
    // A refused clipboard is explained, not thrown.
    writeText.mockRejectedValueOnce(new Error('denied'));
    await fireEvent.click(screen.getByTestId('card-copy'));
    await waitFor(() => expect(screen.getByTestId('card-copied').textContent).toMatch(/could not be copied/));
    await fireEvent.click(screen.getByTestId('card-read'));
    await screen.findByTestId('card-preview');
    expect(screen.getByTestId('card-fingerprint').textContent).toBe('1111 2222 3333 4444 5555');
    expect((screen.getByTestId('trust-name') as HTMLInputElement).value).toBe('Ana');
    expect(document.activeElement?.textContent).toBe('Card of Ana');
    await fireEvent.click(screen.getByTestId('trust-confirm'));
    await screen.findByTestId('device-row');
    expect((await screen.findByTestId('roster-status')).textContent).toMatch(/Ana laptop is now trusted/);
    expect(api.trustCard).toHaveBeenCalledWith('T', 'Ana');
    expect(screen.getByTestId('device-status').textContent).toBe('Trusted');
    expect(screen.queryByTestId('card-preview')).toBeNull();
    const run = screen.getByTestId('export-run') as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('export-to-ana'));
    expect(run.disabled).toBe(false);
    await fireEvent.click(screen.getByTestId('scope-cases'));
    expect(run.disabled).toBe(true);
    await fireEvent.click(await screen.findByTestId('export-case-c1'));
    expect(run.disabled).toBe(false);
    await fireEvent.click(run);
    expect((await screen.findByTestId('export-result')).textContent?.trim()).toBe('Bundle saved: 12 versions, 1 attachment, 3.4 MB, to /tmp/b.fnb');
    expect(screen.queryByTestId('export-progress')).toBeNull();
    expect(api.exportBundle).toHaveBeenCalledWith({ to: ['ana'], cases: ['c1'] }, expect.any(Function));
    // The case the consent gate left out is named.
    expect((await screen.findByTestId('export-left-out')).textContent).toContain('RO-9');
    await fireEvent.click(screen.getByTestId('import-run'));
    const sum = await screen.findByTestId('import-summary');
    expect(sum.textContent).toMatch(/Received from Ana laptop/);
    expect(screen.getByTestId('import-edits').textContent).toMatch(/3$/);
    expect(screen.getByTestId('import-new-cases').textContent).toContain('2');
    // A colleague's signed revocation the bundle carried is told.
    expect(screen.getByTestId('import-revoked').textContent).toMatch(/revocation of Bogdan laptop: nothing more/);
    await fireEvent.click(screen.getByTestId('revoke-ana'));
    await fireEvent.click(screen.getByTestId('revoke-confirm'));
    await waitFor(() => expect(screen.getByTestId('device-status').textContent).toMatch(/Revoked/));
    expect(screen.queryByTestId('export-to-ana')).toBeNull();
    expect(screen.queryByTestId('revoke-ana')).toBeNull();
    await fireEvent.click(screen.getByTestId('import-see-conflicts'));
    expect(session.route.name).toBe('conflicts');
  });
});

describe('the Conflicts screen', () => {
  it('shows versions side by side and saves a hand-merged text', async () => {
    render(Conflicts);
    const items = await screen.findAllByTestId('conflict-item');
    expect(items.length).toBe(1);
    expect(items[0].textContent).toMatch(/Note · case RO-2/);
    expect(screen.getAllByTestId('conflict-version').length).toBe(2);
    const ta = screen.getByTestId('merge-text') as HTMLTextAreaElement;
    const at = (s: string) => formatDate(s, 'en');
    expect(ta.value).toBe(
      `— this laptop, ${at('2025-03-01T10:00:00Z')} —\nA text\n\n— laptop bbbbcccc, ${at('2025-03-02T10:00:00Z')} —\nB text`,
    );
    // Only the narrative differs, in both columns.
    expect(screen.getAllByTestId('field-differs').map((e) => e.textContent)).toEqual([expect.stringMatching(/Narrative/), expect.stringMatching(/Narrative/)]);
    await fireEvent.input(ta, { target: { value: 'Merged!' } });
    await fireEvent.click(screen.getByTestId('merge-save'));
    expect(api.resolveConflict).toHaveBeenCalledWith('r1', expect.any(Array), null, 'Merged!');
    const seen = (api.resolveConflict as unknown as { mock: { calls: unknown[][] } }).mock.calls[0][1];
    expect((seen as string[]).length).toBeGreaterThanOrEqual(2);
    await screen.findByTestId('conflict-resolved');
    await screen.findByTestId('conflicts-empty');
    await fireEvent.click(screen.getByTestId('conflict-history'));
    expect(session.route).toEqual({ name: 'history', recordId: 'r1', caseId: 'c1' });
  });
});

describe('deviceLabel', () => {
  it('shows the name, or the given word for a device without one', () => {
    expect(deviceLabel({ name: 'Case lead' }, 'unnamed')).toBe('Case lead');
    expect(deviceLabel({ name: '  ' }, 'unnamed')).toBe('unnamed');
    expect(deviceLabel({ name: '' }, 'fără nume')).toBe('fără nume');
  });
});

describe('the roster', () => {
  it('names the colleague whose signed revocation came in a bundle', async () => {
    vi.mocked(api.listDevices).mockResolvedValue([
      device('me', { this_device: true }),
      device('ana', { name: 'Ana laptop' }),
      device('bo', { name: 'Bogdan laptop', trusted: false, revoked_at: '2025-02-01T10:00:00Z', revoked_by: 'ana' }),
    ]);
    render(Exchange);
    await waitFor(() => expect(screen.getAllByTestId('device-status').length).toBeGreaterThan(1));
    const statuses = screen.getAllByTestId('device-status').map((s) => s.textContent);
    expect(statuses).toContain(`Revoked by Ana laptop on ${formatDate('2025-02-01T10:00:00Z', 'en')}`);
    expect(screen.queryByTestId('export-to-bo')).toBeNull();
  });
});
