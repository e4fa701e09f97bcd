/**
 * Beyond-accuracy metrics: diversity, coverage, novelty, popularity bias, calibration, serendipity.
 * `itemCounts[i]` is item i's number of positive interactions in the training split; N = Σ itemCounts;
 * |I| = catalogue size.
 */
import { checkCounts, checkList, checkLists, MetricInputError } from './checks';

/** Item attribute vectors, indexed by item id. */
export type ItemVectors = ReadonlyArray<ArrayLike<number>>;

/** Cosine similarity u·v / (|u||v|); 0 when either vector is zero. */
export function cosine(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let dot = 0;
  let nu = 0;
  let nv = 0;
  for (let d = 0; d < u.length; d++) {
    dot += u[d] * v[d];
    nu += u[d] * u[d];
    nv += v[d] * v[d];
  }
  return nu === 0 || nv === 0 ? 0 : dot / Math.sqrt(nu * nv);
}

/**
 * Intra-list diversity: ILD = (2 / (K(K−1)))·Σ_{i<j} (1 − cos(v_i, v_j)) over the list's K items.
 * Each term lies in [0, 2], so ILD does too: 0 for identical items, 1 for unrelated (orthogonal)
 * ones, above 1 when items point in opposite directions of the attribute space on average.
 * @returns NaN for fewer than 2 items.
 */
export function intraListDiversity(list: ArrayLike<number>, itemVectors: ItemVectors): number {
  checkList('intraListDiversity', list, 'list', itemVectors.length);
  const k = list.length;
  if (k < 2) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) sum += 1 - cosine(itemVectors[list[i]], itemVectors[list[j]]);
  }
  return sum / ((k * (k - 1)) / 2);
}

/**
 * Catalogue coverage (RecBole): |∪ lists| / |I|, over the whole catalogue (not only trained items).
 * @returns NaN when `lists` is empty.
 */
export function catalogCoverage(lists: ReadonlyArray<ArrayLike<number>>, catalogSize: number): number {
  checkCatalogSize('catalogCoverage', catalogSize);
  checkLists('catalogCoverage', lists, catalogSize);
  if (lists.length === 0) return Number.NaN;
  const seen = new Set<number>();
  for (const list of lists) for (let i = 0; i < list.length; i++) seen.add(list[i]);
  return seen.size / catalogSize;
}

/** Mean over lists of the mean of `value(item)` over each list's items; NaN for no lists. */
function meanOfListMeans(lists: ReadonlyArray<ArrayLike<number>>, value: (item: number) => number): number {
  if (lists.length === 0) return Number.NaN;
  let total = 0;
  for (const list of lists) {
    let s = 0;
    for (let i = 0; i < list.length; i++) s += value(list[i]);
    total += s / list.length;
  }
  return total / lists.length;
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/**
 * Novelty as mean self-information, Laplace-smoothed so unseen items stay finite:
 *   novelty = mean over lists of mean_{i ∈ list} −log2((itemCounts[i] + 1) / (N + |I|)),
 * with |I| = itemCounts.length. In bits.
 */
export function novelty(lists: ReadonlyArray<ArrayLike<number>>, itemCounts: ArrayLike<number>): number {
  checkCounts('novelty', itemCounts);
  checkLists('novelty', lists, itemCounts.length);
  const denom = sum(itemCounts) + itemCounts.length;
  return meanOfListMeans(lists, (i) => -Math.log2((itemCounts[i] + 1) / denom));
}

/**
 * Gini index of non-negative counts (RecBole's formula): with P sorted ascending over all n entries,
 * zeros included, Gini = Σ_{j=1..n} (2j − n − 1)·P_j / (n·Σ P). 0 = perfectly even; → 1 = all mass on
 * one entry. NaN when Σ P = 0. Shared by `giniIndex` and the world's exposure summary.
 */
export function giniOfCounts(counts: ArrayLike<number>): number {
  const sorted = Float64Array.from(counts).sort();
  const n = sorted.length;
  let total = 0;
  let weighted = 0;
  for (let j = 1; j <= n; j++) {
    total += sorted[j - 1];
    weighted += (2 * j - n - 1) * sorted[j - 1];
  }
  return total === 0 ? Number.NaN : weighted / (n * total);
}

/**
 * Gini index of recommendation exposure (RecBole): P_i = number of lists recommending item i, for
 * every catalogue item (zeros included); Gini = `giniOfCounts(P)`. NaN when nothing is recommended.
 */
export function giniIndex(lists: ReadonlyArray<ArrayLike<number>>, catalogSize: number): number {
  checkCatalogSize('giniIndex', catalogSize);
  checkLists('giniIndex', lists, catalogSize);
  const counts = new Float64Array(catalogSize);
  for (const list of lists) for (let i = 0; i < list.length; i++) counts[list[i]]++;
  return giniOfCounts(counts);
}

/** Average recommendation popularity (ARP): mean over lists of mean_{i ∈ list} itemCounts[i]. */
export function averagePopularity(lists: ReadonlyArray<ArrayLike<number>>, itemCounts: ArrayLike<number>): number {
  checkCounts('averagePopularity', itemCounts);
  checkLists('averagePopularity', lists, itemCounts.length);
  return meanOfListMeans(lists, (i) => itemCounts[i]);
}

/**
 * Long-tail share (APLT, as in Elliot). The short head is the shortest prefix of items sorted by
 * (count descending, id ascending) whose summed count is ≥ headShare·N (empty when N = 0, so every
 * item is tail); APLT = mean over lists of |list ∩ tail| / |list|.
 */
export function longTailShare(
  lists: ReadonlyArray<ArrayLike<number>>,
  itemCounts: ArrayLike<number>,
  headShare = 0.8,
): number {
  checkCounts('longTailShare', itemCounts);
  checkLists('longTailShare', lists, itemCounts.length);
  if (!(headShare >= 0 && headShare <= 1)) {
    throw new MetricInputError('longTailShare', `headShare must lie in [0, 1], got ${headShare}`);
  }
  const n = itemCounts.length;
  const total = sum(itemCounts);
  const isHead = new Uint8Array(n);
  if (total > 0) {
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => itemCounts[b] - itemCounts[a] || a - b,
    );
    let cum = 0;
    const target = headShare * total;
    for (let r = 0; r < n && cum < target; r++) {
      isHead[order[r]] = 1;
      cum += itemCounts[order[r]];
    }
  }
  return meanOfListMeans(lists, (i) => 1 - isHead[i]);
}

