/**
 * The reference rankings every model is judged beside, in one place: popularity, random, and the
 * collaborative-filtering and content baselines a recommender team would try first —
 * implicit-feedback matrix factorisation (`mf`, ALS), item-based nearest neighbours (`item-knn`)
 * and a content profile over item attributes (`content`, the one that can rank cold items). All
 * learn from train-split clicks only, exactly the data the multi-task models learn from, and are
 * fitted once per world (cached).
 *
 * Shoppers a baseline knows nothing about (no train clicks: cold shoppers) get popularity's order
 * from `mf` and `item-knn` (their scores are all zero); ties elsewhere go to the more popular item.
 */
import { topK } from '../metrics/argsort';
import { Rng } from '../random';
import type { ShopperWorld } from '../world';
import { fitAls, type AlsModel, type AlsSettings } from './als';
import { contentScores, fitContent, type ContentModel } from './content';
import { splitClicks, trainClickCounts, type ClickMatrix } from './interactions';
import { itemNeighbours, knnScores, type ItemNeighbours } from './itemKnn';

export const REFERENCE_POLICIES = ['popularity', 'random', 'mf', 'item-knn', 'content'] as const;
export type ReferencePolicy = (typeof REFERENCE_POLICIES)[number];

/** One sentence per reference: how it ranks. */
export const REFERENCE_DESCRIPTIONS: Record<ReferencePolicy, string> = {
  popularity: 'the most-clicked items in train, the same list for everybody',
  random: 'K distinct items drawn at random per shopper',
  mf: 'matrix factorisation of train clicks (implicit ALS), popularity for shoppers without clicks',
  'item-knn': 'items co-clicked with the shopper’s train clicks (cosine item-kNN), popularity for shoppers without clicks',
  content: 'items whose category, brand and price match the shopper’s train clicks (reaches items nobody clicked)',
};

/**
 * The ALS settings: the best validation NDCG@10 of a grid of factors {8, 16, 32} × λ {0.1, 1, 10}
 * × α {1, 10, 40} on world seeds 1–3 of the default world (`bench:baselines` prints the grid).
 */
export const ALS_SETTINGS: Omit<AlsSettings, 'seed'> = { factors: 8, lambda: 10, alpha: 10, iterations: 8 };
/** Neighbours kept per item by item-kNN. */
export const KNN_NEIGHBOURS = 50;

interface Fitted {
  clicks: ClickMatrix;
  /** Train clicks per item, and a tie-breaker from them (far below any score difference). */
  popularity: Float64Array;
  popularList: (k: number) => number[];
  als?: AlsModel;
  knn?: ItemNeighbours;
  content?: ContentModel;
}

const cache = new WeakMap<ShopperWorld, Fitted>();

function fitted(world: ShopperWorld): Fitted {
  let f = cache.get(world);
  if (!f) {
    const clicks = splitClicks(world, 'train');
    const counts = trainClickCounts(world);
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    const popularity = Float64Array.from(counts, (c) => (1e-9 * c) / total);
    f = { clicks, popularity, popularList: (k) => topK(counts, 0, counts.length, k) };
    cache.set(world, f);
  }
  return f;
}

/** What a reference needs: the world, the shoppers to rank (one list each), K and a seed. */
export interface ReferenceContext {
  world: ShopperWorld;
  shoppers: readonly number[];
  k: number;
  /** Seeds the random list (the fits, ALS's initialisation and content's ties, use the world's seed: one fit per world). */
  seed: number;
  /** Name of the random list's stream (callers that judged their own random lists keep theirs). */
  randomStream?: string;
}

/** One top-K list per shopper of `ctx.shoppers` from reference `policy`. */
export function referenceLists(policy: ReferencePolicy, ctx: ReferenceContext): number[][] {
  const { world, shoppers, k, seed } = ctx;
  const I = world.catalog.numItems;
  const f = fitted(world);
  if (policy === 'popularity') {
    const list = f.popularList(k);
    return shoppers.map(() => list);
  }
  if (policy === 'random') {
    // K draws per shopper (a partial Fisher–Yates shuffle), not a shuffle of the whole catalogue.
    const rng = Rng.stream(seed, ctx.randomStream ?? 'eval-random');
    const deck = Int32Array.from({ length: I }, (_, i) => i);
    return shoppers.map(() => {
      const n = Math.min(k, I);
      for (let j = 0; j < n; j++) {
        const r = j + rng.int(I - j);
        const t = deck[j];
        deck[j] = deck[r];
        deck[r] = t;
      }
      return Array.from(deck.subarray(0, n));
    });
  }
  const scores = new Float64Array(I);
  const score: (u: number) => Float64Array =
    policy === 'mf'
      ? (u) => {
          f.als ??= fitAls(f.clicks, { ...ALS_SETTINGS, seed: world.config.seed });
          const { factors: d, shopperFactors: X, itemFactors: Y } = f.als;
          const x = X.subarray(u * d, (u + 1) * d);
          for (let i = 0, o = 0; i < I; i++, o += d) {
            let s = 0;
            for (let a = 0; a < d; a++) s += x[a] * Y[o + a];
            scores[i] = s;
          }
          return scores;
        }
      : policy === 'item-knn'
        ? (u) => knnScores(f.clicks, (f.knn ??= itemNeighbours(f.clicks, KNN_NEIGHBOURS)), u, scores)
        : (u) => contentScores(f.clicks, (f.content ??= fitContent(world, world.config.seed)), u, scores);
  return shoppers.map((u) => {
    const s = score(u);
    if (policy !== 'content') for (let i = 0; i < I; i++) s[i] += f.popularity[i];
    return topK(s, 0, I, k);
  });
}
