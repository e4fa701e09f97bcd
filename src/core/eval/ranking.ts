/**
 * Whole-catalogue ranking for test shoppers: the model's top K against the reference baselines
 * (core/baselines: popularity, random, mf, item-kNN, content) and the oracle (and, when cold-start
 * shoppers are ranked, the model with a popularity fallback for them), judged on the test log
 * (accuracy), on item attributes and training counts (beyond accuracy), and on the world's ground
 * truth (what the shoppers would really do).
 *
 * - Ranking score: the model's P(purchase | impression).
 * - Relevance: items the shopper clicked in the test split (graded 2 if also purchased, for NDCG).
 * - Truth: the mean over the top K of the true P(click at its position) × P(purchase | click).
 */
import type { ShopperEncoder } from '../features';
import {
  averagePopularity,
  calibrationKl,
  catalogCoverage,
  giniIndex,
  hitRateAtK,
  intraListDiversity,
  longTailShare,
  mrrAtK,
  ndcgAtK,
  novelty,
  recallAtK,
  serendipity,
} from '../metrics';
import { referenceLists, REFERENCE_POLICIES } from '../baselines';
import { trainClickCounts } from '../baselines/interactions';
import { topK } from '../metrics/argsort';
import { Rng } from '../random';
import { itemVectorList, ResponseModel, sigmoid, SPLIT, type ShopperWorld } from '../world';
import { meanDefined, type DefinedMean } from './pointwise';
import { gapShare } from './truth';

/** Policy name of the model's ranking with the popularity list for cold-start shoppers. */
export const COLD_FALLBACK = 'cold-fallback';
/**
 * Policy name of the ceiling: each shopper's items ranked by their true P(click at position 1) ×
 * P(purchase | click). The position penalty is the same for every item at a given place, so this
 * is (to within the position term's interaction with the sigmoid) the most purchases any list can
 * expect: the ceiling of `truePurchase`.
 */
export const ORACLE = 'oracle';

export interface PolicyEvaluation {
  /** 'model', a reference (`REFERENCE_POLICIES`: 'popularity', 'random', 'mf', 'item-knn', 'content'), 'oracle' (see `ORACLE`), 'cold-fallback' (see `COLD_FALLBACK`), or a re-ranked policy's name. */
  policy: string;
  ndcg: DefinedMean;
  recall: DefinedMean;
  hitRate: DefinedMean;
  mrr: DefinedMean;
  /** Mean true purchase probability per impression of the top K (ground truth). */
  truePurchase: DefinedMean;
  /** Mean true click probability of the top K at their positions (ground truth). */
  trueClick: DefinedMean;
  /**
   * What one session showing the list would bring, in closed form from the world's probabilities
   * with position bias (the expectation of the simulated online test), averaged over shoppers:
   * clicks Σ_p P(click at p), purchases Σ_p P(click at p)·P(buy | click), revenue Σ_p P(buy)·price.
   */
  perSession: { clicks: number; purchases: number; revenue: number };
  /**
   * Share of the gap from the random policy to the oracle that this policy's `truePurchase`
   * closes: (tp − tp_random) / (tp_oracle − tp_random) (`gapShare`); null where no oracle or
   * random policy was judged beside it (re-ranked policies in a trade-off).
   */
  truePurchaseShare: number | null;
  diversity: DefinedMean;
  novelty: number;
  coverage: number;
  gini: number;
  averagePopularity: number;
  longTailShare: number;
  calibrationKl: DefinedMean;
  serendipity: DefinedMean;
}

export interface RankingEvaluation {
  k: number;
  split: 'test';
  /** Test shoppers ranked. */
  shoppers: number;
  policies: PolicyEvaluation[];
}

/**
 * Scores every (shopper, item) pair of `shoppers` × the catalogue: a [shoppers × items] matrix,
 * shopper-major (the model's P(purchase | impression) at position 1; `TrainedModel.scoreCatalog`).
 */
export type CatalogScorer = (shoppers: number[]) => Promise<Float32Array>;

/** Every (shopper, item) pair of `shoppers` × the catalogue, shopper-major: item = row mod |I|. */
export function catalogPairs(shoppers: readonly number[], numItems: number): { shopper: Int32Array; item: Int32Array } {
  const shopper = new Int32Array(shoppers.length * numItems);
  const item = new Int32Array(shoppers.length * numItems);
  shoppers.forEach((u, j) => {
    shopper.fill(u, j * numItems, (j + 1) * numItems);
    for (let i = 0; i < numItems; i++) item[j * numItems + i] = i;
  });
  return { shopper, item };
}

