// Interview forms in the UI: labels in the asked language, show_if, the
// answers sent, the required questions, the editor and the proposals,
// against a stand-in shell.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { FormView, NoteInput, ProposalsView } from './ipc/bindings';
import {
  answersToSend, askedIds, defaultFormLang, label, lineText, missingRequired, questionOfError, reasonText,
} from './forms';
import { setLanguage } from './i18n.svelte';

const FORM: FormView = {
  id: 'intake', form_version: 1, title: { en: 'Intake', ro: 'Primire' }, description: null,
  note_kind: 'intake', languages: ['en', 'ro'],
  sections: [{
    id: 's', title: { en: 'Start', ro: 'Început' }, questions: [
      { id: 'lang', kind: 'text', label: { en: 'Language?', ro: 'Limba?' }, help: null, required: true,
        choices: [], min: null, max: null, min_label: null, max_label: null, show_if: null },
      { id: 'kids', kind: 'yes_no', label: { en: 'Children?', ro: 'Copii?' }, help: null, required: false,
        choices: [], min: null, max: null, min_label: null, max_label: null, show_if: null },
      { id: 'where', kind: 'long_text', label: { en: 'Where are they?', ro: 'Unde sunt?' }, help: null,
        required: true, choices: [], min: null, max: null, min_label: null, max_label: null,
        show_if: { question: 'kids', answer: 'yes' } },
      { id: 'stay', kind: 'single_choice', label: { en: 'Staying?', ro: 'Locuiește?' }, help: null,
        required: false, min: null, max: null, min_label: null, max_label: null, show_if: null,
        choices: [{ id: 'street', label: { en: 'No fixed place', ro: 'Fără loc fix' } }] },
    ],
  }],
};

const PROPOSALS: ProposalsView = {
  form_available: true,
  needs: [
    { category: 'accommodation', priority: 'high', reasons: [{ question: 'stay', answer: 'street' }], open_need: null },
    { category: 'legal', priority: 'medium', reasons: [], open_need: null },
  ],
  risk: { level: 'high', score: 9, reasons: [{ question: 'kids', answer: 'yes' }], current: 'low' },
};

vi.mock('./ipc/api', () => ({
  api: {
    listForms: vi.fn(async () => ({
      forms: [{ id: 'intake', form_version: 1, title: 'Intake', note_kind: 'intake', languages: ['en', 'ro'], shipped: true }],
      invalid: [],
    })),
    getForm: vi.fn(async () => FORM),
    saveNote: vi.fn(async (id: string | null, _input: NoteInput) => id ?? 'note-new'),
    noteProposals: vi.fn(async () => ({ form_available: true, needs: [], risk: null })),
    acceptNeeds: vi.fn(async () => 1),
    acceptRisk: vi.fn(async () => {}),
  },
}));

import { api } from './ipc/api';
import NoteEditor from '../screens/NoteEditor.svelte';
import ProposalsPanel from '../components/ProposalsPanel.svelte';

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  setLanguage('en');
});

describe('form logic', () => {
  it('labels in the asked language, else English', () => {
    expect(label({ en: 'Yes', ro: 'Da' }, 'ro')).toBe('Da');
    expect(label({ en: 'Yes' }, 'fr')).toBe('Yes');
    expect(label(null, 'en')).toBe('');
  });

  it("asks in the app's language when the form has it", () => {
    expect(defaultFormLang(FORM, 'ro')).toBe('ro');
    expect(defaultFormLang({ ...FORM, languages: ['en', 'uk'] }, 'ro')).toBe('en');
  });

  it('asks a conditional question only after the answer it waits for', () => {
    expect(askedIds(FORM, {}).has('where')).toBe(false);
    expect(askedIds(FORM, { kids: true }).has('where')).toBe(true);
    expect(askedIds(FORM, { kids: false }).has('where')).toBe(false);
  });

  it('sends only answers given to questions asked, trimmed', () => {
    expect(answersToSend(FORM, { lang: ' English ', kids: false, where: 'gran', stay: '' }))
      .toEqual({ lang: 'English', kids: false });
  });

  it('lists the required questions asked but unanswered', () => {
    expect(missingRequired(FORM, {})).toEqual(['lang']);
    expect(missingRequired(FORM, { lang: 'en', kids: true })).toEqual(['where']);
  });

  it('finds the question an answer error is about', () => {
    const e = { code: 'invalid_answer', message: 'The answer to a question must be text.', question: 'where' };
    expect(questionOfError(e)).toBe('where');
    expect(questionOfError({ code: 'empty', question: 'x' })).toBeNull();
    expect(questionOfError({ code: 'invalid_answer' })).toBeNull();
  });

  it('reads answers and reasons with their labels, or raw ids', () => {
    const yesNo = (y: boolean) => (y ? 'Yes' : 'No');
    const line = { section: null, question: 'kids', label: null, kind: null, answer: true, choices: [] };
    expect(lineText(line, yesNo)).toBe('Yes');
    expect(lineText({ ...line, answer: ['a', 'b'] }, yesNo)).toBe('a, b');
    expect(lineText({ ...line, answer: 'street', choices: ['No fixed place'] }, yesNo)).toBe('No fixed place');
    expect(reasonText(FORM, { question: 'stay', answer: 'street' }, 'ro', yesNo)).toBe('Locuiește?: Fără loc fix');
    expect(reasonText(null, { question: 'stay', answer: 'street' }, 'ro', yesNo)).toBe('stay: street');
  });
});

