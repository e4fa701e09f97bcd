/**
 * Features of the shopper world, learned from the train split only: nothing about validation or
 * test impressions (which ids occur, what was clicked) reaches the encoder, so evaluation is honest
 * and cold-start shoppers and items are really unseen.
 *
 * Inputs per (shopper, item): shopper id, item id, category, brand and price bucket as embedding
 * indices (ids unseen in train map to the shared unknown row 0), and dense inputs: the shopper's
 * category shares of train clicks (smoothed towards the global share) and the share of the item's
 * category among them.
 *
 * A train row's shares count only the shopper's *earlier* train sessions (an expanding window in
 * time), never its own session: counting the row's own click would write its label into its
 * features (a target leak — the shares then scored AUC 0.81 on train rows but 0.65 on validation,
 * and the model learned to trust them). Validation, test and ranked pairs come after every train
 * session, so they see all train clicks, which is the same rule: clicks from before the row.
 */
import type { ShopperWorld } from '../world';
import { SPLIT } from '../world';
import type { CategoricalInput, EncodedData } from './encoded';

/** Number of price buckets (quantiles of the prices of items seen in train). */
export const PRICE_BUCKETS = 8;
/** Pseudo-count pulling a shopper's category shares towards the global share. */
const SHARE_SMOOTHING = 2;

export interface ShopperEncoder {
  numCategories: number;
  /** Embedding index of each shopper id (0 = unseen in train). */
  shopperIndex: Int32Array;
  /** Embedding index of each item id (0 = unseen in train). */
  itemIndex: Int32Array;
  numKnownShoppers: number;
  numKnownItems: number;
  /** Upper price boundaries of buckets 0..PRICE_BUCKETS−2 (the last bucket is open). */
  priceBounds: Float64Array;
  /** Category shares of train clicks per shopper, row-major S×C (global share for the unseen). */
  categoryShares: Float32Array;
  /** Global category shares of train clicks (what a shopper's shares are smoothed towards), length C. */
  globalShares: Float64Array;
  /** Number of brands (embedding rows = brands + 1). */
  numBrands: number;
}

/** Builds the encoder from the train split of `world` only. */
export function fitShopperEncoder(world: ShopperWorld): ShopperEncoder {
  const { log, catalog, shoppers } = world;
  const S = shoppers.numShoppers;
  const C = catalog.numCategories;
  const shopperIndex = new Int32Array(S);
  const itemIndex = new Int32Array(catalog.numItems);
  let nShoppers = 0;
  let nItems = 0;
  const clicks = new Float64Array(S * C);
  const globalClicks = new Float64Array(C);
  for (let r = 0; r < log.size; r++) {
    if (log.split[r] !== SPLIT.train) continue;
    const u = log.shopper[r];
    const i = log.item[r];
    if (shopperIndex[u] === 0) shopperIndex[u] = ++nShoppers;
    if (itemIndex[i] === 0) itemIndex[i] = ++nItems;
    if (log.click[r]) {
      clicks[u * C + catalog.itemCategory[i]]++;
      globalClicks[catalog.itemCategory[i]]++;
    }
  }
  const globalTotal = globalClicks.reduce((a, b) => a + b, 0);
  const globalShare = Float64Array.from(globalClicks, (c) => (globalTotal > 0 ? c / globalTotal : 1 / C));
  const categoryShares = new Float32Array(S * C);
  for (let u = 0; u < S; u++) {
    let total = 0;
    for (let c = 0; c < C; c++) total += clicks[u * C + c];
    for (let c = 0; c < C; c++) {
      categoryShares[u * C + c] = (clicks[u * C + c] + SHARE_SMOOTHING * globalShare[c]) / (total + SHARE_SMOOTHING);
    }
  }
  const trainPrices: number[] = [];
  for (let i = 0; i < catalog.numItems; i++) if (itemIndex[i] > 0) trainPrices.push(catalog.itemPrice[i]);
  trainPrices.sort((a, b) => a - b);
  const priceBounds = new Float64Array(PRICE_BUCKETS - 1);
  for (let b = 1; b < PRICE_BUCKETS; b++) {
    priceBounds[b - 1] = trainPrices.length ? trainPrices[Math.floor((b * trainPrices.length) / PRICE_BUCKETS)] : 0;
  }
  return {
    numCategories: C,
    globalShares: globalShare,
    shopperIndex,
    itemIndex,
    numKnownShoppers: nShoppers,
    numKnownItems: nItems,
    priceBounds,
    categoryShares,
    numBrands: catalog.brandNames.length,
  };
}

/** Price bucket 0..PRICE_BUCKETS−1 of a price. */
export function priceBucket(enc: ShopperEncoder, price: number): number {
  let b = 0;
  while (b < enc.priceBounds.length && price >= enc.priceBounds[b]) b++;
  return b;
}

/** Number of dense inputs: C category shares plus the share of the item's category. */
export function shopperDenseDim(enc: ShopperEncoder): number {
  return enc.numCategories + 1;
}

/**
 * Encodes (shopper, item) pairs: the impressions of the log, or any pairs to rank. Embedding
 * indices are shifted by one where 0 means unknown (ids), or reserved (category, brand).
 */
