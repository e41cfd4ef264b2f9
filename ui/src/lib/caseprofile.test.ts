// The case profile's logic: labels from the core's vocabularies, codes as
// names in the app's language, the picker's suggestions, what is sent, and
// the case list's exploitation and child filters.
import { describe, expect, it } from 'vitest';
import { codeName, copyProfile, emptyProfile, exact, fold, label, profileToSend, suggest, toggle } from './caseprofile.svelte';
import type { VocabEntry } from './ipc/bindings';

const types: VocabEntry[] = [
  { value: 'sexual', labels: { en: 'Sexual exploitation', ro: 'Exploatare sexuală' } },
  { value: 'labour', labels: { en: 'Labour exploitation', ro: 'Exploatare prin muncă' } },
];

describe('labels and names', () => {
  it('labels a value in the language, then English, then as its name', () => {
    expect(label(types, 'labour', 'ro')).toBe('Exploatare prin muncă');
    expect(label(types, 'labour', 'fr')).toBe('Labour exploitation');
    expect(label(types, 'organ_removal', 'ro')).toBe('organ_removal');
    expect(label(undefined, 'labour', 'ro')).toBe('labour');
  });

  it('names codes in the app language and shows free text as it is', () => {
    expect(codeName('region', 'RO', 'ro')).toBe('România');
    expect(codeName('region', 'RO', 'en')).toBe('Romania');
    expect(codeName('language', 'en', 'ro')).toBe('engleză');
    expect(codeName('region', 'Romanian', 'en')).toBe('Romanian');
  });

  it('folds case and diacritics', () => {
    expect(fold(' România ')).toBe('romania');
  });
});

describe('the code picker', () => {
  const codes = ['AL', 'GB', 'MD', 'RO'];
  it('suggests by name in the app language or English, names starting with the text first', () => {
    expect(suggest('region', codes, 'rom', 'ro')).toEqual(['RO']);
    expect(suggest('region', codes, 'united', 'ro')).toEqual(['GB']);
    expect(suggest('region', codes, 'ania', 'en')).toEqual(['AL', 'RO']);
    expect(suggest('region', codes, 'rom', 'ro', ['RO'])).toEqual([]);
    expect(suggest('region', codes, '  ', 'ro')).toEqual([]);
  });

  it('finds the code a whole name or code is', () => {
    expect(exact('region', codes, 'romania', 'ro')).toBe('RO');
    expect(exact('region', codes, 'md', 'en')).toBe('MD');
    expect(exact('region', codes, 'Romanian', 'en')).toBeUndefined();
  });
});

describe('the profile sent', () => {
  it('leaves out blank text and a decision where the kind takes none, without touching the form', () => {
    const p = {
      ...emptyProfile(), identified_on: ' ', closed_on: '2026-11-30',
      identification: [
        { kind: 'uk_nrm_referral', date: '2026-11-12 ', decision: 'positive', note: '  ' },
        { kind: 'uk_conclusive_grounds', date: '2026-11-20', decision: 'positive', note: 'CG' },
      ],
      proceedings: [{ status: 'witness', date: '2026-11-21', note: '' }],
    };
    const sent = profileToSend(p, ['uk_conclusive_grounds']);
    expect(sent.identified_on).toBeNull();
    expect(sent.closed_on).toBe('2026-11-30');
    expect(sent.identification).toEqual([
      { kind: 'uk_nrm_referral', date: '2026-11-12', decision: null, note: null },
      { kind: 'uk_conclusive_grounds', date: '2026-11-20', decision: 'positive', note: 'CG' },
    ]);
    expect(sent.proceedings).toEqual([{ status: 'witness', date: '2026-11-21', note: null }]);
    expect(p.identification[0].decision).toBe('positive');
  });

  it('copies deeply, and an absent profile is an empty one', () => {
    const p = { ...emptyProfile(), countries_of_origin: ['RO'] };
    const c = copyProfile(p);
    c.countries_of_origin.push('MD');
    expect(p.countries_of_origin).toEqual(['RO']);
    expect(copyProfile(null)).toEqual(emptyProfile());
  });

  it('toggles a value in a set, in the vocabulary order', () => {
    expect(toggle(['labour'], 'sexual', ['sexual', 'labour'])).toEqual(['sexual', 'labour']);
    expect(toggle(['sexual', 'labour'], 'sexual', ['sexual', 'labour'])).toEqual(['labour']);
  });
});

