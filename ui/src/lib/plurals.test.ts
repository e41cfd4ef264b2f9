// Counts read right in both languages: English "1 case", "2 cases";
// Romanian "1 caz", "2 cazuri" (0 and 2–19, and 101–119), "20 de cazuri".
// Numbers are formatted by Fluent in the language's own way (10.000 in
// Romanian), and the plural form is chosen by Intl.PluralRules.
import { afterEach, describe, expect, it } from 'vitest';
import { FluentResource } from '@fluent/bundle';
import { CATALOGUES, setLanguage, t } from './i18n.svelte';

afterEach(() => setLanguage('en'));

/** The message `id` in `lang` for each count. */
function counts(lang: string, id: string, arg: string, ns: number[], extra: Record<string, number> = {}) {
  setLanguage(lang);
  return ns.map((n) => t(id, { ...extra, [arg]: n }));
}

const RO = [0, 1, 2, 19, 20, 101];
const EN = [0, 1, 2];

describe('plural forms', () => {
  it('count all cases, and those shown of them', () => {
    expect(counts('ro', 'cases-count-all', 'total', RO)).toEqual([
      '0 cazuri', '1 caz', '2 cazuri', '19 cazuri', '20 de cazuri', '101 cazuri',
    ]);
    expect(counts('en', 'cases-count-all', 'total', EN)).toEqual(['0 cases', '1 case', '2 cases']);
    expect(counts('ro', 'cases-count', 'total', RO, { shown: 0 })).toEqual([
      '0 din 0 cazuri', '0 din 1 caz', '0 din 2 cazuri', '0 din 19 cazuri', '0 din 20 de cazuri', '0 din 101 cazuri',
    ]);
    expect(counts('en', 'cases-count', 'total', EN, { shown: 0 })).toEqual([
      '0 of 0 cases', '0 of 1 case', '0 of 2 cases',
    ]);
  });

  it('count the audit entries checked', () => {
    expect(counts('ro', 'audit-intact', 'count', RO)).toEqual([
      'Jurnalul este intact: 0 intrări verificate.',
      'Jurnalul este intact: 1 intrare verificată.',
      'Jurnalul este intact: 2 intrări verificate.',
      'Jurnalul este intact: 19 intrări verificate.',
      'Jurnalul este intact: 20 de intrări verificate.',
      'Jurnalul este intact: 101 intrări verificate.',
    ]);
    expect(counts('en', 'audit-intact', 'count', EN)).toEqual([
      'The log is intact: 0 entries checked.',
      'The log is intact: 1 entry checked.',
      'The log is intact: 2 entries checked.',
    ]);
  });

  it('count the bundles that did not say which cases they carried', () => {
    const ro = counts('ro', 'withdraw-unitemised', 'count', RO);
    expect(ro.map((s) => s.split(' trimis')[0])).toEqual([
      '0 pachete anterioare', '1 pachet anterior', '2 pachete anterioare', '19 pachete anterioare',
      '20 de pachete anterioare', '101 pachete anterioare',
    ]);
    expect(ro[1]).toMatch(/nu a înregistrat ce cazuri a dus/);
    expect(ro[4]).toMatch(/nu au înregistrat ce cazuri au dus/);
    const en = counts('en', 'withdraw-unitemised', 'count', EN);
    expect(en[0]).toMatch(/^0 earlier bundles .* which cases they carried; they may/);
    expect(en[1]).toMatch(/^1 earlier bundle .* which cases it carried; it may/);
    expect(en[2]).toMatch(/^2 earlier bundles /);
  });

  it('count the months of the retention period', () => {
    const head = (s: string) => s.split('.')[0];
    expect(counts('ro', 'dashboard-retention-intro', 'months', RO).map(head)).toEqual([
      'Cazuri închise păstrate mai mult de 0 luni',
      'Cazuri închise păstrate mai mult de o lună',
      'Cazuri închise păstrate mai mult de 2 luni',
      'Cazuri închise păstrate mai mult de 19 luni',
      'Cazuri închise păstrate mai mult de 20 de luni',
      'Cazuri închise păstrate mai mult de 101 luni',
    ]);
    expect(counts('en', 'dashboard-retention-intro', 'months', EN).map(head)).toEqual([
      'Closed cases kept longer than 0 months',
      'Closed cases kept longer than 1 month',
      'Closed cases kept longer than 2 months',
    ]);
  });

  it('count what an erasure removes', () => {
    expect(counts('ro', 'erase-what-record', 'records', RO).map((s) => s.split(' vor')[0].split(' va')[0])).toEqual([
      'Aceste 0 înregistrări', 'Această înregistrare', 'Aceste 2 înregistrări', 'Aceste 19 înregistrări',
      'Aceste 20 de înregistrări', 'Aceste 101 înregistrări',
    ]);
    expect(counts('ro', 'erase-versions', 'versions', RO).map((s) => s.split(' salvat')[0])).toEqual([
      '0 versiuni', 'O versiune', '2 versiuni', '19 versiuni', '20 de versiuni', '101 versiuni',
    ]);
    expect(counts('ro', 'erase-files', 'files', RO, { size: 0 }).map((s) => s.split(' (')[0])).toEqual([
      '0 fișiere atașate', 'Un fișier atașat', '2 fișiere atașate', '19 fișiere atașate',
      '20 de fișiere atașate', '101 fișiere atașate',
    ]);
    expect(counts('en', 'erase-versions', 'versions', EN).map((s) => s.split(' lose')[0])).toEqual([
      '0 saved versions', '1 saved version', '2 saved versions',
    ]);
  });

  it('write large numbers as the language does', () => {
    expect(counts('ro', 'cases-count-all', 'total', [10000])).toEqual(['10.000 de cazuri']);
    expect(counts('en', 'cases-count-all', 'total', [10000])).toEqual(['10,000 cases']);
  });
});

