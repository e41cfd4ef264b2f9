// The audit log and search hits in the app's language: who did an entry,
// its subject by case code and kind (never an id), and a hit's category,
// status or kind by its catalogue label (never a wire name).
import type { AuditEntryView, SearchHit } from './ipc/bindings';
import { valueMessage } from './history';

type T = (id: string, args?: Record<string, string | number>) => string;

/** Who did it: this laptop, or the device a merged change came from. */
export function auditWho(e: AuditEntryView, t: T): string {
  return e.by_this_device ? t('audit-this-laptop') : (e.by_name ?? '');
}

/** The subject: "RO-12 · Need", "erased record", or the core's text. */
export function auditSubject(e: AuditEntryView, t: T): string {
  if (e.subject_erased) return t('audit-erased-record');
  if (e.subject_kind) {
    // A case summary's entry says what it held after the record: "case <id>: ro, 12 entries, …".
    const at = e.subject.indexOf(': ');
    const detail = at >= 0 ? e.subject.slice(at) : '';
    return `${e.subject_case_code ?? t('audit-deleted-case')} · ${t(`kind-${e.subject_kind}`)}${detail}`;
  }
  return e.subject_label;
}

/** A hit's vocabulary values (category, status, …) as labels. */
export function hitLabels(h: SearchHit, t: T): string[] {
  return h.values.flatMap((v) => {
    const id = valueMessage(h.kind, v.field, v.value);
    return id ? [t(id)] : [];
  });
}
