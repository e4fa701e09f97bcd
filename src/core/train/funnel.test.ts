/**
 * The three-step funnel in the losses (ESM², CVR masks) and the re-calibration: each against the
 * textbook formula computed by hand, element by element.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../engine/tf';
import type { TaskSpec } from '../features';
import { cartIndex } from '../features';
import { isFunnelReadout, predictions, taskLosses, type PurchaseMode } from './losses';
import { recalibrate, recalibratePurchase } from './sampling';

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const bce = (y: number, p: number) => -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
// Heads in the order the shopper world gives them: click, purchase, cart.
const tasks: TaskSpec[] = [
  { name: 'click', kind: 'binary' },
  { name: 'purchase', kind: 'binary' },
  { name: 'cart', kind: 'binary' },
];
const Z = [
  [0.5, -1.2, 2.0, 0.1, 1.4],
  [-0.3, 0.8, -2.5, 1.1, 0.2],
  [0.9, -0.4, 0.3, -1.6, 1.0],
];
// Funnel-consistent labels: purchase ⊆ cart ⊆ click.
const Y = [
  [1, 0, 1, 1, 1],
  [1, 0, 0, 0, 0],
  [1, 0, 1, 0, 0],
];
const B = Z[0].length;
const mean = (f: (b: number) => number, rows = Array.from({ length: B }, (_, b) => b)) => rows.reduce((a, b) => a + f(b), 0) / rows.length;

function run(mode: PurchaseMode): { losses: number[]; preds: number[][] } {
  return tf.tidy(() => {
    const z = tf.tensor2d(Z) as Tensor2D;
    const losses = Array.from(taskLosses(z, tf.tensor2d(Y) as Tensor2D, tasks, mode).dataSync());
    const p = predictions(z, tasks, mode).arraySync() as number[][];
    return { losses, preds: p };
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the three-step funnel in the losses', () => {
  it('finds the cart head by name and reads purchase and cart out along the path unless learned whole-space', () => {
    expect(cartIndex(tasks)).toBe(2);
    expect(cartIndex(tasks.slice(0, 2))).toBe(-1);
    expect([0, 1, 2].map((t) => isFunnelReadout(tasks, 'esmm', t))).toEqual([false, true, true]);
    expect([0, 1, 2].map((t) => isFunnelReadout(tasks, 'cvr', t))).toEqual([false, true, true]);
    expect([0, 1, 2].map((t) => isFunnelReadout(tasks, 'ctcvr', t))).toEqual([false, false, false]);
    // The interest head is never a funnel step.
    expect(isFunnelReadout([...tasks.slice(0, 2), { name: 'interest', kind: 'binary' }], 'esmm', 2)).toBe(false);
  });

  it('ESM²: cart against σ(z_click)·σ(z_cart), purchase against σ(z_click)·σ(z_cart)·σ(z_buy), all over every impression', () => {
    const { losses, preds } = run('esmm');
    const pCart = (b: number) => sig(Z[0][b]) * sig(Z[2][b]);
    const pBuy = (b: number) => pCart(b) * sig(Z[1][b]);
    expect(losses[0]).toBeCloseTo(mean((b) => bce(Y[0][b], sig(Z[0][b]))), 5);
    expect(losses[2]).toBeCloseTo(mean((b) => bce(Y[2][b], pCart(b))), 5);
    expect(losses[1]).toBeCloseTo(mean((b) => bce(Y[1][b], pBuy(b))), 5);
    for (let b = 0; b < B; b++) {
      expect(preds[0][b]).toBeCloseTo(sig(Z[0][b]), 6);
      expect(preds[2][b]).toBeCloseTo(pCart(b), 6);
      expect(preds[1][b]).toBeCloseTo(pBuy(b), 6);
      // The path can only narrow: P(purchase) ≤ P(cart) ≤ P(click).
      expect(preds[1][b]).toBeLessThanOrEqual(preds[2][b]);
      expect(preds[2][b]).toBeLessThanOrEqual(preds[0][b]);
    }
  });

  it('CVR: the cart learns on clicked impressions, the purchase on carted ones; read out as path products', () => {
    const { losses, preds } = run('cvr');
    const clicked = [0, 2, 3, 4];
    const carted = [0, 2];
    expect(losses[2]).toBeCloseTo(mean((b) => bce(Y[2][b], sig(Z[2][b])), clicked), 5);
    expect(losses[1]).toBeCloseTo(mean((b) => bce(Y[1][b], sig(Z[1][b])), carted), 5);
    for (let b = 0; b < B; b++) expect(preds[1][b]).toBeCloseTo(sig(Z[0][b]) * sig(Z[2][b]) * sig(Z[1][b]), 6);
  });

  it('CTCVR: each head on its own whole-space label, σ of its own logit', () => {
    const { losses, preds } = run('ctcvr');
    for (const t of [0, 1, 2]) {
      expect(losses[t]).toBeCloseTo(mean((b) => bce(Y[t][b], sig(Z[t][b]))), 5);
      for (let b = 0; b < B; b++) expect(preds[t][b]).toBeCloseTo(sig(Z[t][b]), 6);
    }
  });
});

describe('re-calibrating a sampled three-task model', () => {
  it('re-calibrates the cart like the click (every purchase was carted) and leaves other heads', () => {
    const rate = 0.2;
    const q = { click: 0.4, purchase: 0.3, cart: 0.35, interest: 0.5 };
    const preds = [q.click, q.purchase, q.cart, q.interest].map((v) => Float32Array.of(v));
    recalibrate(preds, rate, [...tasks, { name: 'interest', kind: 'binary' }]);
    const pb = recalibratePurchase(q.purchase, rate);
    const K = pb + rate * (1 - pb);
    expect(preds[1][0]).toBeCloseTo(pb, 6);
    expect(preds[0][0]).toBeCloseTo((q.click * K - pb * (1 - rate)) / rate, 5);
    expect(preds[2][0]).toBeCloseTo((q.cart * K - pb * (1 - rate)) / rate, 5);
    expect(preds[3][0]).toBeCloseTo(q.interest, 6);
  });

  it('inverts the sample exactly: a model of the sample\'s cart rate gets the true cart rate back', () => {
    const rate = 0.1;
    for (const [pc, pk, pb] of [[0.3, 0.12, 0.05], [0.8, 0.5, 0.2], [0.05, 0.02, 0.001]]) {
      const K = pb + rate * (1 - pb);
      const preds = [(pb + rate * (pc - pb)) / K, pb / K, (pb + rate * (pk - pb)) / K].map((v) => Float32Array.of(v));
      recalibrate(preds, rate, tasks);
      expect(preds[0][0]).toBeCloseTo(pc, 5);
      expect(preds[1][0]).toBeCloseTo(pb, 5);
      expect(preds[2][0]).toBeCloseTo(pk, 5);
    }
  });
});
