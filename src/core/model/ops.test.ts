/**
 * The ops with gradients of our own (ops.ts) against tfjs's own ops, on the CPU backend and on
 * WASM (where they are meant to be faster, and where a kernel can misbehave: tfjs-wasm's float32
 * oneHot gave a wrong gradient row while this was written).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor3D } from '../engine/tf';
import { inputRow, mixture, stackTasks } from './ops';
import { useWasmBackend } from '../../../test/unit/wasmBackend';

useWasmBackend();

/** Value and gradients of Σ w ⊙ f(xs) for inputs xs, as plain arrays. */
function valueAndGrads(f: (xs: Tensor3D[]) => tf.Tensor, shapes: number[][], outShape: number[]): { value: number[]; grads: number[][] } {
  return tf.tidy(() => {
    const xs = shapes.map((s, i) => tf.randomNormal(s as [number, number, number], 0, 1, 'float32', 10 + i) as Tensor3D);
    const w = tf.randomNormal(outShape, 0, 1, 'float32', 99);
    const grads = tf.grads((...v: tf.Tensor[]) => tf.sum(tf.mul(f(v as Tensor3D[]), w)))(xs);
    return { value: Array.from(f(xs).dataSync()), grads: grads.map((g) => Array.from(g.dataSync())) };
  });
}

describe.each(['cpu', 'wasm'])('on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  it('inputRow: a concat whose gradient reaches the embeddings, exactly', () => {
    const dense = tf.randomNormal([1, 5, 3], 0, 1, 'float32', 7) as Tensor3D;
    const ours = valueAndGrads(([e]) => inputRow(e, dense), [[1, 5, 4]], [1, 5, 7]);
    const reference = valueAndGrads(([e]) => tf.concat([e, dense], 2), [[1, 5, 4]], [1, 5, 7]);
    expect(ours.value).toEqual(reference.value);
    expect(ours.grads).toEqual(reference.grads);
    dense.dispose();
  });

  it.each([[1], [2]])('stackTasks, P = %i: a stack along the task axis with the same gradients, exactly', (P) => {
    const shapes = [0, 1, 2].map(() => [P, 4, 3]);
    const ours = valueAndGrads((xs) => stackTasks(xs), shapes, [P, 3, 4, 3]);
    const reference = valueAndGrads((xs) => tf.stack(xs, 1), shapes, [P, 3, 4, 3]);
    expect(ours.value).toEqual(reference.value);
    expect(ours.grads).toEqual(reference.grads);
    expect(ours.grads.every((g) => g.some((v) => v !== 0))).toBe(true);
  });
});

/**
 * Whether two arrays differ as numbers. `toEqual` tells +0 from −0, and a gradient that a relu
 * zeroes may come out +0 on one side and −0 on the other (which changes nothing downstream:
 * x + (±0) = x).
 */
function unequal(a: number[], b: number[]): boolean {
  return a.length !== b.length || a.some((v, i) => v !== b[i]);
}

// mixture is used on WASM only (elsewhere the batched matmul stays): checked there.
describe('on wasm', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it.each([
    [1, 5, 32],
    [2, 4, 32],
    [2, 3, 48],
  ])('mixture, G = %i, E = %i, U = %i: the batched matmul of gates and experts per gate set, values and gradients exactly', (G, E, U) => {
    const M = 64;
    // Gates as a softmax gives them (positive, rows summing to 1), experts as relu gives them.
    const gatesOf = (g: Tensor3D) => tf.softmax(tf.reshape(g, [M, G, E])) as Tensor3D;
    const expertsOf = (h: Tensor3D) => tf.relu(tf.reshape(h, [M, E * U])) as tf.Tensor2D;
    const shapes = [[1, M, G * E], [1, M, E * U]];
    const ours = valueAndGrads(
      ([g, h]) => tf.stack(Array.from({ length: G }, (_, t) => mixture(tf.reshape(gatesOf(g), [M, G * E]) as tf.Tensor2D, expertsOf(h), U, { gate: t * E, expert: 0, count: E })), 1),
      shapes,
      [M, G, U],
    );
    const reference = valueAndGrads(([g, h]) => tf.matMul(gatesOf(g), tf.reshape(expertsOf(h), [M, E, U])), shapes, [M, G, U]);
    expect(ours.value).toEqual(reference.value);
    expect(ours.grads.map((g, i) => unequal(g, reference.grads[i]))).toEqual([false, false]);
    expect(ours.value.some((v) => v !== 0)).toBe(true);
  });

  it('mixture with a span: task 1 of 2 mixing its own experts (PLE), against the batched matmul of the slices, exactly', () => {
    const [M, T, K, U] = [32, 2, 3, 8];
    const shapes = [[1, M, T * 2 * K], [1, M, T * K * U]];
    const gatesOf = (g: Tensor3D) => tf.reshape(tf.softmax(tf.reshape(g, [M, T, 2 * K])), [M, T * 2 * K]) as tf.Tensor2D;
    const expertsOf = (h: Tensor3D) => tf.relu(tf.reshape(h, [M, T * K * U])) as tf.Tensor2D;
    const ours = valueAndGrads(([g, h]) => mixture(gatesOf(g), expertsOf(h), U, { gate: 2 * K, expert: K, count: K }), shapes, [M, U]);
    const reference = valueAndGrads(
      ([g, h]) => tf.reshape(tf.matMul(tf.reshape(tf.slice(gatesOf(g), [0, 2 * K], [M, K]), [M, 1, K]), tf.reshape(tf.slice(expertsOf(h), [0, K * U], [M, K * U]), [M, K, U])), [M, U]),
      shapes,
      [M, U],
    );
    expect(ours.value).toEqual(reference.value);
    expect(ours.grads.map((g, i) => unequal(g, reference.grads[i]))).toEqual([false, false]);
    // The other task's gates and experts get no gradient.
    expect(ours.grads[0].filter((v, i) => i % (2 * K * T) < 2 * K && v !== 0)).toEqual([]);
  });
});
