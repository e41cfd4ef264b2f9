// The catalogues are complete: every message in both languages, every
// vocabulary value and error code translated, and every message parses.
import { describe, expect, it } from 'vitest';
import { FluentResource } from '@fluent/bundle';
import { CATALOGUES, errorText, setLanguage, t } from './i18n.svelte';
import * as B from './ipc/bindings';

function ids(source: string): string[] {
  return [...source.matchAll(/^([a-z][a-z0-9_-]*) =/gm)].map((m) => m[1]).sort();
}

describe('message catalogues', () => {
  it('have the same messages in English and Romanian', () => {
    expect(ids(CATALOGUES.ro)).toEqual(ids(CATALOGUES.en));
  });

  it('define each message once (a second definition would silently lose one)', () => {
    for (const source of Object.values(CATALOGUES)) {
      const all = ids(source);
      expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
    }
  });

  it('are made of every file of the language', () => {
    expect(CATALOGUES.en).toMatch(/^nav-cases = /m);
    expect(CATALOGUES.ro).toMatch(/^nav-cases = /m);
    expect(CATALOGUES.en).not.toMatch(/^nav-cases = Cazuri/m);
  });

  it('parse without errors', () => {
    for (const source of Object.values(CATALOGUES)) {
      const res = new FluentResource(source);
      expect(res.body.length).toBeGreaterThan(200);
      expect(source).not.toMatch(/^\s*[a-z][\w-]* =\s*$/m);
    }
  });

  it('translate every vocabulary value and error code', () => {
    const en = new Set(ids(CATALOGUES.en));
    const wanted = [
      ...B.NEED_CATEGORIES.map((v) => `need-category-${v}`),
      ...B.REFERRAL_STATUSES.map((v) => `referral-${v}`),
      ...B.PRIORITIES.map((v) => `priority-${v}`),
      ...B.RISK_LEVELS.map((v) => `risk-${v}`),
      ...B.CASE_STATUSES.map((v) => `case-status-${v}`),
      ...B.NOTE_KINDS.map((v) => `note-kind-${v}`),
      ...B.CONSENT_SCOPES.map((v) => `consent-scope-${v}`),
      ...B.RECORD_KINDS.map((v) => `kind-${v}`),
      ...B.ERASURE_REASONS.map((v) => `erasure-reason-${v}`),
      ...B.ERROR_CODES.map((c) => `error-${c}`),
      ...B.SHELL_ERROR_CODES.map((c) => `error-${c}`),
    ];
    expect(wanted.filter((id) => !en.has(id))).toEqual([]);
  });

  it('switch language and fall back to the core message for unknown codes', () => {
    setLanguage('ro');
    expect(t('nav-cases')).toBe('Cazuri');
    expect(t('search-count', { count: 1 })).toBe('un rezultat');
    expect(errorText({ code: 'wrong_passphrase', message: 'x' })).toMatch(/greșită/);
    expect(errorText({ code: 'brand_new', message: 'From the core.' })).toBe('From the core.');
    setLanguage('xx');
    expect(t('nav-cases')).toBe('Cases');
  });

  it('name the field of a date that does not read, with its text as stored', () => {
    setLanguage('en');
    const item = (field: string) => t('dashboard-unreadable-item', { field, value: 'next week' });
    expect(item('due')).toMatch(/^Due date: .next week.$/);
    expect(item('when')).toMatch(/^Time of the note: /);
    setLanguage('ro');
    expect(item('due')).toMatch(/^Termen: .next week.$/);
    expect(item('when')).toMatch(/^Data notei: /);
    expect(errorText({ code: 'invalid_date', message: 'x' })).toMatch(/31\.12\.2026/);
    setLanguage('en');
  });
});
