// What the case list shows (filters and sort), kept while the worker opens a
// case and comes back; forgotten when the vault locks, since the filter
// text may name someone.
import { DEFAULT_SORT, EMPTY_FILTER, type CaseFilter, type CaseSort } from './cases';

export const caseList = $state<{ filter: CaseFilter; sort: CaseSort }>({
  filter: { ...EMPTY_FILTER },
  sort: { ...DEFAULT_SORT },
});

export function resetCaseList() {
  caseList.filter = { ...EMPTY_FILTER };
  caseList.sort = { ...DEFAULT_SORT };
}
