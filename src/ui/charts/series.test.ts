import { describe, expect, it } from 'vitest';
import { extent, mergeSeries, niceScale, tableRows, TASK_COLOURS } from './series';

describe('mergeSeries', () => {
  it('joins series on x, sorted, leaving gaps undefined, and drops non-positive values for log scales', () => {
    const rows = mergeSeries([
      { key: 'a', view: { x: [1, 3], y: [0.5, 0] } },
      { key: 'b', view: { x: [2, 3], y: [2, 4] } },
    ]);
    expect(rows).toEqual([{ x: 1, a: 0.5 }, { x: 2, b: 2 }, { x: 3, a: 0, b: 4 }]);
    expect(mergeSeries([{ key: 'a', view: { x: [1, 3], y: [0.5, 0] } }], true)).toEqual([{ x: 1, a: 0.5 }]);
    expect(tableRows(rows, ['a', 'b'])[1]).toEqual([2, Number.NaN, 2]);
    expect(mergeSeries([{ key: 'a', view: { x: [1, 2, 3], y: [1, Infinity, Number.NaN] } }])).toEqual([{ x: 1, a: 1 }]);
  });
});

describe('niceScale', () => {
  it('covers the range with 1-2-5 steps', () => {
    expect(niceScale(0.13, 0.71)).toEqual({ domain: [0, 0.8], ticks: [0, 0.2, 0.4, 0.6, 0.8] });
    expect(niceScale(1, 150)).toEqual({ domain: [0, 150], ticks: [0, 50, 100, 150] });
    expect(niceScale(-1, 1)).toEqual({ domain: [-1, 1], ticks: [-1, -0.5, 0, 0.5, 1] });
    expect(niceScale(2, 2).ticks.length).toBeGreaterThan(1);
    expect(niceScale(Infinity, -Infinity)).toEqual({ domain: [0, 1], ticks: [0, 0.5, 1] });
    expect(extent([{ x: 1, a: 3 }, { x: 2, a: -1, b: 7 }], ['a', 'b'])).toEqual([-1, 7]);
  });
});

describe('TASK_COLOURS', () => {
  /** WCAG contrast ratio against white: (1.05) / (L + 0.05), L the relative luminance. */
  const contrastOnWhite = (hex: string) => {
    const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255));
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
  };

  it('each line colour has at least 3:1 contrast against white (WCAG 1.4.11)', () => {
    expect(contrastOnWhite('#ffffff')).toBeCloseTo(1, 6);
    expect(contrastOnWhite('#d9822b')).toBeLessThan(3); // the old purchase orange
    for (const c of TASK_COLOURS) expect(contrastOnWhite(c), c).toBeGreaterThanOrEqual(3);
  });
});
