// The session with the IPC mocked: quick lock hides the content at once and
// locks; a "locked" error from any command shows the unlock screen.
import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { api } from './ipc/api';
import { handle, lockNow, quickLockKey, session } from './session.svelte';

afterEach(() => clearMocks());

describe('session', () => {
  it('quick lock covers the window, calls lock_vault and shows the unlock screen', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return true;
    });
    session.phase = 'open';
    session.route = { name: 'search' };
    const ev = new KeyboardEvent('keydown', { key: 'L', ctrlKey: true, shiftKey: true });
    expect(quickLockKey(ev)).toBe(true);
    expect(session.covered).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['lock_vault']);
    expect(session.phase).toBe('unlock');
    expect(session.lockReason).toBe('manual');
    expect(session.covered).toBe(false);
    expect(session.route).toEqual({ name: 'dashboard' });
  });

  it('ignores other keys', () => {
    session.phase = 'open';
    expect(quickLockKey(new KeyboardEvent('keydown', { key: 'l', ctrlKey: true }))).toBe(false);
  });

  it('turns rejections into {code, message} and a locked vault into the unlock screen', async () => {
    mockIPC(() => {
      throw { code: 'locked', message: 'The vault is locked.' };
    });
    session.phase = 'open';
    const err = await api.caseChoices().catch((e) => e);
    expect(err).toEqual({ code: 'locked', message: 'The vault is locked.' });
    handle(err);
    expect(session.phase).toBe('unlock');
    expect(session.lockReason).toBe('idle');
  });

  it('still shows the unlock screen when locking fails', async () => {
    mockIPC(() => {
      throw { code: 'io', message: 'x' };
    });
    session.phase = 'open';
    await lockNow().catch(() => {});
    expect(session.phase).toBe('unlock');
  });
});
