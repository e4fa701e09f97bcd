/**
 * Pointwise metrics: one prediction per impression, one task at a time.
 * Conventions follow the project's metric spec (see README, "Metric conventions").
 */
import { checkBinaryLabels, checkFinite, checkSameLength, MetricInputError } from './checks';

/** Clip for log loss: a coarser clip than scikit-learn's, so one confident miss cannot dominate. */
export const LOG_LOSS_EPS = 1e-7;

/**
 * Sum of the (1-based, tie-averaged) ranks of the positives among `order[from..to)`, where `order`
 * lists indices sorted by score ascending. Tied scores share the mean of their ranks, which is the
 * Mann–Whitney "ties count 1/2" rule.
 */
function positiveRankSum(
  order: Uint32Array,
  from: number,
  to: number,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): number {
  let sum = 0;
  let i = from;
  while (i < to) {
    let j = i + 1;
    const s = scores[order[i]];
    while (j < to && scores[order[j]] === s) j++;
    // Ranks (1-based within the range) i-from+1 .. j-from share their mean.
    const meanRank = (i - from + 1 + (j - from)) / 2;
    for (let t = i; t < j; t++) if (labels[order[t]] === 1) sum += meanRank;
    i = j;
  }
  return sum;
}

/** AUC of `order[from..to)` given its counts of positives and negatives (NaN if either is 0). */
function aucOfRange(
  order: Uint32Array,
  from: number,
  to: number,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  nPos: number,
): number {
  const nNeg = to - from - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  const rankSum = positiveRankSum(order, from, to, labels, scores);
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * ROC AUC by the Mann–Whitney statistic:
 *   AUC = (Σ_{positives} rank − n₊(n₊+1)/2) / (n₊·n₋),
 * ranks ascending by score, tied scores given their mean rank (a tied positive–negative pair counts
 * 1/2). Equals scikit-learn's `roc_auc_score`. O(n log n): one sort.
 * @returns NaN when only one class is present (or the input is empty).
 */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkSameLength('auc', labels, 'labels', scores, 'scores');
  checkBinaryLabels('auc', labels);
  checkFinite('auc', scores, 'scores');
  const n = labels.length;
  const order = new Uint32Array(n);
  let nPos = 0;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    nPos += labels[i];
  }
  order.sort((a, b) => scores[a] - scores[b]);
  return aucOfRange(order, 0, n, labels, scores, nPos);
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
 * and counted. O(n log n): one sort by (group, score).
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
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => groups[a] - groups[b] || scores[a] - scores[b]);
  let weighted = 0;
  let weight = 0;
  let used = 0;
  let dropped = 0;
  let start = 0;
  while (start < n) {
    const g = groups[order[start]];
    let end = start;
    let nPos = 0;
    while (end < n && groups[order[end]] === g) nPos += labels[order[end++]];
    const a = aucOfRange(order, start, end, labels, scores, nPos);
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
