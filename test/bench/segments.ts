/**
 * `npm run bench:segments -- [--seeds N] [--k K]`: who the default MMoE model serves badly. Over N
 * seeds (default 8; world and initialisation both varied) of the default world and of the
 * cold-start scenario: per persona the purchase GAUC on its test impressions and the true P(buy)@10
 * of its whole-catalogue lists, mean [95% interval]; and the K-means segment (default K = 4) that
 * holds the cold-start shoppers against the rest. Figures only.
 */
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { intArg } from './args';
import { trainExperiment } from '../../src/core/experiment/run';
import { segmentReport } from '../../src/core/inspect/segments';
import { meanInterval } from '../../src/core/metrics/interval';
import { scenarioById } from '../../src/core/teach/scenarios';
import { PERSONAS } from '../../src/core/world';

const SEEDS = intArg('seeds', 8);
const K = intArg('k', 4);

const fmt = (xs: number[], d = 4) => {
  const ok = xs.filter(Number.isFinite);
  if (ok.length < 2) return '—';
  const m = meanInterval(ok);
  return `${m.mean.toFixed(d)} [${m.lo.toFixed(d)}, ${m.hi.toFixed(d)}]${ok.length < xs.length ? ` (${ok.length} seeds)` : ''}`;
};

async function main(): Promise<void> {
  const t0 = performance.now();
  const worlds = [
    { name: 'default world', config: {} as Record<string, unknown> },
    { name: 'cold-start scenario', config: scenarioById('cold-start')!.config as Record<string, unknown> },
  ];
  for (const w of worlds) {
    const gaucs = PERSONAS.map(() => [] as number[]);
    const tps = PERSONAS.map(() => [] as number[]);
    const coldTp: number[] = [];
    const warmTp: number[] = [];
    for (let k = 0; k < SEEDS; k++) {
      const base = w.config as { world?: Record<string, unknown>; training?: Record<string, unknown> };
      const { model } = await trainExperiment({ ...base, world: { ...(base.world ?? {}), seed: 1 + k }, training: { ...(base.training ?? {}), seed: 1 + k, backend: 'wasm' } }, {}, { wasmPaths: nodeWasmPaths() });
      const m = model!;
      const r = await segmentReport(m, K, { listLength: m.config.evaluation.k, maxShoppers: m.config.evaluation.rankShoppers, seed: m.config.world.seed });
      r.byPersona.forEach((row, p) => {
        gaucs[p].push(row.gauc ?? Number.NaN);
        tps[p].push(row.ranked ? row.truePurchase : Number.NaN);
      });
      // The segment that holds the cold shoppers (they share one embedding), against the rest weighted by ranked shoppers.
      const coldRow = r.bySegment.find((s) => s.cold > 0 && s.cold === s.shoppers) ?? r.bySegment.find((s) => s.cold > 0);
      if (coldRow && coldRow.ranked) coldTp.push(coldRow.truePurchase);
      const rest = r.bySegment.filter((s) => s !== coldRow && s.ranked > 0);
      const n = rest.reduce((a, s) => a + s.ranked, 0);
      if (n) warmTp.push(rest.reduce((a, s) => a + s.truePurchase * s.ranked, 0) / n);
      m.dispose();
      console.error(`${w.name}: seed ${k + 1} of ${SEEDS}`);
    }
    console.log(`\n${w.name}, MMoE, seeds 1–${SEEDS}; mean [95% interval]:\n`);
    console.log('| persona | purchase GAUC | true P(buy)@10 |\n|---|---|---|');
    PERSONAS.forEach((p, i) => console.log(`| ${p} | ${fmt(gaucs[i])} | ${fmt(tps[i])} |`));
    console.log(`\nK-means (K = ${K}) of the learned shopper embeddings: the segment holding the cold-start shoppers, true P(buy)@10 ${fmt(coldTp)}; the other segments ${fmt(warmTp)}.`);
  }
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(0)} s in all)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
