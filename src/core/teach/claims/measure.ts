/**
 * Measuring claims on one seed: every side of every claim becomes a full config with the seed set on
 * both the world and the initialisation (world.seed = training.seed = seed), configs that train the
 * same model are trained once, and each side's metric is read from the run (or, for ranking
 * outcomes, from the trained model under that side's ranking section).
 */
import type { BackendOptions } from '../../engine/backends';
import { deepMerge } from '../../config/merge';
import { parseExperimentConfig, type ExperimentConfig } from '../../experiment/config';
import { trainExperiment, type ExperimentResult } from '../../experiment/run';
import type { TrainedModel } from '../../experiment/trained';
import { pickShoppers } from '../../eval/ranking';
import { intraListDiversity } from '../../metrics';
import { expectedOutcome } from '../../online/simulate';
import { candidatesFor, checkListSize, historyCategories, rerankCandidates } from '../../rerank/apply';
import { operatingKnob, type RankingConfig } from '../../rerank/config';
import { itemVectorList, ResponseModel } from '../../world';
import type { Claim, ClaimSide } from './types';
import { claimEffect } from './verdict';

const TASK_FIELDS = ['auc', 'gauc', 'ece', 'logLoss', 'mse'] as const;
const POLICY_FIELDS = ['ndcg', 'truePurchase', 'recall', 'coverage', 'diversity', 'truePurchaseShare'] as const;
const ONLINE_FIELDS = ['clicks', 'purchases', 'revenue', 'diversity'] as const;

/**
 * The metric names a claim side may read:
 * - `<auc|gauc|ece|logLoss|mse>:<task>`: a test metric of one task (`click`, `purchase`, `y1`, `y2`);
 *   `mse:mean` is the mean MSE over the tasks;
 * - `share:<task>`: the model's share of the gap from chance to the truth on that task;
 * - `conversion:<clickedBias|unclickedBias>`: |mean pCVR − mean true conversion| of a funnel model
 *   on clicked or unclicked test impressions (see `ConversionCheck`);
 * - `ranking:<policy>:<ndcg|truePurchase|recall|coverage|diversity|truePurchaseShare>`: the
 *   whole-catalogue top K of `model`, `popularity`, `random`, `oracle` or `cold-fallback`;
 * - `online:<fused|reranked>:<clicks|purchases|revenue|diversity>`: per session, closed form, for the
 *   side's ranking section: the fused list, or the list re-ranked at the operating point;
 * - `logLossGain:<task>`: (base-rate log loss − log loss) / base-rate log loss of a binary task;
 * - `training:bestEpoch`, `training:gradientCosine`, `training:valLossRise` (the last epoch's summed
 *   validation loss over its lowest, minus 1: how far a run overfitted past its best epoch);
 * - `const:<number>`: that number, for claims about one run's value ("at least 5% below the base
 *   rate": base `const:0.05`, variant the measured gain).
 */
export function isClaimMetric(name: string): boolean {
  const [a, b, c] = name.split(':');
  if ((TASK_FIELDS as readonly string[]).includes(a)) return b !== undefined && c === undefined;
  if (a === 'share') return b !== undefined && c === undefined;
  if (a === 'conversion') return ['clickedBias', 'unclickedBias'].includes(b) && c === undefined;
  if (a === 'const') return b !== undefined && b.trim() !== '' && Number.isFinite(Number(b)) && c === undefined;
  if (a === 'logLossGain') return b !== undefined && c === undefined;
  if (a === 'ranking') return ['model', 'popularity', 'random', 'oracle', 'cold-fallback'].includes(b) && (POLICY_FIELDS as readonly string[]).includes(c);
  if (a === 'online') return ['fused', 'reranked'].includes(b) && (ONLINE_FIELDS as readonly string[]).includes(c);
  return name === 'training:bestEpoch' || name === 'training:gradientCosine' || name === 'training:valLossRise';
}

/**
 * Sizes that make every claim train in about a second: for checking the plumbing in unit tests,
 * never for judging a claim (the effects are not expected to show at this size).
 */
