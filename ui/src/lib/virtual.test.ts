import { describe, expect, it } from 'vitest';
import { visibleWindow } from './virtual';

describe('visibleWindow', () => {
  it('renders only the items that overlap the screen', () => {
    const heights = Array<number | undefined>(10_000).fill(40);
    const w = visibleWindow(heights, 40, 4_000, 4_800);
    expect(w).toEqual({ start: 100, end: 120, top: 4_000, bottom: (10_000 - 120) * 40 });
  });

  it('estimates unmeasured items by the average of the measured ones', () => {
    const heights: (number | undefined)[] = [100, 300, undefined, undefined, undefined];
    const w = visibleWindow(heights, 40, 0, 350);
    expect(w.start).toBe(0);
    expect(w.end).toBe(2);
    expect(w.bottom).toBe(3 * 200);
  });

  it('uses the estimate before anything is measured, and keeps the whole height', () => {
    const heights = Array<number | undefined>(50).fill(undefined);
    const w = visibleWindow(heights, 20, 100, 200);
    expect(w.start).toBe(5);
    expect(w.end).toBe(10);
    expect(w.top + w.bottom + (w.end - w.start) * 20).toBe(50 * 20);
  });

  it('renders at least one item and nothing past the end', () => {
    expect(visibleWindow([], 40, 0, 500)).toEqual({ start: 0, end: 0, top: 0, bottom: 0 });
    const w = visibleWindow([40, 40], 40, 5_000, 6_000);
    expect(w.start).toBe(2);
    expect(w.end).toBe(2);
    expect(w.top).toBe(80);
  });
});
