import { describe, expect, it } from 'vitest';
import { SeriesHistory } from './history';

describe('SeriesHistory', () => {
  it('keeps every point of a short series', () => {
    const h = new SeriesHistory();
    for (let i = 0; i < 300; i++) h.push(i, i * i);
    expect(h.view(500).x).toHaveLength(300);
    expect(h.all().y[299]).toBe(299 * 299);
  });

  it('bounds a long series to the budget, keeps the ends, x order and every spike', () => {
    const h = new SeriesHistory();
    const n = 100_000;
    for (let i = 0; i < n; i++) h.push(i, Math.sin(i / 500) + (i === 31_337 ? 50 : 0) - (i === 77_777 ? 40 : 0));
    h.push(n, Number.POSITIVE_INFINITY);
    const v = h.view(500);
    expect(v.x.length).toBeLessThanOrEqual(500);
    expect(v.x.length).toBeGreaterThan(400);
    expect(v.x[0]).toBe(0);
    expect(v.x.at(-1)).toBe(n);
    for (let i = 1; i < v.x.length; i++) expect(v.x[i]).toBeGreaterThan(v.x[i - 1]);
    expect(v.x).toContain(31_337);
    expect(v.x).toContain(77_777);
    expect(v.y.at(-1)).toBe(Number.POSITIVE_INFINITY);
    expect(Math.max(...v.y.slice(0, -1))).toBeCloseTo(50 + Math.sin(31_337 / 500), 9);
  });

  it('skips NaN and rejects a budget below 4', () => {
    const h = new SeriesHistory();
    for (let i = 0; i < 1000; i++) h.push(i, i % 2 ? Number.NaN : i);
    expect(h.view(100).y.slice(1, -1).every((y) => !Number.isNaN(y))).toBe(true);
    expect(() => h.view(3)).toThrow(/at least 4/);
  });
});
