// What the record forms send to the shell: a need's fields as the form holds
// them and back, and a case's current details with a new identity section.
import type {
  CaseInput,
  CaseSummary,
  IdentityView,
  NeedCategory,
  NeedInput,
  NeedView,
  ProfileView,
  Priority,
  ReferralStatus,
} from './ipc/bindings';
import { splitList } from './format';

/** A need as the form edits it: the optional fields as text ('' = none). */
export type NeedFields = {
  category: NeedCategory;
  description: string;
  priority: Priority;
  status: ReferralStatus;
  referral_target: string;
  due: string;
};

export const EMPTY_NEED: NeedFields = {
  category: 'safety_protection',
  description: '',
  priority: 'medium',
  status: 'identified',
  referral_target: '',
  due: '',
};

/** The form's fields for a need: a new one, or a copy of `need` to edit. */
export function needFields(need: NeedView | null): NeedFields {
  if (!need) return { ...EMPTY_NEED };
  return {
    category: need.category,
    description: need.description,
    priority: need.priority,
    status: need.status,
    referral_target: need.referral_target ?? '',
    due: need.due ?? '',
  };
}

/** What `save_need` takes from the form's fields (blank text is no value). */
export function needInput(caseId: string, f: NeedFields): NeedInput {
  return {
    case_id: caseId,
    category: f.category,
    description: f.description.trim(),
    priority: f.priority,
    status: f.status,
    referral_target: f.referral_target.trim() || null,
    due: f.due.trim() || null,
  };
}

/** An existing need, unchanged but for its referral status. */
export function needWithStatus(caseId: string, need: NeedView, status: ReferralStatus): NeedInput {
  return {
    case_id: caseId,
    category: need.category,
    description: need.description,
    priority: need.priority,
    status,
    referral_target: need.referral_target,
    due: need.due,
  };
}

/** The identity section as the form edits it. */
export type IdentityFields = { name: string; date_of_birth: string; contacts: string };

/** The form's fields for a revealed identity: the contacts one per line. */
export function identityFields(identity: IdentityView): IdentityFields {
  return {
    name: identity.name ?? '',
    date_of_birth: identity.date_of_birth ?? '',
    contacts: identity.contacts.join('\n'),
  };
}

/**
 * The contacts typed in the form. Several lines are one contact each (an
 * address may hold commas); a single line is split at commas, as when the
 * case was created. A line that is exactly a contact already `known` stays
 * whole either way, so saving an unchanged form changes no contact.
 */
export function splitContacts(text: string, known: string[] = []): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length > 1) return lines;
  return lines.flatMap((l) => (known.includes(l) ? [l] : splitList(l)));
}

/** The identity section to store from the form (blank text is no value). */
export function identityFromFields(f: IdentityFields, known: string[] = []): IdentityView {
  return {
    name: f.name.trim() || null,
    date_of_birth: f.date_of_birth.trim() || null,
    contacts: splitContacts(f.contacts, known),
  };
}

/** Whether an identity section holds nothing (the core stores no identity then). */
export function identityIsEmpty(identity: IdentityView): boolean {
  return identity.name === null && identity.date_of_birth === null && identity.contacts.length === 0;
}

/**
 * What `update_case` takes: the case's details and profile as they are now, and the
 * identity section to store (null keeps the stored one).
 */
export function caseInput(
  summary: CaseSummary, profile: ProfileView, identity: IdentityView | null,
): CaseInput {
  return {
    profile,
    code: summary.code,
    status: summary.status,
    risk: summary.risk,
    nationality: summary.nationality,
    languages: [...summary.languages],
    worker: summary.worker,
    identity,
  };
}
