// Erasure in the app: what the confirmation says, from the core's plan,
// and when it may go ahead. A whole case is confirmed by typing its code,
// a single record or attachment by typing ERASE; a reason from the fixed
// vocabulary is always required.
import type { ErasurePlanView, ErasureReason } from './ipc/bindings';
import { ERASURE_REASONS } from './ipc/bindings';

/** What the user types for a record or attachment (not a whole case). */
export const ERASE_WORD = 'ERASE';

/** The word that confirms erasing what `plan` names. */
export function confirmWord(plan: ErasurePlanView): string {
  return plan.case_id && plan.case_code ? plan.case_code : ERASE_WORD;
}

/** Whether the typed text confirms it (spaces around it and letter case do not matter). */
export function confirmed(plan: ErasurePlanView, typed: string): boolean {
  return typed.trim().toLowerCase() === confirmWord(plan).toLowerCase();
}

/** Whether the erasure may go ahead: a reason of the vocabulary and the word typed. */
export function eraseReady(plan: ErasurePlanView, reason: ErasureReason | '', typed: string): boolean {
  return (ERASURE_REASONS as readonly string[]).includes(reason) && confirmed(plan, typed);
}

/** One line of the confirmation: a message id and its arguments. */
export interface Line {
  id: string;
  args?: Record<string, string | number>;
}

/** The lines of the confirmation, in order: what goes, where copies stay, that it is final. */
export function planLines(plan: ErasurePlanView, size: (bytes: number) => string): Line[] {
  const lines: Line[] = [
    plan.case_id
      ? { id: 'erase-what-case', args: { code: plan.case_code ?? '', records: plan.records } }
      : { id: 'erase-what-record', args: { records: plan.records } },
    { id: 'erase-versions', args: { versions: plan.versions } },
  ];
  if (plan.attachments > 0) {
    lines.push({ id: 'erase-files', args: { files: plan.attachments, size: size(plan.attachment_bytes) } });
  }
  lines.push({ id: 'erase-copies' }, { id: 'erase-backups' }, { id: 'erase-final' });
  return lines;
}
