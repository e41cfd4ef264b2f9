// Date fields in the app's language: what they read and show, then the
// fields themselves in the follow-up, need, identity and interview forms
// against a stand-in shell. The shell still receives YYYY-MM-DD and
// YYYY-MM-DDTHH:MM, whatever the language.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { CaseSummary, FollowUpInput, NeedInput, NeedView, NoteInput } from './ipc/bindings';
import { readDate, readDateTime, showValue } from './dateinput';
import { formatDate, formatTime } from './format';
import { setLanguage } from './i18n.svelte';
import { emptyProfile } from './caseprofile.svelte';

vi.mock('./ipc/api', () => ({
  api: {
    saveFollowUp: vi.fn(async (_id: string | null, _input: FollowUpInput) => 'f-new'),
    saveNeed: vi.fn(async (id: string | null, _input: NeedInput) => id ?? 'n-new'),
    saveNote: vi.fn(async (id: string | null, _input: NoteInput) => id ?? 'note-new'),
    updateCase: vi.fn(async () => {}),
    listForms: vi.fn(async () => ({ forms: [], invalid: [] })),
    getCase: vi.fn(async () => ({
      notes: [{
        id: 'note-1', kind: 'intake', when: '2026-03-05T12:30:00Z', place: null, present: [], interpreter: null,
        tags: [], narrative: 'Met at the shelter.', draft: false,
      }],
    })),
  },
}));

import { api } from './ipc/api';
import FollowUpsSection from '../components/FollowUpsSection.svelte';
import NeedForm from '../components/NeedForm.svelte';
import NoteEditor from '../screens/NoteEditor.svelte';
import IdentitySection from '../components/IdentitySection.svelte';

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  setLanguage('en');
});

describe('reading a date field', () => {
  it('takes the day first, with any of / . - between, or the stored form', () => {
    for (const text of ['31/12/2026', '31.12.2026', '31-12-2026', ' 31/12/2026 ', '2026-12-31']) {
      expect(readDate(text)).toEqual({ kind: 'value', value: '2026-12-31' });
    }
    expect(readDate('5.3.2026')).toEqual({ kind: 'value', value: '2026-03-05' });
    expect(readDate('')).toEqual({ kind: 'empty' });
    expect(readDate('   ')).toEqual({ kind: 'empty' });
  });

  it('waits for a date being typed, and refuses at once what cannot become one', () => {
    for (const text of ['3', '31', '31/', '31/1', '31/12/', '31/12/20', '0', '2026', '2026-1', '2026-12-']) {
      expect(readDate(text), text).toEqual({ kind: 'partial' });
    }
    for (const text of ['32', '31/13', '00/', 'next week', '31/12/20266', '12/31/2026x', '2026-13']) {
      expect(readDate(text), text).toEqual({ kind: 'invalid', reason: 'form' });
    }
  });

  it('knows the calendar: no 31 April, 29 February only in a leap year', () => {
    expect(readDate('31/04/2026')).toEqual({ kind: 'invalid', reason: 'no-such-day' });
    expect(readDate('29/02/2026')).toEqual({ kind: 'invalid', reason: 'no-such-day' });
    expect(readDate('29/02/2028')).toEqual({ kind: 'value', value: '2028-02-29' });
    expect(readDate('29/02/2100')).toEqual({ kind: 'invalid', reason: 'no-such-day' });
    expect(readDate('29/02/2000')).toEqual({ kind: 'value', value: '2000-02-29' });
  });

  it('takes a date and a time on the 24-hour clock, or a date alone', () => {
    expect(readDateTime('31/12/2026 14:30')).toEqual({ kind: 'value', value: '2026-12-31T14:30' });
    expect(readDateTime('31.12.2026, 9.05')).toEqual({ kind: 'value', value: '2026-12-31T09:05' });
    expect(readDateTime('2026-12-31T00:00')).toEqual({ kind: 'value', value: '2026-12-31T00:00' });
    expect(readDateTime('31/12/2026')).toEqual({ kind: 'value', value: '2026-12-31' });
    expect(readDateTime('31/12/2026 1')).toEqual({ kind: 'partial' });
    expect(readDateTime('31/12/2026 14:')).toEqual({ kind: 'partial' });
    expect(readDateTime('31/12/2026 24:00')).toEqual({ kind: 'invalid', reason: 'form' });
    expect(readDateTime('31/12/2026 2:30 PM')).toEqual({ kind: 'invalid', reason: 'form' });
    expect(readDateTime('31/04/2026 10:00')).toEqual({ kind: 'invalid', reason: 'no-such-day' });
  });

  it('shows a stored value as the language writes it, and unreadable text as stored', () => {
    expect(showValue('2026-03-05', 'en')).toBe('05/03/2026');
    expect(showValue('2026-03-05', 'ro')).toBe('05.03.2026');
    expect(showValue('2026-03-05T14:30', 'ro')).toBe('05.03.2026 14:30');
    expect(showValue('next week', 'en')).toBe('next week');
    expect(showValue('', 'en')).toBe('');
    expect(showValue(null, 'en')).toBe('');
    const exact = new Date('2026-03-05T12:30:00Z');
    const local = `${String(exact.getHours()).padStart(2, '0')}:${String(exact.getMinutes()).padStart(2, '0')}`;
    expect(showValue('2026-03-05T12:30:00Z', 'en')).toMatch(new RegExp(`^0[456]/03/2026 ${local}$`));
  });
});

