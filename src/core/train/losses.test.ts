/** The vectorised task losses equal the textbook formulas, task by task. */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../engine/tf';
import type { TaskSpec } from '../features';
import { predictions, taskLosses } from './losses';

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

function losses(tasks: TaskSpec[], mode: 'ctcvr' | 'cvr' | 'esmm', y = Y): number[] {
  return tf.tidy(() => Array.from(taskLosses(tf.tensor2d(Z) as Tensor2D, tf.tensor2d(y) as Tensor2D, tasks, mode).dataSync()));
}

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