/** Category distribution of a list of category ids (uniform weights). */
function categoryDistribution(fn: string, cats: ArrayLike<number>, name: string, numCategories: number): Float64Array {
  const dist = new Float64Array(numCategories);
  for (let i = 0; i < cats.length; i++) {
    const c = cats[i];
    if (!Number.isInteger(c) || c < 0 || c >= numCategories) {
      throw new MetricInputError(fn, `${name} holds category ${c}, outside [0, ${numCategories - 1}]`);
    }
    dist[c] += 1 / cats.length;
  }
  return dist;
}

/**
 * Calibration miscalibration (Steck 2018): p = category distribution of the history, q = that of
 * the list (uniform item weights), q̃ = (1 − α)·q + α·p, and
 *   C_KL = Σ_{g : p_g > 0} p_g·ln(p_g / q̃_g)  (nats).
 * +∞ when α = 0 and the list misses a category of the history; NaN for an empty history or list.
 * @param historyCategories one category id per item the shopper interacted with.
 * @param listCategories one category id per recommended item.
 */
export function calibrationKl(
  historyCategories: ArrayLike<number>,
  listCategories: ArrayLike<number>,
  numCategories: number,
  alpha = 0.01,
): number {
  const fn = 'calibrationKl';
  if (!Number.isInteger(numCategories) || numCategories < 1) {
    throw new MetricInputError(fn, `numCategories must be an integer >= 1, got ${numCategories}`);
  }
  if (!(alpha >= 0 && alpha <= 1)) throw new MetricInputError(fn, `alpha must lie in [0, 1], got ${alpha}`);
  const p = categoryDistribution(fn, historyCategories, 'historyCategories', numCategories);
  const q = categoryDistribution(fn, listCategories, 'listCategories', numCategories);
  if (historyCategories.length === 0 || listCategories.length === 0) return Number.NaN;
  let kl = 0;
  for (let g = 0; g < numCategories; g++) {
    if (p[g] === 0) continue;
    const qt = (1 - alpha) * q[g] + alpha * p[g];
    if (qt === 0) return Number.POSITIVE_INFINITY;
    kl += p[g] * Math.log(p[g] / qt);
  }
  return kl;
}

/**
 * Serendipity: (1/|list|)·Σ_{i ∈ list} (1 − mean_{h ∈ history} cos(v_i, v_h))·[i ∈ relevant]:
 * relevant items weighted by how unlike the shopper's history they are. Items also in the history
 * count like any other. NaN when the history (or the list) is empty.
 */
export function serendipity(
  list: ArrayLike<number>,
  history: ArrayLike<number>,
  relevant: ArrayLike<number>,
  itemVectors: ItemVectors,
): number {
  const fn = 'serendipity';
  checkList(fn, list, 'list', itemVectors.length);
  checkList(fn, relevant, 'relevant', itemVectors.length);
  for (let h = 0; h < history.length; h++) {
    const id = history[h];
    if (!Number.isInteger(id) || id < 0 || id >= itemVectors.length) {
      throw new MetricInputError(fn, `history holds item id ${id}, outside the catalogue`);
    }
  }
  if (history.length === 0 || list.length === 0) return Number.NaN;
  const rel = new Set(Array.from(relevant));
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    if (!rel.has(list[i])) continue;
    let meanCos = 0;
    for (let h = 0; h < history.length; h++) meanCos += cosine(itemVectors[list[i]], itemVectors[history[h]]);
    total += 1 - meanCos / history.length;
  }
  return total / list.length;
}

function checkCatalogSize(fn: string, catalogSize: number): void {
  if (!Number.isInteger(catalogSize) || catalogSize < 1) {
    throw new MetricInputError(fn, `catalogSize must be an integer >= 1, got ${catalogSize}`);
  }
}
