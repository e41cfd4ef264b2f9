// The statistics form's helpers, then the Statistics component against a
// stand-in for the shell: the preview shows the core's cells as they are
// ("<5", "x"), and each save asks for its format.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { defaultForm, isMonth, periodReady, statsRequest } from './stats';
import type { StatsView } from './ipc/bindings';

const PREVIEW: StatsView = {
  from_month: '2026-01',
  to_month: '2026-03',
  filters: [],
  median_days: '<5',
  tables: [
    {
      id: 'cases_by_gender',
      title: 'Cases by gender',
      rows: [
        { key: 'female', label: 'Female', value: 'x' },
        { key: 'male', label: 'Male', value: '<5' },
        { key: 'non_binary', label: 'Non-binary', value: '0' },
      ],
      total: '7',
    },
    {
      id: 'referrals_and_follow_ups',
      title: 'Referrals and follow-ups',
      rows: [{ key: 'referrals_made', label: 'Referrals made', value: '12' }],
      total: null,
    },
  ],
};

vi.mock('./ipc/api', () => ({
  api: {
    caseVocab: vi.fn(async () => ({
      exploitation_type: [{ value: 'labour', labels: { en: 'Labour exploitation', ro: 'Exploatare prin muncă' } }],
    })),
    statisticsPreview: vi.fn(async () => PREVIEW),
    saveStatistics: vi.fn(async (_r: unknown, f: string) => `/home/u/statistics.${f}`),
  },
}));

import Statistics from '../components/reports/Statistics.svelte';
import { api } from './ipc/api';
import { setLanguage } from './i18n.svelte';

describe('the statistics form', () => {
  it('defaults to January of this year up to this month', () => {
    const f = defaultForm(new Date(2026, 4, 17), 'ro');
    expect([f.from, f.to, f.lang]).toEqual(['2026-01', '2026-05', 'ro']);
  });

  it('takes months and dates, in order', () => {
    expect(isMonth('2026-02')).toBe(true);
    expect(isMonth('2026-02-28')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('02.2026')).toBe(false);
    const f = defaultForm(new Date(2026, 4, 17), 'en');
    expect(periodReady(f)).toBe(true);
    expect(periodReady({ ...f, from: '2026-06' })).toBe(false);
  });

  it('sends empty filters as none', () => {
    const f = { ...defaultForm(new Date(2026, 4, 17), 'en'), worker: '  ', status: 'open' as const };
    expect(statsRequest(f)).toEqual({
      from: '2026-01', to: '2026-05', status: 'open', worker: null, exploitation: null, lang: 'en',
    });
  });
});

describe('Statistics', () => {
  afterEach(cleanup);

  it('previews the suppressed tables and saves each format', async () => {
    setLanguage('en');
    render(Statistics);
    await fireEvent.click(screen.getByTestId('stats-show'));
    const gender = await screen.findByTestId('stats-table-cases_by_gender');
    expect(gender.textContent).toContain('Male<5');
    expect(gender.textContent).toContain('Femalex');
    expect(gender.textContent).toContain('Total7');
    expect(screen.getByTestId('stats-table-referrals_and_follow_ups').textContent).not.toContain('Total');
    expect(screen.getByTestId('stats-median').textContent).toContain('<5');
    for (const format of ['csv', 'xlsx', 'pdf']) {
      await fireEvent.click(screen.getByTestId(`stats-save-${format}`));
      await waitFor(() => expect(screen.getByTestId('stats-saved').textContent).toContain(`statistics.${format}`));
      expect(api.saveStatistics).toHaveBeenLastCalledWith(expect.objectContaining({ lang: 'en' }), format);
    }
  });

  it('is in Romanian, filters by exploitation type and refuses a bad month', async () => {
    setLanguage('ro');
    render(Statistics);
    expect(screen.getByText('Statistici anonimizate')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Exploatare prin muncă')).toBeTruthy());
    await fireEvent.change(screen.getByTestId('stats-exploitation'), { target: { value: 'labour' } });
    await fireEvent.input(screen.getByTestId('stats-from'), { target: { value: '2026-13' } });
    expect((screen.getByTestId('stats-show') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('stats-period-hint')).toBeTruthy();
    await fireEvent.input(screen.getByTestId('stats-from'), { target: { value: '2026-01' } });
    await fireEvent.click(screen.getByTestId('stats-show'));
    await waitFor(() =>
      expect(api.statisticsPreview).toHaveBeenLastCalledWith(expect.objectContaining({ exploitation: 'labour', lang: 'ro' })),
    );
    setLanguage('en');
  });
});
