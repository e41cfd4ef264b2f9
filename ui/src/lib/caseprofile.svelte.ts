// The case profile in the app: the vocabularies and their labels (from the
// core, the same words search finds a case by), country and language codes
// shown as names in the app's language (the webview's Intl.DisplayNames),
// and what the case form sends.
//
// Invariants: values are the core's wire names and ISO codes; a code the
// webview has no name for is shown as the code. What a picker holds may be
// text someone typed that names no code yet: the core matches it to a code
// on save (a country's name, a demonym) or refuses it in plain words.
import { api } from './ipc/api';
import type { CaseVocab, ProfileView, VocabEntry } from './ipc/bindings';

/** The vocabularies, once loaded (they never change while the app runs). */
export const vocab = $state<{ current: CaseVocab | null }>({ current: null });

let loading: Promise<CaseVocab> | null = null;

/** Loads the vocabularies from the shell, once. */
export function loadVocab(): Promise<CaseVocab> {
  loading ??= api.caseVocab().then((v) => (vocab.current = v));
  return loading;
}

/** The label of `value` in `list`, in `lang` (English, then the value, as fallbacks). */
export function label(list: VocabEntry[] | undefined, value: string, lang: string): string {
  const entry = list?.find((e) => e.value === value);
  return entry?.labels[lang] ?? entry?.labels.en ?? value;
}

export type CodeKind = 'region' | 'language';

const namers = new Map<string, Intl.DisplayNames>();

/** A country (`region`) or language code's name in `lang`; the code when there is none. */
export function codeName(kind: CodeKind, code: string, lang: string): string {
  const key = `${kind}:${lang}`;
  try {
    let namer = namers.get(key);
    if (!namer) {
      namer = new Intl.DisplayNames([lang], { type: kind, fallback: 'code' });
      namers.set(key, namer);
    }
    return namer.of(code) ?? code;
  } catch {
    // Not a well-formed code: free text of an older version, shown as it is.
    return code;
  }
}

/** Lower case, without diacritics: "România" and "romania" match. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * The codes whose name in `lang` (or English) or code matches `query`,
 * those starting with it first, leaving out `chosen`; at most `max`.
 */
export function suggest(
  kind: CodeKind, codes: string[], query: string, lang: string, chosen: string[] = [], max = 8,
): string[] {
  const q = fold(query);
  if (!q) return [];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const code of codes) {
    if (chosen.includes(code)) continue;
    const names = [codeName(kind, code, lang), codeName(kind, code, 'en')].map(fold);
    if (fold(code) === q || names.some((n) => n.startsWith(q))) starts.push(code);
    else if (names.some((n) => n.includes(q))) contains.push(code);
  }
  return [...starts, ...contains].slice(0, max);
}

/** The one of `codes` that `text` is the code or the name (in `lang` or English) of. */
export function exact(kind: CodeKind, codes: string[], text: string, lang: string): string | undefined {
  const q = fold(text);
  return codes.find(
    (c) => fold(c) === q || fold(codeName(kind, c, lang)) === q || fold(codeName(kind, c, 'en')) === q,
  );
}

/** A profile with nothing recorded. */
export function emptyProfile(): ProfileView {
  return {
    gender: null, year_of_birth: null, age_band: null, identified_on: null, exploitation_types: [],
    countries_of_origin: [], countries_of_recruitment: [], countries_of_exploitation: [],
    referral_source: null, closed_on: null, closure_reason: null, identification: [], proceedings: [],
  };
}

/** A deep copy, for a form to edit without touching the page's data. */
export function copyProfile(p: ProfileView | null | undefined): ProfileView {
  if (!p) return emptyProfile();
  return {
    ...p,
    exploitation_types: [...p.exploitation_types],
    countries_of_origin: [...p.countries_of_origin],
    countries_of_recruitment: [...p.countries_of_recruitment],
    countries_of_exploitation: [...p.countries_of_exploitation],
    identification: p.identification.map((i) => ({ ...i })),
    proceedings: p.proceedings.map((e) => ({ ...e })),
  };
}

/** The profile to send: blank text is no value, a decision only where the kind takes one. */
export function profileToSend(p: ProfileView, kindsWithDecision: string[]): ProfileView {
  const text = (s: string | null) => (s && s.trim()) || null;
  return {
    ...copyProfile(p),
    identified_on: text(p.identified_on),
    closed_on: text(p.closed_on),
    identification: p.identification.map((i) => ({
      kind: i.kind,
      date: i.date.trim(),
      decision: kindsWithDecision.includes(i.kind) ? i.decision : null,
      note: text(i.note),
    })),
    proceedings: p.proceedings.map((e) => ({ status: e.status, date: e.date.trim(), note: text(e.note) })),
  };
}

/** Toggles `value` in a set, kept in the vocabulary's order. */
export function toggle(set: string[], value: string, order: string[]): string[] {
  const next = set.includes(value) ? set.filter((v) => v !== value) : [...set, value];
  return order.filter((v) => next.includes(v));
}
