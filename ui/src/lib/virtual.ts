// Which items of a long list fall on screen (see VirtualList.svelte).

export type Window = {
  /** The first item rendered. */
  start: number;
  /** One past the last item rendered. */
  end: number;
  /** Height of the items above `start`, in pixels. */
  top: number;
  /** Height of the items from `end` on, in pixels. */
  bottom: number;
};

/**
 * The items that overlap `[from, to)` (pixels from the list's top), given
 * each item's measured height (`undefined`: not measured yet, estimated by
 * the average of those measured, or `estimate` when none is).
 */
export function visibleWindow(heights: (number | undefined)[], estimate: number, from: number, to: number): Window {
  let sum = 0;
  let known = 0;
  for (const h of heights) {
    if (h !== undefined) {
      sum += h;
      known += 1;
    }
  }
  const guess = known ? sum / known : estimate;
  const n = heights.length;
  let y = 0;
  let start = 0;
  while (start < n && y + (heights[start] ?? guess) <= from) {
    y += heights[start] ?? guess;
    start += 1;
  }
  const top = y;
  let end = start;
  while (end < n && (end === start || y < to)) {
    y += heights[end] ?? guess;
    end += 1;
  }
  let bottom = 0;
  for (let i = end; i < n; i++) bottom += heights[i] ?? guess;
  return { start, end, top, bottom };
}
