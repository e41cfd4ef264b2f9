// The case list screen at a lead's scale, against a stand-in shell: 10,000
// cases are fetched a page at a time and render only a screenful of rows, sort by a column, and keep their
// filters and sort when the screen is left and opened again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { CaseListPageView, CaseListQuery, CaseSummary } from './ipc/bindings';

const many: CaseSummary[] = Array.from({ length: 10_000 }, (_, i) => ({
  id: `id-${i}`, code: `RO-${String(i + 1).padStart(5, '0')}`, status: 'open', risk: i % 2 ? 'high' : 'low',
  nationality: null, languages: [], worker: null, open_needs: i % 5, updated: '2026-01-01T00:00:00Z',
  conflict: false, gender: null, is_child: null, exploitation_types: [], needs_review: false,
}));

// A stand-in for the core's query: text on the code, sort by code, pages.
function page(q: CaseListQuery): CaseListPageView {
  let rows = many.filter((c) => c.code.toLowerCase().includes(q.text.trim().toLowerCase()));
  if (q.descending) rows = [...rows].reverse();
  return { total: many.length, matching: rows.length, offset: q.offset, rows: rows.slice(q.offset, q.offset + q.limit), workers: [] };
}

vi.mock('./ipc/api', () => ({
  api: {
    listCases: vi.fn(async (q: CaseListQuery) => page(q)),
    caseVocab: vi.fn(async () => ({ exploitation_type: [], gender: [], regions: [], languages: [] })),
  },
}));

import Cases from '../screens/Cases.svelte';
import { resetCaseList } from './caselist.svelte';

afterEach(() => {
  cleanup();
  resetCaseList();
});

const codes = () => screen.queryAllByTestId('case-link').map((a) => a.textContent);

describe('the case list with 10,000 cases', () => {
  it('renders only the rows on screen', async () => {
    render(Cases);
    await waitFor(() => expect(codes().length).toBeGreaterThan(0));
    expect(codes().length).toBeLessThan(100);
    expect(codes()[0]).toBe('RO-00001');
    const table = screen.getByTestId('case-list');
    expect(table.getAttribute('aria-rowcount')).toBe('10001');
    const { api } = await import('./ipc/api');
    const asked = vi.mocked(api.listCases).mock.calls.map(([q]) => q.limit);
    expect(Math.max(...asked)).toBeLessThanOrEqual(100);
  });

  it('sorts by a column, and keeps filter and sort when the screen comes back', async () => {
    const first = render(Cases);
    await waitFor(() => expect(codes().length).toBeGreaterThan(0));
    await fireEvent.click(screen.getByTestId('sort-code'));
    await waitFor(() => expect(codes()[0]).toBe('RO-10000'));
    expect(screen.getByTestId('sort-code').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    await fireEvent.input(screen.getByTestId('case-filter'), { target: { value: 'RO-0999' } });
    await waitFor(() => expect(codes()).toEqual(Array.from({ length: 10 }, (_, i) => `RO-0999${9 - i}`)));
    first.unmount();

    render(Cases);
    await waitFor(() => expect(codes().length).toBe(10));
    expect(codes()[0]).toBe('RO-09999');
    expect((screen.getByTestId('case-filter') as HTMLInputElement).value).toBe('RO-0999');
  });

  it('hides the rows of the last query while a new one is asked', async () => {
    render(Cases);
    await waitFor(() => expect(codes().length).toBeGreaterThan(0));
    const { api } = await import('./ipc/api');
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    vi.mocked(api.listCases).mockImplementationOnce(async (q: CaseListQuery) => {
      await gate;
      return page(q);
    });
    await fireEvent.input(screen.getByTestId('case-filter'), { target: { value: 'RO-00002' } });
    expect(codes()).toEqual([]);
    release();
    await waitFor(() => expect(codes()).toEqual(['RO-00002']));
  });
});
