/**
 * For unit tests that run on tfjs's WASM backend: starts it before the file's tests (with Node's
 * paths to the binaries) and gives the previous backend back after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { initBackend } from '../../src/core/engine/backends';
import { tf } from '../../src/core/engine/tf';

export function useWasmBackend(): void {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await initBackend('wasm', { wasmPaths: nodeWasmPaths() });
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });
}
