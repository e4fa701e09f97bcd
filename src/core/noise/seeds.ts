/**
 * Runs on several seeds: the first seed trains with every hook (live charts, pause, step) and its
 * model is kept; the others train quietly, one after another, and only their numbers are kept.
 * World and initialisation both vary (world seed + k, training seed + k), so the interval covers
 * everything that changes from one run to the next.
 */
import type { BackendOptions } from '../engine/backends';
import { parseExperimentConfig } from '../experiment/config';
import { isRunMetric, readResultMetric } from '../experiment/metrics';
import { offsetSeeds, type Replicates, type SeedValues } from '../experiment/replicates';
import { trainExperiment, type ExperimentResult, type RunHooks } from '../experiment/run';
import type { TrainedModel } from '../experiment/trained';
import { meanInterval } from '../metrics/interval';
import { FUSION_PRESETS } from '../rerank/fusion';
import { rankingOutcomes } from '../rerank/outcomes';

/** Metrics summarised for every multi-seed run (those a run of the world has; others are left out). */
export const REPLICATE_METRICS = [
  'auc:click',
  'auc:purchase',
  'gauc:click',
  'gauc:purchase',
  'logLoss:click',
  'logLoss:purchase',
  'ece:click',
  'ece:purchase',
  'mse:y1',
  'mse:y2',
  'mse:mean',
  'share:click',
  'share:purchase',
  'conversion:clickedBias',
  'conversion:unclickedBias',
  'ranking:model:ndcg',
  'ranking:model:truePurchase',
  'ranking:model:diversity',
  'ranking:model:coverage',
  'ranking:model:truePurchaseShare',
  'ranking:model:clicksPerSession',
  'ranking:model:purchasesPerSession',
  'ranking:model:revenuePerSession',
  'ranking:popularity:ndcg',
  'ranking:popularity:truePurchase',
  'ranking:cold-fallback:ndcg',
  'ranking:cold-fallback:truePurchase',
  'training:bestEpoch',
  'training:gradientCosine',
] as const;

/** Outcomes of the fused list (no re-ranking) under each fusion preset: `preset:<preset>:<outcome>`. */
export const PRESET_OUTCOMES = ['clicks', 'purchases', 'revenue'] as const;

export interface SeedHooks extends RunHooks {
  /** Seed k + 1 of n starts (called for k ≥ 1; the first seed is the ordinary run). */
  onSeed?: (index: number, count: number) => void;
}

/** The numbers of one seed's run: the named run metrics, and per-session outcomes of each fusion preset. */
export async function seedValues(result: ExperimentResult, model: TrainedModel | null, offset: number): Promise<SeedValues> {
  const values: Record<string, number> = {};
  for (const name of REPLICATE_METRICS) {
    if (!isRunMetric(name)) throw new Error(`unknown metric ${name}`);
    const v = readResultMetric(result, name);
    if (Number.isFinite(v)) values[name] = v;
  }
  if (model?.world && result.evaluation) {
    for (const [preset, w] of Object.entries(FUSION_PRESETS)) {
      const ranking = { ...result.config.ranking, fusionClick: w.a, fusionPurchase: w.b, fusionPrice: w.c };
      const o = await rankingOutcomes(model, ranking, result.config.evaluation.k);
      for (const field of PRESET_OUTCOMES) values[`preset:${preset}:${field}`] = o.fused[field];
    }
  }
  return { offset, worldSeed: result.config.world.seed, trainingSeed: result.config.training.seed, values };
}

/** Mean and interval of every metric present on at least one seed. */
export function summarise(seeds: SeedValues[], requested: number): Replicates {
  const names = new Set(seeds.flatMap((s) => Object.keys(s.values)));
  const summary: Replicates['summary'] = {};
  for (const name of names) summary[name] = meanInterval(seeds.map((s) => s.values[name] ?? Number.NaN));
  return { requested, seeds, summary };
}

/**
 * Trains the config on `training.seeds` seeds. Returns the first seed's result (with `replicates`
 * when there is more than one seed) and its model; the other seeds' models are released at once.
 */
export async function trainWithSeeds(input: unknown, hooks: SeedHooks = {}, backend: BackendOptions = {}): Promise<{ result: ExperimentResult; model: TrainedModel | null }> {
  const config = parseExperimentConfig(input);
  const n = config.training.seeds;
  const first = await trainExperiment(config, hooks, backend);
  if (n <= 1) return first;
  const seeds: SeedValues[] = [];
  const stopped = () => hooks.control?.isCancelled === true || hooks.isCancelled?.() === true;
  if (first.result.evaluation && first.result.training.status !== 'cancelled') {
    seeds.push(await seedValues(first.result, first.model, 0));
    for (let k = 1; k < n && !stopped(); k++) {
      hooks.onSeed?.(k + 1, n);
      const { result, model } = await trainExperiment(offsetSeeds(config, k), { onStage: hooks.onStage, control: hooks.control, isCancelled: hooks.isCancelled }, backend);
      try {
        if (result.training.status === 'cancelled') break;
        if (result.evaluation) seeds.push(await seedValues(result, model, k));
      } finally {
        model?.dispose();
      }
    }
  }
  first.result.replicates = summarise(seeds, n);
  return first;
}
