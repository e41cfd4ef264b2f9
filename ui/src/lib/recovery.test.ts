// Recovery from the unlock screen against a stand-in shell: the key from a
// file or pasted, the new passphrase checked like the Create screen's, the
// key errors in the form's own words, and the app opening on success.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { StrengthView } from './ipc/bindings';

const strong: StrengthView = { score: 4, acceptable: true, crack_time: 'centuries', warning: null, suggestions: [] };
const weak: StrengthView = { score: 1, acceptable: false, crack_time: 'minutes', warning: null, suggestions: [] };

vi.mock('./ipc/api', () => ({
  api: {
    unlock: vi.fn(async () => {}),
    passphraseStrength: vi.fn(async (p: string) => (p.length > 20 ? strong : weak)),
    pickRecoveryKey: vi.fn(async () => '/media/usb/org-recovery.txt'),
    recoverVault: vi.fn(async () => {}),
    attachmentsToMove: vi.fn(async () => ({ attachments: 0, bytes: 0 })),
  },
}));

import { api } from './ipc/api';
import { setLanguage } from './i18n.svelte';
import { session } from './session.svelte';
import { looksPublic, recoverErrorId, recoverReady, recoveryKey } from './recovery';
import Unlock from '../screens/Unlock.svelte';

const NEW = 'violet orchard sleeps beneath granite moon';

