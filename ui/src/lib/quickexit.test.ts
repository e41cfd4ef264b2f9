// The quick exit (Escape twice) and the neutral window title, against a
// stand-in shell: the blank page covers everything at once, the vault
// locks, the title turns neutral; Escape twice again shows the unlock
// screen with the focus on the passphrase. Settings keep a neutral title in
// the language being saved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Settings as SettingsType } from './ipc/bindings';
import { setLanguage } from './i18n.svelte';
import { QUICK_EXIT_MS, quickExitKey, session, windowTitle } from './session.svelte';
import App from '../App.svelte';
import Settings from '../screens/Settings.svelte';

const DEFAULTS: SettingsType = {
  language: 'en', auto_lock_minutes: 5, backup_reminder_days: 1, backup_keep: 10, quiet_case_days: 30,
  neutral_title: null,
};

let calls: { cmd: string; args: Record<string, unknown> }[] = [];
let stored: SettingsType = { ...DEFAULTS };
let unlocked = true;

beforeEach(() => {
  calls = [];
  stored = { ...DEFAULTS };
  unlocked = true;
  session.neutral = false;
  session.phase = 'open';
  session.settings = { ...DEFAULTS };
  setLanguage('en');
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    switch (cmd) {
      case 'lock_vault': {
        const was = unlocked;
        unlocked = false;
        return was;
      }
      case 'get_settings': return stored;
      case 'set_settings': return (stored = (args as { settings: SettingsType }).settings);
      case 'vault_status': return { exists: true, unlocked, dir: '/vault' };
      case 'vault_retention': return null;
      case 'unlock_vault': throw { code: 'wrong_passphrase', message: 'wrong' };
      default: return null;
    }
  }, { shouldMockEvents: true });
});
afterEach(() => {
  cleanup();
  clearMocks();
  session.neutral = false;
  document.title = '';
});

const titles = () => calls.filter((c) => c.cmd === 'set_window_title').map((c) => c.args.title);
const escape = (init: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key: 'Escape', ...init });

describe('the quick-exit shortcut', () => {
  it('is Escape twice within the interval, hiding, locking and going neutral', async () => {
    expect(quickExitKey(escape(), 1000)).toBe(false);
    expect(session.neutral).toBe(false);
    expect(quickExitKey(escape(), 1000 + QUICK_EXIT_MS - 1)).toBe(true);
    expect(session.neutral).toBe(true);
    expect(document.title).toBe('Documents');
    await waitFor(() => expect(session.phase).toBe('unlock'));
    expect(calls.map((c) => c.cmd)).toEqual(['set_window_title', 'lock_vault']);
    expect(titles()).toEqual(['Documents']);
    expect(session.lockReason).toBe('manual');
    // Twice again: back, under the app's name.
    expect(quickExitKey(escape(), 5000)).toBe(false);
    expect(quickExitKey(escape(), 5100)).toBe(true);
    expect(session.neutral).toBe(false);
    expect(titles()).toEqual(['Documents', 'Fieldnotes']);
    expect(document.title).toBe('Fieldnotes');
  });

  it('is not two presses too far apart, another key between them, or a held key', () => {
    expect(quickExitKey(escape(), 10_000)).toBe(false);
    expect(quickExitKey(escape(), 10_000 + QUICK_EXIT_MS + 1)).toBe(false);
    expect(quickExitKey(new KeyboardEvent('keydown', { key: 'a' }), 10_000 + QUICK_EXIT_MS + 2)).toBe(false);
    expect(quickExitKey(escape(), 10_000 + QUICK_EXIT_MS + 3)).toBe(false);
    expect(quickExitKey(escape({ repeat: true }), 10_000 + QUICK_EXIT_MS + 4)).toBe(false);
    expect(session.neutral).toBe(false);
    expect(calls).toEqual([]);
  });

  it('keeps a neutral title set in the settings when back from the quick exit', () => {
    session.settings = { ...DEFAULTS, neutral_title: 'Documente' };
    expect(windowTitle()).toBe('Documente');
    session.neutral = true;
    expect(windowTitle()).toBe('Documente');
  });
});

describe('the quick exit in the app', () => {
  async function press() {
    await fireEvent.keyDown(window, { key: 'Escape' });
    await fireEvent.keyDown(window, { key: 'Escape' });
  }

  it('shows a blank page with nothing of the app, then the unlock screen focused on the passphrase', async () => {
    unlocked = false;
    render(App);
    const field = await screen.findByTestId('unlock-passphrase');
    await fireEvent.input(field, { target: { value: 'half a passphrase' } });
    await press();
    const page = await screen.findByTestId('neutral-screen');
    expect(page.textContent?.trim()).toBe('');
    expect(document.body.textContent).not.toMatch(/Fieldnotes|unlock|passphrase/i);
    expect(screen.queryByTestId('unlock-passphrase')).toBeNull();
    expect(screen.getByRole('document', { name: 'Untitled document' })).toBeTruthy();
    expect(document.title).toBe('Documents');
    await waitFor(() => expect(calls.some((c) => c.cmd === 'lock_vault')).toBe(true));
    await press();
    const again = (await screen.findByTestId('unlock-passphrase')) as HTMLInputElement;
    expect(screen.queryByTestId('neutral-screen')).toBeNull();
    expect(again.value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(again));
    expect(titles().at(-1)).toBe('Fieldnotes');
  });

  it('works even where a screen handles Escape itself', async () => {
    unlocked = false;
    render(App);
    const field = await screen.findByTestId('unlock-passphrase');
    field.addEventListener('keydown', (e) => e.stopPropagation());
    await fireEvent.keyDown(field, { key: 'Escape' });
    await fireEvent.keyDown(field, { key: 'Escape' });
    expect(await screen.findByTestId('neutral-screen')).toBeTruthy();
  });

  it('starts under the neutral title when the settings have one', async () => {
    stored = { ...DEFAULTS, language: 'ro', neutral_title: 'Documente' };
    unlocked = false;
    render(App);
    await screen.findByTestId('unlock-passphrase');
    await waitFor(() => expect(titles()).toEqual(['Documente']));
    expect(document.title).toBe('Documente');
  });
});

describe('the neutral window title setting', () => {
  it('is saved as the words of the language being saved, and applied at once', async () => {
    render(Settings);
    const box = screen.getByTestId('neutral-title') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByTestId('quick-exit-help').textContent).toMatch(/Escape twice/);
    await fireEvent.click(box);
    await fireEvent.change(screen.getByTestId('language'), { target: { value: 'ro' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    await screen.findByTestId('settings-saved');
    expect(stored.neutral_title).toBe('Documente');
    expect(stored.language).toBe('ro');
    expect(titles()).toEqual(['Documente']);
    expect(screen.getByTestId('quick-exit-help').textContent).toMatch(/de două ori tasta Escape/);
    await fireEvent.click(box);
    await fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(stored.neutral_title).toBeNull());
    expect(titles()).toEqual(['Documente', 'Fieldnotes']);
  });
});
