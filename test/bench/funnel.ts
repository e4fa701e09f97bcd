/**
 * `npm run bench:funnel -- [--seeds N] [--points K]`: the three-task weight sweep of the three-step
 * funnel over world seeds 1–N (default 4; world and initialisation both varied): for every weighting
 * on the simplex grid of a K-point sweep (default 7: ten weightings), each task's test AUC and the
 * model's true P(buy)@10, mean [95% interval] over seeds, and the ESM² model beside them. Each seed's
 * weightings train as one population on its world. Figures only; claims are in `bench:claims`.
 */
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { parseExperimentConfig } from '../../src/core/experiment/config';
import { trainPopulation } from '../../src/core/experiment/population';
import { runExperiment, type ExperimentResult } from '../../src/core/experiment/run';
import { sweepPoints } from '../../src/core/experiment/sweep';
import { meanInterval } from '../../src/core/metrics/interval';
import { intArg } from './args';

const SEEDS = intArg('seeds', 4);
const POINTS = intArg('points', 7);
const BASE = { world: { funnel: 'click-cart-purchase' }, model: { architecture: 'mmoe' }, training: { backend: 'wasm' } };

/** The figures of one trained model: AUC per task in head order, then true P(buy)@10, then the funnel-order breaks. */
function figures(r: ExperimentResult): number[] {
  const e = r.evaluation;
  const model = e?.ranking?.policies.find((p) => p.policy === 'model');
  return [...[0, 1, 2].map((t) => e?.tasks[t]?.auc ?? Number.NaN), model?.truePurchase.value ?? Number.NaN, e?.funnelViolations ?? Number.NaN];
}

function cell(values: number[], digits = 4): string {
  const m = meanInterval(values);
  return Number.isFinite(m.lo) ? `${m.mean.toFixed(digits)} [${m.lo.toFixed(digits)}, ${m.hi.toFixed(digits)}]` : m.mean.toFixed(digits);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const points = sweepPoints(parseExperimentConfig(BASE), POINTS, false);
  const wasm = { wasmPaths: nodeWasmPaths() };
  /** rows[j][seed] = figures of weighting j (the last row: ESM² at equal weights). */
  const rows: number[][][] = [...points.map(() => []), []];
  for (let s = 1; s <= SEEDS; s++) {
    const seeded = (c: Record<string, unknown>) => ({ ...c, world: { ...(c.world as object), seed: s }, training: { ...(c.training as object), seed: s } });
    const out = await trainPopulation(points.map((p) => seeded(p.config as unknown as Record<string, unknown>)), {}, wasm);
    out.forEach((o, j) => {
      rows[j].push(figures(o.result));
      o.model?.dispose();
    });
    rows[points.length].push(figures(await runExperiment(seeded({ ...BASE, model: { architecture: 'esmm' } }), {}, wasm)));
    console.error(`seed ${s} of ${SEEDS} done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  console.log(`The three-step world (click → cart → purchase), MMoE, fixed weights over the simplex of a ${POINTS}-point sweep; mean [95% interval] over world seeds 1–${SEEDS}:\n`);
  console.log('| weights click / purchase / cart | click AUC | purchase AUC | cart AUC | true P(buy)@10 | funnel-order breaks |\n|---|---|---|---|---|---|');
  const labels = [...points.map((p) => p.config.weighting.weights.map((w) => w.toFixed(2)).join(' / ')), 'ESM² (esmm), 1 / 1 / 1'];
  rows.forEach((perSeed, j) => {
    const col = (k: number, digits = 4) => cell(perSeed.map((f) => f[k]), digits);
    console.log(`| ${labels[j]} | ${col(0)} | ${col(1)} | ${col(2)} | ${col(3)} | ${col(4, 5)} |`);
  });
  console.log(`\n${rows.length * SEEDS} models in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
