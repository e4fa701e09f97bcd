/**
 * The Identity that shares its input's buffer on WASM (wasmKernels.ts): a clone holds the same
 * values without a new buffer, outlives its source, and frees the buffer with the last reference;
 * gradients through saved inputs (each one an Identity) stay what they were. Slice and Unpack:
 * every slice's values by index arithmetic, contiguous ones without reading the whole input out.
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

/** Row-major strides of `shape`. */
function strides(shape: number[]): number[] {
  return shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
}

/** The slice of the tensor holding 0, 1, 2, … in `shape`, by index arithmetic. */
function expectedSlice(shape: number[], begin: number[], size: number[]): number[] {
  const st = strides(shape);
  const out: number[] = [];
  const walk = (axis: number, offset: number) => {
    if (axis === shape.length) {
      out.push(offset);
      return;
    }
    for (let i = 0; i < size[axis]; i++) walk(axis + 1, offset + (begin[axis] + i) * st[axis]);
  };
  walk(0, 0);
  return out;
}

describe('Slice and Unpack on WASM', () => {
  /** Counts the backend's whole-buffer reads while `fn` runs. */
  function reads(fn: () => void): number {
    const backend = tf.engine().backend as unknown as { readSync: (...a: unknown[]) => unknown };
    const original = backend.readSync;
    let n = 0;
    backend.readSync = function (this: unknown, ...a: unknown[]) {
      n++;
      return original.apply(this, a);
    };
    try {
      fn();
    } finally {
      backend.readSync = original;
    }
    return n;
  }

  const cases: Array<{ shape: number[]; begin: number[]; size: number[]; contiguous: boolean }> = [
    { shape: [8, 5, 3], begin: [2, 0, 0], size: [1, 5, 3], contiguous: true }, // one member
    { shape: [8, 5, 3], begin: [2, 0, 0], size: [3, 5, 3], contiguous: true }, // leading rows
    { shape: [1, 4, 6], begin: [0, 1, 0], size: [1, 2, 6], contiguous: true }, // rows under a leading 1
    { shape: [1, 3, 7], begin: [0, 2, 1], size: [1, 1, 4], contiguous: true }, // a run inside one row
    { shape: [6, 7], begin: [1, 2], size: [3, 4], contiguous: false }, // a block: rows of a run each
    { shape: [4, 3, 5], begin: [0, 1, 0], size: [4, 1, 5], contiguous: false }, // a middle axis
    { shape: [2, 3, 2, 4], begin: [1, 0, 1, 0], size: [1, 3, 1, 4], contiguous: false },
    { shape: [5], begin: [1], size: [3], contiguous: true },
    { shape: [3, 4], begin: [1, 0], size: [0, 4], contiguous: true }, // empty
  ];

  it('gives every slice’s values, contiguous ones without reading the whole input', () => {
    for (const { shape, begin, size, contiguous } of cases) {
      for (const dtype of ['float32', 'int32'] as const) {
        const n = shape.reduce((a, b) => a * b, 1);
        const x = tf.tensor(Int32Array.from({ length: n }, (_, i) => i), shape, dtype);
        let y: tf.Tensor | null = null;
        const count = reads(() => (y = tf.slice(x, begin, size)));
        const got = y as unknown as tf.Tensor;
        expect(got.shape, JSON.stringify({ shape, begin, size })).toEqual(size);
        expect(got.dtype).toBe(dtype);
        expect(Array.from(got.dataSync())).toEqual(expectedSlice(shape, begin, size));
        // tfjs-wasm's own Slice reads the whole input once per call.
        expect(count, JSON.stringify({ shape, begin, size })).toBe(contiguous || size.includes(0) ? 0 : 1);
        tf.dispose([x, got]);
      }
    }
  });

  it('unstacks along any axis with each part’s values, the leading axis without whole reads, and leaves no tensors', () => {
    const start = tf.memory().numTensors;
    const buffers = (tf.engine().backend as unknown as { numDataIds(): number }).numDataIds();
    const shape = [4, 3, 5];
    const x = tf.tensor(Float32Array.from({ length: 60 }, (_, i) => i), shape);
    for (const axis of [0, 1, 2, -1]) {
      const a = axis < 0 ? axis + 3 : axis;
      let parts: tf.Tensor[] = [];
      const count = reads(() => (parts = tf.unstack(x, axis)));
      expect(parts).toHaveLength(shape[a]);
      parts.forEach((p, i) => {
        const begin = shape.map((_, k) => (k === a ? i : 0));
        const size = shape.map((d, k) => (k === a ? 1 : d));
        expect(p.shape).toEqual(shape.filter((_, k) => k !== a));
        expect(Array.from(p.dataSync())).toEqual(expectedSlice(shape, begin, size));
      });
      expect(count).toBe(a === 0 ? 0 : shape[a]);
      tf.dispose(parts);
    }
    x.dispose();
    expect(tf.memory().numTensors).toBe(start);
    expect((tf.engine().backend as unknown as { numDataIds(): number }).numDataIds()).toBe(buffers);
  });

  it('keeps the gradients of slice and unstack (pad and stack) exact', () => {
    const x = tf.tensor3d(Float32Array.from({ length: 24 }, (_, i) => i / 4 - 2), [2, 3, 4]);
    const gx = tf.grad((a: tf.Tensor) => {
      const [m0, m1] = tf.unstack(a);
      return tf.add(tf.sum(tf.square(tf.slice(m0, [1, 0], [2, 4]))), tf.sum(tf.mul(m1, 3)));
    })(x);
    const xv = Array.from(x.dataSync());
    // d/dx: 2x on member 0's rows 1–2, 0 on its row 0, 3 on member 1.
    const want = xv.map((v, i) => (i < 12 ? (i >= 4 ? 2 * v : 0) : 3));
    expect(Array.from(gx.dataSync())).toEqual(want);
    tf.dispose([x, gx]);
  });
});
