/** The exact min-norm point on the simplex against a brute-force grid, and how far 20 Frank–Wolfe steps fall short. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { frankWolfe, minNormWeights, quadratic } from './minNorm';

/** The Gram matrix of T random vectors of dimension d (some pairs pointing against each other). */
function randomGram(rng: Rng, T: number, d: number): Float64Array {
  const g = Array.from({ length: T }, () => Array.from({ length: d }, () => rng.float() * 2 - 1));
  return Float64Array.from({ length: T * T }, (_, k) => g[Math.floor(k / T)].reduce((s, v, a) => s + v * g[k % T][a], 0));
}

/** The lowest αᵀGα on a grid of the 3-task simplex with step 1/n. */
function gridMin(G: Float64Array, n: number): number {
  let best = Infinity;
  for (let i = 0; i <= n; i++) for (let j = 0; i + j <= n; j++) best = Math.min(best, quadratic(G, [i / n, j / n, (n - i - j) / n], 3));
  return best;
}

describe('minNormWeights', () => {
  it('by hand: two opposite vectors meet at their midpoint; a zero vector wins alone', () => {
    // g1 = (1, 0), g2 = (−1, 0): ½g1 + ½g2 = 0.
    expect(Array.from(minNormWeights([1, -1, -1, 1], 2))).toEqual([0.5, 0.5].map((v) => expect.closeTo(v, 9)));
    // g1 = (1, 1), g2 = (1, 0): the closest point of the segment to 0 is g2 itself (α = 0, 1).
    expect(Array.from(minNormWeights([2, 1, 1, 1], 2))).toEqual([0, 1].map((v) => expect.closeTo(v, 9)));
    expect(Array.from(minNormWeights([4], 1))).toEqual([1]);
  });

  it('three tasks: never above a brute-force grid of the simplex, within its resolution of it, on 200 random problems', () => {
    const rng = Rng.stream(11, 'min-norm');
    for (let k = 0; k < 200; k++) {
      const G = randomGram(rng, 3, 2 + rng.int(4));
      const alpha = minNormWeights(G, 3);
      expect(alpha.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const a of alpha) expect(a).toBeGreaterThanOrEqual(0);
      const exact = quadratic(G, alpha, 3);
      const grid = gridMin(G, 200);
      expect(exact).toBeLessThanOrEqual(grid + 1e-12);
      // A grid point lies within 1/200 of the optimum: αᵀGα differs by at most ~2·‖G‖/200.
      expect(grid - exact).toBeLessThanOrEqual((2 * Math.max(...G.map(Math.abs))) / 200 + 1e-12);
    }
  });

  it('is the optimum where 20 Frank–Wolfe steps are not: FW falls short on some problems, never below', () => {
    const rng = Rng.stream(12, 'fw');
    let worst = 0;
    for (let k = 0; k < 300; k++) {
      const T = 3 + rng.int(3);
      const G = randomGram(rng, T, 3 + rng.int(5));
      const exact = quadratic(G, minNormWeights(G, T), T);
      const fw = quadratic(G, frankWolfe(G, T, 20), T);
      expect(fw).toBeGreaterThanOrEqual(exact - 1e-12);
      // Relative to the norm of the average gradient: how much of the way FW leaves undone.
      const mean = quadratic(G, new Float64Array(T).fill(1 / T), T);
      if (mean > exact) worst = Math.max(worst, (fw - exact) / (mean - exact));
    }
    expect(worst).toBeGreaterThan(0.001);
  });

  it('refuses a wrong size', () => {
    expect(() => minNormWeights([1, 2, 3], 2)).toThrow(/a 2 × 2 Gram matrix has 4 entries, got 3/);
    expect(() => minNormWeights([], 0)).toThrow(/1 to 10 tasks, got 0/);
  });
});

describe('minNormWeights3 (on the device, a population at once)', () => {
  it('reaches the host solver’s minimum on 500 random problems (and 100 near-parallel ones), in one batch', async () => {
    const { tf } = await import('../engine/tf');
    const { minNormWeights3 } = await import('./minNormDevice');
    await tf.setBackend('cpu');
    const rng = Rng.stream(12, 'min-norm-device');
    const grams: Float64Array[] = [];
    for (let k = 0; k < 500; k++) grams.push(randomGram(rng, 3, 1 + (k % 6)));
    // Near-parallel gradients: a nearly singular G, where the interior's closed form must step aside.
    for (let k = 0; k < 100; k++) {
      const base = Array.from({ length: 4 }, () => rng.float() * 2 - 1);
      const g = [0, 1, 2].map(() => base.map((v) => v * (0.5 + rng.float()) + 1e-4 * (rng.float() - 0.5)));
      grams.push(Float64Array.from({ length: 9 }, (_, q) => g[Math.floor(q / 3)].reduce((s, v, a) => s + v * g[q % 3][a], 0)));
    }
    const M = tf.tensor3d(grams.flatMap((G) => Array.from(G)), [grams.length, 3, 3]);
    const alpha = minNormWeights3(M);
    const got = alpha.arraySync() as number[][];
    tf.dispose([M, alpha]);
    let sameFace = 0;
    const differ: number[] = []; // problems where the device's weights differ from the host's
    grams.forEach((G, k) => {
      const a = got[k];
      expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      for (const v of a) expect(v).toBeGreaterThanOrEqual(0);
      const host = minNormWeights(G, 3);
      const want = quadratic(G, host, 3);
      const scale = Math.max(G[0], G[4], G[8]);
      // Float32 against float64: the value within 1e-5 of the largest squared norm.
      expect(quadratic(G, a, 3)).toBeLessThanOrEqual(want + 1e-5 * scale);
      if (a.every((v, t) => Math.abs(v - host[t]) < 1e-3)) sameFace++;
      else differ.push(k);
    });
    // The weights agree wherever the minimum is unique. They may differ only on the one-dimensional
    // problems (three collinear gradients) whose minimum is 0, reached along a whole segment of α.
    expect(sameFace).toBeGreaterThan(0.9 * grams.length);
    for (const k of differ) {
      expect(k < 500 && k % 6 === 0, `problem ${k}`).toBe(true);
      expect(quadratic(grams[k], minNormWeights(grams[k], 3), 3)).toBeLessThan(1e-9);
    }
  });
});
