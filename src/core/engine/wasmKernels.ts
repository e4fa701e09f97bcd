/**
 * Kernels this engine registers on tfjs-wasm in place of its own (after the backend's module has
 * registered them, see `backends.ts`).
 *
 * Identity without a copy. tfjs clones every tensor it saves for a gradient (an Identity kernel per
 * saved input: 72 in one default MMoE training step), and tfjs-wasm's Identity copies the whole
 * buffer. Here it shares the buffer and counts one more reference, as tfjs-wasm's own Reshape and
 * the CPU backend's Identity do: tensors are immutable (a variable's `assign` swaps its buffer, it
 * never writes into it), so a shared buffer is never seen to change. The values are the same; only
 * the copy is gone (in one profile of that step, 0.38–0.49 ms of Identity kernels against
 * 0.07–0.09 ms).
 */
import * as tf from '@tensorflow/tfjs';

/** What this module needs of tfjs-wasm's backend: its reference count per buffer. */
interface CountsReferences {
  incRef(dataId: unknown): void;
}

/** tfjs-wasm's own Identity, kept for string tensors (they live outside the WASM heap). */
let copyingIdentity: tf.KernelFunc | null = null;

const sharedIdentity: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string' && copyingIdentity) return copyingIdentity(args);
  (args.backend as unknown as CountsReferences).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/** Registers the replacements; idempotent. Call after `@tensorflow/tfjs-backend-wasm` is imported. */
export function registerWasmKernels(): void {
  const current = tf.getKernel('Identity', 'wasm');
  if (current?.kernelFunc === sharedIdentity) return;
  if (current) {
    copyingIdentity = current.kernelFunc;
    tf.unregisterKernel('Identity', 'wasm');
  }
  tf.registerKernel({ kernelName: 'Identity', backendName: 'wasm', kernelFunc: sharedIdentity });
}