function tinySizes(config: Record<string, unknown>): Record<string, unknown> {
  const world = (config.world ?? {}) as Record<string, unknown>;
  if (world.kind === 'mmoe') return { world: { numSamples: 600 }, training: { epochs: 2, patience: 0 } };
  return {
    world: { numShoppers: 150, numItems: 80 },
    training: { epochs: 1, batchSize: 512 },
    evaluation: { rankShoppers: 30 },
    ranking: { shoppers: 20, candidates: 20 },
  };
}

/**
 * A side's partial config with the seed on both the world and the initialisation, validated;
 * `tiny` shrinks it for plumbing tests (see `tinySizes`).
 */
export function seededConfig(side: Pick<ClaimSide, 'config'>, seed: number, tiny = false): ExperimentConfig {
  const seeded = deepMerge(side.config, { world: { seed }, training: { seed } });
  return parseExperimentConfig(tiny ? deepMerge(seeded, tinySizes(side.config)) : seeded);
}

/** What identifies a trained model: everything but the ranking section, backend and telemetry. */
function trainingKey(c: ExperimentConfig): string {
  const { ranking: _ranking, ...rest } = c;
  return JSON.stringify({ ...rest, training: { ...rest.training, backend: null, telemetryEvery: null } });
}

/** A number read from a finished run; NaN when the run does not have it. */
export function readResultMetric(result: ExperimentResult, name: string): number {
  const [a, b, c] = name.split(':');
  if (a === 'const') return Number(b);
  const ev = result.evaluation;
  if (!ev) return Number.NaN;
  if ((TASK_FIELDS as readonly string[]).includes(a)) {
    const field = a as (typeof TASK_FIELDS)[number];
    const value = (t: (typeof ev.tasks)[number]) => (field === 'gauc' ? (t.gauc?.value ?? null) : t[field]);
    if (b === 'mean') {
      const vs = ev.tasks.map(value);
      return vs.every((v) => v !== null) ? (vs as number[]).reduce((x, y) => x + y, 0) / vs.length : Number.NaN;
    }
    const t = ev.tasks.find((x) => x.task === b);
    return t ? (value(t) ?? Number.NaN) : Number.NaN;
  }
  if (a === 'share') return ev.truth.find((t) => t.task === b)?.modelShare ?? Number.NaN;
  if (a === 'logLossGain') {
    const t = ev.tasks.find((x) => x.task === b);
    return t && t.logLoss !== null && t.baseRateLogLoss ? (t.baseRateLogLoss - t.logLoss) / t.baseRateLogLoss : Number.NaN;
  }
  if (a === 'conversion') {
    const v = ev.conversion?.[b as keyof NonNullable<typeof ev.conversion>];
    return v === undefined ? Number.NaN : Math.abs(v);
  }
  if (a === 'ranking') {
    const p = ev.ranking?.policies.find((x) => x.policy === b);
    if (!p) return Number.NaN;
    const v = p[c as (typeof POLICY_FIELDS)[number]];
    return typeof v === 'number' ? v : v === null ? Number.NaN : v.value;
  }
  if (name === 'training:bestEpoch') return result.training.bestEpoch ?? Number.NaN;
  if (name === 'training:gradientCosine') return result.training.meanGradientCosine ?? Number.NaN;
  if (name === 'training:valLossRise') {
    const sums = result.training.epochs.map((e) => e.validationLoss.reduce((x, y) => x + y, 0));
    return sums.length ? sums[sums.length - 1] / Math.min(...sums) - 1 : Number.NaN;
  }
  return Number.NaN;
}

/** Outcomes per session of the fused and the re-ranked lists under one ranking section. */
export interface RankingOutcomes {
  fused: Record<(typeof ONLINE_FIELDS)[number], number>;
  reranked: Record<(typeof ONLINE_FIELDS)[number], number>;
}

/**
 * Closed-form expected clicks, purchases and revenue per session (the simulated online test's
 * expectation, no sampling noise) and intra-list diversity, averaged over the ranking section's
 * shopper sample, for the fused list and for the list re-ranked at the operating point.
 */
