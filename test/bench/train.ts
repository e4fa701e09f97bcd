/**
 * `npm run bench:train`: training throughput of every architecture on the `wasm` and `cpu` backends
 * in Node for the default shopper world, through the product's own training loop, plus the number
 * of kernels one training step launches; and, where Debian's python3-torch is installed, the same
 * shared-bottom and MMoE models in PyTorch on the CPU, as ratios measured in this run; and one
 * population row: 8 MMoE models as one population against the same 8 one after another on WASM
 * (`bench:population` measures more).
 * Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { initBackend, type ConcreteBackend } from '../../src/core/engine/backends';
import { tf } from '../../src/core/engine/tf';
import { parseExperimentConfig } from '../../src/core/experiment/config';
import { encodeShopperWorld, type EncodedData } from '../../src/core/features';
import { ARCHITECTURES, type Architecture } from '../../src/core/model/config';
import { MultiTaskNet, netSpecFor } from '../../src/core/model/network';
import { Trainer } from '../../src/core/train/trainer';
import { generateShopperWorld } from '../../src/core/world';
import { kernelsPerStep, measurePopulation } from './populationCore';

const defaults = parseExperimentConfig({});
const BATCH = defaults.training.batchSize;
/** Steps per measured window; the first window (warm-up) is not counted. */
const WINDOW: Record<ConcreteBackend, number> = { wasm: 20, cpu: 3, webgl: 10, webgpu: 10 };

function makeTrainer(data: EncodedData, architecture: Architecture, telemetryEvery: number): { trainer: Trainer; net: MultiTaskNet } {
  const net = new MultiTaskNet(netSpecFor({ ...defaults.model, architecture }, data), 1);
  const trainer = new Trainer({
    net,
    data,
    mode: architecture === 'esmm' ? 'esmm' : 'ctcvr',
    training: { ...defaults.training, epochs: 100, telemetryEvery },
    weighting: defaults.weighting,
  });
  return { trainer, net };
}

/** Samples per second over the second telemetry window (the first includes warm-up). */
async function throughput(data: EncodedData, architecture: Architecture, backend: ConcreteBackend): Promise<number> {
  const { trainer, net } = makeTrainer(data, architecture, WINDOW[backend]);
  const rates: number[] = [];
  await trainer.run({ onTelemetry: (s) => rates.push(s.samplesPerSecond), isCancelled: () => rates.length >= 2 });
  trainer.dispose();
  net.dispose();
  return rates[1];
}

function pytorch(data: EncodedData): { version: string; results: Record<string, number> } | string {
  const python = '/usr/bin/python3';
  const script = fileURLToPath(new URL('./torch_models.py', import.meta.url));
  if (!existsSync(python)) return 'no /usr/bin/python3';
  const m = defaults.model;
  const spec = {
    batchSize: BATCH,
    vocab: data.categorical.map((c) => c.vocab),
    denseDim: data.denseDim,
    embeddingDim: m.embeddingDim,
    numExperts: m.numExperts,
    expertUnits: m.expertUnits,
    towerUnits: m.towerUnits,
    learningRate: defaults.training.learningRate,
    architectures: ['shared-bottom', 'mmoe'],
  };
  const r = spawnSync(python, [script, JSON.stringify(spec)], { encoding: 'utf8' });
  if (r.status !== 0) {
    return /No module named 'torch'/.test(r.stderr) ? 'python3-torch is not installed (apt-get install -y python3-torch)' : `failed: ${r.stderr.trim().split('\n').pop()}`;
  }
  const out = JSON.parse(r.stdout) as { torch: string; results: Record<string, number> };
  return { version: out.torch, results: out.results };
}

const world = generateShopperWorld();
const data = encodeShopperWorld(world);
console.log(`Node ${process.version}, tfjs ${tf.version.tfjs}, ${new Date().toISOString()}`);
console.log(`default shopper world: ${data.size.toLocaleString('en-US')} impressions; batch ${BATCH}, Adam, fixed weights\n`);

const rows: Array<{ arch: Architecture; wasm: number; cpu: number; kernels: number }> = [];
for (const arch of ARCHITECTURES) rows.push({ arch, wasm: NaN, cpu: NaN, kernels: NaN });
for (const backend of ['wasm', 'cpu'] as const) {
  const choice = await initBackend(backend, { wasmPaths: nodeWasmPaths() });
  if (choice.backend !== backend) throw new Error(`${backend} did not start: ${JSON.stringify(choice.fallbacks)}`);
  for (const row of rows) {
    row[backend] = await throughput(data, row.arch, backend);
    if (backend === 'wasm') row.kernels = await kernelsPerStep(data, row.arch, [1]);
    process.stderr.write(`  ${backend} ${row.arch}: ${Math.round(row[backend])} samples/s\n`);
  }
}
// A population of 8 MMoE models against the same 8 one after another, on WASM (see bench:population).
await initBackend('wasm', { wasmPaths: nodeWasmPaths() });
const population = await measurePopulation(data, 'mmoe', 8, 20);
const torch = pytorch(data);
const fmt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
console.log('architecture    wasm samples/s   cpu samples/s   kernels/step   PyTorch samples/s   PyTorch ÷ wasm');
for (const r of rows) {
  const t = typeof torch === 'string' ? NaN : (torch.results[r.arch] ?? NaN);
  console.log(
    `${r.arch.padEnd(14)}  ${fmt(r.wasm).padStart(14)}  ${fmt(r.cpu).padStart(14)}  ${String(r.kernels).padStart(13)}  ${fmt(t).padStart(18)}  ${Number.isFinite(t) ? (t / r.wasm).toFixed(1).padStart(14) : '—'.padStart(14)}`,
  );
}
console.log(typeof torch === 'string' ? `PyTorch: ${torch}` : `PyTorch ${torch.version} on the CPU, one thread, same sizes and batch.`);
console.log(
  `population: mmoe × ${population.members} on wasm ${fmt(population.population)} samples/s against ${fmt(population.sequential)} one after another (${population.speedUp.toFixed(2)}×); kernels/step ${population.kernelsSingle} → ${population.kernelsPopulation}`,
);
