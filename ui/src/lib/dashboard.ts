// Pure logic of the overview and backup screens: when to remind about a
// backup, how long ago something was, how wide a chart's bars are.
import type { ActivityView, CategoryCountView } from './ipc/bindings';

const DAY_MS = 86_400_000;

/** A time as a Date, or null when the text is not a time. */
function parse(text: string): Date | null {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Whether to remind about a backup: there is none, the last one cannot be
 * read, or it is older than `days` days. A last backup "in the future" (a
 * clock that was wrong) does not call for a reminder.
 */
export function backupDue(lastBackup: string | null, days: number, now: Date): boolean {
  if (!lastBackup) return true;
  const last = parse(lastBackup);
  if (!last) return true;
  return now.getTime() - last.getTime() > days * DAY_MS;
}

/** The local calendar day of a time, or of a `YYYY-MM-DD` date as written. */
function calendarDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  const d = parse(text);
  if (!d) return null;
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS;
}

/**
 * How many calendar days ago `text` (an RFC 3339 time or a `YYYY-MM-DD`
 * date) was, counted in local days: 0 today, 1 yesterday. Never negative;
 * null when the text is not a date.
 */
export function daysAgo(text: string | null, now: Date): number | null {
  if (!text) return null;
  const then = calendarDay(text);
  if (then === null) return null;
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS;
  return Math.max(0, Math.round(today - then));
}

/** The largest value of a chart, so bars share one scale (0 when all are 0). */
export function chartMax(values: number[]): number {
  return values.reduce((max, v) => (v > max ? v : max), 0);
}

/**
 * A bar's width in percent of the chart: 0 for nothing, at least 2 so a
 * small non-zero count stays visible, at most 100.
 */
export function barPercent(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  const pct = Math.round((Math.min(value, max) / max) * 1000) / 10;
  return Math.max(2, pct);
}

/** The categories to chart: those with any need, or every one when asked. */
export function visibleCategories(rows: CategoryCountView[], showAll: boolean): CategoryCountView[] {
  return showAll ? rows : rows.filter((r) => r.total > 0);
}

/** How many categories have never had a need (hidden unless shown all). */
export function emptyCategories(rows: CategoryCountView[]): number {
  return rows.filter((r) => r.total === 0).length;
}

/** What a recent change did to its record. */
export function activityAction(a: Pick<ActivityView, 'created' | 'deleted'>): 'created' | 'changed' | 'deleted' {
  if (a.deleted) return 'deleted';
  return a.created ? 'created' : 'changed';
}

/** The last part of a file path, whichever separator the system uses. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]+/).filter((p) => p.length > 0);
  return parts.length ? parts[parts.length - 1] : path;
}
