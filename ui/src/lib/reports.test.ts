// The case summary's dialog and the check of a summary, against a stand-in
// shell: what the dialog asks for is what the shell gets (drafts unchosen
// unless picked; the identity only when ticked, with its warning), and the
// check says plainly, in both languages, whether a file was changed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { NoteView, ReportVerdict } from './ipc/bindings';

vi.mock('./ipc/api', () => ({
  api: {
    saveCaseReport: vi.fn(async () => ({ path: '/home/ana/RO-1-summary.pdf', entries: 4, with_identity: false })),
    verifyReportFile: vi.fn(async () => null),
  },
}));

import { api } from './ipc/api';
import { setLanguage } from './i18n.svelte';
import CaseReportDialog from '../components/reports/CaseReportDialog.svelte';
import VerifyReport from '../components/reports/VerifyReport.svelte';

const note = (id: string, draft: boolean): NoteView => ({
  id, kind: 'intake', when: '2026-03-01', place: null, present: [], interpreter: null, narrative: 'text',
  tags: [], draft, updated: '2026-03-01T10:00:00Z', form: null,
});

const intact: ReportVerdict = {
  file_name: 'RO-1-summary.pdf', outcome: 'intact', signer: null,
  check: {
    signer_id: 'd1', signer_name: 'Laptop Ana', fingerprint: '1234 5678', this_device: true, case_code: 'RO-1',
    made_at: '2026-12-02T03:00:00Z', with_identity: false, entries: 4,
  },
};

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('the case summary dialog', () => {
  it('sends all notes but drafts by default, in the chosen language', async () => {
    render(CaseReportDialog, { caseId: 'k1', code: 'RO-1', notes: [note('n1', false), note('n2', true)] });
    await fireEvent.click(screen.getByTestId('case-report'));
    await screen.findByTestId('report-dialog');
    const boxes = screen.getAllByTestId('report-note') as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([true, false]);
    const lang = screen.getByTestId('report-lang') as HTMLSelectElement;
    lang.value = 'ro';
    await fireEvent.change(lang);
    await fireEvent.click(screen.getByTestId('report-save'));
    await waitFor(() => expect(api.saveCaseReport).toHaveBeenCalledWith(
      { case_id: 'k1', lang: 'ro', with_identity: false, notes: null, from: null, to: null }, 'RO-1-summary.pdf'));
    expect((await screen.findByTestId('report-saved')).textContent).toContain('/home/ana/RO-1-summary.pdf');
  });

  it('warns before the identity goes in and sends a chosen draft by id', async () => {
    render(CaseReportDialog, { caseId: 'k1', code: 'RO-1', notes: [note('n1', false), note('n2', true)] });
    await fireEvent.click(screen.getByTestId('case-report'));
    expect(screen.queryByTestId('report-identity-warning')).toBeNull();
    await fireEvent.click(screen.getByTestId('report-identity'));
    expect(screen.getByTestId('report-identity-warning').textContent).toContain('audit log');
    await fireEvent.click(screen.getAllByTestId('report-note')[1]);
    await fireEvent.click(screen.getByTestId('report-save'));
    await waitFor(() => expect(api.saveCaseReport).toHaveBeenCalledWith(
      expect.objectContaining({ with_identity: true, notes: ['n1', 'n2'] }), 'RO-1-summary.pdf'));
  });

  it('shows a failure in words', async () => {
    vi.mocked(api.saveCaseReport).mockRejectedValueOnce({ code: 'report_layout', message: 'x' });
    render(CaseReportDialog, { caseId: 'k1', code: 'RO-1', notes: [] });
    await fireEvent.click(screen.getByTestId('case-report'));
    await fireEvent.click(screen.getByTestId('report-save'));
    expect((await screen.findByTestId('report-error')).textContent).toContain('could not be laid out');
  });
});

describe('checking a case summary', () => {
  it('says intact, with signer and case, then changed', async () => {
    vi.mocked(api.verifyReportFile).mockResolvedValueOnce(intact);
    render(VerifyReport);
    await fireEvent.click(screen.getByTestId('verify-report-pick'));
    const result = await screen.findByTestId('verify-report-result');
    expect(result.dataset.outcome).toBe('intact');
    expect(result.textContent).toContain('Intact');
    expect(screen.getByTestId('verify-report-case').textContent).toBe('RO-1');
    expect(screen.getByTestId('verify-report-signer').textContent).toContain('Laptop Ana (this laptop)');
    vi.mocked(api.verifyReportFile).mockResolvedValueOnce({ ...intact, outcome: 'changed', check: null });
    await fireEvent.click(screen.getByTestId('verify-report-pick'));
    await waitFor(() => expect(screen.getByTestId('verify-report-result').dataset.outcome).toBe('changed'));
    expect(screen.getByTestId('verify-report-result').textContent).toContain('altered after it was signed');
  });

  it('speaks Romanian, and names an untrusted signer', async () => {
    setLanguage('ro');
    vi.mocked(api.verifyReportFile).mockResolvedValueOnce({ ...intact, outcome: 'untrusted', check: null, signer: 'Laptop Bogdan' });
    render(VerifyReport);
    await fireEvent.click(screen.getByTestId('verify-report-pick'));
    const result = await screen.findByTestId('verify-report-result');
    expect(result.textContent).toContain('Laptop Bogdan');
    expect(result.textContent).toContain('nu are încredere');
  });
});
