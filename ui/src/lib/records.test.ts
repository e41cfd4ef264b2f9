// What the need and identity forms send to the shell, then the needs and
// identity sections and the passphrase form against a stand-in shell.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { CaseSummary, NeedInput, NeedView, ProfileView } from './ipc/bindings';
import { emptyProfile } from './caseprofile.svelte';
import {
  EMPTY_NEED,
  caseInput,
  identityFields,
  identityFromFields,
  identityIsEmpty,
  needFields,
  needInput,
  needWithStatus,
  splitContacts,
} from './records';

vi.mock('./ipc/api', () => ({
  api: {
    saveNeed: vi.fn(async (id: string | null, input: NeedInput) => {
      if (input.status === 'referred') throw { code: 'consent_required', message: 'no consent' };
      return id ?? 'n-new';
    }),
    revealIdentity: vi.fn(async () => ({ name: 'Maria Popescu', date_of_birth: '1999-04-02', contacts: ['+40 721 000 111', 'Str. Lalelelor 5, Iași'] })),
    updateCase: vi.fn(async () => {}),
    vaultRetention: vi.fn(async () => 24),
    about: vi.fn(async () => ({ version: '0.1.0', commit: '9860acd41dcd' })),
    setVaultRetention: vi.fn(async (m: number | null) => m),
    passphraseStrength: vi.fn(async (p: string) => ({
      score: p.length >= 20 ? 4 : 1, acceptable: p.length >= 20, warning: null, suggestions: [], crack_time: '',
    })),
    changePassphrase: vi.fn(async (current: string) => {
      if (current !== 'orbit lantern basalt meadow') throw { code: 'wrong_passphrase', message: 'wrong' };
    }),
  },
}));

import { api } from './ipc/api';
import NeedsSection from '../components/NeedsSection.svelte';
import IdentitySection from '../components/IdentitySection.svelte';
import Settings from '../screens/Settings.svelte';

afterEach(() => {
  cleanup();
});

const summary: CaseSummary = {
  id: 'c1', code: 'RO-2026-017', status: 'open', risk: 'high', nationality: 'Romanian',
  languages: ['ro', 'en'], worker: 'Ana', open_needs: 1, updated: '2026-01-01T00:00:00Z', conflict: false,
  gender: 'female', is_child: false, exploitation_types: ['labour'], needs_review: true,
};

// The stored profile, which an identity change must send back as it is.
const profile: ProfileView = {
  ...emptyProfile(), gender: 'female', exploitation_types: ['labour'], countries_of_origin: ['RO'],
  identification: [{ kind: 'uk_nrm_referral', date: '2026-01-05', decision: null, note: null }],
};

const need: NeedView = {
  id: 'n1', category: 'identity_documents', description: 'replacement passport', priority: 'medium',
  status: 'identified', referral_target: null, due: '2026-03-01', consent: null, updated: '2026-01-02T00:00:00Z',
};

describe('need fields', () => {
  it('start empty for a new need', () => {
    expect(needFields(null)).toEqual(EMPTY_NEED);
    expect(needFields(null)).not.toBe(EMPTY_NEED);
  });
  it('copy a need to edit, and give it back unchanged when nothing changed', () => {
    const f = needFields(need);
    expect(f).toEqual({
      category: 'identity_documents', description: 'replacement passport', priority: 'medium',
      status: 'identified', referral_target: '', due: '2026-03-01',
    });
    expect(needInput('c1', f)).toEqual({
      case_id: 'c1', category: 'identity_documents', description: 'replacement passport', priority: 'medium',
      status: 'identified', referral_target: null, due: '2026-03-01',
    });
  });
  it('trim the text and store blank optional fields as none', () => {
    const input = needInput('c1', { ...EMPTY_NEED, description: '  shelter  ', referral_target: '  ', due: '' });
    expect(input.description).toBe('shelter');
    expect(input.referral_target).toBeNull();
    expect(input.due).toBeNull();
    expect(needInput('c1', { ...EMPTY_NEED, referral_target: ' Clinic ' }).referral_target).toBe('Clinic');
  });
  it('change only the status in place', () => {
    expect(needWithStatus('c1', { ...need, referral_target: 'Clinic' }, 'provided_by_own_organisation')).toEqual({
      case_id: 'c1', category: 'identity_documents', description: 'replacement passport', priority: 'medium',
      status: 'provided_by_own_organisation', referral_target: 'Clinic', due: '2026-03-01',
    });
  });
});

