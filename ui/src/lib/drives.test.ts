// The backup screen's list of removable drives: each by its label (or
// folder name) with its free space, in the app's language; a single drive
// is chosen at once and its backups listed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { DriveView } from './ipc/bindings';
import { setLanguage } from './i18n.svelte';
import Backup from '../screens/Backup.svelte';

const GIB = 2 ** 30;
const STICK: DriveView = {
  path: '/media/ana/BACKUP', device: '/dev/sdb1', name: 'BACKUP',
  available_bytes: 12.5 * GIB, total_bytes: 14.9 * GIB,
};
let listed: string[] = [];

beforeEach(() => {
  listed = [];
  mockIPC((cmd, args) => {
    if (cmd === 'list_drives') return [STICK];
    if (cmd === 'list_backups') {
      listed.push((args as { dir: string }).dir);
      return [];
    }
    return null;
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
  setLanguage('en');
});

describe('removable drives on the backup screen', () => {
  it('names a drive by its label with its free space, and chooses it', async () => {
    setLanguage('en');
    render(Backup);
    const radio = (await screen.findByTestId('drive-0')) as HTMLInputElement;
    const label = radio.closest('label')?.textContent ?? '';
    expect(label).toContain('BACKUP');
    expect(label).toContain('12.5 GB free of 14.9 GB');
    expect(label).toContain('/dev/sdb1');
    await waitFor(() => expect(radio.checked).toBe(true));
    expect(listed).toEqual(['/media/ana/BACKUP']);
  });

  it('says the free space in Romanian', async () => {
    setLanguage('ro');
    render(Backup);
    const radio = await screen.findByTestId('drive-0');
    expect(radio.closest('label')?.textContent).toContain('12,5 GB libere din 14,9 GB');
  });
});
