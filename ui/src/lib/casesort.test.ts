import { describe, expect, it } from 'vitest';
import type { CaseSummary } from './ipc/bindings';
import { DEFAULT_SORT, nextSort, sortCases, type CaseSort } from './cases';
import { caseList, resetCaseList } from './caselist.svelte';

const c = (code: string, more: Partial<CaseSummary>): CaseSummary => ({
  id: code, code, status: 'open', risk: null, nationality: null, languages: [], worker: null,
  open_needs: 0, updated: '2026-01-01T00:00:00Z', conflict: false, gender: null, is_child: null,
  exploitation_types: [], needs_review: false, ...more,
});
const names: Record<string, string> = { RO: 'Romania', AL: 'Albania', MD: 'Moldova' };
const codes = (list: CaseSummary[], sort: CaseSort) => sortCases(list, sort, 'en', (x) => names[x] ?? x).map((x) => x.code);

describe('sorting the case list', () => {
  const cases = [
    c('RO-10', { status: 'closed', risk: 'low', nationality: 'RO', worker: 'Ana', open_needs: 1, updated: '2026-03-01T00:00:00Z' }),
    c('RO-9', { status: 'open', risk: 'high', nationality: 'AL', worker: null, open_needs: 4, updated: '2026-05-01T00:00:00Z' }),
    c('RO-2', { status: 'monitoring', risk: null, nationality: 'MD', worker: 'Bogdan', open_needs: 0, updated: '2026-04-01T00:00:00Z' }),
  ];

  it('by code in natural order, both ways', () => {
    expect(codes(cases, { by: 'code', dir: 'asc' })).toEqual(['RO-2', 'RO-9', 'RO-10']);
    expect(codes(cases, { by: 'code', dir: 'desc' })).toEqual(['RO-10', 'RO-9', 'RO-2']);
  });

  it('by status and risk in their own order, empty values last either way', () => {
    expect(codes(cases, { by: 'status', dir: 'asc' })).toEqual(['RO-9', 'RO-2', 'RO-10']);
    expect(codes(cases, { by: 'risk', dir: 'desc' })).toEqual(['RO-9', 'RO-10', 'RO-2']);
    expect(codes(cases, { by: 'risk', dir: 'asc' })).toEqual(['RO-10', 'RO-9', 'RO-2']);
    expect(codes(cases, { by: 'worker', dir: 'desc' })).toEqual(['RO-2', 'RO-10', 'RO-9']);
  });

  it('by the nationality name shown, open needs and last change', () => {
    expect(codes(cases, { by: 'nationality', dir: 'asc' })).toEqual(['RO-9', 'RO-2', 'RO-10']);
    expect(codes(cases, { by: 'open_needs', dir: 'desc' })).toEqual(['RO-9', 'RO-10', 'RO-2']);
    expect(codes(cases, { by: 'updated', dir: 'desc' })).toEqual(['RO-9', 'RO-2', 'RO-10']);
  });

  it('flips on a second click; another column starts ascending, counts and dates newest first', () => {
    expect(nextSort({ by: 'code', dir: 'asc' }, 'code')).toEqual({ by: 'code', dir: 'desc' });
    expect(nextSort({ by: 'code', dir: 'desc' }, 'worker')).toEqual({ by: 'worker', dir: 'asc' });
    expect(nextSort({ by: 'code', dir: 'asc' }, 'updated')).toEqual({ by: 'updated', dir: 'desc' });
  });

  it('keeps filters and sort until the vault locks', () => {
    caseList.filter.text = 'RO-9';
    caseList.sort = { by: 'risk', dir: 'desc' };
    expect(caseList.filter.text).toBe('RO-9');
    resetCaseList();
    expect(caseList.filter.text).toBe('');
    expect(caseList.sort).toEqual(DEFAULT_SORT);
  });
});
