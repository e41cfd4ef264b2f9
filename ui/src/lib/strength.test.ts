// The strength check: asked once typing pauses, and a late answer for older
// text never replaces the answer for what is typed now.
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls: { value: string; resolve: (s: unknown) => void }[] = [];
vi.mock('./ipc/api', () => ({
  api: {
    passphraseStrength: (value: string) =>
      new Promise((resolve) => calls.push({ value, resolve })),
  },
}));

const { StrengthCheck, STRENGTH_DELAY_MS } = await import('./strength.svelte');

const view = (score: number) => ({
  score, acceptable: score >= 3, crack_time: '', warning: null, suggestions: [],
});

afterEach(() => {
  calls.length = 0;
  vi.useRealTimers();
});

describe('StrengthCheck', () => {
  it('asks once typing pauses, and only for the latest text', async () => {
    vi.useFakeTimers();
    const check = new StrengthCheck();
    check.measure('a');
    check.measure('ab');
    check.measure('abc');
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(STRENGTH_DELAY_MS);
    expect(calls.map((c) => c.value)).toEqual(['abc']);
    calls[0].resolve(view(1));
    await vi.waitFor(() => expect(check.strength?.score).toBe(1));
  });

  it('drops a late answer for older text', async () => {
    vi.useFakeTimers();
    const check = new StrengthCheck();
    check.measure('old words');
    await vi.advanceTimersByTimeAsync(STRENGTH_DELAY_MS);
    check.measure('new longer words here');
    await vi.advanceTimersByTimeAsync(STRENGTH_DELAY_MS);
    calls[1].resolve(view(4));
    calls[0].resolve(view(0));
    await vi.waitFor(() => expect(check.strength?.score).toBe(4));
    await Promise.resolve();
    expect(check.strength?.score).toBe(4);
  });

  it('clears at once when the field is emptied', () => {
    const check = new StrengthCheck();
    check.strength = view(2);
    check.measure('');
    expect(check.strength).toBeNull();
    expect(calls).toHaveLength(0);
  });
});
