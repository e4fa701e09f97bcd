/**
 * `npm run bench:population`: samples per second of a population of 8 models (one config, seeds
 * 1–8) trained as one set of batched ops, against the same 8 models trained one after another, on
 * the default shopper world: on WASM in Node, and on WASM in headless Chromium (the browser tests'
 * Chromium, a page bundled from the same engine). Ratios are measured within one run.
 * Options: --members N (8)   --steps N (40 timed steps per model)   --architectures a,b (mmoe,shared-bottom)
 *          --browser-backends wasm,webgl (wasm; WebGL here is SwiftShader, a software GPU)
 * Prints figures; asserts nothing. The last line: `population speed-up: N.N×` (MMoE in Chromium).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { initBackend, type BackendName } from '../../src/core/engine/backends';
import { tf } from '../../src/core/engine/tf';
import { encodeShopperWorld } from '../../src/core/features';
import type { Architecture } from '../../src/core/model/config';
import { generateShopperWorld } from '../../src/core/world';
import { launchBrowser } from '../e2e/browser';
import { serveStatic } from '../e2e/server';
import { measurePopulation, type PopulationFigures } from './populationCore';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const MEMBERS = Number(arg('members', '8'));
const STEPS = Number(arg('steps', '40'));
const ARCHITECTURES = arg('architectures', 'mmoe,shared-bottom').split(',') as Architecture[];
const BROWSER_BACKENDS = arg('browser-backends', 'wasm').split(',') as BackendName[];
if (!Number.isInteger(MEMBERS) || MEMBERS < 1) throw new Error(`--members must be a whole number of at least 1, got ${arg('members', '')}`);

async function inNode(): Promise<PopulationFigures[]> {
  await initBackend('wasm', { wasmPaths: nodeWasmPaths() });
  const data = encodeShopperWorld(generateShopperWorld());
  const rows: PopulationFigures[] = [];
  for (const a of ARCHITECTURES) {
    rows.push(await measurePopulation(data, a, MEMBERS, STEPS));
    process.stderr.write(`  node wasm ${a}: done\n`);
  }
  return rows;
}

async function inChromium(): Promise<Array<{ backend: string; rows: PopulationFigures[] }>> {
  const dir = mkdtempSync(join(tmpdir(), 'mtrec-population-'));
  try {
    await build({
      entryPoints: [fileURLToPath(new URL('./populationPage.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      outfile: join(dir, 'population.js'),
      logLevel: 'warning',
    });
    for (const [file, path] of Object.entries(nodeWasmPaths())) copyFileSync(path, join(dir, file));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>population</title><script type="module" src="population.js"></script>');
    const { server, url } = await serveStatic(dir, '/bench/');
    const browser = await launchBrowser();
    try {
      const out: Array<{ backend: string; rows: PopulationFigures[] }> = [];
      for (const backend of BROWSER_BACKENDS) {
        // A fresh page per backend: a backend cannot be left once another has run.
        const page = await browser.newPage();
        page.on('pageerror', (e) => process.stderr.write(`  page error: ${e.message}\n`));
        await page.goto(url);
        await page.waitForFunction(() => typeof window.runPopulation === 'function');
        out.push(await page.evaluate(([b, a, m, s]) => window.runPopulation(b, a, m, s), [backend, ARCHITECTURES, MEMBERS, STEPS] as const));
        await page.close();
        process.stderr.write(`  chromium ${backend}: done\n`);
      }
      return out;
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`Node ${process.version}, tfjs ${tf.version.tfjs}, ${new Date().toISOString()}`);
console.log(`default shopper world, default training settings; ${MEMBERS} models (seeds 1–${MEMBERS}), ${STEPS} timed steps each after a warm-up window\n`);
const node = await inNode();
const chromium = await inChromium();
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
console.log('where             architecture    sequential samples/s   population samples/s   speed-up   kernels/step (1 model → population)');
const print = (where: string, rows: PopulationFigures[]) => {
  for (const r of rows) {
    console.log(
      `${where.padEnd(16)}  ${r.architecture.padEnd(14)}  ${fmt(r.sequential).padStart(20)}   ${fmt(r.population).padStart(20)}   ${r.speedUp.toFixed(2).padStart(7)}×   ${r.kernelsSingle} → ${r.kernelsPopulation}`,
    );
  }
};
print('Node WASM', node);
for (const c of chromium) print(`Chromium ${c.backend.toUpperCase()}`, c.rows);
const browserWasm = chromium.find((c) => c.backend === 'wasm') ?? chromium[0];
const headline = browserWasm.rows.find((r) => r.architecture === 'mmoe') ?? browserWasm.rows[0];
const nodeHeadline = node.find((r) => r.architecture === headline.architecture) ?? node[0];
console.log(`population speed-up: ${headline.speedUp.toFixed(1)}× (${headline.architecture}, ${MEMBERS} models, Chromium ${browserWasm.backend}; Node WASM ${nodeHeadline.speedUp.toFixed(1)}×)`);
