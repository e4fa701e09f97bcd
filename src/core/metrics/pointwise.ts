/**
 * Pointwise metrics: one prediction per impression, one task at a time.
 * Conventions follow the project's metric spec (see README, "Metric conventions").
 */
import { argsort } from './argsort';
import { checkBinaryLabels, checkFinite, checkSameLength, MetricInputError } from './checks';

/** Clip for log loss: a coarser clip than scikit-learn's, so one confident miss cannot dominate. */
export const LOG_LOSS_EPS = 1e-7;

/**
 * Mann–Whitney AUC from the positives' and the negatives' scores, each sorted ascending:
 * Σ over positives of (#negatives scored lower + ½·#negatives tied) / (n₊·n₋), by one merge walk.
 * NaN when either class is empty.
 */
function aucOfSortedClasses(pos: Float64Array, neg: Float64Array): number {
  const nPos = pos.length;
  const nNeg = neg.length;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  let below = 0; // negatives with a score < the current positive's
  let wins = 0;
  let i = 0;
  while (i < nPos) {
    const s = pos[i];
    while (below < nNeg && neg[below] < s) below++;
    let tied = below;
    while (tied < nNeg && neg[tied] === s) tied++;
    // Every positive with this same score gets the same credit.
    let j = i;
    while (j < nPos && pos[j] === s) j++;
    wins += (j - i) * (below + 0.5 * (tied - below));
    i = j;
  }
  return wins / (nPos * nNeg);
}

/**
 * Splits the scores of `order[from..to)` (or of all rows when `order` is null) by label into the
 * front of `posOut` / `negOut`, sorts both natively, and returns the AUC of the range.
 */
function aucOfRows(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  order: Uint32Array | null,
  from: number,
  to: number,
  posOut: Float64Array,
  negOut: Float64Array,
): number {
  let p = 0;
  let q = 0;
  for (let t = from; t < to; t++) {
    const r = order ? order[t] : t;
    if (labels[r] === 1) posOut[p++] = scores[r];
    else negOut[q++] = scores[r];
  }
  // Typed-array sort without a comparator is numeric and native: the fast path.
  return aucOfSortedClasses(posOut.subarray(0, p).sort(), negOut.subarray(0, q).sort());
}

/**
 * ROC AUC by the Mann–Whitney statistic:
 *   AUC = (Σ_{positives} rank − n₊(n₊+1)/2) / (n₊·n₋)
 *       = P(score of a random positive > that of a random negative), a tie counting 1/2,
 * ranks ascending by score, tied scores given their mean rank. Equals scikit-learn's
 * `roc_auc_score`. O(n log n): the positives' and negatives' scores are each sorted once.
 * @returns NaN when only one class is present (or the input is empty).
 */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkSameLength('auc', labels, 'labels', scores, 'scores');
  checkBinaryLabels('auc', labels);
  checkFinite('auc', scores, 'scores');
  const n = labels.length;
  return aucOfRows(labels, scores, null, 0, n, new Float64Array(n), new Float64Array(n));
}

/** The result of `gauc`: the weighted mean and how many groups it used and dropped. */
export interface GaucResult {
  /** Σ_g n_g·AUC_g / Σ_g n_g over the groups used; NaN when every group was dropped. */
  value: number;
  /** Groups (shoppers) with both classes present. */
  groupsUsed: number;
  /** Groups with a single class, whose AUC is undefined. */
  groupsDropped: number;
}

/**
 * Group AUC (DIN convention): GAUC = Σ_g n_g·AUC_g / Σ_g n_g, where AUC_g is the AUC of group g's
 * impressions (as `auc`) and n_g its number of impressions. Groups with a single class are dropped
 * and counted. O(n log n): one sort by group, then each group's scores sorted once.
 */
export function gauc(
  groups: ArrayLike<number>,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): GaucResult {
  checkSameLength('gauc', groups, 'groups', labels, 'labels');
  checkSameLength('gauc', labels, 'labels', scores, 'scores');
  checkBinaryLabels('gauc', labels);
  checkFinite('gauc', scores, 'scores');
  checkFinite('gauc', groups, 'groups');
  const n = labels.length;
  const { order, sorted: sortedGroups } = argsort(groups);
  const pos = new Float64Array(n);
  const neg = new Float64Array(n);
  let weighted = 0;
  let weight = 0;
  let used = 0;
  let dropped = 0;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && sortedGroups[end] === sortedGroups[start]) end++;
    const a = aucOfRows(labels, scores, order, start, end, pos, neg);
    if (Number.isNaN(a)) {
      dropped++;
    } else {
      used++;
      weighted += (end - start) * a;
      weight += end - start;
    }
    start = end;
  }
  return { value: used === 0 ? Number.NaN : weighted / weight, groupsUsed: used, groupsDropped: dropped };
}

function checkProbs(fn: string, probs: ArrayLike<number>): void {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p >= 0 && p <= 1)) {
      throw new MetricInputError(fn, `probs must lie in [0, 1], got ${p} at index ${i}`);
    }
  }
}

/**
 * Binary cross-entropy in nats:
 *   LogLoss = −(1/n)·Σ_i [y_i·ln p̂_i + (1 − y_i)·ln(1 − p̂_i)],  p̂_i = clip(p_i, 1e−7, 1 − 1e−7).
 * @returns NaN for empty input.
 */
export function logLoss(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  checkSameLength('logLoss', labels, 'labels', probs, 'probs');
  checkBinaryLabels('logLoss', labels);
  checkProbs('logLoss', probs);
  const n = labels.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(probs[i], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / n;
}

/**
 * Expected calibration error with B equal-width bins:
 *   bin(p) = min(⌊p·B⌋, B − 1)  (bins [b/B, (b+1)/B), with p = 1 in the last bin),
 *   ECE = Σ_b (n_b/n)·|mean(p in b) − mean(y in b)|; empty bins add 0.
 * @returns NaN for empty input.
 */
export function ece(labels: ArrayLike<number>, probs: ArrayLike<number>, bins = 10): number {
  checkSameLength('ece', labels, 'labels', probs, 'probs');
  checkBinaryLabels('ece', labels);
  checkProbs('ece', probs);
  if (!Number.isInteger(bins) || bins < 1) {
    throw new MetricInputError('ece', `bins must be an integer >= 1, got ${bins}`);
  }
  const n = labels.length;
  if (n === 0) return Number.NaN;
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const b = Math.min(Math.floor(probs[i] * bins), bins - 1);
    count[b]++;
    sumP[b] += probs[i];
    sumY[b] += labels[i];
  }
  let total = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] > 0) total += (count[b] / n) * Math.abs(sumP[b] / count[b] - sumY[b] / count[b]);
  }
  return total;
}
