// Filtering the case list (done in the page: the list is already in memory).
import type { CaseSummary } from './ipc/bindings';

export type CaseFilter = {
  text: string;
  status: string;
  risk: string;
  worker: string;
  openNeedsOnly: boolean;
};

export const EMPTY_FILTER: CaseFilter = {
  text: '',
  status: '',
  risk: '',
  worker: '',
  openNeedsOnly: false,
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
      (!f.openNeedsOnly || c.open_needs > 0),
  );
}

/** The distinct assigned workers, sorted. */
export function workers(cases: CaseSummary[]): string[] {
  return [...new Set(cases.map((c) => c.worker).filter((w): w is string => !!w))].sort();
}