export function encodePairs(
  world: ShopperWorld,
  enc: ShopperEncoder,
  shopper: ArrayLike<number>,
  item: ArrayLike<number>,
  /** Told how far the encoding is (0..1), every 65,536 pairs: a large log takes seconds. */
  onProgress?: (fraction: number) => void,
): { categorical: CategoricalInput[]; dense: Float32Array; denseDim: number; position: Int32Array } {
  const n = shopper.length;
  const C = enc.numCategories;
  const cat = world.catalog;
  const u = new Int32Array(n);
  const it = new Int32Array(n);
  const category = new Int32Array(n);
  const brand = new Int32Array(n);
  const price = new Int32Array(n);
  const denseDim = shopperDenseDim(enc);
  const dense = new Float32Array(n * denseDim);
  for (let r = 0; r < n; r++) {
    if (onProgress && (r & 0xffff) === 0) onProgress(r / n);
    const s = shopper[r];
    const i = item[r];
    u[r] = enc.shopperIndex[s];
    it[r] = enc.itemIndex[i];
    category[r] = cat.itemCategory[i] + 1;
    brand[r] = cat.itemBrand[i] + 1;
    price[r] = priceBucket(enc, cat.itemPrice[i]);
    dense.set(enc.categoryShares.subarray(s * C, (s + 1) * C), r * denseDim);
    dense[r * denseDim + C] = enc.categoryShares[s * C + cat.itemCategory[i]];
  }
  return {
    categorical: [
      { name: 'shopper', vocab: enc.numKnownShoppers + 1, values: u },
      { name: 'item', vocab: enc.numKnownItems + 1, values: it },
      { name: 'category', vocab: C + 1, values: category },
      { name: 'brand', vocab: enc.numBrands + 1, values: brand },
      { name: 'price', vocab: PRICE_BUCKETS, values: price },
    ],
    dense,
    denseDim,
    // Pairs to rank have no logged position: they are scored as if shown first.
    position: new Int32Array(n).fill(1),
  };
}

/**
 * Rewrites the dense inputs of train rows with shares of the shopper's earlier train sessions only
 * (see the module comment). The log is ordered by shopper, then session, so one pass keeps running
 * click counts per category and folds a session in only after all of its rows are written.
 */
function timeRespectingTrainShares(world: ShopperWorld, enc: ShopperEncoder, dense: Float32Array, denseDim: number): void {
  const { log, catalog } = world;
  const C = enc.numCategories;
  const counts = new Float64Array(C);
  const shares = new Float32Array(C);
  for (let u = 0; u < world.shoppers.numShoppers; u++) {
    counts.fill(0);
    let total = 0;
    let r = log.shopperStart[u];
    const end = log.shopperStart[u + 1];
    while (r < end) {
      const session = log.session[r];
      let sessionEnd = r;
      while (sessionEnd < end && log.session[sessionEnd] === session) sessionEnd++;
      if (log.split[r] === SPLIT.train) {
        for (let c = 0; c < C; c++) shares[c] = (counts[c] + SHARE_SMOOTHING * enc.globalShares[c]) / (total + SHARE_SMOOTHING);
        for (let j = r; j < sessionEnd; j++) {
          dense.set(shares, j * denseDim);
          dense[j * denseDim + C] = shares[catalog.itemCategory[log.item[j]]];
        }
        for (let j = r; j < sessionEnd; j++) {
          if (!log.click[j]) continue;
          counts[catalog.itemCategory[log.item[j]]]++;
          total++;
        }
      }
      r = sessionEnd;
    }
  }
}

/**
 * The whole impression log encoded, with click and purchase labels, then the add-to-cart label when
 * the world's funnel has the cart step (heads: click, purchase, cart — purchase stays head 1 in every
 * world, so what reads "the purchase task" reads the same head); with `auxiliary` = 'interest'
 * also a third label per impression: whether the item's category is the shopper's favourite (the
 * first of the world's `favouriteCategories`), what an auxiliary interest head learns.
 */
export function encodeShopperWorld(
  world: ShopperWorld,
  enc: ShopperEncoder = fitShopperEncoder(world),
  onProgress?: (fraction: number) => void,
  auxiliary: 'none' | 'interest' = 'none',
): EncodedData {
  const { log } = world;
  const inputs = encodePairs(world, enc, log.shopper, log.item, onProgress && ((f) => onProgress(0.8 * f)));
  onProgress?.(0.8);
  timeRespectingTrainShares(world, enc, inputs.dense, inputs.denseDim);
  const tasks: EncodedData['tasks'] = [
    { name: 'click', kind: 'binary' },
    { name: 'purchase', kind: 'binary' },
  ];
  const labels = [Float32Array.from(log.click), Float32Array.from(log.purchase)];
  if (log.cart) {
    tasks.push({ name: 'cart', kind: 'binary' });
    labels.push(Float32Array.from(log.cart));
  }
  if (auxiliary === 'interest') {
    const fav = world.shoppers.favouriteCategories;
    const per = fav.length / world.shoppers.numShoppers;
    tasks.push({ name: 'interest', kind: 'binary' });
    labels.push(Float32Array.from({ length: log.size }, (_, r) => (world.catalog.itemCategory[log.item[r]] === fav[log.shopper[r] * per] ? 1 : 0)));
  }
  return {
    size: log.size,
    ...inputs,
    position: Int32Array.from(log.position),
    tasks,
    labels,
    split: log.split,
    group: log.shopper,
  };
}