describe('a note that follows a form', () => {
  it('asks in English with the app in Romanian, and sends the form, language and answers', async () => {
    setLanguage('ro');
    render(NoteEditor, { caseId: 'c1', noteId: null });
    const choice = (await screen.findByTestId('note-form')) as HTMLSelectElement;
    await waitFor(() => expect(choice.options.length).toBe(2));
    await fireEvent.change(choice, { target: { value: 'intake' } });
    const lang = (await screen.findByTestId('note-form-lang')) as HTMLSelectElement;
    expect(lang.value).toBe('ro');
    expect(screen.getByTestId('form-questions').textContent).toContain('Limba?');
    await fireEvent.change(lang, { target: { value: 'en' } });
    await waitFor(() => expect(screen.getByTestId('form-questions').textContent).toContain('Language?'));
    expect(screen.queryByText('Where are they?')).toBeNull();
    await fireEvent.click(screen.getByLabelText('Yes'));
    expect(await screen.findByText('Where are they?')).toBeTruthy();
    // Required questions unanswered: marked, and nothing saved final.
    await fireEvent.click(screen.getByTestId('note-save'));
    expect(await screen.findByTestId('q-lang-problem')).toBeTruthy();
    expect(screen.getByTestId('q-where-problem')).toBeTruthy();
    expect(vi.mocked(api.saveNote).mock.calls.filter((c) => !c[1].draft)).toEqual([]);
    await fireEvent.input(screen.getByLabelText(/Language\?/), { target: { value: 'English' } });
    await fireEvent.input(screen.getByLabelText(/Where are they\?/), { target: { value: 'With gran' } });
    await fireEvent.click(screen.getByTestId('note-save'));
    await waitFor(() => expect(vi.mocked(api.saveNote).mock.calls.some((c) => !c[1].draft)).toBe(true));
    const sent = vi.mocked(api.saveNote).mock.calls.find((c) => !c[1].draft)![1];
    expect(sent.form).toEqual({ id: 'intake', form_version: 1, lang: 'en', answers: { lang: 'English', kids: true, where: 'With gran' } });
    expect(sent.narrative).toBe('');
    expect(api.noteProposals).toHaveBeenCalledWith('note-new');
  });
});

describe('the proposals of a saved assessment', () => {
  it('creates only what the worker ticks', async () => {
    const ondone = vi.fn();
    render(ProposalsPanel, { noteId: 'n1', form: FORM, proposals: PROPOSALS, ondone });
    expect(screen.getByTestId('proposals').textContent).toContain('Staying?: No fixed place');
    const confirm = screen.getByTestId('proposals-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('proposed-need-accommodation').querySelector('input')!);
    await fireEvent.click(confirm);
    await waitFor(() => expect(ondone).toHaveBeenCalled());
    expect(api.acceptNeeds).toHaveBeenCalledWith({ note_id: 'n1', categories: ['accommodation'], lang: 'en' });
    expect(api.acceptRisk).not.toHaveBeenCalled();
  });

  it('confirms the proposed risk level when ticked', async () => {
    const ondone = vi.fn();
    render(ProposalsPanel, { noteId: 'n1', form: FORM, proposals: PROPOSALS, ondone });
    await fireEvent.click(screen.getByTestId('proposed-risk').querySelector('input')!);
    await fireEvent.click(screen.getByTestId('proposals-confirm'));
    await waitFor(() => expect(api.acceptRisk).toHaveBeenCalledWith('n1'));
    expect(api.acceptNeeds).not.toHaveBeenCalled();
  });
});
