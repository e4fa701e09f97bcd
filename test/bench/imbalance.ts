/**
 * `npm run bench:imbalance -- [--seeds N]`: class imbalance on the default world (MMoE), each way
 * against the plain model over N seeds (world and initialisation both varied, default 8): negatives
 * sampled at s = 0.1 (before and after re-calibration), a positive-class weight of 10 on purchases,
 * focal loss γ = 2. Prints mean [95% interval] of test AUC, log loss and ECE per task, the mean
 * predicted purchase rate ÷ the observed one, the rows trained on and the training seconds, as a
 * Markdown table for the README. Figures only; the claims these back are in `bench:claims`.
 */
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { readResultMetric } from '../../src/core/experiment/metrics';
import { runExperiment, type ExperimentResult } from '../../src/core/experiment/run';
import { meanInterval } from '../../src/core/metrics/interval';

const seedsArg = process.argv.indexOf('--seeds');
const SEEDS = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 8;
if (!Number.isInteger(SEEDS) || SEEDS < 2) throw new Error(`--seeds must be an integer ≥ 2, got ${process.argv[seedsArg + 1]}`);

const VARIANTS: Array<{ name: string; training: Record<string, unknown>; raw?: boolean }> = [
  { name: 'plain', training: {} },
  { name: 'sampled s = 0.1, before re-calibration', training: { negativeSampling: 0.1 }, raw: true },
  { name: 'sampled s = 0.1, re-calibrated', training: { negativeSampling: 0.1 } },
  { name: 'positive-class weight 10 on purchases', training: { positiveWeights: [1, 10] } },
  { name: 'focal loss γ = 2', training: { focalGamma: 2 } },
];

/** Columns: a name and how to read it from a run (raw: the variant reads predictions before re-calibration). */
const COLUMNS: Array<{ name: string; read: (r: ExperimentResult, raw: boolean) => number; digits: number }> = [
  { name: 'purchase AUC', read: (r, raw) => readResultMetric(r, raw ? 'raw:auc:purchase' : 'auc:purchase'), digits: 4 },
  { name: 'purchase log loss', read: (r, raw) => readResultMetric(r, raw ? 'raw:logLoss:purchase' : 'logLoss:purchase'), digits: 4 },
  { name: 'purchase ECE', read: (r, raw) => readResultMetric(r, raw ? 'raw:ece:purchase' : 'ece:purchase'), digits: 4 },
  { name: 'predicted ÷ observed purchase rate', read: (r, raw) => (r.evaluation?.sampling ? readResultMetric(r, raw ? 'rateRatio:raw:purchase' : 'rateRatio:recalibrated:purchase') : Number.NaN), digits: 2 },
  { name: 'click AUC', read: (r, raw) => readResultMetric(r, raw ? 'raw:auc:click' : 'auc:click'), digits: 4 },
  { name: 'click ECE', read: (r, raw) => readResultMetric(r, raw ? 'raw:ece:click' : 'ece:click'), digits: 4 },
  { name: 'train rows', read: (r) => r.world.trainExamples, digits: 0 },
  { name: 'training s', read: (r) => r.training.seconds, digits: 1 },
];

async function main(): Promise<void> {
  const t0 = performance.now();
  const values = VARIANTS.map(() => COLUMNS.map(() => [] as number[]));
  for (let k = 0; k < SEEDS; k++) {
    // One training per distinct config: the two sampled rows read the same run.
    const runs = new Map<string, ExperimentResult>();
    for (const [v, variant] of VARIANTS.entries()) {
      const key = JSON.stringify(variant.training);
      let r = runs.get(key);
      if (!r) {
        r = await runExperiment({ world: { seed: 1 + k }, training: { backend: 'wasm', seed: 1 + k, ...variant.training } }, {}, { wasmPaths: nodeWasmPaths() });
        runs.set(key, r);
      }
      COLUMNS.forEach((c, j) => values[v][j].push(c.read(r, variant.raw ?? false)));
    }
    console.error(`seed ${k + 1} of ${SEEDS} done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const cell = (xs: number[], digits: number) => {
    if (xs.some((x) => !Number.isFinite(x))) return '—';
    const m = meanInterval(xs);
    return digits === 0 ? Math.round(m.mean).toLocaleString('en') : `${m.mean.toFixed(digits)} [${m.lo.toFixed(digits)}, ${m.hi.toFixed(digits)}]`;
  };
  console.log(`Default world, MMoE, seeds 1–${SEEDS} (world and initialisation), WASM in Node; mean [95% interval]:\n`);
  console.log(`| | ${COLUMNS.map((c) => c.name).join(' | ')} |`);
  console.log(`|---|${COLUMNS.map(() => '---').join('|')}|`);
  VARIANTS.forEach((v, i) => console.log(`| ${v.name} | ${COLUMNS.map((c, j) => cell(values[i][j], c.digits)).join(' | ')} |`));
  const plainTime = meanInterval(values[0][COLUMNS.length - 1]).mean;
  const sampledTime = meanInterval(values[2][COLUMNS.length - 1]).mean;
  console.log(`\ntraining time, sampled ÷ plain: ${(sampledTime / plainTime).toFixed(2)}× (${((performance.now() - t0) / 1000).toFixed(0)} s in all)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
