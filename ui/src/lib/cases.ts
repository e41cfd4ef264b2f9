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
