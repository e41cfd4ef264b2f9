// Message catalogues (Fluent) and the current language. Every string the
// UI shows goes through t(); templates re-render when the language changes.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

// One catalogue per language and area: `en.ftl`, `en-exchange.ftl`, … All
// files of a language make up its catalogue.
const FILES = import.meta.glob('../../../assets/i18n/*.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const LANGUAGES = ['en', 'ro'] as const;
export const CATALOGUES: Record<string, string> = Object.fromEntries(
  LANGUAGES.map((lang) => [
    lang,
    Object.keys(FILES)
      .filter((path) => new RegExp(`/${lang}(-[a-z]+)?\\.ftl$`).test(path))
      .sort()
      .map((path) => FILES[path])
      .join('\n'),
  ]),
);
export type Language = (typeof LANGUAGES)[number];

function bundle(lang: string): FluentBundle {
  const b = new FluentBundle(lang === 'ro' ? 'ro-RO' : 'en-GB', { useIsolating: false });
  const errors = b.addResource(new FluentResource(CATALOGUES[lang]));
  if (errors.length) console.error(`catalogue ${lang}:`, errors);
  return b;
}

const bundles: Record<string, FluentBundle> = { en: bundle('en'), ro: bundle('ro') };

export const i18n = $state({ lang: 'en' as Language });

export function setLanguage(lang: string) {
  i18n.lang = (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'en';
  document.documentElement.lang = i18n.lang;
}

/** The message `id` in the current language (English, then the id, as fallbacks). */
export function t(id: string, args?: Record<string, FluentVariable>): string {
  return tIn(i18n.lang, id, args);
}

/** The message `id` in `lang` (English, then the id, as fallbacks). */
export function tIn(lang: string, id: string, args?: Record<string, FluentVariable>): string {
  for (const l of [lang, 'en']) {
    const b = bundles[l];
    if (!b) continue;
    const msg = b.getMessage(id);
    if (msg?.value) return b.formatPattern(msg.value, args);
  }
  return id;
}

/** Whether the catalogue has `id` (used to translate error codes). */
export function has(id: string): boolean {
  return bundles.en.hasMessage(id);
}

/** An error as the person should read it: by code, else the core's message. */
export function errorText(e: { code: string; message: string }): string {
  return has(`error-${e.code}`) ? t(`error-${e.code}`) : e.message;
}
