/**
 * The replacement matmul gradient (gradients.ts): on WASM, for every transpose case and for 2-D
 * and batched operands, the gradients equal the hand-derived ones computed on the CPU backend
 * (dA = dY·Bᵀ, dB = Aᵀ·dY for the plain case, the transposed cases by the same algebra).
 */
import { describe, expect, it } from 'vitest';
import { swapLast } from './gradients';
import { tf } from './tf';
import { useWasmBackend } from '../../../test/unit/wasmBackend';

/** Deterministic values in [−1, 1). */
function values(n: number, salt: number): number[] {
  return Array.from({ length: n }, (_, i) => (((i * 37 + salt * 101) % 97) / 48.5) - 1);
}

/** Swaps the last two axes of a nested array tensor on the host side (as a tfjs transpose on CPU). */
function swap(t: tf.Tensor): tf.Tensor {
  return t.rank === 2 ? tf.transpose(t) : tf.transpose(t, [0, 2, 1]);
}

const cases: Array<{ ta: boolean; tb: boolean; batch: number | null }> = [];
for (const batch of [null, 3]) for (const ta of [false, true]) for (const tb of [false, true]) cases.push({ ta, tb, batch });

useWasmBackend();

describe('matmul gradient on WASM', () => {
  it.each(cases)('transposeA=$ta transposeB=$tb batch=$batch', async ({ ta, tb, batch }) => {
    const [m, k, n] = [5, 4, 6];
    const lead = batch === null ? [] : [batch];
    const aShape = [...lead, ...(ta ? [k, m] : [m, k])];
    const bShape = [...lead, ...(tb ? [n, k] : [k, n])];
    const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
    const aVals = values(size(aShape), 1);
    const bVals = values(size(bShape), 2);
    const dyVals = values(size([...lead, m, n]), 3);
    // Gradient of Σ dy ⊙ (a·b) on WASM through the registered gradient.
    const onWasm = tf.tidy(() => {
      const a = tf.tensor(aVals, aShape);
      const b = tf.tensor(bVals, bShape);
      const dy = tf.tensor(dyVals, [...lead, m, n]);
      const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, ta, tb), dy)))([a, b]);
      return [ga.arraySync(), gb.arraySync()];
    });
    // The same gradients by hand on the CPU backend: with A = op(a), B = op(b), dA = dY·Bᵀ and
    // dB = Aᵀ·dY, then transposed back where the operand was transposed.
    await tf.setBackend('cpu');
    const expected = tf.tidy(() => {
      const a = tf.tensor(aVals, aShape);
      const b = tf.tensor(bVals, bShape);
      const dy = tf.tensor(dyVals, [...lead, m, n]);
      const A = ta ? swap(a) : a;
      const B = tb ? swap(b) : b;
      const dA = tf.matMul(dy, swap(B));
      const dB = tf.matMul(swap(A), dy);
      return [(ta ? swap(dA) : dA).arraySync(), (tb ? swap(dB) : dB).arraySync()];
    });
    await tf.setBackend('wasm');
    const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);
    for (let i = 0; i < 2; i++) {
      const got = flat(onWasm[i]);
      const want = flat(expected[i]);
      expect(got.length).toBe(want.length);
      got.forEach((v, j) => expect(v).toBeCloseTo(want[j], 5));
    }
  });
});

describe('swapLast', () => {
  // Shapes on both of its paths: row counts that are multiples of 256 with 32 or more columns
  // (blocked), and others (plain), at rank 2, 3 and 4.
  it.each([
    [1024, 53],
    [256, 32],
    [512, 31],
    [1000, 128],
    [3, 512, 40],
    [2, 3, 256, 33],
    [7, 5],
  ])('equals tfjs transpose of the last two axes exactly for %j', (...shape: number[]) => {
    const n = shape.reduce((x, y) => x * y, 1);
    const x = tf.tensor(values(n, 4), shape);
    const perm = [...shape.slice(0, -2).map((_, i) => i), shape.length - 1, shape.length - 2];
    const want = tf.transpose(x, perm);
    const got = swapLast(x);
    expect(got.shape).toEqual(want.shape);
    expect(Array.from(got.dataSync())).toEqual(Array.from(want.dataSync()));
    tf.dispose([x, want, got]);
  });
});

describe('sum and mean gradients (ones filled by the backend)', () => {
  // d/dx Σ_axis (x ⊙ w) weighted by dy is dy broadcast over the summed axes, times w; a mean's is
  // that divided by the number of elements averaged.
  it.each([
    { shape: [2, 3, 4], axis: 2 },
    { shape: [2, 3, 4], axis: [0, 2] },
    { shape: [1, 2, 8, 16], axis: 3 },
    { shape: [5], axis: 0 },
  ])('matches the hand-derived gradient for $shape over $axis', ({ shape, axis }) => {
    const n = shape.reduce((x, y) => x * y, 1);
    const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + shape.length : a));
    const outShape = shape.filter((_, i) => !axes.includes(i));
    const m = outShape.reduce((x, y) => x * y, 1);
    const x = tf.tensor(values(n, 5), shape);
    const w = tf.tensor(values(n, 6), shape);
    const dyVals = values(m, 7).map(Math.fround); // as the tensor holds them
    const dy = tf.tensor(dyVals, outShape);
    const gSum = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.sum(tf.mul(v, w), axis), dy)))(x);
    const gMean = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.mean(tf.mul(v, w), axis), dy)))(x);
    // The dy element each x element feeds: its index with the summed axes dropped.
    const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
    const outStrides = outShape.map((_, i) => outShape.slice(i + 1).reduce((a, b) => a * b, 1));
    const count = n / m;
    const wv = w.dataSync();
    const wantSum: number[] = [];
    const wantMean: number[] = [];
    for (let i = 0; i < n; i++) {
      const idx = shape.map((s, d) => Math.floor(i / strides[d]) % s);
      const kept = idx.filter((_, d) => !axes.includes(d));
      const j = kept.reduce((s, v, d) => s + v * outStrides[d], 0);
      wantSum.push(Math.fround(dyVals[j] * wv[i]));
      wantMean.push((dyVals[j] / count) * wv[i]);
    }
    expect(Array.from(gSum.dataSync())).toEqual(wantSum);
    Array.from(gMean.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(wantMean[i], 6));
    tf.dispose([x, w, dy, gSum, gMean]);
  });
});

describe('unstack gradient', () => {
  it('gives zeros to outputs outside the backward graph, and takes a single output', () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, 2]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.unstack(v, 1)[1], 2)))(x);
    expect(Array.from(g.dataSync())).toEqual([0, 0, 2, 2, 0, 0, 0, 0, 2, 2, 0, 0]);
    const one = tf.tensor3d([1, 2, 3], [1, 3, 1]);
    const g1 = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.unstack(v)[0], 3)))(one);
    expect(Array.from(g1.dataSync())).toEqual([3, 3, 3]);
    tf.dispose([x, g, one, g1]);
  });
});
