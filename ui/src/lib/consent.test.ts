import { describe, expect, it } from 'vitest';
import type { ConsentDependentsView } from './ipc/bindings';
import { exportRequest, hasDependents, overrideReady, parseRetention, reasonOf, referralsToMark } from './consent';

function deps(over: Partial<ConsentDependentsView> = {}): ConsentDependentsView {
  return {
    consent_id: 'c1', case_id: 'k1', case_code: 'RO-1', scope: 'referral', given_at: '2026-03-01T10:00:00Z',
    withdrawn_at: null, referrals: [], bundles: [], unitemised_bundles: 0, photographs: [], ...over,
  };
}

describe('consent that gates', () => {
  it('an override needs a reason that is not blank', () => {
    expect(reasonOf('  ')).toBeNull();
    expect(reasonOf(' court ')).toBe('court');
    expect(overrideReady(false, '')).toBe(true);
    expect(overrideReady(true, ' ')).toBe(false);
    expect(overrideReady(true, 'hearing')).toBe(true);
  });

  it('the export request carries the reason only when overriding', () => {
    expect(exportRequest(['d'], [], false, 'ignored')).toEqual({ to: ['d'], cases: [] });
    expect(exportRequest(['d'], ['c'], true, ' hearing ')).toEqual({ to: ['d'], cases: ['c'], override_consent: 'hearing' });
    expect(exportRequest(['d'], [], true, '  ')).toEqual({ to: ['d'], cases: [] });
  });

  it('says what rested on a consent and which referrals are left to mark', () => {
    expect(hasDependents(deps())).toBe(false);
    expect(hasDependents(deps({ unitemised_bundles: 2 }))).toBe(true);
    const referrals = [
      { need_id: 'n1', category: 'legal', status: 'referred', referral_target: null },
      { need_id: 'n2', category: 'legal', status: 'withdrawn', referral_target: null },
    ] as ConsentDependentsView['referrals'];
    expect(hasDependents(deps({ referrals }))).toBe(true);
    expect(referralsToMark(deps({ referrals }))).toEqual(['n1']);
  });

  it('reads a retention period as months, or none', () => {
    expect(parseRetention('')).toBeNull();
    expect(parseRetention(' 24 ')).toBe(24);
    for (const bad of ['0', '601', '1.5', 'soon', '-3']) expect(parseRetention(bad)).toBeUndefined();
  });
});
