// The case list's sort clicks, kept filters, and the slots that stand for
// rows not fetched yet (the core sorts and filters: see the core's
// `views::case_query` tests).
import { describe, expect, it } from 'vitest';
import type { CaseSummary } from './ipc/bindings';
import { DEFAULT_SORT, fill, isPlaceholder, missingPages, nextSort, slotsFor } from './cases';
import { caseList, resetCaseList } from './caselist.svelte';

const c = (code: string): CaseSummary => ({
  id: code, code, status: 'open', risk: null, nationality: null, languages: [], worker: null,
  open_needs: 0, updated: '2026-01-01T00:00:00Z', conflict: false, gender: null, is_child: null,
  exploitation_types: [], needs_review: false,
});

describe('sorting the case list', () => {
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

describe('rows fetched a page at a time', () => {
  it('hold a slot per matching case, filled as pages arrive', () => {
    const slots = slotsFor(250, 0, [c('A'), c('B')]);
    expect(slots).toHaveLength(250);
    expect(slots.slice(0, 3).map((s) => (isPlaceholder(s) ? null : s.code))).toEqual(['A', 'B', null]);
    const later = fill(slots, 100, [c('X')]);
    expect(isPlaceholder(later[100])).toBe(false);
    expect(isPlaceholder(slots[100])).toBe(true);
    expect(new Set(slots.map((s) => s.id)).size).toBe(250);
  });

  it('ask only for pages on screen that wait and were not asked for', () => {
    const slots = slotsFor(250, 0, Array.from({ length: 100 }, (_, i) => c(`C${i}`)));
    expect(missingPages(slots, 0, 40, new Set())).toEqual([]);
    expect(missingPages(slots, 90, 130, new Set())).toEqual([100]);
    expect(missingPages(slots, 90, 230, new Set([100]))).toEqual([200]);
    expect(missingPages(slots, 240, 999, new Set())).toEqual([200]);
  });
});
