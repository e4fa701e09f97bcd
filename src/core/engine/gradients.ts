/**
 * Gradients this engine registers in place of tfjs's own.
 *
 * 1. The matmul gradient with explicit transposes on WASM.
 *
 * tfjs's gradient of `matMul(a, b)` is `matMul(dy, b, false, true)` and `matMul(a, dy, true, false)`.
 * tfjs-backend-wasm 4.22 runs a matmul with a transpose flag far off its fast path: measured in Node
 * (one thread), dW = xᵀ·dy for x [1024, 53], dy [1024, 128] takes 8.2 ms with the flag against 1.3 ms
 * as transpose-then-matmul (0.55 ms of it the transpose), and dx = dy·Wᵀ 10.1 ms against 1.0 ms. The
 * backward matmuls were three quarters of an MMoE training step. This registration replaces the
 * gradient so that, on WASM, every transpose is its own kernel and the matmul takes the fast path.
 * Other backends keep the flags (a GPU shader reads the transpose for free). The values are the same
 * products; only the kernel doing them changes.
 */
import * as tf from '@tensorflow/tfjs';

type T = tf.Tensor;

/** Rows per block in `swapLast`'s blocked transpose. */
const BLOCK = 32;

/**
 * Swaps the last two axes (rank 2 or more), as tfjs-wasm computes fastest. Its transpose of
 * [r, c] writes the output rows r floats apart, and when r is a multiple of 256 (1 KB apart: the
 * batch sizes 256, 512, 1,024, …) those writes fall into the same few cache sets and evict each
 * other: in Node (one thread) [1,024, 53] took 490–500 µs where [992, 53] took 23 µs and [1,000,
 * 53] 21 µs. The same data movement written as [r/32, 32, c] → [c, r/32, 32] (then reshaped to
 * [c, r]) took 45–55 µs for [1,024, 53], 160 µs against 1,100–1,200 µs for [1,024, 128], 29
 * against 241 µs for [1,024, 32], and 333 against 3,846 µs for a population's [8, 1,024, 53]. Below
 * 32 columns, or for other row counts, the plain transpose was as fast or faster (for [992, 128]:
 * 55 µs against 160 µs), so it is kept there. Either way the values are the same, moved.
 */
export function swapLast(x: T): T {
  const lead = x.shape.slice(0, -2);
  const [r, c] = x.shape.slice(-2);
  const L = lead.length;
  if (r % 256 === 0 && c >= 32) {
    const blocked = tf.reshape(x, [...lead, r / BLOCK, BLOCK, c]);
    const perm = [...lead.map((_, i) => i), L + 2, L, L + 1];
    return tf.reshape(tf.transpose(blocked, perm), [...lead, c, r]);
  }
  return x.rank === 2 ? tf.transpose(x) : tf.transpose(x, [...lead.map((_, i) => i), L + 1, L]);
}

/** a·b with the given transposes, the transposes done as kernels of their own on WASM. */
function product(a: T, b: T, ta: boolean, tb: boolean): T {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b, ta, tb);
  return tf.matMul(ta ? swapLast(a) : a, tb ? swapLast(b) : b);
}

tf.registerGradient({
  kernelName: tf.BatchMatMul,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved, attrs) => {
    const [a, b] = saved;
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    const g = dy as T;
    // The four cases of tfjs's own gradient (tfjs-core gradients/BatchMatMul_grad), same algebra.
    if (!transposeA && !transposeB) return { a: () => product(g, b, false, true), b: () => product(a, g, true, false) };
    if (!transposeA && transposeB) return { a: () => product(g, b, false, false), b: () => product(g, a, true, false) };
    if (transposeA && !transposeB) return { a: () => product(b, g, false, true), b: () => product(a, g, false, false) };
    return { a: () => product(b, g, true, true), b: () => product(g, a, true, true) };
  },
});

/**
 * 2. The gradient of `unstack` when only some of its outputs reach the loss (one task's loss through
 * per-task slices of a parameter, as GradNorm, PCGrad and MGDA take them): tfjs stacks the
 * outputs' gradients as they come, and an output outside the backward graph comes as null, which
 * its `stack` refuses. Here such an output's gradient is zeros of its shape.
 */
tf.registerGradient({
  kernelName: tf.Unpack,
  inputsToSave: ['value'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const { axis } = attrs as unknown as { axis: number };
    const shape = x.shape.filter((_, i) => i !== axis);
    // One output: tfjs hands its gradient alone rather than in a list.
    const list = (Array.isArray(dy) ? dy : [dy]) as Array<T | null>;
    const parts = list.map((d) => d ?? tf.zeros(shape, x.dtype));
    return { value: () => tf.stack(parts, axis) };
  },
});

/**
 * 3. Sum's and Mean's gradients with their ones filled by the backend.
 *
 * tfjs's gradients of `sum` and `mean` broadcast dy back to x's shape by multiplying it with
 * `ones(x.shape)`, which fills a JavaScript array element by element and uploads it: in a Chromium
 * profile of default MMoE steps on WASM that fill alone took 0.5 ms a step (a tower's
 * [1, 2, 1,024, 16] among them). `fill` makes the same ones on the backend (tfjs-wasm: a native
 * `TypedArray.fill` in its heap), so the products, and the gradients, are the same.
 */
function broadcastBack(dy: T, x: T, axis: number | number[]): T {
  const expanded = x.shape.slice();
  for (const a of tf.util.parseAxisParam(axis, x.shape)) expanded[a] = 1;
  return tf.mul(tf.reshape(dy, expanded), tf.fill(x.shape, 1, 'float32'));
}

tf.registerGradient({
  kernelName: tf.Sum,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const derX = broadcastBack(dy as T, x, (attrs as unknown as { axis: number | number[] }).axis);
    return { x: () => derX };
  },
});

tf.registerGradient({
  kernelName: tf.Mean,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const { axis } = attrs as unknown as { axis: number | number[] };
    const reduceSize = tf.util.sizeFromShape(tf.backend_util.computeOutAndReduceShapes(x.shape, tf.util.parseAxisParam(axis, x.shape))[1]);
    return { x: () => tf.div(broadcastBack(dy as T, x, axis), reduceSize) };
  },
});
