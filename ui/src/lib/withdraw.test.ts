// The consent section's withdrawal against a stand-in shell: what rested
// on the consent is shown first, nothing is recorded until confirmed, and
// the referral can then be marked withdrawn.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { ConsentView } from './ipc/bindings';

vi.mock('./ipc/api', () => ({
  api: {
    consentDependents: vi.fn(async () => ({
      consent_id: 'c1', case_id: 'k1', case_code: 'RO-1', scope: 'referral', given_at: '2026-03-01T10:00:00Z',
      withdrawn_at: null,
      referrals: [{ need_id: 'n1', category: 'medical_health', status: 'referred', referral_target: 'clinic' }],
      bundles: [{ bundle_id: 'b1', sent_at: '2026-03-02T10:00:00Z', recipients: ['Case lead'] }],
      unitemised_bundles: 0, photographs: [],
    })),
    withdrawConsent: vi.fn(async () => {}),
    markReferralWithdrawn: vi.fn(async () => {}),
  },
}));

import { api } from './ipc/api';
import { setLanguage } from './i18n.svelte';
import ConsentSection from '../components/ConsentSection.svelte';

const consent: ConsentView = {
  id: 'c1', scope: 'referral', service: 'clinic', given_at: '2026-03-01T10:00:00Z', withdrawn_at: null, note: null,
};

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('withdrawing a consent', () => {
  it('shows what rested on it, asks, then offers to mark the referral withdrawn', async () => {
    const onchange = vi.fn();
    render(ConsentSection, { caseId: 'k1', consents: [consent], onchange });
    await fireEvent.click(screen.getByTestId('consent-withdraw'));
    const dialog = await screen.findByTestId('withdraw-dialog');
    expect(screen.getByTestId('withdraw-referrals').textContent).toContain('clinic');
    expect(screen.getByTestId('withdraw-bundles').textContent).toContain('Case lead');
    expect(dialog.textContent).toContain('cannot know what they passed on');
    expect(api.withdrawConsent).not.toHaveBeenCalled();
    expect(screen.queryByTestId('withdraw-mark')).toBeNull();

    await fireEvent.click(screen.getByTestId('withdraw-confirm'));
    await waitFor(() => expect(api.withdrawConsent).toHaveBeenCalledWith('c1'));
    expect(onchange).toHaveBeenCalled();
    await fireEvent.click(await screen.findByTestId('withdraw-mark'));
    await waitFor(() => expect(api.markReferralWithdrawn).toHaveBeenCalledWith('n1'));
    await waitFor(() => expect(screen.queryByTestId('withdraw-mark')).toBeNull());
    expect(screen.getByTestId('withdraw-referrals').textContent).toContain('Withdrawn');
  });
});
