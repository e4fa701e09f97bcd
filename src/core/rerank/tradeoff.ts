/**
 * Re-ranking trade-off curves for a trained model. For a seeded sample of test shoppers the fused
 * score ranks the catalogue, the top M are re-ranked at each knob value (λ, θ or the cap), and each
 * resulting policy is judged twice:
 * - offline, like the model's own ranking (`judgeLists`): NDCG@K against test clicks, ILD,
 *   coverage, novelty, Gini, calibration KL;
 * - online, in the simulated online test (`simulateOnline`): expected clicks, purchases and revenue
 *   per session under the world's position bias, with 95% intervals.
 * The un-re-ranked fused ranking ('model'), popularity and random are judged the same way as
 * references, and `compareRankings` shows where offline and online order the policies differently.
 */
import { referenceLists, REFERENCE_POLICIES } from '../baselines';
import { judgeLists, pickShoppers, trainClickCounts, type JudgeContext, type PolicyEvaluation } from '../eval/ranking';
import type { TrainedModel } from '../experiment/trained';
import { simulateOnline, type OnlineResult } from '../online/simulate';
import { itemVectorList, ResponseModel } from '../world';
import { candidatesFor, checkKnobs, checkListSize, historyCategories, rerankCandidates } from './apply';
import { KNOBS, type RankingConfig, type RerankMethod } from './config';
import { compareRankings, type Disagreement } from './disagreement';
import { RerankError } from './rerankers';

export interface TradeoffOptions {
  ranking: RankingConfig;
  /** Knob values of the curve (see `knobGrid`). */
  knobs: number[];
  k: number;
  /**
   * Seed of the shopper sample, the random reference and the simulated sessions: the world's seed
   * (callers pass `config.world.seed`), so a new initialisation seed judges the same shoppers.
   */
  seed: number;
  /** Called with the fraction done, in [0, 1]; may return a promise (to yield to the event loop). */
  onProgress?: (fraction: number) => Promise<void> | void;
}

/** One policy judged offline and online. `knob` is null for the references. */
export interface PolicyOutcome {
  policy: string;
  knob: number | null;
  evaluation: PolicyEvaluation;
  online: OnlineResult;
}

export interface TradeoffResult {
  method: RerankMethod;
  /** The knob's symbol (λ, θ, cap). */
  symbol: string;
  k: number;
  candidates: number;
  shoppers: number;
  sessions: number;
  /** One per knob value, in the order given. */
  points: PolicyOutcome[];
  /** The fused ranking without re-ranking ('model'), then every reference (`REFERENCE_POLICIES`). */
  references: PolicyOutcome[];
  /** Offline (NDCG@K) against online (expected purchases) ranking of every policy above. */
  disagreement: Disagreement;
}

export async function rerankTradeoff(model: TrainedModel, o: TradeoffOptions): Promise<TradeoffResult> {
  const world = model.world;
  if (!world) throw new RerankError('Re-ranking needs a model of the shopper world.');
  const { ranking: r, k } = o;
  const M = checkListSize(world, k, r.candidates);
  checkKnobs(r.method, o.knobs);
  const shoppers = pickShoppers(world, r.shoppers, o.seed);
  if (shoppers.length === 0) throw new RerankError('This world has no test shoppers to rank.');
  const vectors = itemVectorList(world.catalog);
  const itemCounts = trainClickCounts(world);
  const history = historyCategories(world);
  const { symbol } = KNOBS[r.method];

  // Scoring is most of the work: 80% of the progress bar, re-ranking and judging the rest.
  const cands = await candidatesFor(model, shoppers, r, M, (done) => o.onProgress?.((0.8 * done) / shoppers.length));
  const base = cands.map((c) => c.items.slice(0, k));
  const perKnob = o.knobs.map((knob) => cands.map((c) => rerankCandidates(world, c, r.method, knob, k, vectors, history[c.shopper])));
  await o.onProgress?.(0.9);

  const context: JudgeContext = { world, shoppers, k, truth: new ResponseModel(world), vectors, itemCounts };
  const judge = (policy: string, knob: number | null, lists: number[][]): PolicyOutcome => ({
    policy,
    knob,
    evaluation: judgeLists(context, policy, lists),
    online: simulateOnline(world, shoppers, lists, { sessions: r.sessions, seed: o.seed, stream: `online-test:${policy}` }),
  });
  const points = o.knobs.map((knob, j) => judge(`${r.method} ${symbol} = ${knob}`, knob, perKnob[j]));
  // The baselines (one place: core/baselines); the random list keeps the trade-off's own stream.
  const references = [judge('model', null, base), ...REFERENCE_POLICIES.map((p) => judge(p, null, referenceLists(p, { world, shoppers, k, seed: o.seed, randomStream: 'tradeoff-random' })))];
  await o.onProgress?.(1);
  const disagreement = compareRankings(
    [...points, ...references].map((p) => ({
      policy: p.policy,
      offline: p.evaluation.ndcg.value,
      online: p.online.expected.purchases,
      onlineLo: p.online.simulated.purchases.lo,
      onlineHi: p.online.simulated.purchases.hi,
    })),
  );
  return { method: r.method, symbol, k, candidates: M, shoppers: shoppers.length, sessions: r.sessions, points, references, disagreement };
}
