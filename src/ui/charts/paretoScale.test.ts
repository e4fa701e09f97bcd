/** The sweep scatter's axes: a degenerate extreme is drawn on the edge and marked, not driving the scale. */
import { describe, expect, it } from 'vitest';
import type { SweepPointResult } from '../../worker/playgroundApi';
import { placePoints } from './paretoScale';

function point(index: number, alpha: number | null, clickAuc: number, purchaseAuc: number): SweepPointResult {
  return { index, label: alpha === null ? 'single-task' : `α=${alpha}`, shares: alpha === null ? null : [1 - alpha, alpha], weights: [], tasks: ['click', 'purchase'], taskScores: [clickAuc, purchaseAuc], singleTask: alpha === null, modelId: null, status: 'completed', clickAuc, purchaseAuc, ndcg: 0, diversity: 0, truePurchase: 0, ece: [0, 0], perSession: null, noise: null };
}

describe('placePoints', () => {
  // The case: the all-click point's purchase AUC of 0.36 squashed the chart.
  const sweep = [point(0, 0, 0.8, 0.36), point(1, 0.25, 0.79, 0.7), point(2, 0.5, 0.78, 0.72), point(3, 0.75, 0.76, 0.73), point(4, 1, 0.5, 0.74), point(5, null, 0.81, 0.75)];

  it('scales to the points that train both tasks, padded by a tenth, and marks the extremes that fall outside', () => {
    const p = placePoints(sweep, 'clickAuc', 'purchaseAuc', []);
    expect(p.xDomain[0]).toBeCloseTo(0.76 - 0.003, 10);
    expect(p.xDomain[1]).toBeCloseTo(0.79 + 0.003, 10);
    expect(p.yDomain[0]).toBeCloseTo(0.7 - 0.003, 10);
    expect(p.yDomain[1]).toBeCloseTo(0.73 + 0.003, 10);
    // All-click (0.8, 0.36), all-purchase (0.5, 0.74) and the single-task reference lie outside:
    // drawn on the edge, their true values kept for the tooltip and the table.
    expect(p.offScale.map((q) => q.index)).toEqual([0, 4, 5]);
    expect(p.offScale[0]).toMatchObject({ x: p.xDomain[1], y: p.yDomain[0], trueX: 0.8, trueY: 0.36 });
    expect(p.raw[0]).toMatchObject({ x: 0.8, y: 0.36 });
    // The front is found on the true values.
    expect(p.front.map((q) => q.index)).toEqual([5]);
  });

  it('references widen the scale; with fewer than two weighted points, every point sets it', () => {
    const p = placePoints(sweep, 'clickAuc', 'purchaseAuc', [{ x: 0.6, y: 0.5 }, { x: Number.NaN, y: 1 }]);
    expect(p.refs).toHaveLength(1);
    expect(p.xDomain[0]).toBeLessThan(0.6);
    expect(p.yDomain[0]).toBeLessThan(0.5);
    const two = placePoints([sweep[0], sweep[4]], 'clickAuc', 'purchaseAuc', []);
    expect(two.offScale).toEqual([]);
    expect(two.yDomain[0]).toBeLessThan(0.36);
  });
});
