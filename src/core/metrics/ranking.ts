/**
 * Ranking metrics for one shopper's list at a time; the caller averages over shoppers (leaving out
 * NaN values and reporting how many it left out).
 */
import { checkFinite, checkK, checkList, checkSameLength, MetricInputError } from './checks';

/** Position discount of 1-based rank r: 1/log2(r + 1). */
function discount(rank: number): number {
  return 1 / Math.log2(rank + 1);
}

/**
 * NDCG@k with linear gains and scikit-learn's tie handling (one row of `ndcg_score`):
 *   DCG@k = Σ over groups of tied scores (ranked by score, descending) at positions r..r+t−1 of
 *           mean(relevance of the group) × Σ_{p=r..r+t−1, p ≤ k} 1/log2(p + 1);
 *   IDCG@k = Σ_{p=1..min(k,n)} rel↓_p / log2(p + 1) over relevance sorted descending;
 *   NDCG@k = DCG@k / IDCG@k, and 0 when IDCG@k = 0.
 * @param relevance graded relevance per candidate, each ≥ 0 (an error otherwise).
 * @param scores the model's score per candidate.
 */
export function ndcgAtK(relevance: ArrayLike<number>, scores: ArrayLike<number>, k: number): number {
  const fn = 'ndcgAtK';
  checkK(fn, k);
  checkSameLength(fn, relevance, 'relevance', scores, 'scores');
  checkFinite(fn, scores, 'scores');
  for (let i = 0; i < relevance.length; i++) {
    if (!(relevance[i] >= 0) || !Number.isFinite(relevance[i])) {
      throw new MetricInputError(fn, `relevance must be finite and >= 0, got ${relevance[i]} at ${i}`);
    }
  }
  const n = relevance.length;
  const ideal = Array.from(relevance).sort((a, b) => b - a);
  let idcg = 0;
  for (let p = 1; p <= Math.min(k, n); p++) idcg += ideal[p - 1] * discount(p);
  if (idcg === 0) return 0;

  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let dcg = 0;
  let start = 0; // 0-based index of the first item of the current tie group
  while (start < n && start < k) {
    let end = start + 1;
    while (end < n && scores[order[end]] === scores[order[start]]) end++;
    let gain = 0;
    for (let t = start; t < end; t++) gain += relevance[order[t]];
    gain /= end - start;
    let disc = 0;
    for (let p = start + 1; p <= Math.min(end, k); p++) disc += discount(p);
    dcg += gain * disc;
    start = end;
  }
  return dcg / idcg;
}

/** Checks shared by the list-vs-relevant metrics; returns the relevant ids as a set. */
function prepare(fn: string, list: ArrayLike<number>, relevant: ArrayLike<number>, k: number): Set<number> {
  checkK(fn, k);
  checkList(fn, list, 'list');
  checkList(fn, relevant, 'relevant');
  return new Set(Array.from(relevant));
}

/** Number of the first min(k, |list|) items of `list` that are in `rel`. */
function hitsInTopK(list: ArrayLike<number>, rel: Set<number>, k: number): number {
  let hits = 0;
  for (let i = 0; i < Math.min(k, list.length); i++) if (rel.has(list[i])) hits++;
  return hits;
}

/**
 * Recall@k = |top-k(list) ∩ relevant| / |relevant|.
 * @returns NaN when `relevant` is empty.
 */
export function recallAtK(list: ArrayLike<number>, relevant: ArrayLike<number>, k: number): number {
  const rel = prepare('recallAtK', list, relevant, k);
  if (rel.size === 0) return Number.NaN;
  return hitsInTopK(list, rel, k) / rel.size;
}

/** Precision@k = |top-k(list) ∩ relevant| / k, dividing by k even when the list is shorter. */
export function precisionAtK(list: ArrayLike<number>, relevant: ArrayLike<number>, k: number): number {
  const rel = prepare('precisionAtK', list, relevant, k);
  return hitsInTopK(list, rel, k) / k;
}

/** HitRate@k (RecBole's HR, per shopper) = 1 if any of the top k is relevant, else 0. */
export function hitRateAtK(list: ArrayLike<number>, relevant: ArrayLike<number>, k: number): number {
  const rel = prepare('hitRateAtK', list, relevant, k);
  return hitsInTopK(list, rel, k) > 0 ? 1 : 0;
}

/** MRR@k = 1/rank of the first relevant item within the top k (1-based), else 0. */
export function mrrAtK(list: ArrayLike<number>, relevant: ArrayLike<number>, k: number): number {
  const rel = prepare('mrrAtK', list, relevant, k);
  for (let i = 0; i < Math.min(k, list.length); i++) if (rel.has(list[i])) return 1 / (i + 1);
  return 0;
}
