// Audit entries and search hits speak the app's language: who did it,
// subjects by case code and kind, values by their labels.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntryView, SearchHit } from './ipc/bindings';
import { auditSubject, auditWho, hitLabels } from './audit';
import { setLanguage, t } from './i18n.svelte';

const entry = (over: Partial<AuditEntryView>): AuditEntryView => ({
  seq: 1, at: '2026-01-01T00:00:00Z', event: 'record_updated', subject: 'need 0193…', subject_label: 'RO-12 · need',
  subject_kind: 'need', subject_case_code: 'RO-12', subject_erased: false, by_this_device: true, by_name: null,
  ...over,
});

beforeEach(() => setLanguage('en'));

describe('audit entries', () => {
  it('name who did it and the subject by case code and kind', () => {
    expect(auditWho(entry({}), t)).toBe('this laptop');
    expect(auditWho(entry({ by_this_device: false, by_name: "Ana's laptop" }), t)).toBe("Ana's laptop");
    expect(auditSubject(entry({}), t)).toBe('RO-12 · Need');
    expect(auditSubject(entry({ subject_erased: true, subject_case_code: null }), t)).toBe('erased record');
    const report = entry({ event: 'report_made', subject: 'case 0193…: ro, 12 entries, all notes', subject_kind: 'case' });
    expect(auditSubject(report, t)).toBe('RO-12 · Case: ro, 12 entries, all notes');
    expect(auditSubject(entry({ subject_kind: null, subject_label: 'bundle 0193abcd (3 versions)' }), t))
      .toBe('bundle 0193abcd (3 versions)');
    setLanguage('ro');
    expect(auditWho(entry({}), t)).toBe('acest laptop');
    expect(auditSubject(entry({}), t)).toBe('RO-12 · Nevoie');
    expect(auditSubject(entry({ subject_case_code: null }), t)).toBe('caz șters · Nevoie');
  });
});

describe('search hits', () => {
  it('show categories and statuses in the app language', () => {
    const hit: SearchHit = {
      record_id: 'n', kind: 'need', case_code: 'RO-1', case_id: 'c', snippet: 'passport',
      values: [{ field: 'category', value: 'identity_documents' }, { field: 'status', value: 'identified' }],
    };
    expect(hitLabels(hit, t)).toEqual(['Identity documents', 'Identified']);
    setLanguage('ro');
    expect(hitLabels(hit, t)).toEqual(['Acte de identitate', 'Identificată']);
  });
});
