// Pure helpers for the Exchange and Conflicts screens: the fingerprint in
// groups, who may receive a bundle, the import summary's lines, and which
// fields of conflicting versions differ.
import type { DeviceView, ImportSummary, VersionView } from './ipc/bindings';

/** A device's name as shown, or `unnamed` when it has none. */
export function deviceLabel(d: Pick<DeviceView, 'name'>, unnamed: string): string {
  return d.name.trim() || unnamed;
}

/** A fingerprint as its groups ("1234 5678 …"); an ungrouped one is cut into fours. */
export function fingerprintGroups(fingerprint: string): string[] {
  const groups = fingerprint.trim().split(/\s+/).filter((g) => g.length > 0);
  if (groups.length !== 1 || groups[0].length <= 5) return groups;
  return groups[0].match(/.{1,4}/g) ?? [];
}

/** The devices shown in the roster: every device but this laptop. */
export function otherDevices(devices: DeviceView[]): DeviceView[] {
  return devices.filter((d) => !d.this_device);
}

/** The devices a bundle can be made for: trusted, not revoked, not this laptop. */
export function recipients(devices: DeviceView[]): DeviceView[] {
  return devices.filter((d) => !d.this_device && d.trusted && d.revoked_at === null);
}

export type Scope = 'since' | 'cases';

/** Whether the export form is complete: someone to send to and, for chosen cases, a case. */
export function canExport(to: string[], scope: Scope, cases: string[]): boolean {
  return to.length > 0 && (scope === 'since' || cases.length > 0);
}

export type SummaryLine = {
  /** Catalogue message (takes `$count`) and the line's test id. */
  id: string;
  count: number;
};

/**
 * The lines of an import summary, always in the same order. "Edits" are the
 * versions received beyond the first of each new record: changes to records
 * already here, and earlier changes to the new ones.
 */
export function summaryLines(s: ImportSummary): SummaryLine[] {
  const created = s.new_cases + s.new_notes + s.new_needs + s.new_other;
  return [
    { id: 'import-new-cases', count: s.new_cases },
    { id: 'import-new-notes', count: s.new_notes },
    { id: 'import-new-needs', count: s.new_needs },
    { id: 'import-new-other', count: s.new_other },
    { id: 'import-edits', count: Math.max(0, s.new_versions - created) },
    { id: 'import-conflicts', count: s.conflicts },
    // Only when there was any: most bundles carry no erasure.
    ...(s.erased_records > 0 ? [{ id: 'import-erased', count: s.erased_records }] : []),
    ...(s.refused_erased > 0 ? [{ id: 'import-refused-erased', count: s.refused_erased }] : []),
  ];
}

/** Every field name of the versions, in the order they first appear. */
export function fieldNames(versions: VersionView[]): string[] {
  const names: string[] = [];
  for (const v of versions) {
    for (const f of v.fields) if (!names.includes(f.name)) names.push(f.name);
  }
  return names;
}

/** The fields worth showing: those with a value in at least one version. */
export function shownFields(versions: VersionView[]): string[] {
  return fieldNames(versions).filter((name) => versions.some((v) => fieldValue(v, name) !== ''));
}

/** The value of a field in a version ('' when it has none). */
export function fieldValue(v: VersionView, name: string): string {
  return v.fields.find((f) => f.name === name)?.value ?? '';
}

/** The fields whose values are not the same in every version still standing. */
export function differingFields(versions: VersionView[]): Set<string> {
  const live = versions.filter((v) => !v.deleted);
  const out = new Set<string>();
  if (live.length < 2) return out;
  for (const name of fieldNames(live)) {
    const first = fieldValue(live[0], name);
    if (live.some((v) => fieldValue(v, name) !== first)) out.add(name);
  }
  return out;
}

/**
 * The starting text for merging notes by hand: each standing version's
 * narrative, headed by a line naming its author and time, separated by a
 * blank line.
 */
export function mergeText(versions: VersionView[], heading: (v: VersionView) => string): string {
  return versions
    .filter((v) => !v.deleted)
    .map((v) => `— ${heading(v)} —\n${fieldValue(v, 'narrative').trim()}`)
    .join('\n\n');
}
