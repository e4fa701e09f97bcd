/**
 * Choosing and initialising a tfjs backend, with the reason recorded for every choice and fallback.
 *
 * `auto` tries, in order, WebGPU on a hardware adapter, WASM, WebGL, then CPU. A WebGPU adapter that
 * is a software fallback (SwiftShader) is skipped by `auto`: it trains ~20× slower than WASM. Each
 * backend is checked by running one small matmul after `setBackend`, because tfjs may report
 * success for a backend that then fails on its first kernel.
 */
import { tf } from './tf';

import type { BackendName, ConcreteBackend } from './backendNames';
import { registerWasmKernels } from './wasmKernels';

export { BACKENDS, type BackendName, type ConcreteBackend } from './backendNames';

export interface BackendChoice {
  /** The backend that runs. */
  backend: ConcreteBackend;
  /** Why it was chosen (e.g. "requested", "fastest available"). */
  reason: string;
  /** Backends tried before it, each with why it was not used. */
  fallbacks: Array<{ backend: ConcreteBackend; reason: string }>;
}

export interface BackendOptions {
  /**
   * Where the WASM binaries are: a map from file name (`tfjs-backend-wasm.wasm`,
   * `tfjs-backend-wasm-simd.wasm`, `tfjs-backend-wasm-threaded-simd.wasm`) to a URL or, in Node,
   * an absolute path. Without it WASM looks next to the script, which fails under Node and Vite.
   */
  wasmPaths?: Record<string, string>;
}

/** Whether a WebGPU adapter exists and whether it is a software fallback. */
async function probeWebGpu(): Promise<{ ok: boolean; reason: string; fallbackAdapter: boolean }> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
  if (!gpu) return { ok: false, reason: 'this environment has no WebGPU (navigator.gpu is missing)', fallbackAdapter: false };
  const adapter = (await gpu.requestAdapter()) as { isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string } } | null;
  if (!adapter) return { ok: false, reason: 'no WebGPU adapter is available', fallbackAdapter: false };
  const fallbackAdapter = adapter.isFallbackAdapter === true || /swiftshader/i.test(`${adapter.info?.vendor} ${adapter.info?.architecture}`);
  return { ok: true, reason: fallbackAdapter ? 'the WebGPU adapter is a software fallback (SwiftShader)' : 'hardware adapter', fallbackAdapter };
}

async function register(name: ConcreteBackend, options: BackendOptions): Promise<void> {
  // CPU and WebGL come with the tfjs package (engine/tf.ts); WebGPU and WASM load on demand.
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Threaded WASM hangs in minified builds and gives nothing on 2 cores: always single-threaded.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (options.wasmPaths) wasm.setWasmPaths(options.wasmPaths);
    registerWasmKernels();
  }
}

/**
 * One tiny training step with every kind of kernel the engine relies on (gather, scatter-add,
 * batched matmul, softmax, the loss ops, an Adam update), so a backend that lacks one fails here,
 * with its name, rather than in the middle of a run.
 */
async function probeTrainingKernels(): Promise<void> {
  const init = tf.ones([4, 2]);
  const table = tf.variable(init);
  init.dispose(); // the variable holds its own reference
  const optimizer = tf.train.adam(0.01);
  try {
    const idx = tf.tensor1d([0, 3, 3], 'int32');
    const lookup = tf.customGrad((t: tf.Tensor | tf.GradSaveFunc) => ({
      value: tf.gather(t as tf.Tensor, idx),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.scatterND(tf.expandDims(idx, 1), dy as tf.Tensor, [4, 2]),
    }));
    const { value, grads } = tf.variableGrads(() => {
      const x = tf.reshape(lookup(table) as tf.Tensor, [1, 3, 2]);
      const mixed = tf.matMul(tf.softmax(tf.tile(x, [2, 1, 1])), tf.ones([2, 2, 2]));
      const z = tf.sum(mixed, 2);
      return tf.mean(tf.add(tf.sub(tf.relu(z), z), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))) as tf.Scalar;
    }, [table]);
    // tfjs types the map as variables; it reads gradients keyed by variable name.
    optimizer.applyGradients(grads as unknown as Parameters<typeof optimizer.applyGradients>[0]);
    const check = await table.data();
    tf.dispose([idx, value, ...Object.values(grads)]);
    if (!check.every(Number.isFinite)) throw new Error('a test training step gave non-finite weights');
  } finally {
    optimizer.dispose();
    table.dispose();
  }
}

/** Sets `name` as the backend and checks that a kernel runs; returns null or why it failed. */
async function tryBackend(name: ConcreteBackend, options: BackendOptions): Promise<string | null> {
  try {
    await register(name, options);
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) return `tfjs could not initialise ${name}`;
    await tf.ready();
    const probe = tf.tidy(() => tf.sum(tf.matMul(tf.ones([2, 2]), tf.ones([2, 2]))));
    const value = (await probe.data())[0];
    probe.dispose();
    if (value !== 8) return `${name} computed a wrong test result (${value})`;
    await probeTrainingKernels();
    return null;
  } catch (e) {
    return `${name} failed to start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Initialises the backend `requested`, or with `auto` the fastest that works, falling back to the
 * next one with the reason recorded. CPU always works.
 */
export async function initBackend(requested: BackendName, options: BackendOptions = {}): Promise<BackendChoice> {
  const fallbacks: BackendChoice['fallbacks'] = [];
  let order: ConcreteBackend[];
  if (requested === 'auto') {
    const gpu = await probeWebGpu();
    order = ['wasm', 'webgl', 'cpu'];
    if (gpu.ok && !gpu.fallbackAdapter) order.unshift('webgpu');
    else fallbacks.push({ backend: 'webgpu', reason: `${gpu.reason}; WASM is faster` });
  } else {
    order = [requested, ...(['wasm', 'webgl', 'cpu'] as const).filter((b) => b !== requested)];
  }
  for (const name of order) {
    const failure = await tryBackend(name, options);
    if (failure === null) {
      const reason = requested === 'auto' ? (fallbacks.length ? 'fastest that works here' : 'fastest available') : name === requested ? 'requested' : `fallback: ${requested} did not start`;
      return { backend: name, reason, fallbacks };
    }
    fallbacks.push({ backend: name, reason: failure });
  }
  throw new Error(`No tfjs backend could start: ${fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
}
