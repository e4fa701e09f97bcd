import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from './config';
import { paretoFront, simplexDivisions, simplexGrid, sweepPoints } from './sweep';

describe('sweepPoints', () => {
  const base = parseExperimentConfig({ model: { architecture: 'mmoe' }, weighting: { strategy: 'uncertainty' } });

  it('spreads fixed weights from click only to purchase only, keeping their sum, plus a single-task reference', () => {
    const pts = sweepPoints(base, 3);
    expect(pts.map((p) => p.config.weighting.weights)).toEqual([[2, 0], [1, 1], [0, 2], [1, 1]]);
    expect(pts.every((p) => p.config.weighting.strategy === 'fixed')).toBe(true);
    expect(pts.map((p) => p.singleTask)).toEqual([false, false, false, true]);
    expect(pts[3].config.model.architecture).toBe('single-task');
    expect(pts[1].config.model.architecture).toBe('mmoe');
  });

  it('keeps the conditioned weighting: each point is where the one model is evaluated (the reference stays fixed)', () => {
    const pts = sweepPoints(parseExperimentConfig({ weighting: { strategy: 'conditioned' } }), 3);
    expect(pts.map((p) => p.config.weighting.strategy)).toEqual(['conditioned', 'conditioned', 'conditioned', 'fixed']);
    expect(pts.map((p) => p.config.weighting.weights)).toEqual([[2, 0], [1, 1], [0, 2], [1, 1]]);
  });

  it('has no reference for a single-task base, and rejects bad point counts', () => {
    expect(sweepPoints(parseExperimentConfig({ model: { architecture: 'single-task' } }), 7)).toHaveLength(7);
    expect(() => sweepPoints(base, 1)).toThrow(/2 to 50 points/);
    expect(() => sweepPoints(base, 2.5)).toThrow(/2 to 50 points/);
  });
});

describe('the three-task sweep over the weight simplex', () => {
  const base = parseExperimentConfig({ world: { funnel: 'click-cart-purchase' }, model: { architecture: 'mmoe' } });

  it('lays a grid of (n + 1)(n + 2)/2 points on the simplex, corners and centre included, each once', () => {
    for (const n of [1, 2, 3, 4, 6]) {
      const grid = simplexGrid(n);
      expect(grid).toHaveLength(((n + 1) * (n + 2)) / 2);
      for (const p of grid) {
        expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12);
        for (const a of p) {
          expect(a).toBeGreaterThanOrEqual(0);
          expect(Math.abs(a * n - Math.round(a * n))).toBeLessThan(1e-9);
        }
      }
      expect(new Set(grid.map((p) => p.map((a) => Math.round(a * n)).join(','))).size).toBe(grid.length);
    }
    expect(simplexGrid(3)).toContainEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(() => simplexGrid(0)).toThrow(/divisions/);
  });

  it('sweeps three weights summing to 3 (mean 1, as the default) at ten points by default, plus the reference', () => {
    expect(simplexDivisions(7)).toBe(3);
    const pts = sweepPoints(base, 7);
    expect(pts).toHaveLength(11);
    const weighted = pts.filter((p) => !p.singleTask);
    for (const p of weighted) {
      expect(p.config.weighting.weights).toHaveLength(3);
      expect(p.config.weighting.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 2);
      expect(p.shares!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(weighted.map((p) => p.config.weighting.weights)).toContainEqual([3, 0, 0]);
    expect(weighted.map((p) => p.config.weighting.weights)).toContainEqual([1, 1, 1]);
    const ref = pts[pts.length - 1];
    expect(ref.singleTask).toBe(true);
    expect(ref.config.weighting.weights).toEqual([1, 1, 1]);
  });

  it('keeps two-task sweeps on their line, and an interest head at weight 1 outside the simplex', () => {
    const two = sweepPoints(parseExperimentConfig({}), 3);
    expect(two.map((p) => p.shares)).toEqual([[1, 0], [0.5, 0.5], [0, 1], null]);
    const withInterest = sweepPoints(parseExperimentConfig({ world: { funnel: 'click-cart-purchase' }, model: { auxiliaryTask: 'interest' } }), 3);
    expect(withInterest.filter((p) => !p.singleTask)).toHaveLength(3);
    expect(withInterest[0].config.weighting.weights).toEqual([3, 0, 0]);
  });
});

describe('paretoFront', () => {
  it('keeps the non-dominated points, sorted by x', () => {
    const pts = [
      { x: 0.7, y: 0.5 },
      { x: 0.6, y: 0.6 },
      { x: 0.65, y: 0.55 },
      { x: 0.6, y: 0.5 }, // dominated by all three above
      { x: 0.5, y: 0.7 },
      { x: Number.NaN, y: 0.9 },
    ];
    expect(paretoFront(pts)).toEqual([4, 1, 2, 0]);
  });

  it('treats exact duplicates as both on the front', () => {
    expect(paretoFront([{ x: 1, y: 1 }, { x: 1, y: 1 }])).toEqual([0, 1]);
  });
});
