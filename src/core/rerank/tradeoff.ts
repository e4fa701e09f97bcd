/**
 * Re-ranking trade-off curves for a trained model: for test shoppers, the fused model score ranks
 * the catalogue, the top `candidates` are re-ranked at each knob value (λ or θ), and each policy is
 * judged like the model's own ranking (offline NDCG against test clicks, the truth — expected
 * purchases per slot under position bias — ILD, coverage, novelty, Gini, calibration KL), beside
 * the un-re-ranked model, popularity and random references.
 */
import { judgeLists, pickShoppers, trainClickCounts, type JudgeContext, type PolicyEvaluation } from '../eval/ranking';
import type { TrainedModel } from '../experiment/trained';
import { Rng } from '../random';
import { itemVectorList, ResponseModel, SPLIT } from '../world';
import { fuseScores, type FusionWeights } from './fusion';
import { calibrated, categoryCap, dppGreedy, mmr, relevanceOrder } from './rerankers';

export const RERANK_METHODS = ['mmr', 'dpp', 'calibrated', 'cap'] as const;
export type RerankMethod = (typeof RERANK_METHODS)[number];

export interface TradeoffOptions {
  method: RerankMethod;
  /** λ (mmr, calibrated), θ (dpp) or the per-category cap (cap), one curve point each. */
  knobs: number[];
  k: number;
  /** Candidates re-ranked per shopper: the top M by fused score. */
  candidates: number;
  maxShoppers: number;
  fusion: FusionWeights;
  seed: number;
}

export interface TradeoffResult {
  method: RerankMethod;
  k: number;
  shoppers: number;
  points: Array<{ knob: number; evaluation: PolicyEvaluation }>;
  /** The model's own top K (no re-ranking), popularity and random. */
  references: PolicyEvaluation[];
}

export async function rerankTradeoff(model: TrainedModel, o: TradeoffOptions): Promise<TradeoffResult> {
  const world = model.world;
  if (!world) throw new Error('Re-ranking needs a model of the shopper world.');
  const { log, catalog } = world;
  const I = catalog.numItems;
  if (!Number.isInteger(o.k) || o.k < 1 || o.k > I) throw new Error(`K must be an integer from 1 to the catalogue size ${I}, got ${o.k}.`);
  const M = Math.min(o.candidates, I);
  if (!Number.isInteger(o.candidates) || M < o.k) throw new Error(`Candidates (${o.candidates}) must be an integer of at least K (${o.k}).`);
  if (o.knobs.length === 0) throw new Error('Give at least one knob value.');
  const shoppers = pickShoppers(world, o.maxShoppers, o.seed);
  const vectors = itemVectorList(catalog);
  const itemCounts = trainClickCounts(world);
  const history: number[][] = Array.from({ length: world.shoppers.numShoppers }, () => []);
  for (let r = 0; r < log.size; r++) {
    if (log.split[r] === SPLIT.train && log.click[r]) history[log.shopper[r]].push(catalog.itemCategory[log.item[r]]);
  }
  const base: number[][] = [];
  const perKnob: number[][][] = o.knobs.map(() => []);
  for (const u of shoppers) {
    const [pc, pp] = await model.predictPairs(new Int32Array(I).fill(u), Int32Array.from({ length: I }, (_, i) => i));
    const fused = fuseScores(pc, pp, catalog.itemPrice, o.fusion);
    const cand = relevanceOrder(fused).slice(0, M);
    const rel = Float64Array.from(cand, (i) => fused[i]);
    const vec = cand.map((i) => vectors[i]);
    const cats = Int32Array.from(cand, (i) => catalog.itemCategory[i]);
    base.push(cand.slice(0, o.k));
    o.knobs.forEach((knob, j) => {
      const picked =
        o.method === 'mmr'
          ? mmr(rel, vec, o.k, knob)
          : o.method === 'dpp'
            ? dppGreedy(rel, vec, o.k, knob)
            : o.method === 'calibrated'
              ? calibrated(rel, cats, history[u], catalog.numCategories, o.k, knob)
              : categoryCap(rel, cats, o.k, knob);
      perKnob[j].push(picked.map((m) => cand[m]));
    });
  }
  const context: JudgeContext = { world, shoppers, k: o.k, truth: new ResponseModel(world), vectors, itemCounts };
  const popular = relevanceOrder(itemCounts).slice(0, o.k);
  const rng = Rng.stream(o.seed, 'tradeoff-random');
  const random = shoppers.map(() => Array.from(rng.shuffle(Int32Array.from({ length: I }, (_, i) => i)).subarray(0, o.k)));
  return {
    method: o.method,
    k: o.k,
    shoppers: shoppers.length,
    points: o.knobs.map((knob, j) => ({ knob, evaluation: judgeLists(context, `${o.method} ${knob}`, perKnob[j]) })),
    references: [judgeLists(context, 'model', base), judgeLists(context, 'popularity', shoppers.map(() => popular)), judgeLists(context, 'random', random)],
  };
}
