/**
 * Absolute paths of tfjs's WASM binaries in Node. tfjs looks for them next to its script, which
 * fails under Node's module loader and vitest, and then quietly keeps another backend.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function nodeWasmPaths(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const files = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
  return Object.fromEntries(files.map((f) => [f, join(dir, 'dist', f)]));
}
