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
 *
 * Slice and Unpack (unstack) without copying the whole input. tfjs-wasm's Slice reads its whole
 * input out of the WASM heap into a new JavaScript array (`readSync`) before it copies the slice,
 * and its Unpack is one such Slice per output: unstacking P members copies the whole tensor P
 * times. Where the slice is one contiguous run of the input (leading rows, or any slice whose
 * outer axes are 1), these copy just that run from heap to heap; other slices go to tfjs-wasm's
 * own kernel. The values are the same bytes either way.
 */
import * as tf from '@tensorflow/tfjs';

/** What this module needs of tfjs-wasm's backend: its reference count per buffer, and its heap. */
interface CountsReferences {
  incRef(dataId: unknown): void;
}
interface WasmHeap {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view of a tensor's bytes in the WASM heap (invalid once the heap grows: take it after allocating). */
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** tfjs-wasm's own Identity, kept for string tensors (they live outside the WASM heap). */
let copyingIdentity: tf.KernelFunc | null = null;

const sharedIdentity: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string' && copyingIdentity) return copyingIdentity(args);
  (args.backend as unknown as CountsReferences).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/** tfjs-wasm's own Slice, for slices that are not one contiguous run and for strings. */
let copyingSlice: tf.KernelFunc | null = null;

const runSlice: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  const attrs = args.attrs as unknown as { begin: number | number[]; size?: number | number[] };
  const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size);
  if (x.dtype === 'string' || !tf.slice_util.isSliceContinous(x.shape, begin, size)) {
    if (!copyingSlice) throw new Error('Slice on WASM: the backend has no Slice kernel of its own');
    return copyingSlice(args);
  }
  const heap = args.backend as unknown as WasmHeap;
  const out = heap.makeOutput(size, x.dtype);
  const n = tf.util.sizeFromShape(size);
  if (n === 0) return out;
  const from = tf.slice_util.computeFlatOffset(begin, tf.util.computeStrides(x.shape));
  // Both views after makeOutput: allocating may grow the heap and detach earlier views.
  heap.typedArrayFromHeap(out).set(heap.typedArrayFromHeap(x).subarray(from, from + n));
  return out;
};

const runUnpack: tf.KernelFunc = (args) => {
  const value = args.inputs.value as tf.TensorInfo;
  const rank = value.shape.length;
  const given = (args.attrs as unknown as { axis: number }).axis;
  const axis = given < 0 ? given + rank : given;
  const shape = value.shape.filter((_, i) => i !== axis);
  const size = value.shape.slice();
  size[axis] = 1;
  return Array.from({ length: value.shape[axis] }, (_, i) => {
    const begin = value.shape.map((_, k) => (k === axis ? i : 0));
    const part = runSlice({ inputs: { x: value }, attrs: { begin, size }, backend: args.backend }) as tf.TensorInfo;
    return { dataId: part.dataId, dtype: part.dtype, shape };
  });
};

/** Puts `kernelFunc` in place of tfjs-wasm's `name`; returns the kernel it replaced (null if none, or if already done). */
function replace(name: string, kernelFunc: tf.KernelFunc): tf.KernelFunc | null {
  const current = tf.getKernel(name, 'wasm');
  if (current?.kernelFunc === kernelFunc) return null;
  if (current) tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc });
  return current?.kernelFunc ?? null;
}

/** Registers the replacements; idempotent. Call after `@tensorflow/tfjs-backend-wasm` is imported. */
export function registerWasmKernels(): void {
  copyingIdentity = replace('Identity', sharedIdentity) ?? copyingIdentity;
  copyingSlice = replace('Slice', runSlice) ?? copyingSlice;
  replace('Unpack', runUnpack);
}