beforeEach(() => {
  setLanguage('en');
  session.phase = 'unlock';
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('the recovery form logic', () => {
  it('sends the chosen file or the pasted text, and nothing while neither is given', () => {
    expect(recoveryKey('file', null, 'AGE-SECRET-KEY-1X')).toBeNull();
    expect(recoveryKey('file', '/k.txt', 'AGE-SECRET-KEY-1X')).toEqual({ file: '/k.txt' });
    expect(recoveryKey('text', '/k.txt', '  ')).toBeNull();
    expect(recoveryKey('text', null, 'AGE-SECRET-KEY-1X')).toEqual({ text: 'AGE-SECRET-KEY-1X' });
  });

  it('is ready only with a key and an acceptable passphrase typed twice', () => {
    const key = { file: '/k.txt' };
    expect(recoverReady(key, strong, NEW, NEW)).toBe(true);
    expect(recoverReady(null, strong, NEW, NEW)).toBe(false);
    expect(recoverReady(key, weak, NEW, NEW)).toBe(false);
    expect(recoverReady(key, null, NEW, NEW)).toBe(false);
    expect(recoverReady(key, strong, NEW, `${NEW}!`)).toBe(false);
  });

  it('tells a pasted public key from the secret one', () => {
    expect(looksPublic(' age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p ')).toBe(true);
    expect(looksPublic('AGE-SECRET-KEY-1QQQ')).toBe(false);
    expect(looksPublic('')).toBe(false);
  });

  it('explains the key errors in its own words, in both languages', () => {
    for (const code of ['wrong_recovery_key', 'recovery_not_configured', 'invalid_key', 'io'] as const) {
      expect(recoverErrorId({ code, message: '' })).toBe(`recover-error-${code}`);
    }
    expect(recoverErrorId({ code: 'weak_passphrase', message: '' })).toBeNull();
  });
});

describe('recovering from the unlock screen', () => {
  async function openForm() {
    render(Unlock);
    await fireEvent.click(screen.getByTestId('recover-instead'));
    const form = await screen.findByTestId('recover-form');
    return form;
  }

  async function typeNew(passphrase = NEW, confirm = NEW) {
    await fireEvent.input(screen.getByTestId('recover-passphrase'), { target: { value: passphrase } });
    await fireEvent.input(screen.getByTestId('recover-confirm'), { target: { value: confirm } });
  }

  it('opens from the link, focused, with the notes, and goes back to the passphrase', async () => {
    const form = await openForm();
    expect(document.activeElement).toBe(screen.getByTestId('recover-source-file'));
    expect(form.textContent).toContain('replaces the old one');
    expect(form.textContent).toContain('recorded in the vault\'s audit log');
    expect(screen.getByTestId('strength')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('recover-back'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('unlock-passphrase')));
  });

  it('recovers with the chosen key file and opens the app', async () => {
    session.lockReason = 'idle';
    await openForm();
    const submit = screen.getByTestId('recover-submit') as HTMLButtonElement;
    await fireEvent.click(screen.getByTestId('recover-pick'));
    await waitFor(() => expect(screen.getByTestId('recover-file').textContent).toContain('org-recovery.txt'));
    await typeNew(NEW, 'different');
    expect(screen.getByTestId('recover-confirm').getAttribute('aria-invalid')).toBe('true');
    await typeNew();
    await waitFor(() => expect(submit.disabled).toBe(false));
    await fireEvent.click(submit);
    await waitFor(() => expect(session.phase).toBe('open'));
    expect(api.recoverVault).toHaveBeenCalledWith({ file: '/media/usb/org-recovery.txt' }, NEW, NEW);
    expect(session.lockReason).toBeNull();
  });

  it('keeps the button off for a weak passphrase', async () => {
    await openForm();
    await fireEvent.click(screen.getByTestId('recover-pick'));
    await typeNew('short one', 'short one');
    await waitFor(() => expect(screen.getByTestId('strength').textContent).toContain('Too easy'));
    expect((screen.getByTestId('recover-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says when the pasted key does not open the vault, in Romanian too, and forgets it', async () => {
    vi.mocked(api.recoverVault).mockRejectedValueOnce({ code: 'wrong_recovery_key', message: 'x' });
    setLanguage('ro');
    await openForm();
    await fireEvent.click(screen.getByTestId('recover-source-text'));
    const text = screen.getByTestId('recover-key-text') as HTMLInputElement;
    expect(text.type).toBe('password');
    await fireEvent.input(text, { target: { value: 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p' } });
    expect(screen.getByTestId('recover-public').textContent).toContain('cheia publică');
    await fireEvent.input(text, { target: { value: 'AGE-SECRET-KEY-1OTHER' } });
    await typeNew();
    const submit = screen.getByTestId('recover-submit') as HTMLButtonElement;
    await waitFor(() => expect(submit.disabled).toBe(false));
    await fireEvent.click(submit);
    const alert = await screen.findByTestId('recover-error');
    expect(alert.textContent).toContain('nu deschide seiful');
    expect(api.recoverVault).toHaveBeenCalledWith({ text: 'AGE-SECRET-KEY-1OTHER' }, NEW, NEW);
    expect(text.value).toBe('');
    expect(session.phase).toBe('unlock');
  });

  it('falls back to the general message for other failures', async () => {
    vi.mocked(api.recoverVault).mockRejectedValueOnce({ code: 'weak_passphrase', message: 'x' });
    await openForm();
    await fireEvent.click(screen.getByTestId('recover-pick'));
    await typeNew();
    const submit = screen.getByTestId('recover-submit') as HTMLButtonElement;
    await waitFor(() => expect(submit.disabled).toBe(false));
    await fireEvent.click(submit);
    expect((await screen.findByTestId('recover-error')).textContent).toContain('too easy to guess');
  });
});

describe('a wrong passphrase on the unlock screen', () => {
  it('is said, linked to the field, and the focus goes back to the field to try again', async () => {
    vi.mocked(api.unlock).mockRejectedValueOnce({ code: 'wrong_passphrase', message: 'x' });
    render(Unlock);
    const field = screen.getByTestId('unlock-passphrase') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'not the passphrase' } });
    const submit = screen.getByTestId('unlock-submit');
    submit.focus();
    await fireEvent.click(submit);
    await screen.findByTestId('unlock-error');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(field.value).toBe('');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe('unlock-error');
    expect(session.phase).toBe('unlock');
  });
});
