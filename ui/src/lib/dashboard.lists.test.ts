// The overview's lists that can be long in a large vault (quiet cases,
// overdue work, cases past retention, unreadable dates), against a stand-in
// shell: with 2,000 entries each, only a screenful of each is rendered.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import type { DashboardView } from './ipc/bindings';

const N = 2_000;
const code = (i: number) => `RO-${String(i + 1).padStart(5, '0')}`;
const view: DashboardView = {
  needs_by_category: [],
  needs_by_status: [],
  overdue: Array.from({ length: N }, (_, i) => ({
    record_id: `n-${i}`, kind: 'follow_up', case_id: `c-${i}`, case_code: code(i), title: 'Call back',
    due: '2026-01-01', days_late: 30,
  })),
  quiet_cases: Array.from({ length: N }, (_, i) => ({ case_id: `c-${i}`, case_code: code(i), last_contact: null })),
  quiet_days: 30,
  unreadable_dates: Array.from({ length: N }, (_, i) => ({
    record_id: `r-${i}`, kind: 'note', case_id: `c-${i}`, case_code: code(i), field: 'when', value: 'soon',
  })),
  recent: [],
  conflicts: 0,
  last_export: null,
  last_backup: '2026-12-01T10:00:00Z',
  retention_months: 60,
  past_retention: Array.from({ length: N }, (_, i) => ({
    case_id: `c-${i}`, case_code: code(i), closed_on: '2020-01-01', due_on: '2025-01-01', days_past: 300,
  })),
};

vi.mock('./ipc/api', () => ({
  api: {
    dashboard: vi.fn(async () => view),
    dueThisWeek: vi.fn(async () => []),
    prepareCaseList: vi.fn(async () => null),
  },
}));

import { api } from './ipc/api';
import Dashboard from '../screens/Dashboard.svelte';

afterEach(cleanup);

describe('the overview with 2,000 entries in each long list', () => {
  it.each(['quiet-item', 'overdue-item', 'retention-item', 'unreadable-item'])(
    'renders only the first screenful of %s',
    async (testid) => {
      render(Dashboard);
      await waitFor(() => expect(screen.queryAllByTestId(testid).length).toBeGreaterThan(0));
      const shown = screen.queryAllByTestId(testid);
      expect(shown.length).toBeLessThan(100);
      // The first entries, in the order the core gave them.
      expect(shown[0].textContent).toContain('RO-00001');
      expect(shown[1].textContent).toContain('RO-00002');
      // Overdue work and unreadable dates link to their case.
      if (testid === 'overdue-item' || testid === 'unreadable-item') {
        const link = shown[0].querySelector(`[data-testid="${testid.replace('-item', '-case')}"]`);
        expect(link?.getAttribute('href')).toBe('#case-c-0');
      }
    },
  );
});

describe('after the overview is shown', () => {
  it('asks the core to read the case list ahead, once per loading', async () => {
    vi.mocked(api.prepareCaseList).mockClear();
    render(Dashboard);
    await waitFor(() => expect(screen.queryAllByTestId('quiet-item').length).toBeGreaterThan(0));
    // Not while the overview is still being drawn.
    expect(api.prepareCaseList).not.toHaveBeenCalled();
    await waitFor(() => expect(api.prepareCaseList).toHaveBeenCalledTimes(1), { timeout: 2000 });
  });

  it('does not once the worker has left it', async () => {
    vi.mocked(api.prepareCaseList).mockClear();
    const { unmount } = render(Dashboard);
    await waitFor(() => expect(screen.queryAllByTestId('quiet-item').length).toBeGreaterThan(0));
    unmount();
    await new Promise((done) => setTimeout(done, 500));
    expect(api.prepareCaseList).not.toHaveBeenCalled();
  });
});
