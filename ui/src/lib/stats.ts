// The Reports screen's statistics form: its default period, whether a
// month reads, and the request the shell takes.
import type { CaseStatus, StatsRequestInput } from './ipc/bindings';

export interface StatsForm {
  from: string;
  to: string;
  status: CaseStatus | '';
  worker: string;
  exploitation: string;
  lang: 'en' | 'ro';
}

function month(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** January of this year to this month, in `lang`. */
export function defaultForm(today: Date, lang: 'en' | 'ro'): StatsForm {
  return {
    from: `${today.getFullYear()}-01`,
    to: month(today),
    status: '',
    worker: '',
    exploitation: '',
    lang,
  };
}

/** Whether `text` is a month (`YYYY-MM`) or a date (`YYYY-MM-DD`). */
export function isMonth(text: string): boolean {
  const m = /^(\d{4})-(\d{2})(-(\d{2}))?$/.exec(text.trim());
  if (!m) return false;
  const mm = Number(m[2]);
  return mm >= 1 && mm <= 12 && (m[4] === undefined || (Number(m[4]) >= 1 && Number(m[4]) <= 31));
}

/** Whether the period can be asked for: both months read, in order. */
export function periodReady(form: StatsForm): boolean {
  return isMonth(form.from) && isMonth(form.to) && form.from.trim().slice(0, 7) <= form.to.trim().slice(0, 7);
}

/** The request for the shell; empty filters are none. */
export function statsRequest(form: StatsForm): StatsRequestInput {
  return {
    from: form.from.trim(),
    to: form.to.trim(),
    status: form.status === '' ? null : form.status,
    worker: form.worker.trim() === '' ? null : form.worker.trim(),
    exploitation: form.exploitation === '' ? null : form.exploitation,
    lang: form.lang,
  };
}