describe('dates shown in the app', () => {
  it('follow the language, on the 24-hour clock', () => {
    expect(formatDate('2026-03-05T00:30', 'en')).toBe('5 Mar 2026, 00:30');
    expect(formatDate('2026-03-05T14:30', 'ro')).toBe('5 mar. 2026, 14:30');
    expect(formatTime(new Date(2026, 2, 5, 0, 5), 'en')).toBe('00:05');
    expect(formatTime(new Date(2026, 2, 5, 17, 5), 'ro')).toBe('17:05');
  });

  it('show a date alone as that very day, without a time', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('1 Mar 2026');
    expect(formatDate('2026-03-01', 'ro')).toBe('1 mar. 2026');
    expect(formatDate('next week', 'en')).toBe('next week');
  });
});

describe('the follow-up date field', () => {
  function parts() {
    return {
      title: screen.getByRole('textbox', { name: /what needs doing|ce trebuie/i }) as HTMLInputElement,
      due: screen.getByTestId('followup-due') as HTMLInputElement,
      add: screen.getByRole('button', { name: /add|adaug/i }),
    };
  }

  it('is plainly empty, naming the format, and sends no date when left empty', async () => {
    render(FollowUpsSection, { caseId: 'c1', followups: [], onchange: () => {} });
    const { title, due, add } = parts();
    expect(due.value).toBe('');
    expect(due.type).toBe('text');
    expect(due.placeholder).toBe('dd/mm/yyyy');
    expect(document.getElementById(due.getAttribute('aria-describedby')!.split(' ')[0])!.textContent)
      .toBe('Written as dd/mm/yyyy');
    await fireEvent.input(title, { target: { value: 'Call the embassy' } });
    await fireEvent.click(add);
    await waitFor(() => expect(api.saveFollowUp).toHaveBeenCalled());
    expect(vi.mocked(api.saveFollowUp).mock.calls[0][1].due).toBeNull();
  });

  it('takes a Romanian date and sends it as YYYY-MM-DD, then empties', async () => {
    setLanguage('ro');
    render(FollowUpsSection, { caseId: 'c1', followups: [], onchange: () => {} });
    const { title, due, add } = parts();
    expect(due.placeholder).toBe('zz.ll.aaaa');
    await fireEvent.input(title, { target: { value: 'Sună la ambasadă' } });
    await fireEvent.input(due, { target: { value: '5.3.2026' } });
    await fireEvent.change(due);
    expect(due.value).toBe('05.03.2026');
    await fireEvent.click(add);
    await waitFor(() => expect(api.saveFollowUp).toHaveBeenCalled());
    expect(vi.mocked(api.saveFollowUp).mock.calls[0][1]).toMatchObject({ title: 'Sună la ambasadă', due: '2026-03-05' });
    await waitFor(() => expect(due.value).toBe(''));
  });

  it('says at once when the text cannot be a date, and stops the form', async () => {
    render(FollowUpsSection, { caseId: 'c1', followups: [], onchange: () => {} });
    const { title, due, add } = parts();
    await fireEvent.input(title, { target: { value: 'Call' } });
    await fireEvent.input(due, { target: { value: '12/31/2026' } });
    const problem = screen.getByTestId('followup-due-problem');
    expect(problem.textContent).toBe('Write the date as dd/mm/yyyy, for example 31/12/2026.');
    expect(due.getAttribute('aria-invalid')).toBe('true');
    expect(due.validity.valid).toBe(false);
    await fireEvent.click(add);
    expect(api.saveFollowUp).not.toHaveBeenCalled();
  });

  it('lets a date be typed without blame, then says what is missing when the field is left', async () => {
    render(FollowUpsSection, { caseId: 'c1', followups: [], onchange: () => {} });
    const { title, due, add } = parts();
    await fireEvent.input(title, { target: { value: 'Call' } });
    await fireEvent.input(due, { target: { value: '31/12' } });
    const problem = screen.getByTestId('followup-due-problem');
    expect(problem.textContent).toBe('');
    expect(due.getAttribute('aria-invalid')).toBeNull();
    await fireEvent.click(add);
    expect(api.saveFollowUp).not.toHaveBeenCalled();
    expect(problem.textContent).toMatch(/dd\/mm\/yyyy/);
    expect(document.activeElement).toBe(due);
    await fireEvent.input(due, { target: { value: '31/04/2026' } });
    expect(problem.textContent).toBe('There is no such day in the calendar: check the day and the month.');
    await fireEvent.input(due, { target: { value: '30/04/2026' } });
    expect(problem.textContent).toBe('');
    await fireEvent.click(add);
    await waitFor(() => expect(api.saveFollowUp).toHaveBeenCalled());
    expect(vi.mocked(api.saveFollowUp).mock.calls[0][1].due).toBe('2026-04-30');
  });
});

