/**
 * `npm run bench:eval`: the default run in Node on WASM, phase by phase (world, features,
 * training, evaluation), and evaluation's share of training time (goal ≤ 15%): first as the page
 * runs it, the reference policies judged in a second thread while it trains (a worker thread here,
 * the sweep helper there), then the same first run all in one thread (before), then the next run on
 * the same world (world and features kept, references already judged, as the page runs it); then
 * the whole-catalogue scoring of the default evaluation (500 shoppers × 1,000 items) two ways in
 * this run: input rows built on the host, the purchase head alone (what evaluation uses) and both
 * heads, against the device path (embedding gather and concat on the device, what it used before).
 * Options: --epochs N (default: the default config's). Prints figures; asserts nothing.
 */
import { Worker } from 'node:worker_threads';
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { catalogPairs, pickShoppers, type JudgedReferences } from '../../src/core/eval/ranking';
import { parseExperimentConfig, type ExperimentConfig } from '../../src/core/experiment/config';
import { trainExperiment, WorldKeeper, type RunHooks, type RunStage } from '../../src/core/experiment/run';
import type { TrainedModel } from '../../src/core/experiment/trained';
import { encodePairs } from '../../src/core/features';
import { DeviceSplit } from '../../src/core/train/deviceData';
import { predictPairsOnHost } from '../../src/core/train/hostPredict';
import { predictSplit } from '../../src/core/train/predict';

const epochsArg = process.argv.indexOf('--epochs');
const config = parseExperimentConfig({ training: { backend: 'wasm', ...(epochsArg > 0 ? { epochs: Number(process.argv[epochsArg + 1]) } : {}) } });

/** A run's seconds per stage, its total, and its kept model. */
async function timedRun(input: ExperimentConfig, hooks: RunHooks): Promise<{ s: (stage: RunStage) => number; total: number; model: TrainedModel | null; status: string; epochs: number; examples: number }> {
  const seconds = new Map<RunStage, number>();
  let stage: RunStage | null = null;
  let at = performance.now();
  const onStage = (next: RunStage) => {
    if (next === stage) return;
    const now = performance.now();
    if (stage) seconds.set(stage, (seconds.get(stage) ?? 0) + (now - at) / 1000);
    stage = next;
    at = now;
  };
  const t0 = performance.now();
  const { result, model } = await trainExperiment(input, { ...hooks, onStage }, { wasmPaths: nodeWasmPaths() });
  return { s: (k) => seconds.get(k) ?? 0, total: (performance.now() - t0) / 1000, model, status: result.training.status, epochs: result.training.epochs.length, examples: result.world.examples };
}

/**
 * A worker thread that judges references (loaded through tsx, which compiles the engine's sources
 * first: seconds here, where the page's second worker loads a built bundle), once it has loaded.
 */
