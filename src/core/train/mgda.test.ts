/**
 * MGDA beyond two tasks takes the exact min-norm weights: with linear losses L_t = g_t·w on one
 * shared variable, the weights it reports are `minNormWeights` of the gradients' Gram matrix, and
 * the shared gradient is Σ α_t g_t, for every member of a population — with three tasks computed on
 * the device (`minNormWeights3`), with four on the host.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../engine/tf';
import { parseExperimentConfig } from '../experiment/config';
import { minNormWeights } from './minNorm';
import { createWeighting } from './weighting';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('MGDA with three tasks (on the device) and four (on the host)', () => {
  // Two members each; task gradients (on w, shape [P, d]) per member: three tasks, then four.
  const problems: number[][][][] = [
    [
      [
        [1, 0, 0],
        [-0.5, 1, 0],
        [0, -1, 0.2],
      ],
      [
        [2, 1, 0],
        [1, 2, 0],
        [1, 1, 1],
      ],
    ],
    [
      [
        [1, 0, 0, 0],
        [-0.5, 1, 0, 0.3],
        [0, -1, 0.2, 0],
        [0.2, 0.1, -0.4, 1],
      ],
      [
        [2, 1, 0, 0],
        [1, 2, 0, 0],
        [1, 1, 1, 0],
        [0, 0, 1, 1],
      ],
    ],
  ];
  for (const g of problems) {
    const T = g[0].length;
    it(`weights each member by the exact min-norm point of its ${T} task gradients`, () => {
      const d = g[0][0].length;
      const w = tf.variable(tf.zeros([2, d]), true, `w-mgda-${T}`);
      const tasks = Array.from({ length: T }, (_, t) => ({ name: `t${t}`, kind: 'binary' as const }));
      const ones = new Array<number>(T).fill(1);
      const config = { ...parseExperimentConfig({}).weighting, strategy: 'mgda' as const, weights: ones };
      const strategy = createWeighting([{ config, seed: 1 }, { config, seed: 2 }], tasks, () => [ones, ones]);
      const G = tf.tensor3d(g); // [P, T, d]
      const out = strategy.step({
        // L_pt = g_pt · w_p: its gradient on w_p is g_pt.
        lossFn: () => tf.sum(tf.mul(G, tf.reshape(w, [2, 1, d])), 2) as Tensor2D,
        vars: [w],
        shared: [w],
        lastShared: w,
        wantCosine: false,
      });
      const weights = out.weights.arraySync();
      const grad = out.grads[w.name].arraySync() as number[][];
      g.forEach((gp, p) => {
        const gram = gp.flatMap((a) => gp.map((b) => a.reduce((s, v, k) => s + v * b[k], 0)));
        const alpha = minNormWeights(gram, T);
        expect(weights[p]).toEqual(Array.from(alpha).map((v) => expect.closeTo(v, 5)));
        const combined = Array.from({ length: d }, (_, k) => gp.reduce((s, gt, t) => s + alpha[t] * gt[k], 0));
        expect(grad[p]).toEqual(combined.map((v) => expect.closeTo(v, 5)));
      });
      tf.dispose([G, w, out.losses, out.weights, ...Object.values(out.grads)]);
      strategy.dispose();
    });
  }
});