describe('identity fields', () => {
  const identity = { name: 'Maria', date_of_birth: null, contacts: ['+40 721 000 111', 'Str. Lalelelor 5, Iași'] };
  it('put one contact per line', () => {
    expect(identityFields(identity)).toEqual({
      name: 'Maria', date_of_birth: '', contacts: '+40 721 000 111\nStr. Lalelelor 5, Iași',
    });
    expect(identityFields({ name: null, date_of_birth: '1999-04-02', contacts: [] })).toEqual({
      name: '', date_of_birth: '1999-04-02', contacts: '',
    });
  });
  it('give the same identity back when nothing changed', () => {
    expect(identityFromFields(identityFields(identity), identity.contacts)).toEqual(identity);
    const one = { name: null, date_of_birth: null, contacts: ['Str. Lalelelor 5, Iași'] };
    expect(identityFromFields(identityFields(one), one.contacts)).toEqual(one);
  });
  it('read contacts one per line, or separated by commas on a single line', () => {
    expect(splitContacts('a\n\n  b, c  \r\nd')).toEqual(['a', 'b, c', 'd']);
    expect(splitContacts(' a, b ,, c ')).toEqual(['a', 'b', 'c']);
    expect(splitContacts('a, b', ['a, b'])).toEqual(['a, b']);
    expect(splitContacts('  \n ')).toEqual([]);
  });
  it('store blank fields as none', () => {
    expect(identityFromFields({ name: '  ', date_of_birth: '', contacts: '' })).toEqual({
      name: null, date_of_birth: null, contacts: [],
    });
  });
});

describe('caseInput', () => {
  it('keeps the case details and carries the identity given', () => {
    const identity = { name: 'Maria', date_of_birth: null, contacts: ['x'] };
    expect(caseInput(summary, profile, identity)).toEqual({
      code: 'RO-2026-017', status: 'open', risk: 'high', nationality: 'Romanian',
      languages: ['ro', 'en'], worker: 'Ana', identity, profile,
    });
    expect(caseInput(summary, profile, null).identity).toBeNull();
    expect(caseInput(summary, profile, null).languages).not.toBe(summary.languages);
  });
});

