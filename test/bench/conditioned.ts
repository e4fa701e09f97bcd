/**
 * `npm run bench:conditioned -- [--seeds N] [--points K] [--funnel]`: one model for every
 * weighting against the weight sweep, on the same worlds. For world seeds 1–N (default 4; world
 * and initialisation both varied), the sweep's K fixed weightings (default 7; `--funnel`: the
 * three-step world's simplex grid) train as one population, and one MMoE with the `conditioned`
 * weighting trains once and is evaluated at each of those weightings (`evaluateAtWeights`, no
 * retraining). Per weighting and metric (click and purchase AUC, NDCG@10, true P(buy)@10): the
 * sweep's and the conditioned model's mean [95% interval] over seeds, the paired difference, and
 * "match" when the conditioned mean lies inside the sweep point's interval (its noise band).
 * Figures only; last line: `conditioned matches the sweep on M of N cells`.
 */
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { parseExperimentConfig } from '../../src/core/experiment/config';
import { trainPopulation } from '../../src/core/experiment/population';
import { evaluateAtWeights, trainExperiment, WorldKeeper, type ExperimentResult } from '../../src/core/experiment/run';
import { sweepPoints } from '../../src/core/experiment/sweep';
import { meanInterval } from '../../src/core/metrics/interval';
import { intArg } from './args';

const SEEDS = intArg('seeds', 4);
const POINTS = intArg('points', 7);
const FUNNEL = process.argv.includes('--funnel');
const BASE = { world: FUNNEL ? { funnel: 'click-cart-purchase' } : {}, model: { architecture: 'mmoe' }, training: { backend: 'wasm' } };
const METRICS = ['click AUC', 'purchase AUC', 'NDCG@10', 'true P(buy)@10'] as const;

function figures(r: ExperimentResult): number[] {
  const e = r.evaluation;
  const model = e?.ranking?.policies.find((p) => p.policy === 'model');
  return [e?.tasks[0]?.auc ?? Number.NaN, e?.tasks[1]?.auc ?? Number.NaN, model?.ndcg.value ?? Number.NaN, model?.truePurchase.value ?? Number.NaN];
}

const fmt = (m: { mean: number; lo: number; hi: number }) => `${m.mean.toFixed(4)} [${m.lo.toFixed(4)}, ${m.hi.toFixed(4)}]`;

async function main(): Promise<void> {
  const t0 = performance.now();
  const points = sweepPoints(parseExperimentConfig(BASE), POINTS, false);
  const wasm = { wasmPaths: nodeWasmPaths() };
  /** sweep[j][seed], cond[j][seed]: figures at weighting j. */
  const sweep: number[][][] = points.map(() => []);
  const cond: number[][][] = points.map(() => []);
  let sweepSeconds = 0;
  let condTrainSeconds = 0;
  let condEvalSeconds = 0;
  for (let s = 1; s <= SEEDS; s++) {
    const seeded = (c: object) => ({ ...c, world: { ...BASE.world, seed: s }, training: { ...BASE.training, seed: s } });
    let t = performance.now();
    const out = await trainPopulation(points.map((p) => ({ ...p.config, world: { ...p.config.world, seed: s }, training: { ...p.config.training, seed: s } })), {}, wasm);
    sweepSeconds += (performance.now() - t) / 1000;
    out.forEach((o, j) => {
      sweep[j].push(figures(o.result));
      o.model?.dispose();
    });
    const worlds = new WorldKeeper();
    t = performance.now();
    const run = await trainExperiment(seeded({ ...BASE, weighting: { strategy: 'conditioned' } }), { worlds }, wasm);
    condTrainSeconds += (performance.now() - t) / 1000;
    t = performance.now();
    for (const [j, p] of points.entries()) {
      const at = await evaluateAtWeights(run.model!, run.result, p.config.weighting.weights, { worlds });
      cond[j].push(figures(at.result));
      at.model.dispose();
    }
    condEvalSeconds += (performance.now() - t) / 1000;
    run.model?.dispose();
    console.error(`seed ${s} of ${SEEDS} done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const world = FUNNEL ? 'three-step world (click → cart → purchase)' : 'default world (click → purchase)';
  console.log(`One conditioned MMoE against the ${points.length} fixed weightings of the sweep, ${world}, world seeds 1–${SEEDS}; mean [95% interval] over seeds; "match": the conditioned mean inside the sweep point's interval; cond − sweep: paired difference, and on how many seeds the conditioned model is at least as high.\n`);
  let matches = 0;
  let cells = 0;
  for (const [k, metric] of METRICS.entries()) {
    console.log(`\n${metric}:\n\n| weights | sweep (fixed) | conditioned | match | cond − sweep | cond ≥ sweep |\n|---|---|---|---|---|---|`);
    points.forEach((p, j) => {
      const a = meanInterval(sweep[j].map((f) => f[k]));
      const b = meanInterval(cond[j].map((f) => f[k]));
      const d = meanInterval(cond[j].map((f, i) => f[k] - sweep[j][i][k]));
      const match = b.mean >= a.lo && b.mean <= a.hi;
      matches += match ? 1 : 0;
      cells++;
      const up = cond[j].filter((f, i) => f[k] >= sweep[j][i][k]).length;
      const sign = (v: number) => (v >= 0 ? '+' : '') + v.toFixed(4);
      console.log(`| ${p.config.weighting.weights.map((w) => w.toFixed(2)).join(' / ')} | ${fmt(a)} | ${fmt(b)} | ${match ? 'yes' : 'no'} | ${sign(d.mean)} [${sign(d.lo)}, ${sign(d.hi)}] | ${up} of ${SEEDS} |`);
    });
  }
  console.log(`\nTraining: the sweep ${sweepSeconds.toFixed(0)} s (${points.length * SEEDS} models); the conditioned model ${condTrainSeconds.toFixed(0)} s (${SEEDS} models) and ${condEvalSeconds.toFixed(0)} s to evaluate it at every weighting.`);
  console.log(`conditioned matches the sweep on ${matches} of ${cells} cells`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
