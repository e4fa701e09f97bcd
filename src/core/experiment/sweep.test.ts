import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from './config';
import { paretoFront, sweepPoints } from './sweep';

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

  it('has no reference for a single-task base, and rejects bad point counts', () => {
    expect(sweepPoints(parseExperimentConfig({ model: { architecture: 'single-task' } }), 7)).toHaveLength(7);
    expect(() => sweepPoints(base, 1)).toThrow(/2 to 50 points/);
    expect(() => sweepPoints(base, 2.5)).toThrow(/2 to 50 points/);
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
