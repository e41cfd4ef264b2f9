// Pure helpers for consent that gates: the reason an override needs, the
// export request with it, what a withdrawal would touch, and the retention
// period as typed in Settings.
import type { ConsentDependentsView, ExportRequest } from './ipc/bindings';

/** The reason typed for an override, trimmed; null when none was given. */
export function reasonOf(text: string): string | null {
  const r = text.trim();
  return r.length > 0 ? r : null;
}

/** Whether an override (if asked for) has its reason. */
export function overrideReady(override: boolean, reason: string): boolean {
  return !override || reasonOf(reason) !== null;
}

/** The export request: the cases without consent go only with a reason. */
export function exportRequest(to: string[], cases: string[], override: boolean, reason: string): ExportRequest {
  const request: ExportRequest = { to: [...to], cases: [...cases] };
  const r = override ? reasonOf(reason) : null;
  if (r !== null) request.override_consent = r;
  return request;
}

/** Whether anything recorded on this laptop rested on the consent. */
export function hasDependents(d: ConsentDependentsView): boolean {
  return d.referrals.length + d.bundles.length + d.photographs.length > 0 || d.unitemised_bundles > 0;
}

/** The referrals a withdrawal leaves to mark withdrawn (not already so). */
export function referralsToMark(d: ConsentDependentsView): string[] {
  return d.referrals.filter((r) => r.status !== 'withdrawn').map((r) => r.need_id);
}

/** A retention period typed in Settings: months 1..600, '' for none; undefined when it does not read. */
export function parseRetention(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= 600 ? n : undefined;
}
