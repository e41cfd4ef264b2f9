// Formatting for people: dates in the chosen locale (every date and time
// the app shows goes through here), sizes, snippets.

const LOCALES: Record<string, string> = { en: 'en-GB', ro: 'ro-RO' };

// Building an Intl formatter costs about 0.4 ms and a list formats a date per
// row, so each language and style keeps one. (A time-zone change while the
// app runs is seen after a restart.)
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

/** The formatter kept under `key`, made by `make` the first time. */
function kept<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f as F;
}

const TIME = { timeStyle: 'short', hourCycle: 'h23' } as const;
const DATE_STYLES: Record<'date' | 'datetime' | 'time', Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  datetime: { dateStyle: 'medium', ...TIME },
  time: TIME,
};

function dateFormat(lang: string, style: keyof typeof DATE_STYLES): Intl.DateTimeFormat {
  return kept(`${lang}/${style}`, () => new Intl.DateTimeFormat(LOCALES[lang] ?? 'en-GB', DATE_STYLES[style]));
}

function numberFormat(lang: string, fractionDigits: number): Intl.NumberFormat {
  return kept(
    `${lang}/n${fractionDigits}`,
    () => new Intl.NumberFormat(LOCALES[lang] ?? 'en-GB', { maximumFractionDigits: fractionDigits }),
  );
}

/**
 * An RFC 3339 time, a local `YYYY-MM-DDTHH:MM` or a `YYYY-MM-DD` date in the
 * locale ("5 Mar 2026, 14:30"; always the 24-hour clock), or the text as
 * given when it is none of them. A date alone is that calendar day wherever
 * the computer is (not midnight UTC, which is the day before west of it).
 */
export function formatDate(text: string | null | undefined, lang: string, withTime = true): string {
  if (!text) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(text);
  if (Number.isNaN(d.getTime())) return text;
  return dateFormat(lang, withTime && !day ? 'datetime' : 'date').format(d);
}

/** The time of day of `d` in the locale, on the 24-hour clock: 14:05. */
export function formatTime(d: Date, lang: string): string {
  return dateFormat(lang, 'time').format(d);
}

/** A byte count as B, KB, MB or GB. */
export function formatSize(bytes: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const n = numberFormat(lang, i === 0 ? 0 : 1).format(v);
  return `${n} ${units[i]}`;
}

export type SnippetPart = { text: string; hit: boolean };

/** Splits a search snippet whose matches are between `[` and `]`. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), hit: false });
    parts.push({ text: m[1], hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts;
}

/** "a, b ,c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A short, stable label for a device id. */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(-8);
}

/** A date as `YYYY-MM-DD` in the computer's own time zone (not UTC). */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
