/**
 * What a ranking section earns from a trained model, per session in closed form: the fused list and
 * the list re-ranked at the operating point, shown to the ranking section's shopper sample.
 */
import type { TrainedModel } from '../experiment/trained';
import { ONLINE_FIELDS } from '../experiment/metrics';
import { pickShoppers } from '../eval/ranking';
import { intraListDiversity } from '../metrics';
import { expectedOutcome } from '../online/simulate';
import { itemVectorList, ResponseModel } from '../world';
import { candidatesFor, checkListSize, historyCategories, rerankCandidates } from './apply';
import { knobGrid, operatingKnob, type RankingConfig } from './config';

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
  const curve = await curveOutcomes(model, ranking, k, [operatingKnob(ranking)]);
  return { fused: curve.fused, reranked: curve.points[0].outcome };
}

/** Outcomes of the fused list and of the list re-ranked at each knob value (see `rankingOutcomes`). */
export interface CurveOutcomes {
  fused: RankingOutcomes['fused'];
  points: Array<{ knob: number; outcome: RankingOutcomes['fused'] }>;
}

/**
 * The best diversity a re-ranking curve buys within a purchase budget: over the knob grid of the
 * ranking section's method (`knobGrid`), the largest relative diversity gain
 * ILD_knob / ILD_fused − 1 among the points whose purchases per session fall by at most `maxLoss`
 * (purchases_knob / purchases_fused − 1 ≥ −maxLoss); 0 when only the un-re-ranked list qualifies.
 * What a learner choosing an operating point on the curve can reach.
 */
export async function bestDiversityGain(model: TrainedModel, ranking: RankingConfig, k: number, maxLoss: number): Promise<number> {
  const c = await curveOutcomes(model, ranking, k, knobGrid(ranking, k));
  let best = 0;
  for (const p of c.points) {
    if (p.outcome.purchases / c.fused.purchases - 1 >= -maxLoss) best = Math.max(best, p.outcome.diversity / c.fused.diversity - 1);
  }
  return best;
}

/** Judges the fused list and the re-ranked list at each of `knobs` (candidates scored once). */
export async function curveOutcomes(model: TrainedModel, ranking: RankingConfig, k: number, knobs: number[]): Promise<CurveOutcomes> {
  const world = model.world;
  if (!world) throw new Error('Ranking outcomes need a model of the shopper world.');
  const M = checkListSize(world, k, ranking.candidates);
  const shoppers = pickShoppers(world, ranking.shoppers, world.config.seed);
  const cands = await candidatesFor(model, shoppers, ranking, M);
  const vectors = itemVectorList(world.catalog);
  const history = historyCategories(world);
  const truth = new ResponseModel(world);
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
    points: knobs.map((knob) => ({ knob, outcome: judge(cands.map((c) => rerankCandidates(world, c, ranking.method, knob, k, vectors, history[c.shopper]))) })),
  };
}