type Element = string | { type: string; name?: string };
type Variant = { key: { type: string; value: string | number }; value: Element[] | string };
type Select = { type: 'select'; selector: { type: string; name?: string }; variants: Variant[]; star: number };

/** Every select expression of a catalogue, with the message it is in. */
function selects(source: string): { id: string; node: Select }[] {
  const found: { id: string; node: Select }[] = [];
  const walk = (id: string, pattern: Element[] | string | null | undefined) => {
    if (!pattern || typeof pattern === 'string') return;
    for (const el of pattern) {
      if (typeof el !== 'string' && el.type === 'select') {
        const node = el as unknown as Select;
        found.push({ id, node });
        for (const v of node.variants) walk(id, v.value);
      }
    }
  };
  for (const entry of new FluentResource(source).body) walk(entry.id, entry.value as Element[] | string | null);
  return found;
}

/** The text of a variant, with `{ $name }` for each variable. */
function text(value: Element[] | string): string {
  if (typeof value === 'string') return value;
  return value.map((el) => (typeof el === 'string' ? el : el.type === 'var' ? `{ $${el.name} }` : '{…}')).join('');
}

describe('Romanian plural selectors', () => {
  const plural = selects(CATALOGUES.ro).filter(({ node }) => node.variants.some((v) => v.key.value === 'one'));

  it('exist', () => expect(plural.length).toBeGreaterThan(20));

  it('have a form for 0 and 2–19 besides one and other', () => {
    const missing = plural.filter(({ node }) => !node.variants.some((v) => v.key.value === 'few'));
    expect(missing.map((s) => s.id)).toEqual([]);
  });

  it('put "de" between a number of 20 or more and its noun', () => {
    const wrong = plural.filter(({ node }) => {
      const other = text(node.variants[node.star].value);
      const name = node.selector.name ?? '';
      return new RegExp(`\\{ \\$${name} \\} (?!de )\\p{L}`, 'u').test(other);
    });
    expect(wrong.map((s) => s.id)).toEqual([]);
  });
});
