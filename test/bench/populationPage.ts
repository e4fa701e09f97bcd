/**
 * The page side of `npm run bench:population`: bundled for Chromium, it exposes
 * `window.runPopulation`, which starts a backend, generates the default world and measures.
 */
import { initBackend, type BackendName } from '../../src/core/engine/backends';
import { encodeShopperWorld } from '../../src/core/features';
import type { Architecture } from '../../src/core/model/config';
import { generateShopperWorld } from '../../src/core/world';
import { measurePopulation, type PopulationFigures } from './populationCore';

declare global {
  interface Window {
    runPopulation: (backend: BackendName, architectures: Architecture[], members: number, steps: number) => Promise<{ backend: string; rows: PopulationFigures[] }>;
  }
}

window.runPopulation = async (backend, architectures, members, steps) => {
  const base = new URL('.', location.href).href;
  const files = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
  const choice = await initBackend(backend, { wasmPaths: Object.fromEntries(files.map((f) => [f, base + f])) });
  const data = encodeShopperWorld(generateShopperWorld());
  const rows: PopulationFigures[] = [];
  for (const architecture of architectures) rows.push(await measurePopulation(data, architecture, members, steps));
  return { backend: choice.backend, rows };
};
