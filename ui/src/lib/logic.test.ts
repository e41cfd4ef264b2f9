// Pure logic of the UI: snippets, lists, case filters, history diffs.
import { describe, expect, it } from 'vitest';
import { formatSize, localDate, snippetParts, splitList, shortId } from './format';
import { EMPTY_FILTER, PAGE, caseQuery } from './cases';
import { hasWords, steps, valueMessage } from './history';
import type { VersionView } from './ipc/bindings';


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

describe('case list queries', () => {
  it('send the filters to the core, empty choices as any', () => {
    const q = caseQuery({ ...EMPTY_FILTER, text: 'ro-', risk: 'low', worker: 'Ana', openNeedsOnly: true }, { by: 'risk', dir: 'desc' }, 'ro', 200);
    expect(q).toEqual({
      text: 'ro-', status: null, risk: 'low', worker: 'Ana', open_needs_only: true, exploitation: null,
      child_only: false, sort: 'risk', descending: true, lang: 'ro', offset: 200, limit: PAGE,
    });
    expect(caseQuery(EMPTY_FILTER, { by: 'code', dir: 'asc' }, 'de', 0).lang).toBe('en');
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
