// Follow-ups on the case page and the overview: who one is assigned to,
// what the edit form sends, completing and reopening one, the empty states,
// and "Due this week" with overdue ones marked, against a stand-in shell.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { AssigneeView, DueFollowUpView, FollowUpView } from './ipc/bindings';
import { KEEP, assignable, assigneeChoice, assigneeLabel, editInput, openCount } from './followups';
import { setLanguage, t } from './i18n.svelte';

const ANA = '0190a000-0000-7000-8000-000000000001';
const OLD = '0190a000-0000-7000-8000-000000000002';
const ROSTER: AssigneeView[] = [
  { device_id: 'me', name: 'Lead office', this_device: true, assignable: true },
  { device_id: ANA, name: 'Ana', this_device: false, assignable: true },
  { device_id: OLD, name: 'Old laptop', this_device: false, assignable: false },
];
const DUE: DueFollowUpView[] = [
  { id: 'f1', case_id: 'c1', case_code: 'RO-1', title: 'Call GP', due: '2026-11-20', overdue: true, assignee: null },
  { id: 'f2', case_id: 'c2', case_code: 'RO-2', title: 'Visit', due: '2026-12-04', overdue: false, assignee: 'Ana' },
];

vi.mock('./ipc/api', () => ({
  api: {
    followupAssignees: vi.fn(async () => ROSTER),
    editFollowUp: vi.fn(async () => {}),
    setFollowUpDone: vi.fn(async () => {}),
    saveFollowUp: vi.fn(async () => 'f-new'),
    dueThisWeek: vi.fn(async () => DUE),
  },
}));
vi.mock('./session.svelte', () => ({ go: vi.fn(), handle: (e: unknown) => e }));

import { api } from './ipc/api';
import { go } from './session.svelte';
import FollowUpsSection from '../components/FollowUpsSection.svelte';
import DueThisWeek from '../components/DueThisWeek.svelte';

function task(over: Partial<FollowUpView> = {}): FollowUpView {
  return { id: 'f1', title: 'Call GP', due: '2026-12-03', assigned_to: null, done: false, ...over };
}

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  setLanguage('en');
});

describe('follow-up logic', () => {
  it('names an assignee by the roster, or as it was written', () => {
    expect(assigneeLabel(ANA, ROSTER)).toBe('Ana');
    expect(assigneeLabel(OLD, ROSTER)).toBe('Old laptop');
    expect(assigneeLabel('Maria', ROSTER)).toBe('Maria');
    expect(assigneeLabel(null, ROSTER)).toBeNull();
    expect(assigneeLabel('  ', ROSTER)).toBeNull();
  });

  it('offers only devices that can be assigned, and keeps what it cannot offer', () => {
    expect(assignable(ROSTER).map((a) => a.name)).toEqual(['Lead office', 'Ana']);
    expect(assigneeChoice(task({ assigned_to: ANA }), ROSTER)).toBe(ANA);
    expect(assigneeChoice(task({ assigned_to: 'Maria' }), ROSTER)).toBe(KEEP);
    expect(assigneeChoice(task({ assigned_to: OLD }), ROSTER)).toBe(KEEP);
    expect(assigneeChoice(task(), ROSTER)).toBe('');
  });

  it('sends the assignee only when it was changed', () => {
    expect(editInput(' Call ', '', KEEP, KEEP)).toEqual({ title: 'Call', due: null, assignee_changed: false, assignee: null });
    expect(editInput('Call', '2026-12-04', ANA, KEEP)).toEqual({
      title: 'Call', due: '2026-12-04', assignee_changed: true, assignee: ANA,
    });
    expect(editInput('Call', '', '', ANA)).toEqual({ title: 'Call', due: null, assignee_changed: true, assignee: null });
    expect(editInput('Call', '', ANA, ANA).assignee_changed).toBe(false);
  });

  it('counts the open ones, with plurals in both languages', () => {
    expect(openCount([task(), task({ id: 'f2', done: true })])).toBe(1);
    expect([1, 2].map((count) => t('followups-open-count', { count }))).toEqual(['1 open follow-up', '2 open follow-ups']);
    setLanguage('ro');
    expect([1, 2, 20].map((count) => t('followups-open-count', { count }))).toEqual([
      '1 sarcină deschisă', '2 sarcini deschise', '20 de sarcini deschise',
    ]);
    expect(t('due-week-help', { count: 1 })).toBe('O sarcină deschisă cu termen până duminică sau depășit.');
  });
});

