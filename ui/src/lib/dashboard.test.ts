// The overview's logic: backup reminders, "days ago", chart scaling.
import { describe, expect, it } from 'vitest';
import {
  activityAction,
  backupDue,
  barPercent,
  baseName,
  chartMax,
  daysAgo,
  emptyCategories,
  visibleCategories,
} from './dashboard';
import type { CategoryCountView } from './ipc/bindings';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('backup reminder', () => {
  it('is due when there has never been a backup', () => {
    expect(backupDue(null, 1, NOW)).toBe(true);
    expect(backupDue('', 7, NOW)).toBe(true);
  });

  it('is due when the last backup cannot be read', () => {
    expect(backupDue('not a date', 7, NOW)).toBe(true);
  });

  it('is not due within the chosen number of days', () => {
    expect(backupDue('2026-03-10T08:00:00Z', 1, NOW)).toBe(false);
    expect(backupDue('2026-03-09T12:00:01Z', 1, NOW)).toBe(false);
    expect(backupDue('2026-03-04T12:00:00Z', 7, NOW)).toBe(false);
  });

  it('is due once the last backup is older than that', () => {
    expect(backupDue('2026-03-09T11:59:59Z', 1, NOW)).toBe(true);
    expect(backupDue('2026-03-02T12:00:00Z', 7, NOW)).toBe(true);
    expect(backupDue('2026-01-01T00:00:00Z', 30, NOW)).toBe(true);
  });

  it('reads offsets in RFC 3339 times', () => {
    // 13:30+02:00 is 11:30Z the day before NOW's 12:00Z: a little over a day.
    expect(backupDue('2026-03-09T13:30:00+02:00', 1, NOW)).toBe(true);
    expect(backupDue('2026-03-09T14:30:00+02:00', 1, NOW)).toBe(false);
  });

  it('is not due for a backup dated in the future by a wrong clock', () => {
    expect(backupDue('2026-04-01T00:00:00Z', 1, NOW)).toBe(false);
  });
});

describe('days ago', () => {
  const now = new Date(2026, 2, 10, 9, 30); // local time: 10 March, 09:30
  it('counts local calendar days for times', () => {
    expect(daysAgo(new Date(2026, 2, 10, 0, 5).toISOString(), now)).toBe(0);
    expect(daysAgo(new Date(2026, 2, 9, 23, 59).toISOString(), now)).toBe(1);
    expect(daysAgo(new Date(2026, 1, 28, 12, 0).toISOString(), now)).toBe(10);
  });

  it('counts dates as written, across month ends', () => {
    expect(daysAgo('2026-03-10', now)).toBe(0);
    expect(daysAgo('2026-03-09', now)).toBe(1);
    expect(daysAgo('2026-02-28', now)).toBe(10);
    expect(daysAgo('2025-03-10', now)).toBe(365);
  });

  it('is never negative and null for nothing or nonsense', () => {
    expect(daysAgo('2026-03-12', now)).toBe(0);
    expect(daysAgo(null, now)).toBeNull();
    expect(daysAgo('soon', now)).toBeNull();
  });
});

describe('chart bars', () => {
  it('share the largest value as their scale', () => {
    expect(chartMax([3, 0, 12, 5])).toBe(12);
    expect(chartMax([0, 0])).toBe(0);
    expect(chartMax([])).toBe(0);
  });

  it('are as wide as their share of the largest', () => {
    expect(barPercent(12, 12)).toBe(100);
    expect(barPercent(6, 12)).toBe(50);
    expect(barPercent(1, 3)).toBe(33.3);
  });

  it('are empty for zero and never invisible for a small count', () => {
    expect(barPercent(0, 12)).toBe(0);
    expect(barPercent(0, 0)).toBe(0);
    expect(barPercent(1, 1000)).toBe(2);
  });

  it('never overflow the chart', () => {
    expect(barPercent(20, 10)).toBe(100);
  });
});

describe('need categories on the chart', () => {
  const rows: CategoryCountView[] = [
    { category: 'safety_protection', open: 2, total: 3 },
    { category: 'accommodation', open: 0, total: 0 },
    { category: 'legal', open: 0, total: 4 },
    { category: 'compensation', open: 0, total: 0 },
  ];

  it('hide categories that never had a need, keeping the order', () => {
    expect(visibleCategories(rows, false).map((r) => r.category)).toEqual(['safety_protection', 'legal']);
    expect(emptyCategories(rows)).toBe(2);
  });

  it('show every category when asked', () => {
    expect(visibleCategories(rows, true)).toEqual(rows);
  });
});

describe('recent activity and files', () => {
  it('names what a change did', () => {
    expect(activityAction({ created: true, deleted: false })).toBe('created');
    expect(activityAction({ created: false, deleted: false })).toBe('changed');
    expect(activityAction({ created: false, deleted: true })).toBe('deleted');
    expect(activityAction({ created: true, deleted: true })).toBe('deleted');
  });

  it('takes the file name from a path on any system', () => {
    expect(baseName('/media/ana/USB/fieldnotes-2026-03-10.fnbackup')).toBe('fieldnotes-2026-03-10.fnbackup');
    expect(baseName('E:\\Backups\\vault.fnbackup')).toBe('vault.fnbackup');
    expect(baseName('/media/usb/')).toBe('usb');
    expect(baseName('plain')).toBe('plain');
  });
});