describe('the need form date field', () => {
  const need: NeedView = {
    id: 'n1', category: 'identity_documents', description: 'passport', priority: 'medium',
    status: 'identified', referral_target: null, due: '2026-03-01', consent: null, updated: '2026-01-02T00:00:00Z',
  };
  const form = (n: NeedView) =>
    render(NeedForm, { caseId: 'c1', need: n, hasReferralConsent: false, onsaved: () => {}, oncancel: () => {} });

  it('shows the stored date in the language and sends it back unchanged', async () => {
    setLanguage('ro');
    form(need);
    expect((screen.getByTestId('need-due') as HTMLInputElement).value).toBe('01.03.2026');
    await fireEvent.click(screen.getByTestId('need-save'));
    await waitFor(() => expect(api.saveNeed).toHaveBeenCalled());
    expect(vi.mocked(api.saveNeed).mock.calls[0][1].due).toBe('2026-03-01');
  });

  it('keeps a due date stored as free text until someone changes it', async () => {
    form({ ...need, due: 'after the hearing' });
    const due = screen.getByTestId('need-due') as HTMLInputElement;
    expect(due.value).toBe('after the hearing');
    expect(due.validity.valid).toBe(true);
    await fireEvent.click(screen.getByTestId('need-save'));
    await waitFor(() => expect(api.saveNeed).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.saveNeed).mock.calls[0][1].due).toBe('after the hearing');
    await fireEvent.input(due, { target: { value: 'after the trial' } });
    expect(due.validity.valid).toBe(false);
    await fireEvent.input(due, { target: { value: '' } });
    expect(due.validity.valid).toBe(true);
    await fireEvent.click(screen.getByTestId('need-save'));
    await waitFor(() => expect(api.saveNeed).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.saveNeed).mock.calls[1][1].due).toBeNull();
  });
});

describe('the time of an interview', () => {
  it('is written as date and 24-hour time and sent as YYYY-MM-DDTHH:MM', async () => {
    setLanguage('ro');
    render(NoteEditor, { caseId: 'c1', noteId: null });
    const when = (await screen.findByTestId('note-when')) as HTMLInputElement;
    expect(when.placeholder).toBe('zz.ll.aaaa hh:mm');
    await fireEvent.input(screen.getByTestId('note-narrative'), { target: { value: 'Interviu.' } });
    await fireEvent.input(when, { target: { value: '31.12.2026 18:45' } });
    await fireEvent.click(screen.getByTestId('note-save'));
    await waitFor(() => expect(api.saveNote).toHaveBeenCalled());
    const sent = vi.mocked(api.saveNote).mock.calls.at(-1)![1];
    expect(sent.when).toBe('2026-12-31T18:45');
    expect(sent.draft).toBe(false);
  });

  it('shows an exact stored time on this computer\'s clock and keeps it as stored when untouched', async () => {
    render(NoteEditor, { caseId: 'c1', noteId: 'note-1' });
    const when = (await screen.findByTestId('note-when')) as HTMLInputElement;
    await waitFor(() => expect(when.value).toMatch(/^0[456]\/03\/2026 \d{2}:30$/));
    await fireEvent.click(screen.getByTestId('note-save'));
    await waitFor(() => expect(api.saveNote).toHaveBeenCalled());
    expect(vi.mocked(api.saveNote).mock.calls[0][1].when).toBe('2026-03-05T12:30:00Z');
  });
});

describe('the date of birth', () => {
  const summary: CaseSummary = {
    id: 'c1', code: 'RO-2026-017', status: 'open', risk: null, nationality: null,
    languages: [], worker: null, open_needs: 0, updated: '2026-01-01T00:00:00Z', conflict: false,
    gender: null, is_child: null, exploitation_types: [], needs_review: false,
  };

  it('refuses a day after today, and takes a Romanian date', async () => {
    setLanguage('ro');
    render(IdentitySection, { summary, profile: emptyProfile(), hasIdentity: false });
    await fireEvent.click(screen.getByTestId('add-identity'));
    await fireEvent.input(screen.getByTestId('identity-name'), { target: { value: 'Ioana Marin' } });
    const dob = screen.getByTestId('identity-dob') as HTMLInputElement;
    await fireEvent.input(dob, { target: { value: `01.01.${new Date().getFullYear() + 1}` } });
    expect(screen.getByTestId('identity-dob-problem').textContent).toMatch(/în viitor/);
    await fireEvent.click(screen.getByTestId('identity-save'));
    expect(api.updateCase).not.toHaveBeenCalled();
    await fireEvent.input(dob, { target: { value: '02.04.1999' } });
    expect(screen.getByTestId('identity-dob-problem').textContent).toBe('');
    await fireEvent.click(screen.getByTestId('identity-save'));
    await waitFor(() => expect(api.updateCase).toHaveBeenCalled());
    expect(vi.mocked(api.updateCase).mock.calls[0][1].identity?.date_of_birth).toBe('1999-04-02');
  });
});
