// The case list's filters and sort, as the screen keeps them and as the
// core is asked for a page (the core filters, sorts and cuts the list).
import type { CaseListQuery, CaseStatus, CaseSummary, RiskLevel } from './ipc/bindings';

export type CaseFilter = {
  text: string;
  status: string;
  risk: string;
  worker: string;
  openNeedsOnly: boolean;
  /** An exploitation type the case must have ('' for any). */
  exploitation: string;
  childOnly: boolean;
};

export const EMPTY_FILTER: CaseFilter = {
  text: '',
  status: '',
  risk: '',
  worker: '',
  openNeedsOnly: false,
  exploitation: '',
  childOnly: false,
};

/** The columns the case list sorts by. */
export const SORT_COLUMNS = ['code', 'status', 'risk', 'nationality', 'worker', 'open_needs', 'updated'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type CaseSort = { by: SortColumn; dir: 'asc' | 'desc' };
export const DEFAULT_SORT: CaseSort = { by: 'code', dir: 'asc' };

/** How many rows one request to the core asks for. */
export const PAGE = 100;

/** The core's query for the rows from `offset` under `filter` and `sort`
 * (names compared in `lang`); empty choices mean "any". */
export function caseQuery(f: CaseFilter, sort: CaseSort, lang: string, offset: number, limit = PAGE): CaseListQuery {
  return {
    text: f.text,
    status: (f.status || null) as CaseStatus | null,
    risk: (f.risk || null) as RiskLevel | null,
    worker: f.worker || null,
    open_needs_only: f.openNeedsOnly,
    exploitation: f.exploitation || null,
    child_only: f.childOnly,
    sort: sort.by,
    descending: sort.dir === 'desc',
    lang: lang === 'ro' ? 'ro' : 'en',
    offset,
    limit,
  };
}

/** The sort after a click on `column`: the same column flips, another starts ascending (dates: newest first). */
export function nextSort(current: CaseSort, column: SortColumn): CaseSort {
  if (current.by === column) return { by: column, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { by: column, dir: column === 'updated' || column === 'open_needs' ? 'desc' : 'asc' };
}

/** A row of the list: a case, or one not fetched yet. */
export type Slot = CaseSummary | { id: string; placeholder: true };

export function isPlaceholder(s: Slot): s is { id: string; placeholder: true } {
  return 'placeholder' in s;
}

/** `count` slots, those from `offset` filled with `rows`, the rest waiting. */
export function slotsFor(count: number, offset: number, rows: CaseSummary[]): Slot[] {
  const out: Slot[] = Array.from({ length: count }, (_, i) => ({ id: `slot-${i}`, placeholder: true as const }));
  return fill(out, offset, rows);
}

/** A copy of `slots` with `rows` put in from `offset`. */
export function fill(slots: Slot[], offset: number, rows: CaseSummary[]): Slot[] {
  const out = slots.slice();
  rows.forEach((r, i) => {
    if (offset + i < out.length) out[offset + i] = r;
  });
  return out;
}

/** The offsets of the pages that hold a waiting slot in `[start, end)`,
 * leaving out those already asked for. */
export function missingPages(slots: Slot[], start: number, end: number, asked: Set<number>, page = PAGE): number[] {
  const out: number[] = [];
  for (let p = Math.floor(start / page) * page; p < Math.min(end, slots.length); p += page) {
    if (asked.has(p)) continue;
    const stop = Math.min(p + page, slots.length);
    for (let i = p; i < stop; i++) {
      if (isPlaceholder(slots[i])) {
        out.push(p);
        break;
      }
    }
  }
  return out;
}
