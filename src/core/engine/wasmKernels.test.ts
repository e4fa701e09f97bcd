/**
 * The Identity that shares its input's buffer on WASM (wasmKernels.ts): a clone holds the same
 * values without a new buffer, outlives its source, and frees the buffer with the last reference;
 * gradients through saved inputs (each one an Identity) stay what they were.
 */
import { describe, expect, it } from 'vitest';
import { tf } from './tf';
import { useWasmBackend } from '../../../test/unit/wasmBackend';

useWasmBackend();

const buffers = () => (tf.engine().backend as unknown as { numDataIds(): number }).numDataIds();

describe('Identity on WASM', () => {
  it('is the sharing kernel, not a copy', () => {
    expect(tf.getBackend()).toBe('wasm');
    const before = buffers();
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = tf.clone(x);
    // One buffer for both: a copying Identity would have made a second.
    expect(buffers()).toBe(before + 1);
    expect(y.dataId).toBe(x.dataId);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(buffers()).toBe(before + 1);
    y.dispose();
    expect(buffers()).toBe(before);
  });

  it('leaves a variable assigned after a clone with its new values and the clone with the old', () => {
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const old = tf.clone(v);
    const next = tf.tensor1d([7, 8, 9]);
    v.assign(next);
    next.dispose();
    expect(Array.from(v.dataSync())).toEqual([7, 8, 9]);
    expect(Array.from(old.dataSync())).toEqual([1, 2, 3]);
    tf.dispose([v, old]);
  });

  it('keeps gradients through saved inputs exact, with no tensors left', () => {
    const start = tf.memory().numTensors;
    const x = tf.tensor2d([0.5, -1, 2, 3, -0.25, 1.5], [3, 2]);
    const w = tf.tensor2d([1, -2, 0.5, 4], [2, 2]);
    const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.relu(tf.matMul(a, b)))))([x, w]);
    // By hand: h = relu(xw), d/dh Σh² = 2h, dx = 2h·wᵀ, dw = xᵀ·2h.
    const xv = [[0.5, -1], [2, 3], [-0.25, 1.5]];
    const wv = [[1, -2], [0.5, 4]];
    const h = xv.map((r) => [0, 1].map((j) => Math.max(0, r[0] * wv[0][j] + r[1] * wv[1][j])));
    const dx = h.map((r) => [0, 1].map((i) => 2 * (r[0] * wv[i][0] + r[1] * wv[i][1])));
    const dw = [0, 1].map((i) => [0, 1].map((j) => xv.reduce((s, r, b) => s + r[i] * 2 * h[b][j], 0)));
    expect(Array.from(gx.dataSync())).toEqual(dx.flat());
    expect(Array.from(gw.dataSync())).toEqual(dw.flat());
    tf.dispose([x, w, gx, gw]);
    expect(tf.memory().numTensors).toBe(start);
  });
});
