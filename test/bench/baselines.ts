/**
 * `npm run bench:baselines -- [--seeds N] [--tune-seeds M]`: the collaborative-filtering and content
 * baselines against the multi-task model.
 *  1. How ALS's settings were chosen: validation NDCG@10 (relevance: each shopper's validation
 *     clicks, graded by purchase, as the test's) of implicit ALS over a grid of factors, λ and α,
 *     mean over world seeds 1–M (default 3) of the default world, with the fit's seconds.
 *  2. The default world and the cold-start scenario over seeds 1–N (default 8; world and
 *     initialisation both varied): NDCG@10, true P(buy)@10 and coverage of the MMoE model and of
 *     every reference, mean [95% interval], and how many seeds the model beats each reference on.
 * Figures only; claims that quote them are in `bench:claims`.
 */
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { intArg } from './args';
import { fitAls } from '../../src/core/baselines/als';
import { splitClicks } from '../../src/core/baselines/interactions';
import { ALS_SETTINGS, REFERENCE_POLICIES } from '../../src/core/baselines';
import { ndcgListed, pickShoppers } from '../../src/core/eval/ranking';
import { runExperiment } from '../../src/core/experiment/run';
import { meanInterval } from '../../src/core/metrics/interval';
import { topK } from '../../src/core/metrics/argsort';
import { scenarioById } from '../../src/core/teach/scenarios';
import { generateShopperWorld, SPLIT, type ShopperWorld } from '../../src/core/world';

const SEEDS = intArg('seeds', 8);
const TUNE_SEEDS = intArg('tune-seeds', 3);
const K = 10;

/** Mean NDCG@K over shoppers with validation clicks, of ALS lists (popularity for shoppers without train clicks). */
function validationNdcg(world: ShopperWorld, settings: { factors: number; lambda: number; alpha: number; iterations: number }): { ndcg: number; seconds: number } {
  const m = splitClicks(world, 'train');
  const t0 = performance.now();
  const als = fitAls(m, { ...settings, seed: world.config.seed });
  const seconds = (performance.now() - t0) / 1000;
  const { log } = world;
  const I = world.catalog.numItems;
  const counts = new Float64Array(I);
  for (let e = 0; e < m.rowItems.length; e++) counts[m.rowItems[e]] += m.rowCounts[e];
  const d = als.factors;
  const scores = new Float64Array(I);
  const values: number[] = [];
  for (const u of pickShoppers(world, 500, world.config.seed)) {
    const gain = new Map<number, number>();
    for (let r = log.shopperStart[u]; r < log.shopperStart[u + 1]; r++) {
      if (log.split[r] === SPLIT.validation && log.click[r]) gain.set(log.item[r], Math.max(gain.get(log.item[r]) ?? 0, 1 + log.purchase[r]));
    }
    if (gain.size === 0) continue;
    for (let i = 0; i < I; i++) {
      let s = 1e-9 * counts[i];
      for (let a = 0; a < d; a++) s += als.shopperFactors[u * d + a] * als.itemFactors[i * d + a];
      scores[i] = s;
    }
    values.push(ndcgListed(topK(scores, 0, I, K), gain, [...gain.keys()], K));
  }
  return { ndcg: values.reduce((a, b) => a + b, 0) / values.length, seconds };
}

function tune(): void {
  const worlds = Array.from({ length: TUNE_SEEDS }, (_, k) => generateShopperWorld({ seed: 1 + k }));
  console.log(`ALS on the default world, validation NDCG@${K} (mean over world seeds 1–${TUNE_SEEDS}), ${ALS_SETTINGS.iterations} iterations; the shipped setting is marked *:\n`);
  console.log('| factors | λ | α | validation NDCG@10 | fit seconds |\n|---|---|---|---|---|');
  const rows: Array<{ f: number; l: number; a: number; ndcg: number }> = [];
  for (const f of [8, 16, 32]) {
    for (const l of [0.1, 1, 10]) {
      for (const a of [1, 10, 40]) {
        const r = worlds.map((w) => validationNdcg(w, { factors: f, lambda: l, alpha: a, iterations: ALS_SETTINGS.iterations }));
        const ndcg = r.reduce((s, x) => s + x.ndcg, 0) / r.length;
        const sec = r.reduce((s, x) => s + x.seconds, 0) / r.length;
        rows.push({ f, l, a, ndcg });
        const mark = f === ALS_SETTINGS.factors && l === ALS_SETTINGS.lambda && a === ALS_SETTINGS.alpha ? ' *' : '';
        console.log(`| ${f}${mark} | ${l} | ${a} | ${ndcg.toFixed(4)} | ${sec.toFixed(2)} |`);
      }
    }
  }
  const best = rows.reduce((x, y) => (y.ndcg > x.ndcg ? y : x));
  console.log(`\nbest on validation: factors ${best.f}, λ ${best.l}, α ${best.a} (NDCG@${K} ${best.ndcg.toFixed(4)})\n`);
}

async function compare(): Promise<void> {
  const coldStart = scenarioById('cold-start')!.config;
  const worlds: Array<{ name: string; config: Record<string, unknown> }> = [
    { name: 'default world', config: {} },
    { name: 'cold-start scenario (30% new shoppers, 20% new items)', config: coldStart as Record<string, unknown> },
  ];
  const policies = ['model', ...REFERENCE_POLICIES.filter((p) => p !== 'random'), 'cold-fallback'];
  const metrics = [
    { name: `NDCG@${K}`, read: (p: { ndcg: { value: number } }) => p.ndcg.value },
    { name: `true P(buy)@${K}`, read: (p: { truePurchase: { value: number } }) => p.truePurchase.value },
    { name: 'coverage', read: (p: { coverage: number }) => p.coverage },
  ] as const;
  for (const w of worlds) {
    const values = new Map<string, number[][]>(policies.map((p) => [p, metrics.map(() => [])]));
    for (let k = 0; k < SEEDS; k++) {
      const base = w.config as { world?: Record<string, unknown>; training?: Record<string, unknown> };
      const r = await runExperiment({ ...base, world: { ...(base.world ?? {}), seed: 1 + k }, training: { ...(base.training ?? {}), seed: 1 + k, backend: 'wasm' } }, {}, { wasmPaths: nodeWasmPaths() });
      for (const p of r.evaluation!.ranking!.policies) {
        const row = values.get(p.policy);
        if (row) metrics.forEach((m, j) => row[j].push(m.read(p)));
      }
      console.error(`${w.name}: seed ${k + 1} of ${SEEDS}`);
    }
    console.log(`${w.name}, MMoE as the scenario trains it, seeds 1–${SEEDS}; mean [95% interval]; “model ahead” counts seeds where the model’s value is higher:\n`);
    console.log(`| policy | ${metrics.map((m) => `${m.name} | model ahead`).join(' | ')} |\n|---|${metrics.map(() => '---|---').join('|')}|`);
    const model = values.get('model')!;
    for (const p of policies) {
      const row = values.get(p)!;
      if (row[0].length === 0) continue;
      const cells = metrics.map((_, j) => {
        const s = meanInterval(row[j]);
        const ahead = p === 'model' ? '' : `${model[j].filter((v, i) => v > row[j][i]).length} of ${row[j].length}`;
        return `${s.mean.toFixed(4)} [${s.lo.toFixed(4)}, ${s.hi.toFixed(4)}] | ${ahead}`;
      });
      console.log(`| ${p} | ${cells.join(' | ')} |`);
    }
    console.log('');
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  tune();
  await compare();
  console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s in all)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
