/**
 * `npm run bench:train`: training throughput of every architecture on the `wasm` and `cpu` backends
 * in Node for the default shopper world, through the product's own training loop, plus the number
 * of kernels one training step launches; and, where Debian's python3-torch is installed, the same
 * shared-bottom and MMoE models in PyTorch on the CPU; and one population row: 8 MMoE models as one
 * population against the same 8 one after another on WASM (`bench:population` measures more).
 *
 * The machine's speed drifts by up to 2× within minutes, so the WASM and PyTorch figures are taken
 * in `--rounds N` rounds (default 3), PyTorch first in odd rounds and last in even ones, and the
 * ratios that matter are computed within each round: ours against PyTorch per architecture, and
 * PLE's time per sample against MMoE's. The table shows medians over rounds.
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
import { intArg } from './args';
import { median } from './stats';

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

/** Samples per second: the median of three telemetry windows after the first (which includes warm-up). */
async function throughput(data: EncodedData, architecture: Architecture, backend: ConcreteBackend): Promise<number> {
  const windows = backend === 'wasm' ? 3 : 1;
  const { trainer, net } = makeTrainer(data, architecture, WINDOW[backend]);
  const rates: number[] = [];
  await trainer.run({ onTelemetry: (s) => rates.push(s.samplesPerSecond), isCancelled: () => rates.length >= 1 + windows });
  trainer.dispose();
  net.dispose();
  return median(rates.slice(1));
}

const ROUNDS = intArg('rounds', 3);

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
console.log(`default shopper world: ${data.size.toLocaleString('en-US')} impressions; batch ${BATCH}, Adam, fixed weights; ${ROUNDS} rounds\n`);

const TORCH_ARCHITECTURES: Architecture[] = ['shared-bottom', 'mmoe'];
const rows = ARCHITECTURES.map((arch) => ({ arch, wasm: [] as number[], cpu: NaN, kernels: NaN, torch: [] as number[] }));
let torchNote = '';
const wasmChoice = await initBackend('wasm', { wasmPaths: nodeWasmPaths() });
if (wasmChoice.backend !== 'wasm') throw new Error(`wasm did not start: ${JSON.stringify(wasmChoice.fallbacks)}`);
for (const row of rows) row.kernels = await kernelsPerStep(data, row.arch, [1]);
for (let round = 0; round < ROUNDS; round++) {
  const runTorch = () => {
    const torch = pytorch(data);
    if (typeof torch === 'string') torchNote = `PyTorch: ${torch}`;
    else {
      torchNote = `PyTorch ${torch.version} on the CPU, one thread, same sizes and batch.`;
      for (const row of rows) if (torch.results[row.arch] !== undefined) row.torch.push(torch.results[row.arch]);
    }
  };
  if (round % 2 === 0) runTorch();
  for (const row of rows) row.wasm.push(await throughput(data, row.arch, 'wasm'));
  if (round % 2 === 1) runTorch();
  process.stderr.write(`  round ${round + 1} of ${ROUNDS} done\n`);
}
const cpuChoice = await initBackend('cpu', {});
if (cpuChoice.backend !== 'cpu') throw new Error(`cpu did not start: ${JSON.stringify(cpuChoice.fallbacks)}`);
for (const row of rows) row.cpu = await throughput(data, row.arch, 'cpu');
// A population of 8 MMoE models against the same 8 one after another, on WASM (see bench:population).
await initBackend('wasm', { wasmPaths: nodeWasmPaths() });
const population = await measurePopulation(data, 'mmoe', 8, 20);

const fmt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const list = (xs: number[], digits = 2) => xs.map((x) => x.toFixed(digits)).join(', ');
console.log('architecture    wasm samples/s (median)   cpu samples/s   kernels/step   PyTorch samples/s (median)');
for (const r of rows) {
  console.log(`${r.arch.padEnd(14)}  ${fmt(median(r.wasm)).padStart(23)}  ${fmt(r.cpu).padStart(14)}  ${String(r.kernels).padStart(13)}  ${(r.torch.length ? fmt(median(r.torch)) : '—').padStart(26)}`);
}
console.log(torchNote);
for (const r of rows) console.log(`wasm ${r.arch} per round: ${r.wasm.map(fmt).join(', ')}`);
const byArch = (a: Architecture) => rows.find((r) => r.arch === a)!;
for (const a of TORCH_ARCHITECTURES) {
  const r = byArch(a);
  if (r.torch.length !== r.wasm.length) continue;
  const ratios = r.wasm.map((w, i) => w / r.torch[i]);
  console.log(`${a}: ours ÷ PyTorch samples/s per round ${list(ratios)}; median ${median(ratios).toFixed(2)}×; ${ratios.filter((x) => x >= 1).length} of ${ratios.length} rounds ≥ 1.0`);
}
const ple = byArch('ple').wasm;
const mmoe = byArch('mmoe').wasm;
const pleRatios = ple.map((p, i) => mmoe[i] / p);
console.log(`ple: time per sample ÷ mmoe's per round ${list(pleRatios)}; median ${median(pleRatios).toFixed(2)}×; ${pleRatios.filter((x) => x <= 1.5).length} of ${pleRatios.length} rounds ≤ 1.5`);
console.log(
  `population: mmoe × ${population.members} on wasm ${fmt(population.population)} samples/s against ${fmt(population.sequential)} one after another (${population.speedUp.toFixed(2)}×); kernels/step ${population.kernelsSingle} → ${population.kernelsPopulation}`,
);
