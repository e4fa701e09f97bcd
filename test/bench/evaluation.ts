/**
 * `npm run bench:eval`: the default run in Node on WASM, phase by phase (world, features,
 * training, evaluation), and evaluation's share of training time (goal ≤ 15%); the next run on the
 * same world (world and features kept, references already judged, as the page runs it); then the
 * whole-catalogue scoring of the default evaluation (500 shoppers × 1,000 items) two ways in this
 * run: input rows built on the host, the purchase head alone (what evaluation uses) and both heads,
 * against the device path (embedding gather and concat on the device, what it used before). Options: --epochs N (default: the default config's).
 * Prints figures; asserts nothing.
 */
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { catalogPairs, pickShoppers } from '../../src/core/eval/ranking';
import { parseExperimentConfig } from '../../src/core/experiment/config';
import { trainExperiment, WorldKeeper, type RunStage } from '../../src/core/experiment/run';
import { encodePairs } from '../../src/core/features';
import { DeviceSplit } from '../../src/core/train/deviceData';
import { predictPairsOnHost } from '../../src/core/train/hostPredict';
import { predictSplit } from '../../src/core/train/predict';

const epochsArg = process.argv.indexOf('--epochs');
const config = parseExperimentConfig({ training: { backend: 'wasm', ...(epochsArg > 0 ? { epochs: Number(process.argv[epochsArg + 1]) } : {}) } });

async function main(): Promise<void> {
  const seconds = new Map<RunStage, number>();
  let stage: RunStage | null = null;
  let at = performance.now();
  const onStage = (s: RunStage) => {
    if (s === stage) return;
    const now = performance.now();
    if (stage) seconds.set(stage, (seconds.get(stage) ?? 0) + (now - at) / 1000);
    stage = s;
    at = now;
  };
  const t0 = performance.now();
  const worlds = new WorldKeeper();
  const { result, model } = await trainExperiment(config, { onStage, worlds }, { wasmPaths: nodeWasmPaths() });
  const total = (performance.now() - t0) / 1000;
  const s = (k: RunStage) => seconds.get(k) ?? 0;
  console.log(`Default run (${result.world.examples.toLocaleString('en')} impressions, ${config.model.architecture}, ${result.training.epochs.length} epochs, ${result.training.status}) on WASM in Node:`);
  console.log('| phase | seconds |\n|---|---|');
  for (const k of ['backend', 'world', 'features', 'training', 'evaluation'] as const) console.log(`| ${k} | ${s(k).toFixed(2)} |`);
  console.log(`| total | ${total.toFixed(2)} |`);
  console.log(`Evaluation: ${((100 * s('evaluation')) / s('training')).toFixed(1)}% of training time (goal ≤ 15%)`);

  // The next run on the same world (another training seed), as the page runs it: the kept world
  // and features, the reference policies already judged.
  seconds.clear();
  stage = null;
  at = performance.now();
  const next = await trainExperiment({ ...config, training: { ...config.training, seed: config.training.seed + 1 } }, { onStage, worlds }, { wasmPaths: nodeWasmPaths() });
  next.model?.dispose();
  console.log(
    `Next run on the same world (world kept: ${worlds.reused === 1 ? 'yes' : 'no'}): world + features ${(s('world') + s('features')).toFixed(2)} s, training ${s('training').toFixed(2)} s, ` +
      `evaluation ${s('evaluation').toFixed(2)} s = ${((100 * s('evaluation')) / s('training')).toFixed(1)}% of training time`,
  );

  // Whole-catalogue scoring, both ways, on the same pairs.
  const m = model!;
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
