// Follow-ups as the case page and the overview show them: who one is
// assigned to (a roster device's name, or older free text as written),
// the choices of the assignee select, and what the edit form sends (the
// assignee only when it was changed, so text the select cannot show is
// kept).
import type { AssigneeView, FollowUpEditInput, FollowUpView } from './ipc/bindings';

/** The select's value for "keep the assignee written before". */
export const KEEP = 'keep';

/** Who `assignedTo` names: a roster device's name, else the text itself. */
export function assigneeLabel(assignedTo: string | null, roster: AssigneeView[]): string | null {
  if (!assignedTo || !assignedTo.trim()) return null;
  return roster.find((a) => a.device_id === assignedTo.trim())?.name ?? assignedTo;
}

/** The select's first value for a follow-up: its device, KEEP for text no
 * assignable device answers to, or '' for no one. */
export function assigneeChoice(f: FollowUpView, roster: AssigneeView[]): string {
  if (!f.assigned_to || !f.assigned_to.trim()) return '';
  const known = roster.find((a) => a.device_id === f.assigned_to && a.assignable);
  return known ? known.device_id : KEEP;
}

/** The people the select offers: assignable devices, this one first. */
export function assignable(roster: AssigneeView[]): AssigneeView[] {
  return roster.filter((a) => a.assignable);
}

/** What the edit form sends: an empty due date clears it; the assignee
 * only counts as changed when the select moved from where it started. */
export function editInput(title: string, due: string, choice: string, initial: string): FollowUpEditInput {
  const changed = choice !== initial && choice !== KEEP;
  return {
    title: title.trim(),
    due: due.trim() ? due.trim() : null,
    assignee_changed: changed,
    assignee: changed && choice ? choice : null,
  };
}

/** How many are not done. */
export function openCount(followups: FollowUpView[]): number {
  return followups.filter((f) => !f.done).length;
}
