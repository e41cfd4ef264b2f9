// The catalogues are complete: every message in both languages, every
// vocabulary value and error code translated, and every message parses.
import { describe, expect, it } from 'vitest';
import { FluentResource } from '@fluent/bundle';
import { CATALOGUES, errorText, setLanguage, t } from './i18n.svelte';
import * as B from './ipc/bindings';

function ids(source: string): string[] {
  return [...source.matchAll(/^([a-z][a-z0-9_-]*) =/gm)].map((m) => m[1]).sort();
}

const CORE_ERROR_CODES = [
  'wrong_passphrase', 'weak_passphrase', 'passphrase_mismatch', 'vault_exists', 'no_vault',
  'missing_database', 'corrupt_envelope', 'foreign_envelope', 'excessive_work_factor',
  'corrupt_database', 'unsupported_version', 'recovery_not_configured', 'wrong_recovery_key',
  'invalid_key', 'not_found', 'unknown_case', 'case_code_taken', 'empty', 'unknown_value',
  'invalid_date', 'future_date',
  'conflict', 'deleted', 'consent_required', 'attachment_corrupt', 'bad_signature',
  'audit_broken', 'busy', 'disk_full', 'io', 'database', 'encrypt', 'locked', 'invalid', 'too_large',
  'backup_corrupt', 'backup_foreign', 'invalid_card', 'own_card', 'card_key_changed', 'no_recipients',
  'unknown_device', 'revoked_device', 'nothing_to_export', 'bundle_corrupt', 'not_a_recipient',
  'untrusted_sender', 'untrusted_author', 'revoked_sender', 'already_imported', 'replayed_sequence',
  'no_conflict', 'text_merge_unsupported', 'not_a_conflicting_version', 'conflict_changed', 'bundle_read_back', 'no_folder',
];

describe('message catalogues', () => {
  it('have the same messages in English and Romanian', () => {
    expect(ids(CATALOGUES.ro)).toEqual(ids(CATALOGUES.en));
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
      ...CORE_ERROR_CODES.map((c) => `error-${c}`),
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