// Training clicks per item live with the baselines that rank by them (one cache per world).
export { trainClickCounts };

/** Test shoppers to rank: those with test impressions, a seeded sample of `max` when more. */
export function pickShoppers(world: ShopperWorld, max: number, seed: number): number[] {
  const { log } = world;
  const withTest: number[] = [];
  for (let u = 0; u < world.shoppers.numShoppers; u++) {
    let any = false;
    for (let r = log.shopperStart[u]; r < log.shopperStart[u + 1] && !any; r++) any = log.split[r] === SPLIT.test;
    if (any) withTest.push(u);
  }
  if (withTest.length <= max) return withTest;
  const rng = Rng.stream(seed, 'eval-shoppers');
  return Array.from(rng.shuffle(Int32Array.from(withTest)).subarray(0, max)).sort((a, b) => a - b);
}

/** Shopper × item pairs scored at once when ranking the catalogue (bounds evaluation memory). */
export const RANKING_CHUNK_PAIRS = 100_000;

export async function evaluateRanking(
  world: ShopperWorld,
  encoder: ShopperEncoder,
  score: CatalogScorer,
  options: { k: number; maxShoppers: number; seed: number; onProgress?: (fraction: number) => void },
): Promise<RankingEvaluation> {
  const { catalog } = world;
  const I = catalog.numItems;
  const k = Math.min(options.k, I);
  const shoppers = pickShoppers(world, options.maxShoppers, options.seed);
  const context = judgeContext(world, shoppers, k);
  const popularList = topK(Float32Array.from(context.itemCounts), 0, I, k);

  // Model scores for every ranked shopper × item, in chunks of about RANKING_CHUNK_PAIRS pairs to
  // bound memory whatever the catalogue's size (100 shoppers of the default 1,000-item catalogue).
  const modelLists: number[][] = [];
  const CHUNK = Math.max(1, Math.floor(RANKING_CHUNK_PAIRS / I));
  for (let c = 0; c < shoppers.length; c += CHUNK) {
    // Model scoring is the first 60% of the work, the world's own ranking (the oracle) the rest.
    options.onProgress?.((0.6 * c) / shoppers.length);
    const part = shoppers.slice(c, c + CHUNK);
    const scores = await score(part);
    if (scores.length !== part.length * I) throw new Error(`the scorer gave ${scores.length} scores for ${part.length} shoppers × ${I} items`);
    part.forEach((_, j) => modelLists.push(topK(scores, j * I, I, k)));
  }

  const references = referencePolicies(context, options.seed, options.onProgress && ((f) => options.onProgress!(0.6 + 0.35 * f)));
  const judged = [judgeLists(context, 'model', modelLists), ...references.map((p) => ({ ...p }))];
  // The usual cold-start fallback: shoppers the model never saw get the popularity list. Judged
  // only when some ranked shopper is cold (else it is the model's ranking again).
  const cold = shoppers.map((u) => encoder.shopperIndex[u] === 0);
  if (cold.some(Boolean)) judged.push(judgeLists(context, COLD_FALLBACK, shoppers.map((_, j) => (cold[j] ? popularList : modelLists[j]))));
  const tpOf = (name: string) => judged.find((p) => p.policy === name)!.truePurchase.value;
  for (const p of judged) p.truePurchaseShare = gapShare(p.truePurchase.value, tpOf('random'), tpOf(ORACLE));
  return { k, split: 'test', shoppers: shoppers.length, policies: judged };
}

/** What judging `shoppers`' lists of length `k` on `world` needs (truth, item vectors, training click counts). */
function judgeContext(world: ShopperWorld, shoppers: number[], k: number): JudgeContext {
  // Training clicks per item: the popularity and novelty references.
  return { world, shoppers, k, truth: new ResponseModel(world), vectors: itemVectorList(world.catalog), itemCounts: trainClickCounts(world) };
}

const referenceCache = new WeakMap<ShopperWorld, Map<string, PolicyEvaluation[]>>();

/** What a world's references are judged for: K, the seed and the ranked shoppers. */
function referenceKey(k: number, seed: number, shoppers: readonly number[]): string {
  return `${k}|${seed}|${shoppers.join(',')}`;
}

/**
 * A world's reference policies judged in one place (the page's second worker, while the first
 * trains) to be adopted by another copy of the same world (`adoptReferences`), so the evaluation
 * after training does not judge them itself. Plain data: it crosses a worker boundary.
 */
