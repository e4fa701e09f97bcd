/**
 * Measuring claims on one seed: every side of every claim becomes a full config with the seed set on
 * both the world and the initialisation (world.seed = training.seed = seed), configs that train the
 * same model are trained once, and each side's metric is read from the run (or, for ranking
 * outcomes, from the trained model under that side's ranking section).
 */
import type { BackendOptions } from '../../engine/backends';
import { deepMerge } from '../../config/merge';
import { parseExperimentConfig, type ExperimentConfig } from '../../experiment/config';
import { evaluateAtWeights, trainExperiment, WorldKeeper, type ExperimentResult } from '../../experiment/run';
import { ONLINE_FIELDS, readResultMetric } from '../../experiment/metrics';
import { knobGrid } from '../../rerank/config';
import { bestDiversityGain, rankingOutcomes, type RankingOutcomes } from '../../rerank/outcomes';
import { bestGainWithin } from '../../rerank/summary';
import { rerankTradeoff } from '../../rerank/tradeoff';
import { recallNdcgPairOf } from '../exercises/ranking';
import type { Claim, ClaimSide } from './types';
import { claimEffect } from './verdict';

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
  // Runs on this seed's world share it (generated once; results equal a fresh world's, tested).
  const worlds = new WorldKeeper();
  for (const requests of groups.values()) {
    options.onRun?.(done, groups.size, requests[0].config.model.architecture);
    const { result, model } = await trainExperiment(requests[0].config, { worlds }, options.backend ?? {});
    try {
      const outcomes = new Map<string, RankingOutcomes>();
      /** This run's model moved to other weights (`at:` metrics), by weights. */
      const moved = new Map<string, ExperimentResult>();
      for (const req of requests) {
        const [a, list, field] = req.metric.split(':');
        if (a === 'at') {
          // A conditioned run's one model, evaluated at other weights without retraining.
          if (model) {
            if (!moved.has(list)) {
              const m = await evaluateAtWeights(model, result, list.split(',').map(Number), { worlds });
              m.model.dispose();
              moved.set(list, m.result);
            }
            req.value = readResultMetric(moved.get(list)!, req.metric.split(':').slice(2).join(':'));
          }
          continue;
        }
        if (a === 'tradeoff') {
          if (model?.world) {
            const [, gain, cost, limit] = req.metric.split(':');
            const c = req.config;
            const t = await rerankTradeoff(model, { ranking: c.ranking, knobs: knobGrid(c.ranking, c.evaluation.k), k: c.evaluation.k, seed: c.world.seed });
            if (gain === 'recallNdcgGap') {
              const pair = recallNdcgPairOf(t);
              req.value = pair ? pair[1].evaluation.ndcg.value - pair[0].evaluation.ndcg.value : 0;
            } else {
              req.value = bestGainWithin(t, gain as 'diversity' | 'calibrationCut', cost as 'purchases' | 'ndcg', Number(limit));
            }
          }
          continue;
        }
        if (a === 'frontier') {
          if (model) req.value = await bestDiversityGain(model, req.config.ranking, req.config.evaluation.k, Number(field));
          continue;
        }
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