export async function rankingOutcomes(model: TrainedModel, ranking: RankingConfig, k: number): Promise<RankingOutcomes> {
  const world = model.world;
  if (!world) throw new Error('Ranking outcomes need a model of the shopper world.');
  const M = checkListSize(world, k, ranking.candidates);
  const shoppers = pickShoppers(world, ranking.shoppers, world.config.seed);
  const cands = await candidatesFor(model, shoppers, ranking, M);
  const vectors = itemVectorList(world.catalog);
  const history = historyCategories(world);
  const truth = new ResponseModel(world);
  const knob = operatingKnob(ranking);
  const judge = (lists: number[][]) => {
    const sum = { clicks: 0, purchases: 0, revenue: 0, diversity: 0 };
    lists.forEach((list, j) => {
      const o = expectedOutcome(world, shoppers[j], list, truth);
      sum.clicks += o.clicks;
      sum.purchases += o.purchases;
      sum.revenue += o.revenue;
      sum.diversity += intraListDiversity(list, vectors);
    });
    const n = Math.max(lists.length, 1);
    return { clicks: sum.clicks / n, purchases: sum.purchases / n, revenue: sum.revenue / n, diversity: sum.diversity / n };
  };
  return {
    fused: judge(cands.map((c) => c.items.slice(0, k))),
    reranked: judge(cands.map((c) => rerankCandidates(world, c, ranking.method, knob, k, vectors, history[c.shopper]))),
  };
}

/** Progress of one seed: which run of how many is training. */
export type MeasureProgress = (done: number, total: number, label: string) => void;

/**
 * Measures every claim on one seed: each distinct model trained once. Returns each claim's effect
 * on this seed (NaN when a side's metric is missing, e.g. the run diverged).
 */
export async function measureSeed(
  claims: readonly Claim[],
  seed: number,
  options: { backend?: BackendOptions; tiny?: boolean; onRun?: MeasureProgress } = {},
): Promise<Map<string, number>> {
  interface Request {
    config: ExperimentConfig;
    metric: string;
    value: number;
  }
  const groups = new Map<string, Request[]>();
  const requestOf = new Map<string, Request>();
  for (const claim of claims) {
    claim.comparisons.forEach((cmp, k) => {
      for (const side of ['base', 'variant'] as const) {
        const config = seededConfig(cmp[side], seed, options.tiny);
        const req: Request = { config, metric: cmp[side].metric, value: Number.NaN };
        const key = trainingKey(config);
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key)!.push(req);
        requestOf.set(`${claim.id}|${k}|${side}`, req);
      }
    });
  }
  let done = 0;
  for (const requests of groups.values()) {
    options.onRun?.(done, groups.size, requests[0].config.model.architecture);
    const { result, model } = await trainExperiment(requests[0].config, {}, options.backend ?? {});
    try {
      const outcomes = new Map<string, RankingOutcomes>();
      for (const req of requests) {
        const [a, list, field] = req.metric.split(':');
        if (a !== 'online') {
          req.value = readResultMetric(result, req.metric);
          continue;
        }
        if (!model) continue;
        const key = JSON.stringify(req.config.ranking);
        if (!outcomes.has(key)) outcomes.set(key, await rankingOutcomes(model, req.config.ranking, req.config.evaluation.k));
        req.value = outcomes.get(key)![list as 'fused' | 'reranked'][field as (typeof ONLINE_FIELDS)[number]];
      }
    } finally {
      model?.dispose();
    }
    done++;
  }
  options.onRun?.(done, groups.size, 'done');
  return new Map(claims.map((claim) => [claim.id, claimEffect(claim, (k, side) => requestOf.get(`${claim.id}|${k}|${side}`)!.value)]));
}

/** Distinct models one seed of these claims trains (what a seed costs). */
export function runsPerSeed(claims: readonly Claim[]): number {
  const keys = new Set<string>();
  for (const claim of claims) for (const cmp of claim.comparisons) for (const side of [cmp.base, cmp.variant]) keys.add(trainingKey(seededConfig(side, 0)));
  return keys.size;
}
