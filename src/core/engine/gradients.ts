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

/** Swaps the last two axes (rank 2 or 3). */
function swapLast(x: T): T {
  return x.rank === 2 ? tf.transpose(x) : tf.transpose(x, [...Array.from({ length: x.rank - 2 }, (_, i) => i), x.rank - 1, x.rank - 2]);
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
 * The gradient of `unstack` when only some of its outputs reach the loss (one task's loss through
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
