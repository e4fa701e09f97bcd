/**
 * The click matrix the collaborative-filtering baselines learn from: train-split clicks only (the
 * same data the multi-task models see), as compressed rows per shopper and per item with click
 * counts. Validation clicks, when asked for, tune the baselines' settings.
 */
import { SPLIT, type ShopperWorld } from '../world';

/** A sparse shopper × item matrix of click counts, by rows (shoppers) and by columns (items). */
export interface ClickMatrix {
  shoppers: number;
  items: number;
  /** Row u's items are rowItems[rowStart[u] .. rowStart[u + 1]), ascending, with their counts in rowCounts. */
  rowStart: Int32Array;
  rowItems: Int32Array;
  rowCounts: Float32Array;
  /** Column i's shoppers are colShoppers[colStart[i] .. colStart[i + 1]), ascending, counts in colCounts. */
  colStart: Int32Array;
  colShoppers: Int32Array;
  colCounts: Float32Array;
}

/** Builds the matrix from (shopper, item) click pairs; repeated pairs add up. */
export function clickMatrix(shoppers: number, items: number, pairs: ReadonlyArray<readonly [number, number]>): ClickMatrix {
  const byRow = new Map<number, number>();
  for (const [u, i] of pairs) {
    if (!(u >= 0 && u < shoppers && i >= 0 && i < items)) throw new Error(`click (${u}, ${i}) is outside a ${shoppers} × ${items} matrix`);
    const key = u * items + i;
    byRow.set(key, (byRow.get(key) ?? 0) + 1);
  }
  const keys = [...byRow.keys()].sort((a, b) => a - b);
  const rowStart = new Int32Array(shoppers + 1);
  const colStart = new Int32Array(items + 1);
  for (const key of keys) {
    rowStart[Math.floor(key / items) + 1]++;
    colStart[(key % items) + 1]++;
  }
  for (let u = 0; u < shoppers; u++) rowStart[u + 1] += rowStart[u];
  for (let i = 0; i < items; i++) colStart[i + 1] += colStart[i];
  const n = keys.length;
  const rowItems = new Int32Array(n);
  const rowCounts = new Float32Array(n);
  const colShoppers = new Int32Array(n);
  const colCounts = new Float32Array(n);
  const colFill = colStart.slice(0, items);
  keys.forEach((key, e) => {
    const u = Math.floor(key / items);
    const i = key % items;
    rowItems[e] = i;
    rowCounts[e] = byRow.get(key)!;
    const c = colFill[i]++;
    colShoppers[c] = u;
    colCounts[c] = rowCounts[e];
  });
  return { shoppers, items, rowStart, rowItems, rowCounts, colStart, colShoppers, colCounts };
}

/** The world's clicks in one split as a matrix (train: what the baselines learn from). */
export function splitClicks(world: ShopperWorld, split: keyof typeof SPLIT = 'train'): ClickMatrix {
  const { log } = world;
  const code = SPLIT[split];
  const pairs: Array<[number, number]> = [];
  for (let r = 0; r < log.size; r++) if (log.split[r] === code && log.click[r]) pairs.push([log.shopper[r], log.item[r]]);
  return clickMatrix(world.shoppers.numShoppers, world.catalog.numItems, pairs);
}

const clickCountCache = new WeakMap<ShopperWorld, Float64Array>();

/**
 * Training-split clicks per item: the popularity reference, and what novelty and ARP are measured
 * against. Computed once per world (cached; callers must not write to it).
 */
export function trainClickCounts(world: ShopperWorld): Float64Array {
  let counts = clickCountCache.get(world);
  if (!counts) {
    const { log } = world;
    counts = new Float64Array(world.catalog.numItems);
    for (let r = 0; r < log.size; r++) if (log.split[r] === SPLIT.train && log.click[r]) counts[log.item[r]]++;
    clickCountCache.set(world, counts);
  }
  return counts;
}