export interface JudgedReferences {
  /** `hashWorld` of the world they were judged on: only a world with the same fingerprint adopts them. */
  fingerprint: string;
  /** K, seed and ranked shoppers they were judged for (an evaluation asking for others judges its own). */
  key: string;
  policies: PolicyEvaluation[];
}

/**
 * Judges `world`'s reference policies for the evaluation `evaluateRanking(world, …, options)`
 * would run (the same shoppers, K and seed), or finds them already judged.
 */
export function judgeReferences(world: ShopperWorld, fingerprint: string, options: { k: number; maxShoppers: number; seed: number }): JudgedReferences {
  const k = Math.min(options.k, world.catalog.numItems);
  const shoppers = pickShoppers(world, options.maxShoppers, options.seed);
  const policies = referencePolicies(judgeContext(world, shoppers, k), options.seed);
  return { fingerprint, key: referenceKey(k, options.seed, shoppers), policies };
}

/**
 * Hands references judged on another copy of this world to its evaluation `evaluateRanking(world,
 * …, options)` (they are the same numbers: the judging is deterministic). Refused (false) when
 * `fingerprint`, this world's `hashWorld`, is not the one they were judged on, or when they were
 * judged for other shoppers, K or seed than `options` rank: true means that evaluation uses them.
 */
export function adoptReferences(world: ShopperWorld, fingerprint: string, judged: JudgedReferences, options: { k: number; maxShoppers: number; seed: number }): boolean {
  if (judged.fingerprint !== fingerprint) return false;
  const k = Math.min(options.k, world.catalog.numItems);
  if (judged.key !== referenceKey(k, options.seed, pickShoppers(world, options.maxShoppers, options.seed))) return false;
  let perWorld = referenceCache.get(world);
  if (!perWorld) referenceCache.set(world, (perWorld = new Map()));
  if (!perWorld.has(judged.key)) perWorld.set(judged.key, judged.policies);
  return true;
}

/**
 * The reference policies judged (`REFERENCE_POLICIES`: popularity, random, the collaborative-
 * filtering and content baselines; then `ORACLE`), in that order: they depend on the world, the
 * ranked shoppers, K and the seed, never on the model, so they are judged once per world and
 * reused by every model evaluated on it (a sweep's points; callers copy before writing).
 */
function referencePolicies(context: JudgeContext, seed: number, onProgress?: (fraction: number) => void): PolicyEvaluation[] {
  const { world, shoppers, k, truth } = context;
  let perWorld = referenceCache.get(world);
  if (!perWorld) referenceCache.set(world, (perWorld = new Map()));
  const key = referenceKey(k, seed, shoppers);
  let judged = perWorld.get(key);
  if (!judged) {
    const I = world.catalog.numItems;
    judged = REFERENCE_POLICIES.map((policy, j) => {
      onProgress?.((0.5 * j) / REFERENCE_POLICIES.length);
      return judgeLists(context, policy, referenceLists(policy, { world, shoppers, k, seed }));
    });
    judged.push(judgeLists(context, ORACLE, oracleLists(truth, shoppers, I, k, onProgress && ((f) => onProgress(0.5 + 0.5 * f)))));
    perWorld.set(key, judged);
  }
  return judged;
}

/** Each shopper's top k items by true purchase probability at position 1 (the `ORACLE` policy). */
export function oracleLists(truth: ResponseModel, shoppers: readonly number[], numItems: number, k: number, onProgress?: (fraction: number) => void): number[][] {
  const scores = new Float32Array(numItems);
  const every = Math.max(1, Math.floor(RANKING_CHUNK_PAIRS / numItems));
  return shoppers.map((u, j) => {
    if (onProgress && j % every === 0) onProgress(j / shoppers.length);
    for (let i = 0; i < numItems; i++) {
      // clickProb(u, i, 1) · purchaseGivenClickProb(u, i), the shared affinity computed once.
      const aff = truth.affinity(u, i);
      scores[i] = sigmoid(truth.clickLogit(u, i, 1, aff)) * truth.purchaseGivenClickFrom(u, i, aff);
    }
    return topK(scores, 0, numItems, k);
  });
}

/** What judging lists needs: the world, the shoppers (one list each), K, truth, vectors, click counts. */
export interface JudgeContext {
  world: ShopperWorld;
  shoppers: number[];
  k: number;
  truth: ResponseModel;
  vectors: Float32Array[];
  /** Training clicks per item (novelty, popularity). */
  itemCounts: Float64Array;
}

