/**
 * The conditioned weighting's pieces: the shares a weighting runs at, the Dirichlet(1) draws (on
 * the simplex, uniform, reproducible), and one step of the strategy: the loss weights it reports
 * are C times the condition it hands the forward pass.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../engine/tf';
import { Rng } from '../random';
import { drawShares, lossWeights, weightShares } from './conditioned';
import { createWeighting } from './weighting';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('weightShares', () => {
  it('gives the first C weights as shares of their sum, and refuses weightings with nothing to run at', () => {
    expect(weightShares([1, 3], 2)).toEqual([0.25, 0.75]);
    expect(weightShares([2, 0, 2, 5], 3)).toEqual([0.5, 0, 0.5]); // the fourth (an auxiliary head) is not conditioned
    expect(() => weightShares([0, 0, 1], 2)).toThrow(/not all 0, got \[0, 0\]/);
    expect(() => weightShares([1, -1], 2)).toThrow(/must be ≥ 0/);
    expect(() => weightShares([1], 2)).toThrow(/needs 2 task weights, got 1/);
  });
});

describe('drawShares (Dirichlet(1, …, 1))', () => {
  it('lies on the simplex, repeats for a seed, and is uniform there', () => {
    const a = Rng.stream(7, 'conditioned');
    const b = Rng.stream(7, 'conditioned');
    const n = 20000;
    let sum0 = 0;
    let sq0 = 0;
    let below = 0; // draws with s0 < 0.25
    const corner3 = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const s = drawShares(a, 2);
      expect(drawShares(b, 2)).toEqual(s);
      expect(s[0] + s[1]).toBeCloseTo(1, 12);
      expect(Math.min(...s)).toBeGreaterThanOrEqual(0);
      sum0 += s[0];
      sq0 += s[0] * s[0];
      if (s[0] < 0.25) below++;
      const t = drawShares(a, 3);
      corner3[t.indexOf(Math.max(...t))]++;
      void drawShares(b, 3);
    }
    // Two tasks: s0 ~ U(0, 1): mean 1/2 and variance 1/12, a quarter of the draws below 0.25
    // (each within about 4 standard errors).
    expect(sum0 / n).toBeCloseTo(0.5, 2);
    expect(sq0 / n - (sum0 / n) ** 2).toBeCloseTo(1 / 12, 2);
    expect(Math.abs(below / n - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / n));
    // Three tasks: each is the largest share a third of the time.
    for (const c of corner3) expect(Math.abs(c / n - 1 / 3)).toBeLessThan(4 * Math.sqrt((2 / 9) / n));
  });

  it('turns shares into loss weights summing to C, the other tasks at their set weights', () => {
    expect(lossWeights([0.25, 0.75], [1])).toEqual([0.5, 1.5, 1]);
    expect(lossWeights([0.2, 0.3, 0.5], [])).toEqual([expect.closeTo(0.6, 12), expect.closeTo(0.9, 12), 1.5]);
  });
});

describe('the conditioned strategy', () => {
  it('hands the forward pass each member’s drawn shares and steps on C times them (the rest at their weights)', () => {
    const tasks = [
      { name: 'click', kind: 'binary' as const },
      { name: 'purchase', kind: 'binary' as const },
      { name: 'interest', kind: 'binary' as const },
    ];
    const members = [1, 2].map((seed) => ({ config: { strategy: 'conditioned' as const, weights: [1, 1, 0.5], gradnormAlpha: 1.5, gradnormLearningRate: 0.025, dwaTemperature: 2 }, seed }));
    const live = [
      [1, 1, 0.5],
      [1, 1, 0.5],
    ];
    const w = createWeighting(members, tasks, () => live, 2);
    const v = tf.variable(tf.ones([2, 1]));
    const seen: number[][][] = [];
    for (let step = 0; step < 3; step++) {
      const out = w.step({
        lossFn: (condition?: Tensor2D) => {
          expect(condition).toBeDefined();
          seen.push(condition!.arraySync());
          return tf.mul(v, tf.ones([2, 3])) as Tensor2D;
        },
        vars: [v],
        shared: [],
        lastShared: null,
        wantCosine: false,
      });
      const weights = out.weights.arraySync();
      const cond = seen[seen.length - 1];
      weights.forEach((row, p) => {
        expect(row[0]).toBeCloseTo(2 * cond[p][0], 5);
        expect(row[1]).toBeCloseTo(2 * cond[p][1], 5);
        expect(row[2]).toBe(0.5);
        expect(cond[p][0] + cond[p][1]).toBeCloseTo(1, 5);
      });
      tf.dispose([out.losses, out.weights, ...Object.values(out.grads)]);
    }
    // Members draw their own streams, and every step draws afresh.
    expect(seen[0][0]).not.toEqual(seen[0][1]);
    expect(seen[0][0]).not.toEqual(seen[1][0]);
    v.dispose();
    w.dispose();
    expect(() => createWeighting(members, tasks, () => live, 0)).toThrow(/draws the weights of 1 to 3 tasks/);
  });
});
