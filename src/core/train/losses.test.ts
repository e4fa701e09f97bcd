/** The vectorised task losses equal the textbook formulas, task by task. */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../engine/tf';
import type { TaskSpec } from '../features';
import { predictions, taskLosses, type LossOptions } from './losses';

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const bce = (y: number, p: number) => -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
const Z = [
  [0.5, -1.2, 2.0, 0.1],
  [-0.3, 0.8, -2.5, 1.1],
];
const Y = [
  [1, 0, 1, 0],
  [1, 0, 0, 0],
];
const binary: TaskSpec[] = [
  { name: 'click', kind: 'binary' },
  { name: 'purchase', kind: 'binary' },
];

function losses(tasks: TaskSpec[], mode: 'ctcvr' | 'cvr' | 'esmm', y = Y, options?: LossOptions): number[] {
  return tf.tidy(() => Array.from(taskLosses(tf.tensor2d(Z) as Tensor2D, tf.tensor2d(y) as Tensor2D, tasks, mode, options).dataSync()));
}

/** The textbook weighted focal loss of one example: −w^y·(1 − p_t)^γ·log p_t. */
const focal = (y: number, p: number, w: number, g: number) => (y === 1 ? -w * (1 - p) ** g * Math.log(p) : -(p ** g) * Math.log(1 - p));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('taskLosses', () => {
  it('binary cross-entropy per task over all impressions (ctcvr)', () => {
    const [l0, l1] = losses(binary, 'ctcvr');
    expect(l0).toBeCloseTo(Z[0].reduce((a, z, b) => a + bce(Y[0][b], sig(z)), 0) / 4, 5);
    expect(l1).toBeCloseTo(Z[1].reduce((a, z, b) => a + bce(Y[1][b], sig(z)), 0) / 4, 5);
  });

  it('CVR: the purchase loss averages over clicked impressions only', () => {
    const [, l1] = losses(binary, 'cvr');
    const clicked = [0, 2];
    expect(l1).toBeCloseTo(clicked.reduce((a, b) => a + bce(Y[1][b], sig(Z[1][b])), 0) / clicked.length, 5);
  });

  it('ESMM: the purchase loss is the cross-entropy of pCTR × pCVR over all impressions', () => {
    const [l0, l1] = losses(binary, 'esmm');
    expect(l0).toBeCloseTo(losses(binary, 'ctcvr')[0], 6);
    expect(l1).toBeCloseTo(Z[1].reduce((a, z, b) => a + bce(Y[1][b], sig(Z[0][b]) * sig(z)), 0) / 4, 5);
  });

  it('positive-class weights and focal γ: the textbook formula per example, task by task (ctcvr, cvr, esmm)', () => {
    const o = { positiveWeights: [3, 0.5], focalGamma: 2 };
    const [l0, l1] = losses(binary, 'ctcvr', Y, o);
    expect(l0).toBeCloseTo(Z[0].reduce((a, z, b) => a + focal(Y[0][b], sig(z), 3, 2), 0) / 4, 5);
    expect(l1).toBeCloseTo(Z[1].reduce((a, z, b) => a + focal(Y[1][b], sig(z), 0.5, 2), 0) / 4, 5);
    // Weights alone (γ = 0), on the CVR row averaged over clicks.
    const [, c1] = losses(binary, 'cvr', Y, { positiveWeights: [1, 4] });
    expect(c1).toBeCloseTo([0, 2].reduce((a, b) => a + focal(Y[1][b], sig(Z[1][b]), 4, 0), 0) / 2, 5);
    // ESMM: the weights and γ act on pCTR × pCVR.
    const [, e1] = losses(binary, 'esmm', Y, o);
    expect(e1).toBeCloseTo(Z[1].reduce((a, z, b) => a + focal(Y[1][b], sig(Z[0][b]) * sig(z), 0.5, 2), 0) / 4, 4);
    // w = 1, γ = 0 is plain cross-entropy; regression tasks ignore their weight.
    expect(losses(binary, 'ctcvr', Y, { positiveWeights: [1, 1], focalGamma: 0 })).toEqual(losses(binary, 'ctcvr'));
    const reg: TaskSpec = { name: 'y2', kind: 'regression' };
    const [, r1] = losses([binary[0], reg], 'ctcvr', Y, { positiveWeights: [1, 7] });
    expect(r1).toBeCloseTo(losses([binary[0], reg], 'ctcvr')[1], 6);
  });

  it('regression tasks use the mean squared error, also beside a binary task', () => {
    const reg: TaskSpec[] = [
      { name: 'y1', kind: 'regression' },
      { name: 'y2', kind: 'regression' },
    ];
    const yReg = [
      [1, 2, 3, 4],
      [0, 0, 0, 0],
    ];
    const [r0, r1] = losses(reg, 'ctcvr', yReg);
    expect(r0).toBeCloseTo(Z[0].reduce((a, z, b) => a + (z - yReg[0][b]) ** 2, 0) / 4, 5);
    expect(r1).toBeCloseTo(Z[1].reduce((a, z) => a + z * z, 0) / 4, 5);
    const [m0, m1] = losses([binary[0], reg[1]], 'ctcvr', [Y[0], yReg[1]]);
    expect(m0).toBeCloseTo(losses(binary, 'ctcvr')[0], 6);
    expect(m1).toBeCloseTo(r1, 6);
  });

  it('predictions report P(purchase | impression) in every mode', () => {
    const p = (mode: 'ctcvr' | 'cvr' | 'esmm') => tf.tidy(() => predictions(tf.tensor2d(Z) as Tensor2D, binary, mode).arraySync());
    expect(p('ctcvr')[1][0]).toBeCloseTo(sig(Z[1][0]), 6);
    expect(p('cvr')[1][0]).toBeCloseTo(sig(Z[0][0]) * sig(Z[1][0]), 6);
    expect(p('esmm')[1][3]).toBeCloseTo(sig(Z[0][3]) * sig(Z[1][3]), 6);
    expect(p('esmm')[0][3]).toBeCloseTo(sig(Z[0][3]), 6);
  });
});