/** Judges one list per shopper of `context.shoppers` on the test log, beyond accuracy and truth. */
export function judgeLists(context: JudgeContext, policy: string, lists: number[][]): PolicyEvaluation {
  const { world, shoppers, k, truth, vectors, itemCounts } = context;
  const { log, catalog } = world;
  const I = catalog.numItems;
  const per = { ndcg: [] as number[], recall: [] as number[], hit: [] as number[], mrr: [] as number[], tp: [] as number[], tc: [] as number[], ild: [] as number[], kl: [] as number[], ser: [] as number[] };
  const session = { clicks: 0, purchases: 0, revenue: 0 };
  shoppers.forEach((u, j) => {
    const list = lists[j];
    const gain = new Map<number, number>();
    const history: number[] = [];
    for (let r = log.shopperStart[u]; r < log.shopperStart[u + 1]; r++) {
      if (!log.click[r]) continue;
      if (log.split[r] === SPLIT.test) gain.set(log.item[r], Math.max(gain.get(log.item[r]) ?? 0, 1 + log.purchase[r]));
      else if (log.split[r] === SPLIT.train && !history.includes(log.item[r])) history.push(log.item[r]);
    }
    const relevant = [...gain.keys()];
    // NDCG over the list itself: relevance of each listed item, in list order (scores k..1).
    per.ndcg.push(relevant.length ? ndcgListed(list, gain, relevant, k) : Number.NaN);
    per.recall.push(recallAtK(list, relevant, k));
    per.hit.push(relevant.length ? hitRateAtK(list, relevant, k) : Number.NaN);
    per.mrr.push(relevant.length ? mrrAtK(list, relevant, k) : Number.NaN);
    let tp = 0;
    let tc = 0;
    let rev = 0;
    list.forEach((i, pos) => {
      const pc = truth.clickProb(u, i, pos + 1);
      const pb = pc * truth.purchaseGivenClickProb(u, i);
      tc += pc;
      tp += pb;
      rev += pb * catalog.itemPrice[i];
    });
    per.tp.push(tp / list.length);
    per.tc.push(tc / list.length);
    session.clicks += tc / shoppers.length;
    session.purchases += tp / shoppers.length;
    session.revenue += rev / shoppers.length;
    per.ild.push(intraListDiversity(list, vectors));
    per.kl.push(
      history.length
        ? calibrationKl(history.map((i) => catalog.itemCategory[i]), list.map((i) => catalog.itemCategory[i]), catalog.numCategories)
        : Number.NaN,
    );
    per.ser.push(serendipity(list, history, relevant, vectors));
  });
  return {
    policy,
    ndcg: meanDefined(per.ndcg),
    recall: meanDefined(per.recall),
    hitRate: meanDefined(per.hit),
    mrr: meanDefined(per.mrr),
    truePurchase: meanDefined(per.tp),
    trueClick: meanDefined(per.tc),
    perSession: session,
    truePurchaseShare: null,
    diversity: meanDefined(per.ild),
    novelty: novelty(lists, itemCounts),
    coverage: catalogCoverage(lists, I),
    gini: giniIndex(lists, I),
    averagePopularity: averagePopularity(lists, itemCounts),
    longTailShare: longTailShare(lists, itemCounts),
    calibrationKl: meanDefined(per.kl),
    serendipity: meanDefined(per.ser),
  };
}

/**
 * NDCG@k of a ranked list against graded relevance: the listed items scored k, k−1, … in order and
 * every relevant item not listed scored below them, so the ideal DCG counts all relevant items.
 * A list shorter than k (a DPP whose kernel rank ran out, a tight category cap) is padded with
 * zero-gain places up to k, so the unlisted relevant items never count as ranked.
 */
export function ndcgListed(list: number[], gain: Map<number, number>, relevant: number[], k: number): number {
  const unlisted = relevant.filter((i) => !list.includes(i));
  const pad = Math.max(0, k - list.length);
  const rel = [...list.map((i) => gain.get(i) ?? 0), ...new Array<number>(pad).fill(0), ...unlisted.map((i) => gain.get(i) ?? 0)];
  const scores = [...list.map((_, p) => list.length - p), ...new Array<number>(pad).fill(0), ...unlisted.map(() => -1)];
  return ndcgAtK(rel, scores, k);
}
