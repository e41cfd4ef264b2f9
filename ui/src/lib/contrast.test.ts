// The colours of app.css meet WCAG 2.2 AA: text 4.5:1 against every
// background it is shown on (1.4.3), the edges of fields and buttons and the
// focus ring 3:1 (1.4.11). The colours are read from the style sheet itself,
// so a change of a variable that breaks a ratio fails here.
import { describe, expect, it } from 'vitest';
import css from '../app.css?raw';

/** The declarations of the rules whose selectors include `selector`
 * exactly, the later ones winning. */
function rule(selector: string): Record<string, string> {
  const out: Record<string, string> = {};
  let found = false;
  for (const m of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const selectors = m[1].replace(/\/\*[\s\S]*?\*\//g, '').split(',').map((s) => s.trim());
    if (!selectors.includes(selector)) continue;
    found = true;
    for (const d of m[2].replace(/\/\*[\s\S]*?\*\//g, '').split(';')) {
      const i = d.indexOf(':');
      if (i > 0) out[d.slice(0, i).trim()] = d.slice(i + 1).trim();
    }
  }
  if (!found) throw new Error(`no rule ${selector}`);
  return out;
}

/** A colour of the style sheet as #rrggbb: a literal or a `var(--x)`. */
function colour(value: string): string {
  const v = /^var\((--[a-z-]+)\)$/.exec(value);
  const hex = v ? rule(':root')[v[1]] : value;
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a colour: ${value}`);
  return hex;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours, rounded down to 2 decimals. */
function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(colour(a)), luminance(colour(b))].sort((x, y) => y - x);
  return Math.floor(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
}

const BACKGROUNDS = {
  page: 'var(--bg)',
  card: 'var(--card)',
  restricted: rule('.restricted').background,
  notice: rule('.notice').background,
};

describe('contrast of app.css', () => {
  it('computes ratios as WCAG does', () => {
    expect(ratio('#000000', '#ffffff')).toBe(21);
    expect(ratio('#dcd8cf', '#ffffff')).toBe(1.42);
  });

  it('gives text and muted text 4.5:1 on every background', () => {
    for (const bg of Object.values(BACKGROUNDS)) {
      expect(ratio('var(--text)', bg)).toBeGreaterThanOrEqual(4.5);
      expect(ratio('var(--muted)', bg)).toBeGreaterThanOrEqual(4.5);
      expect(ratio('var(--brand)', bg)).toBeGreaterThanOrEqual(4.5);
      expect(ratio('var(--error)', bg)).toBeGreaterThanOrEqual(4.5);
    }
    expect(ratio('var(--ok)', 'var(--bg)')).toBeGreaterThanOrEqual(4.5);
    expect(ratio('var(--ok)', 'var(--card)')).toBeGreaterThanOrEqual(4.5);
    // The "intact" and "merged" notices: --ok on a pale green.
    expect(ratio('var(--ok)', '#e8f3ec')).toBeGreaterThanOrEqual(4.5);
    expect(ratio('var(--on-brand)', 'var(--brand)')).toBeGreaterThanOrEqual(4.5);
  });

  it('gives every badge 4.5:1', () => {
    for (const sel of ['.badge', '.badge.warn', '.badge.risk-high', '.badge.risk-low']) {
      const r = rule(sel);
      expect(ratio(r.color, r.background), sel).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives the edges of fields and buttons 3:1 against what surrounds them', () => {
    expect(rule('input').border).toMatch(/var\(--control-border\)/);
    expect(rule('button').border).toMatch(/var\(--control-border\)/);
    for (const bg of Object.values(BACKGROUNDS)) {
      expect(ratio('var(--control-border)', bg)).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives the focus ring 3:1 on light pages, and its halo 3:1 on the dark header', () => {
    expect(ratio('var(--focus)', 'var(--bg)')).toBeGreaterThanOrEqual(3);
    expect(ratio('var(--focus)', 'var(--card)')).toBeGreaterThanOrEqual(3);
    expect(ratio('var(--focus-halo)', 'var(--brand)')).toBeGreaterThanOrEqual(3);
  });

  it('shows placeholders as readable hints', () => {
    expect(rule('::placeholder').color).toBe('var(--muted)');
  });

  it('marks the current and hovered entries of the sidebar at 3:1, their text at 4.5:1', () => {
    const bar = rule('.sidebar').background;
    const link = rule('.navlink');
    expect(ratio(link.color, link.background)).toBeGreaterThanOrEqual(4.5);
    // The current entry: a light tab on the dark sidebar, dark text on it.
    const current = rule(".navlink[aria-current='page']");
    expect(ratio(current.background, bar)).toBeGreaterThanOrEqual(3);
    expect(ratio(current.color, current.background)).toBeGreaterThanOrEqual(4.5);
    // A hovered entry: a light bar at its left edge, the text unchanged.
    const hover = rule('.navlink:hover');
    expect(ratio(hover['border-left-color'], bar)).toBeGreaterThanOrEqual(3);
    expect(hover.background ?? link.background).toBe(link.background);
    expect(ratio(rule('.navgroup').color, bar)).toBeGreaterThanOrEqual(4.5);
    const count = rule('.navcount');
    expect(ratio(count.color, count.background)).toBeGreaterThanOrEqual(4.5);
    const lock = rule('.sidebar .lock');
    expect(ratio(lock.color, lock.background)).toBeGreaterThanOrEqual(4.5);
    expect(ratio(lock.background, bar)).toBeGreaterThanOrEqual(3);
    const skip = rule('.skip:focus');
    expect(ratio(skip.color, skip.background)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives the focus halo 3:1 against the sidebar and its current entry', () => {
    expect(rule(':focus-visible')['box-shadow']).toMatch(/var\(--focus-halo\)/);
    expect(ratio('var(--focus-halo)', rule('.sidebar').background)).toBeGreaterThanOrEqual(3);
    expect(ratio('var(--focus)', rule(".navlink[aria-current='page']").background)).toBeGreaterThanOrEqual(3);
  });
});
