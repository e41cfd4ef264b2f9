// The sidebar, with the IPC mocked: Cases first, the groups in order,
// Conflicts only while there are some (with their number, refreshed after a
// resolution), the current entry marked for assistive technology, and the
// skip link first, moving the focus to the content. The erase dialog's hold
// on the focus is tested here too, on a stand-in dialog.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { setLanguage } from './i18n.svelte';
import { refreshConflicts, SECTIONS, session } from './session.svelte';
import { trapFocus } from './focustrap';
import Shell from '../screens/Shell.svelte';

let conflicts: unknown[] = [];

beforeEach(() => {
  conflicts = [];
  setLanguage('en');
  session.phase = 'open';
  session.route = { name: 'search' };
  session.conflicts = 0;
  mockIPC((cmd) => (cmd === 'list_conflicts' ? conflicts : null));
});
afterEach(() => {
  cleanup();
  clearMocks();
});

const entries = () => [...document.querySelectorAll('nav .navlink')].map((e) => e.getAttribute('data-testid'));

describe('the sidebar', () => {
  it('starts with Cases and shows no Conflicts entry when there are none', async () => {
    render(Shell);
    await waitFor(() => expect(entries()).toEqual([
      'nav-cases', 'nav-dashboard', 'nav-search', 'nav-exchange', 'nav-backup', 'nav-reports', 'nav-settings', 'nav-audit',
    ]));
    expect(SECTIONS.map((s) => s.route)).toContain('conflicts');
    expect(screen.getByTestId('nav-search').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-cases').getAttribute('aria-current')).toBeNull();
    expect(screen.getByTestId('lock').textContent?.trim()).toBe('Lock');
  });

  it('shows Conflicts with their number while there are some, and in Romanian', async () => {
    conflicts = [{}, {}];
    setLanguage('ro');
    render(Shell);
    const count = await screen.findByTestId('nav-conflicts-count');
    expect(count.textContent).toBe('2');
    expect(entries().indexOf('nav-conflicts')).toBe(3);
    expect(screen.getByTestId('nav-conflicts').textContent).toMatch(/Conflicte/);
    expect(screen.getByText('Schimb și siguranță')).toBeTruthy();
    conflicts = [];
    await refreshConflicts();
    await waitFor(() => expect(screen.queryByTestId('nav-conflicts')).toBeNull());
  });

  it('keeps Conflicts on its own screen after the last one is resolved', async () => {
    session.route = { name: 'conflicts' };
    render(Shell);
    await screen.findByTestId('conflicts-empty');
    expect(screen.getByTestId('nav-conflicts').getAttribute('aria-current')).toBe('page');
    expect(screen.queryByTestId('nav-conflicts-count')).toBeNull();
  });

  it('has a skip link first that moves the focus to the content', async () => {
    render(Shell);
    const skip = screen.getByTestId('skip-to-content');
    const focusable = document.querySelectorAll('a[href], button');
    expect(focusable[0]).toBe(skip);
    await fireEvent.click(skip);
    expect(document.activeElement?.id).toBe('content');
  });
});

describe('trapFocus', () => {
  it('cycles Tab inside the dialog and gives the focus back on close', async () => {
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    opener.focus();
    const dialog = document.createElement('div');
    dialog.tabIndex = -1;
    dialog.innerHTML = '<input id="a" /><button id="b">b</button><button disabled>c</button>';
    document.body.appendChild(dialog);
    const action = trapFocus(dialog);
    expect(document.activeElement).toBe(dialog);
    const a = dialog.querySelector<HTMLElement>('#a')!;
    const b = dialog.querySelector<HTMLElement>('#b')!;
    b.focus();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(a);
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(b);
    dialog.remove();
    action.destroy();
    await Promise.resolve();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
