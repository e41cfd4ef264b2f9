// What a date field shows and accepts, apart from the field itself
// (DateInput.svelte). The rest of the app and the shell only ever see the
// stored forms: `YYYY-MM-DD` for a date, `YYYY-MM-DDTHH:MM` (this
// computer's clock) for a date and time. A person writes the day first, as
// in the app's language (31/12/2026 in English, 31.12.2026 in Romanian;
// either separator, or '-', is accepted in both, and so is 2026-12-31) and
// a time on the 24-hour clock (14:30).

/** The separator each language writes dates with. */
const SEPARATOR: Record<string, string> = { en: '/', ro: '.' };

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether `y`-`m`-`d` is a day of the calendar. */
function isDay(y: number, m: number, d: number): boolean {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** A stored date (`YYYY-MM-DD`) as the language writes it: 05/03/2026. */
export function showDate(iso: string, lang: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const sep = SEPARATOR[lang] ?? '/';
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}

/**
 * A stored value of a date field as the field shows it: a date, a date and
 * time (an exact time with its offset is shown on this computer's clock), or
 * the text as stored when it is neither (free text from before dates were
 * checked, kept as it is until someone changes it).
 */
export function showValue(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const date = showDate(value, lang);
  if (date) return date;
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(value);
  if (local) return `${showDate(local[1], lang)} ${local[2]}:${local[3]}`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) {
      const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      return `${showDate(day, lang)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    }
  }
  return value;
}

/** What the text of a field amounts to. */
export type Reading =
  | { kind: 'empty' }
  | { kind: 'value'; value: string }
  /** Not yet a date, but it may become one as the person goes on typing. */
  | { kind: 'partial' }
  /** Not a date however it goes on (or a day the calendar does not have). */
  | { kind: 'invalid'; reason: 'form' | 'no-such-day' };

const DAY_FIRST = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
// What a date can start with, as it is typed: 31/1…, 2026-1…
const DAY_FIRST_START = /^(\d{1,2})(?:[./-](\d{1,2})?(?:[./-]\d{0,4})?)?$/;
const ISO_START = /^\d{3,4}$|^\d{4}-(\d{0,2})(?:-\d{0,2})?$/;

/** A whole date: `YYYY-MM-DD`, or a reason it is not one; null when it is not whole. */
function wholeDate(text: string): Reading | null {
  const dm = DAY_FIRST.exec(text);
  const iso = ISO.exec(text);
  if (!dm && !iso) return null;
  const [y, m, d] = dm ? [dm[3], dm[2], dm[1]].map(Number) : [iso![1], iso![2], iso![3]].map(Number);
  // A month past 12 is most likely a date written month first (12/31/2026).
  if (m < 1 || m > 12) return { kind: 'invalid', reason: 'form' };
  if (!isDay(y, m, d)) return { kind: 'invalid', reason: 'no-such-day' };
  return { kind: 'value', value: `${y}-${pad(m)}-${pad(d)}` };
}

/** Whether a day or month being typed is still in 1..`max` once it has two digits. */
const inRange = (digits: string | undefined, max: number) =>
  !digits || digits.length < 2 || (Number(digits) >= 1 && Number(digits) <= max);

/** Whether `text` can still grow into a date. */
function dateStart(text: string): boolean {
  const dm = DAY_FIRST_START.exec(text);
  if (dm && inRange(dm[1], 31) && inRange(dm[2], 12)) return true;
  const iso = ISO_START.exec(text);
  return !!iso && inRange(iso[1], 12);
}

/** The text of a date field. */
export function readDate(raw: string): Reading {
  const text = raw.trim();
  if (!text) return { kind: 'empty' };
  const whole = wholeDate(text);
  if (whole) return whole;
  return dateStart(text) ? { kind: 'partial' } : { kind: 'invalid', reason: 'form' };
}

/** The text of a date-and-time field: a date, or a date and a time (14:30). */
export function readDateTime(raw: string): Reading {
  const text = raw.trim();
  if (!text) return { kind: 'empty' };
  const m = /^(\S+?)(?:,?\s+|T)(\S*)$/.exec(text);
  if (!m) return readDate(text);
  const date = readDate(m[1]);
  if (date.kind !== 'value') return date.kind === 'invalid' ? date : { kind: 'partial' };
  const time = /^(\d{1,2})[:.](\d{2})$/.exec(m[2]);
  if (time) {
    const [h, min] = [Number(time[1]), Number(time[2])];
    if (h > 23 || min > 59) return { kind: 'invalid', reason: 'form' };
    return { kind: 'value', value: `${date.value}T${pad(h)}:${pad(min)}` };
  }
  const start = /^(\d{0,2})(?:[:.](\d{0,2}))?$/.exec(m[2]);
  const ok = start && Number(start[1] || 0) <= 23 && Number(start[2] || 0) <= 59 && (start[2] ?? '').length < 2;
  return ok ? { kind: 'partial' } : { kind: 'invalid', reason: 'form' };
}
