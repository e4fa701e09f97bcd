/**
 * A content-based ranking from item attributes alone, so it can recommend items nobody has clicked
 * yet (cold items): each shopper's train clicks give smoothed shares of categories, brands and
 * price buckets, and an item scores the log-likelihood of its attributes under them (a naive-Bayes
 * profile):
 *
 *   score(u, i) = log θ_u,cat(i) + log θ_u,brand(i) + log θ_u,price(i),
 *   θ_u,a(v) = (clicks of u on items with a = v + β·share_a(v)) / (clicks of u + β),
 *
 * share_a the catalogue's share of items with a = v (what a shopper without clicks falls back to)
 * and β = 2 a pseudo-count. Items with the same attributes tie; ties go to a seeded random order,
 * never to the item id.
 */
import { Rng } from '../random';
import type { ShopperWorld } from '../world';
import type { ClickMatrix } from './interactions';

/** Pseudo-clicks pulling a shopper's shares towards the catalogue's. */
const PRIOR = 2;
/** Attribute buckets of price (quantiles of the catalogue's prices). */
const PRICE_BUCKETS = 8;

export interface ContentModel {
  /** Per item: its category, brand and price bucket. */
  attributes: Array<{ values: Int32Array; levels: number; share: Float64Array }>;
  /** A tie-breaker per item, below any attribute difference. */
  jitter: Float64Array;
}

export function fitContent(world: ShopperWorld, seed: number): ContentModel {
  const c = world.catalog;
  const I = c.numItems;
  const sorted = Float64Array.from(c.itemPrice).sort();
  const bounds = Array.from({ length: PRICE_BUCKETS - 1 }, (_, b) => sorted[Math.floor(((b + 1) * I) / PRICE_BUCKETS)]);
  const price = Int32Array.from(c.itemPrice, (p) => bounds.filter((x) => p >= x).length);
  const attribute = (values: Int32Array, levels: number) => {
    const share = new Float64Array(levels);
    for (const v of values) share[v] += 1 / I;
    return { values, levels, share };
  };
  const rng = Rng.stream(seed, 'content-ties');
  return {
    attributes: [attribute(c.itemCategory, c.numCategories), attribute(c.itemBrand, c.brandNames.length), attribute(price, PRICE_BUCKETS)],
    jitter: Float64Array.from({ length: I }, () => 1e-9 * rng.float()),
  };
}

/** Shopper u's score for every item (see the module comment), written into `out`. */
export function contentScores(m: ClickMatrix, model: ContentModel, u: number, out: Float64Array): Float64Array {
  let clicks = 0;
  for (let g = m.rowStart[u]; g < m.rowStart[u + 1]; g++) clicks += m.rowCounts[g];
  const logTheta = model.attributes.map(({ values, levels, share }) => {
    const counts = new Float64Array(levels);
    for (let g = m.rowStart[u]; g < m.rowStart[u + 1]; g++) counts[values[m.rowItems[g]]] += m.rowCounts[g];
    return Float64Array.from(counts, (n, v) => Math.log((n + PRIOR * share[v]) / (clicks + PRIOR)));
  });
  // Three table lookups per item (a closure per item and attribute cost more than the sums).
  const [cat, brand, price] = model.attributes.map((a) => a.values);
  const [tc, tb, tp] = logTheta;
  const jitter = model.jitter;
  for (let i = 0; i < out.length; i++) out[i] = jitter[i] + tc[cat[i]] + tb[brand[i]] + tp[price[i]];
  return out;
}