describe('the needs section', () => {
  beforeEach(() => {
    vi.mocked(api.saveNeed).mockClear();
  });

  it('adds a need', async () => {
    const onchange = vi.fn();
    render(NeedsSection, { caseId: 'c1', needs: [], hasReferralConsent: true, onchange });
    await fireEvent.click(screen.getByTestId('add-need'));
    expect(document.activeElement).toBe(screen.getByTestId('need-category'));
    await fireEvent.change(screen.getByTestId('need-category'), { target: { value: 'legal' } });
    await fireEvent.input(screen.getByTestId('need-description'), { target: { value: ' a lawyer ' } });
    await fireEvent.click(screen.getByTestId('need-save'));
    await screen.findByTestId('need-saved');
    expect(api.saveNeed).toHaveBeenCalledWith(null, {
      case_id: 'c1', category: 'legal', description: 'a lawyer', priority: 'medium',
      status: 'identified', referral_target: null, due: null,
    });
    expect(onchange).toHaveBeenCalled();
    expect(screen.queryByTestId('need-form')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('add-need'));
  });

  it('edits every field of a need, prefilled, with its id', async () => {
    const onchange = vi.fn();
    render(NeedsSection, { caseId: 'c1', needs: [need], hasReferralConsent: true, onchange });
    const edit = screen.getByTestId('edit-need');
    expect(edit.getAttribute('aria-label')).toBe('Edit the need: replacement passport');
    await fireEvent.click(edit);
    expect((screen.getByTestId('need-category') as HTMLSelectElement).value).toBe('identity_documents');
    expect((screen.getByTestId('need-description') as HTMLInputElement).value).toBe('replacement passport');
    expect((screen.getByTestId('need-priority') as HTMLSelectElement).value).toBe('medium');
    expect((screen.getByTestId('need-status') as HTMLSelectElement).value).toBe('identified');
    expect((screen.getByTestId('need-due') as HTMLInputElement).value).toBe('01/03/2026');
    await fireEvent.input(screen.getByTestId('need-description'), { target: { value: 'replacement passport and ID card' } });
    await fireEvent.change(screen.getByTestId('need-priority'), { target: { value: 'high' } });
    await fireEvent.change(screen.getByTestId('need-status'), { target: { value: 'provided_by_own_organisation' } });
    await fireEvent.input(screen.getByTestId('need-target'), { target: { value: 'Consulate' } });
    await fireEvent.click(screen.getByTestId('need-save'));
    expect((await screen.findByTestId('need-saved')).textContent).toBe('Need saved.');
    expect(api.saveNeed).toHaveBeenCalledWith('n1', {
      case_id: 'c1', category: 'identity_documents', description: 'replacement passport and ID card',
      priority: 'high', status: 'provided_by_own_organisation', referral_target: 'Consulate', due: '2026-03-01',
    });
    expect(onchange).toHaveBeenCalledOnce();
    expect(document.activeElement).toBe(screen.getByTestId('edit-need'));
  });

  it('cancels an edit without saving, and opens one form at a time', async () => {
    render(NeedsSection, { caseId: 'c1', needs: [need], hasReferralConsent: true, onchange: vi.fn() });
    await fireEvent.click(screen.getByTestId('edit-need'));
    await fireEvent.click(screen.getByTestId('add-need'));
    expect(screen.getAllByTestId('need-form')).toHaveLength(1);
    expect((screen.getByTestId('need-description') as HTMLInputElement).value).toBe('');
    await fireEvent.click(screen.getByTestId('edit-need'));
    expect(screen.getAllByTestId('need-form')).toHaveLength(1);
    await fireEvent.click(screen.getByTestId('need-cancel'));
    expect(screen.queryByTestId('need-form')).toBeNull();
    expect(api.saveNeed).not.toHaveBeenCalled();
  });

  it('explains why a referral without consent is refused', async () => {
    const onchange = vi.fn();
    render(NeedsSection, { caseId: 'c1', needs: [need], hasReferralConsent: false, onchange });
    await fireEvent.click(screen.getByTestId('edit-need'));
    await fireEvent.change(screen.getByTestId('need-status'), { target: { value: 'referred' } });
    expect(screen.getByText(/record it under Consent first/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId('need-save'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/needs the survivor's recorded consent to referral/);
    expect(screen.getByTestId('need-form')).toBeTruthy();
    expect(onchange).not.toHaveBeenCalled();
  });
});

describe('an empty identity', () => {
  it('is one with no name, date of birth or contact', () => {
    expect(identityIsEmpty(identityFromFields({ name: ' ', date_of_birth: '', contacts: '\n' }))).toBe(true);
    expect(identityIsEmpty({ name: null, date_of_birth: null, contacts: ['x'] })).toBe(false);
    expect(identityIsEmpty({ name: 'Maria', date_of_birth: null, contacts: [] })).toBe(false);
  });
});

describe('the identity section', () => {
  beforeEach(() => {
    vi.mocked(api.updateCase).mockClear();
  });

  it('edits the revealed identity, keeps the case details, and hides it again', async () => {
    const onchange = vi.fn();
    render(IdentitySection, { summary, profile, hasIdentity: true, onchange });
    expect(screen.queryByTestId('edit-identity')).toBeNull();
    await fireEvent.click(screen.getByTestId('reveal-identity'));
    await fireEvent.click(await screen.findByTestId('edit-identity'));
    const name = screen.getByTestId('identity-name') as HTMLInputElement;
    expect(name.value).toBe('Maria Popescu');
    expect(document.activeElement).toBe(name);
    expect((screen.getByTestId('identity-dob') as HTMLInputElement).value).toBe('02/04/1999');
    const contacts = screen.getByTestId('identity-contacts') as HTMLTextAreaElement;
    expect(contacts.value).toBe('+40 721 000 111\nStr. Lalelelor 5, Iași');
    await fireEvent.input(contacts, { target: { value: `${contacts.value}\nmaria@example.org` } });
    await fireEvent.click(screen.getByTestId('identity-save'));
    await screen.findByTestId('identity-saved');
    expect(api.updateCase).toHaveBeenCalledWith('c1', {
      code: 'RO-2026-017', status: 'open', risk: 'high', nationality: 'Romanian', languages: ['ro', 'en'], worker: 'Ana',
      profile,
      identity: {
        name: 'Maria Popescu', date_of_birth: '1999-04-02',
        contacts: ['+40 721 000 111', 'Str. Lalelelor 5, Iași', 'maria@example.org'],
      },
    });
    expect(onchange).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('identity')).toBeNull();
    expect(screen.queryByTestId('identity-form')).toBeNull();
    expect(document.body.textContent).not.toContain('Maria Popescu');
    expect(screen.getByTestId('reveal-identity')).toBeTruthy();
  });

  it('cancels without saving', async () => {
    render(IdentitySection, { summary, profile, hasIdentity: true });
    await fireEvent.click(screen.getByTestId('reveal-identity'));
    await fireEvent.click(await screen.findByTestId('edit-identity'));
    await fireEvent.click(screen.getByTestId('identity-cancel'));
    expect(api.updateCase).not.toHaveBeenCalled();
    expect(screen.getByTestId('identity-name').textContent).toBe('Maria Popescu');
    expect(document.activeElement).toBe(screen.getByTestId('edit-identity'));
  });

  it('adds an identity to a case without one, which then stays hidden until revealed', async () => {
    const onchange = vi.fn();
    render(IdentitySection, { summary, profile, hasIdentity: false, onchange });
    expect(screen.queryByTestId('reveal-identity')).toBeNull();
    await fireEvent.click(screen.getByTestId('add-identity'));
    expect(screen.queryByTestId('add-identity')).toBeNull();
    const name = screen.getByTestId('identity-name') as HTMLInputElement;
    expect(name.value).toBe('');
    expect(document.activeElement).toBe(name);
    expect((screen.getByTestId('identity-dob') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('identity-contacts') as HTMLTextAreaElement).value).toBe('');
    expect(screen.getByTestId('identity-form').textContent).toContain('audit log');
    const save = screen.getByTestId('identity-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.input(name, { target: { value: 'Ioana Marin' } });
    await fireEvent.input(screen.getByTestId('identity-dob'), { target: { value: '2001-07-15' } });
    await fireEvent.input(screen.getByTestId('identity-contacts'), {
      target: { value: '+40 722 000 222\nStr. Florilor 3, Cluj-Napoca' },
    });
    expect(save.disabled).toBe(false);
    await fireEvent.click(save);
    await screen.findByTestId('identity-saved');
    expect(api.updateCase).toHaveBeenCalledExactlyOnceWith('c1', {
      code: 'RO-2026-017', status: 'open', risk: 'high', nationality: 'Romanian', languages: ['ro', 'en'], worker: 'Ana',
      profile,
      identity: {
        name: 'Ioana Marin', date_of_birth: '2001-07-15',
        contacts: ['+40 722 000 222', 'Str. Florilor 3, Cluj-Napoca'],
      },
    });
    expect(onchange).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('identity-form')).toBeNull();
    expect(screen.queryByTestId('add-identity')).toBeNull();
    expect(document.body.textContent).not.toContain('Ioana Marin');
    expect(document.activeElement).toBe(screen.getByTestId('reveal-identity'));
  });

  it('cancels adding an identity without saving', async () => {
    render(IdentitySection, { summary, profile, hasIdentity: false });
    await fireEvent.click(screen.getByTestId('add-identity'));
    await fireEvent.input(screen.getByTestId('identity-name'), { target: { value: 'Ioana Marin' } });
    await fireEvent.click(screen.getByTestId('identity-cancel'));
    expect(api.updateCase).not.toHaveBeenCalled();
    expect(screen.queryByTestId('identity-form')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('add-identity'));
  });
});

describe('changing the passphrase', () => {
  const NEW = 'harbour quietly basalt orbit lantern';

  async function fill(current: string, next: string, confirm: string) {
    await fireEvent.input(screen.getByTestId('passphrase-current'), { target: { value: current } });
    await fireEvent.input(screen.getByTestId('passphrase-new'), { target: { value: next } });
    await fireEvent.input(screen.getByTestId('passphrase-confirm'), { target: { value: confirm } });
  }

  it('waits for a strong passphrase typed twice, then changes it and clears the fields', async () => {
    render(Settings);
    const save = screen.getByTestId('passphrase-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fill('orbit lantern basalt meadow', 'short', 'short');
    await waitFor(() => expect(screen.getByTestId('strength').textContent).toMatch(/Too easy to guess/));
    expect(save.disabled).toBe(true);
    await fill('orbit lantern basalt meadow', NEW, `${NEW}!`);
    await waitFor(() => expect(screen.getByTestId('strength').textContent).toMatch(/Good enough/));
    expect(screen.getByText(/do not match/)).toBeTruthy();
    expect(save.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('passphrase-confirm'), { target: { value: NEW } });
    expect(save.disabled).toBe(false);
    await fireEvent.click(save);
    const done = await screen.findByTestId('passphrase-changed');
    expect(done.getAttribute('role')).toBe('status');
    expect(api.changePassphrase).toHaveBeenCalledWith('orbit lantern basalt meadow', NEW, NEW);
    for (const id of ['passphrase-current', 'passphrase-new', 'passphrase-confirm']) {
      expect((screen.getByTestId(id) as HTMLInputElement).value).toBe('');
    }
    expect(save.disabled).toBe(true);
    expect(screen.getByTestId('passphrase-form').textContent).toMatch(/Backups made before the change/);
  });

  it('shows and saves the vault\'s retention period, refusing what does not read', async () => {
    render(Settings);
    const months = screen.getByTestId('retention-months') as HTMLInputElement;
    await waitFor(() => expect(months.value).toBe('24'));
    await fireEvent.input(months, { target: { value: '0' } });
    await fireEvent.click(screen.getByTestId('retention-save'));
    expect((await screen.findByTestId('retention-invalid')).textContent).toMatch(/1 to 600/);
    expect(api.setVaultRetention).not.toHaveBeenCalled();
    await fireEvent.input(months, { target: { value: '' } });
    await fireEvent.click(screen.getByTestId('retention-save'));
    await screen.findByTestId('retention-saved');
    expect(api.setVaultRetention).toHaveBeenCalledWith(null);
    expect(screen.queryByTestId('retention-invalid')).toBeNull();
  });

  it('names the version and the commit in the About', async () => {
    render(Settings);
    const about = await screen.findByTestId('about-version');
    expect(about.textContent).toBe('Version 0.1.0, built from commit 9860acd41dcd.');
  });

  it('says when the current passphrase is wrong', async () => {
    render(Settings);
    await fill('not it', NEW, NEW);
    const save = screen.getByTestId('passphrase-save') as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    await fireEvent.click(save);
    const alert = await screen.findByTestId('passphrase-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/passphrase is wrong/);
    expect((screen.getByTestId('passphrase-current') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('passphrase-new') as HTMLInputElement).value).toBe(NEW);
    expect(screen.queryByTestId('passphrase-changed')).toBeNull();
  });
});
