/**
 * The matmul gradient with explicit transposes on WASM.
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
