// Pure logic of the UI: snippets, lists, case filters, history diffs.
import { describe, expect, it } from 'vitest';
import { formatSize, localDate, snippetParts, splitList, shortId } from './format';
import { EMPTY_FILTER, filterCases, workers } from './cases';
import { hasWords, steps, valueMessage } from './history';
import type { CaseSummary, VersionView } from './ipc/bindings';

const c = (code: string, more: Partial<CaseSummary> = {}): CaseSummary => ({
  id: code, code, status: 'open', risk: null, nationality: null, languages: [], worker: null,
  open_needs: 0, updated: '2026-01-01T00:00:00Z', conflict: false, gender: null, is_child: null,
  exploitation_types: [], needs_review: false, ...more,
});

describe('format', () => {
  it('splits snippets at the match markers', () => {
    expect(snippetParts('a [passport] held [x]')).toEqual([
      { text: 'a ', hit: false }, { text: 'passport', hit: true },
      { text: ' held ', hit: false }, { text: 'x', hit: true },
    ]);
    expect(snippetParts('no match')).toEqual([{ text: 'no match', hit: false }]);
  });
  it('reads comma lists, sizes and short ids', () => {
    expect(splitList(' ro, en ,, ')).toEqual(['ro', 'en']);
    expect(formatSize(1536, 'en')).toBe('1.5 KB');
    expect(formatSize(1536, 'ro')).toBe('1,5 KB');
    expect(shortId('0191a2b3-0000-7000-8000-00000000abcd')).toBe('0000abcd');
  });
});

describe('case filters', () => {
  const cases = [
    c('RO-1', { risk: 'high', worker: 'Ana', open_needs: 2, nationality: 'Romanian' }),
    c('RO-2', { status: 'closed', worker: 'Ioana' }),
    c('UK-3', { risk: 'low', worker: 'Ana' }),
  ];
  it('combine text, status, risk, worker and open needs', () => {
    const codes = (f: Partial<typeof EMPTY_FILTER>) =>
      filterCases(cases, { ...EMPTY_FILTER, ...f }).map((x) => x.code);
    expect(codes({})).toEqual(['RO-1', 'RO-2', 'UK-3']);
    expect(codes({ text: 'ro-' })).toEqual(['RO-1', 'RO-2']);
    expect(codes({ text: 'romanian' })).toEqual(['RO-1']);
    expect(codes({ status: 'closed' })).toEqual(['RO-2']);
    expect(codes({ risk: 'low' })).toEqual(['UK-3']);
    expect(codes({ worker: 'Ana', openNeedsOnly: true })).toEqual(['RO-1']);
    expect(workers(cases)).toEqual(['Ana', 'Ioana']);
  });
});

describe('history', () => {
  const v = (id: string, change: VersionView['change'], changes: VersionView['changes'] = []): VersionView => ({
    version_id: id, at: '2026-01-01T00:00:00Z', author: 'a', author_name: '', author_revoked: false, this_device: true,
    deleted: change === 'deleted', erased: false, fields: [], change, changes,
  });
  it('names vocabulary values through the catalogue', () => {
    expect(valueMessage('note', 'kind', 'intake')).toBe('note-kind-intake');
    expect(valueMessage('need', 'status', 'met')).toBe('referral-met');
    expect(valueMessage('case', 'status', 'open')).toBe('case-status-open');
    expect(valueMessage('note', 'draft', 'false')).toBe('no');
    expect(valueMessage('note', 'narrative', 'text')).toBeNull();
  });

  it('lists what each version changed, newest first, finalising as such', () => {
    const edit = { name: 'narrative', before: 'first', after: 'second', words: [{ op: 'delete' as const, text: 'first' }, { op: 'insert' as const, text: 'second' }] };
    const s = steps([
      v('1', 'created', [{ name: 'narrative', before: '', after: 'first', words: [] }]),
      v('2', 'finalised'),
      v('3', 'changed', [edit]),
      v('4', 'saved_as_draft'),
      v('5', 'deleted'),
    ]);
    expect(s.map((x) => x.version.version_id)).toEqual(['5', '4', '3', '2', '1']);
    expect(s.map((x) => x.state)).toEqual([
      'history-deleted', 'history-saved-as-draft', 'history-changed', 'history-finalised', 'history-created',
    ]);
    expect(s[4].created).toBe(true);
    expect(s[3].changes).toEqual([]);
    expect(s[2].changes).toEqual([edit]);
    expect(hasWords(edit)).toBe(true);
    expect(hasWords(s[4].changes[0])).toBe(false);
  });
});

describe('localDate', () => {
  it('gives the local calendar date, padded', () => {
    expect(localDate(new Date(2026, 0, 5, 1, 30))).toBe('2026-01-05');
    expect(localDate(new Date(2026, 10, 27, 23, 59))).toBe('2026-11-27');
  });
});