async function judgeThread(): Promise<{ judge: (input: ExperimentConfig) => Promise<JudgedReferences | null>; stop: () => Promise<number> }> {
  const path = new URL('./referencesWorker.ts', import.meta.url).pathname;
  const worker = new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(path)}, ${JSON.stringify(import.meta.url)}))`, { eval: true });
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  console.log(`(the worker thread loaded in ${((performance.now() - t0) / 1000).toFixed(2)} s, before the timed run)`);
  const judge = (input: ExperimentConfig) => {
    const t1 = performance.now();
    return new Promise<JudgedReferences | null>((resolve, reject) => {
      worker.once('message', (m: { judged: JudgedReferences | null; seconds: number }) => {
        console.log(
          `(the thread took ${m.seconds.toFixed(2)} s to generate the world and judge the references; the run read them ` +
            `${((performance.now() - t1) / 1000).toFixed(2)} s after it was asked, when its evaluation asked)`,
        );
        resolve(m.judged);
      });
      worker.once('error', reject);
      worker.postMessage(input);
    });
  };
  return { judge, stop: () => worker.terminate() };
}

const share = (r: { s: (k: RunStage) => number }) => `${((100 * r.s('evaluation')) / r.s('training')).toFixed(1)}%`;

async function main(): Promise<void> {
  // The first run on a world as the page runs it: its references judged beside it.
  const thread = await judgeThread();
  // Asked once training has reported its first losses, as the page asks its second worker.
  let judged: Promise<JudgedReferences | null> | null = null;
  const first = await timedRun(config, { worlds: new WorldKeeper(), onTelemetry: () => void (judged ??= thread.judge(config)), references: { take: () => judged, used: (a) => console.log(`(adopted by the evaluation: ${a})`) } });
  await thread.stop();
  first.model?.dispose();
  console.log(`Default run (${first.examples.toLocaleString('en')} impressions, ${config.model.architecture}, ${first.epochs} epochs, ${first.status}) on WASM in Node, the references judged in a second thread:`);
  console.log('| phase | seconds |\n|---|---|');
  for (const k of ['backend', 'world', 'features', 'training', 'evaluation'] as const) console.log(`| ${k} | ${first.s(k).toFixed(2)} |`);
  console.log(`| total | ${first.total.toFixed(2)} |`);
  console.log(`Evaluation: ${share(first)} of training time (goal ≤ 15%)`);

  // The same first run, everything in one thread (a new keeper: the world is generated again and
  // its references judged in the evaluation). It runs second, so it meets a warmer JIT.
  const worlds = new WorldKeeper();
  const alone = await timedRun(config, { worlds });
  console.log(`The same first run in one thread: training ${alone.s('training').toFixed(2)} s, evaluation ${alone.s('evaluation').toFixed(2)} s = ${share(alone)} of training time`);

  // The next run on the same world (another training seed), as the page runs it: the kept world
  // and features, the reference policies already judged.
  const next = await timedRun({ ...config, training: { ...config.training, seed: config.training.seed + 1 } }, { worlds });
  next.model?.dispose();
  console.log(
    `Next run on the same world (world kept: ${worlds.reused === 1 ? 'yes' : 'no'}): world + features ${(next.s('world') + next.s('features')).toFixed(2)} s, training ${next.s('training').toFixed(2)} s, ` +
      `evaluation ${next.s('evaluation').toFixed(2)} s = ${share(next)} of training time`,
  );

  // Whole-catalogue scoring, both ways, on the same pairs.
  const m = alone.model!;
  const world = m.world!;
  const encoder = m.encoder!;
  const shoppers = pickShoppers(world, config.evaluation.rankShoppers, config.world.seed);
  const I = world.catalog.numItems;
  const { shopper, item } = catalogPairs(shoppers, I);
  const inputs = encodePairs(world, encoder, shopper, item);
  const n = shopper.length;
  const pairs = { size: n, ...inputs, split: new Uint8Array(n), group: shopper };
  const time = async (fn: () => Promise<unknown>) => {
    const a = performance.now();
    await fn();
    return (performance.now() - a) / 1000;
  };
  const parted = await time(() => m.scoreCatalog(shoppers, 1));
  const purchaseOnly = await time(() => m.predictTask(pairs, 1));
  const host = await time(() => m.predictEncoded(pairs));
  const device = await time(async () => {
    const split = new DeviceSplit({ ...pairs, tasks: m.tasks, labels: m.tasks.map(() => new Float32Array(n)) }, Int32Array.from({ length: n }, (_, i) => i));
    try {
      await predictSplit(m.net, split, m.tasks, m.mode);
    } finally {
      split.dispose();
    }
  });
  const hostAgain = await time(() => predictPairsOnHost(m.net, pairs, m.tasks, m.mode));
  console.log(`\nScoring ${shoppers.length} shoppers × ${I} items (${n.toLocaleString('en')} pairs):`);
  console.log(`  in parts, each first layer's shopper and item parts computed once (what evaluation ranks by): ${parted.toFixed(2)} s`);
  console.log(`  host-built input rows, the purchase head only: ${purchaseOnly.toFixed(2)} s (pairs encoded beforehand)`);
  console.log(`  host-built input rows, both heads: ${host.toFixed(2)} s (again, tables read anew: ${hostAgain.toFixed(2)} s)`);
  console.log(`  device gather and concat (before): ${device.toFixed(2)} s`);
  console.log(`scoring speed-up: ${(device / parted).toFixed(1)}× (in parts against the device path), ${(purchaseOnly / parted).toFixed(1)}× (against host-built rows)`);
  m.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
