import { describe, expect, it } from 'vitest';
import type { TelemetrySnapshot } from '../../core/train/trainer';
import { MAX_POINTS, RunStore } from './runStore';

function snap(step: number): TelemetrySnapshot {
  return {
    epoch: 1,
    step,
    losses: [{ step, values: [1 / step, 2 / step] }],
    weights: [1, step],
    gradientCosine: [[1, -0.5], [-0.5, 1]],
    gates: [[0.5, 0.5]],
    samplesPerSecond: 100,
  };
}

describe('RunStore', () => {
  it('keeps full histories and hands charts at most MAX_POINTS points a series', () => {
    const store = new RunStore(['click', 'purchase']);
    const v0 = store.version;
    const batch = Array.from({ length: 5000 }, (_, i) => snap(i + 1));
    store.addTelemetry(batch, 6000);
    expect(store.version).toBeGreaterThan(v0);
    const view = store.view();
    expect(view.step).toBe(5000);
    expect(view.totalSteps).toBe(6000);
    for (const s of [...view.trainLoss, ...view.weights, view.cosine]) expect(s.x.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(view.trainLoss[1].y[0]).toBe(2);
    expect(view.cosine.y.at(-1)).toBe(-0.5);
    expect(store.full().trainLoss[0].x).toHaveLength(5000);
  });
});
