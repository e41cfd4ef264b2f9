// Filtering the case list (done in the page: the list is already in memory).
import type { CaseSummary } from './ipc/bindings';

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

/** The cases that match every set criterion, in the given order. */
export function filterCases(cases: CaseSummary[], f: CaseFilter): CaseSummary[] {
  const text = f.text.trim().toLowerCase();
  return cases.filter(
    (c) =>
      (!text ||
        c.code.toLowerCase().includes(text) ||
        (c.nationality ?? '').toLowerCase().includes(text) ||
        (c.worker ?? '').toLowerCase().includes(text)) &&
      (!f.status || c.status === f.status) &&
      (!f.risk || c.risk === f.risk) &&
      (!f.worker || c.worker === f.worker) &&
      (!f.openNeedsOnly || c.open_needs > 0) &&
      (!f.exploitation || c.exploitation_types.includes(f.exploitation)) &&
      (!f.childOnly || c.is_child === true),
  );
}

/** The distinct assigned workers, sorted. */
export function workers(cases: CaseSummary[]): string[] {
  return [...new Set(cases.map((c) => c.worker).filter((w): w is string => !!w))].sort();
}

/** The columns the case list sorts by. */
export const SORT_COLUMNS = ['code', 'status', 'risk', 'nationality', 'worker', 'open_needs', 'updated'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type CaseSort = { by: SortColumn; dir: 'asc' | 'desc' };
export const DEFAULT_SORT: CaseSort = { by: 'code', dir: 'asc' };

const RISK_ORDER: Record<string, number> = { low: 1, medium: 2, high: 3 };
const STATUS_ORDER: Record<string, number> = { open: 1, monitoring: 2, closed: 3 };

/**
 * The cases sorted by one column; ties keep the code order, and empty
 * values go last whichever the direction. `name` turns a nationality code
 * into the name shown, so the order is the one the reader sees.
 */
export function sortCases(cases: CaseSummary[], sort: CaseSort, lang: string, name: (code: string) => string): CaseSummary[] {
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  const value = (c: CaseSummary): string | number | null => {
    switch (sort.by) {
      case 'code': return c.code;
      case 'status': return STATUS_ORDER[c.status] ?? 9;
      case 'risk': return c.risk ? (RISK_ORDER[c.risk] ?? 0) : null;
      case 'nationality': return c.nationality ? name(c.nationality) : null;
      case 'worker': return c.worker || null;
      case 'open_needs': return c.open_needs;
      case 'updated': return c.updated || null;
    }
  };
  const sign = sort.dir === 'asc' ? 1 : -1;
  const keyed = cases.map((c) => ({ c, v: value(c) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) {
      if (a.v !== b.v) return a.v === null ? 1 : -1;
    } else if (a.v !== b.v) {
      const d = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
      if (d !== 0) return sign * d;
    }
    return collator.compare(a.c.code, b.c.code);
  });
  return keyed.map((k) => k.c);
}

/** The sort after a click on `column`: the same column flips, another starts ascending (dates: newest first). */
export function nextSort(current: CaseSort, column: SortColumn): CaseSort {
  if (current.by === column) return { by: column, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { by: column, dir: column === 'updated' || column === 'open_needs' ? 'desc' : 'asc' };
}