describe('the follow-ups of a case', () => {
  it('says so when there are none', () => {
    render(FollowUpsSection, { caseId: 'c1', followups: [], onchange: () => {} });
    expect(screen.getByTestId('followups-empty').textContent).toBe('No follow-ups yet. Add the first one below.');
    expect(api.followupAssignees).not.toHaveBeenCalled();
  });

  it('completes one and reopens a done one', async () => {
    const onchange = vi.fn();
    render(FollowUpsSection, {
      caseId: 'c1', followups: [task(), task({ id: 'f2', title: 'Visit', done: true })], onchange,
    });
    expect(screen.getByTestId('followups-open-count').textContent).toBe('1 open follow-up');
    await fireEvent.click(screen.getByTestId('followup-complete'));
    await waitFor(() => expect(api.setFollowUpDone).toHaveBeenCalledWith('f1', true));
    await fireEvent.click(screen.getByTestId('followup-reopen'));
    await waitFor(() => expect(api.setFollowUpDone).toHaveBeenCalledWith('f2', false));
    expect(onchange).toHaveBeenCalledTimes(2);
  });

  it('shows who it is assigned to, and edits title, date and assignee in place', async () => {
    render(FollowUpsSection, { caseId: 'c1', followups: [task({ assigned_to: 'Maria' })], onchange: () => {} });
    await waitFor(() => expect(screen.getByTestId('followup-assignee').textContent).toBe('Assigned to Maria'));
    await fireEvent.click(screen.getByRole('button', { name: 'Edit the follow-up: Call GP' }));
    const title = await screen.findByTestId('followup-edit-title') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(title));
    const select = screen.getByTestId('followup-edit-assignee') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['No one', 'Maria (as written before)', 'Lead office', 'Ana']);
    expect(select.value).toBe(KEEP);
    await fireEvent.input(title, { target: { value: 'Call the GP' } });
    await fireEvent.change(select, { target: { value: ANA } });
    await fireEvent.click(screen.getByTestId('followup-edit-save'));
    await waitFor(() => expect(api.editFollowUp).toHaveBeenCalled());
    expect(vi.mocked(api.editFollowUp).mock.calls[0]).toEqual([
      'f1', { title: 'Call the GP', due: '2026-12-03', assignee_changed: true, assignee: ANA },
    ]);
    await waitFor(() => expect(screen.queryByTestId('followup-edit-form')).toBeNull());
  });
});

describe('due this week on the overview', () => {
  it('lists them earliest first, marks the overdue ones and links each to its case', async () => {
    render(DueThisWeek);
    const items = await screen.findAllByTestId('due-week-item');
    expect(items.map((i) => i.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'RO-1 · Call GP Due 20 Nov 2026 Overdue',
      'RO-2 · Visit Due 4 Dec 2026 · Assigned to Ana',
    ]);
    expect(screen.getAllByTestId('due-week-overdue')).toHaveLength(1);
    await fireEvent.click(screen.getAllByTestId('due-week-case')[1]);
    expect(go).toHaveBeenCalledWith({ name: 'case', id: 'c2' });
  });

  it('says when nothing is due', async () => {
    vi.mocked(api.dueThisWeek).mockResolvedValueOnce([]);
    setLanguage('ro');
    render(DueThisWeek);
    expect((await screen.findByTestId('due-week-empty')).textContent).toBe('Nimic nu este scadent săptămâna aceasta.');
  });
});
