/**
 * Re-rankers: from M scored candidates, pick an ordered list of K that trades relevance for
 * diversity or calibration. Candidates are given by position 0..M−1 (`relevance[m]`, `vectors[m]`,
 * `categories[m]`); every function returns candidate positions, best first.
 *
 * - `mmr` — Maximal Marginal Relevance (Carbonell & Goldstein 1998): greedily
 *   argmax_i λ·rel_i − (1 − λ)·max_{j∈S} cos(v_i, v_j). O(K·M·d) with a running max per candidate.
 * - `dppGreedy` — fast greedy MAP inference for a DPP (Chen, Zhang & Zhou, NeurIPS 2018, Alg. 1):
 *   kernel L_ij = q_i·S_ij·q_j with S_ij = cos(v_i, v_j) and quality q_i = exp(α·rel_i),
 *   α = θ / (2(1 − θ)); each step adds argmax_i d_i², the gain in log det, updated by an incremental
 *   Cholesky row. O(K²·M) after the O(K·M·d) similarities it reads. θ = 0 gives pure diversity.
 * - `calibrated` — Steck 2018: greedily argmax over S ∪ {i} of (1 − λ)·Σ rel − λ·KL(p ‖ q̃), where p is
 *   the history's category distribution and q̃ = (1 − α)·q(list) + α·p (α = 0.01). The KL after an
 *   addition depends only on the added item's category, so a step costs O(C² + M): O(K·(C² + M)).
 * - `categoryCap` — relevance order, at most `cap` items per category.
 */
import { cosine, type ItemVectors } from '../metrics';

export class RerankError extends Error {}

function checkCommon(name: string, relevance: ArrayLike<number>, k: number): number {
  const m = relevance.length;
  if (m === 0) throw new RerankError(`${name}: there are no candidates to re-rank.`);
  if (!Number.isInteger(k) || k < 1) throw new RerankError(`${name}: K must be a positive integer, got ${k}.`);
  if (k > m) throw new RerankError(`${name}: K (${k}) is larger than the ${m} candidates.`);
  for (let i = 0; i < m; i++) if (!Number.isFinite(relevance[i])) throw new RerankError(`${name}: relevance[${i}] is ${relevance[i]}; scores must be finite.`);
  return m;
}

function checkUnit(name: string, label: string, v: number, openTop = false): void {
  if (!(v >= 0 && (openTop ? v < 1 : v <= 1))) throw new RerankError(`${name}: ${label} must lie in [0, 1${openTop ? ')' : ']'}, got ${v}.`);
}

/** Candidate positions sorted by relevance, ties by position. */
export function relevanceOrder(relevance: ArrayLike<number>): number[] {
  return Array.from({ length: relevance.length }, (_, i) => i).sort((a, b) => relevance[b] - relevance[a] || a - b);
}

export function mmr(relevance: ArrayLike<number>, vectors: ItemVectors, k: number, lambda: number): number[] {
  const m = checkCommon('mmr', relevance, k);
  checkUnit('mmr', 'λ', lambda);
  const maxSim = new Float64Array(m).fill(-Infinity);
  const taken = new Uint8Array(m);
  const out: number[] = [];
  for (let step = 0; step < k; step++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < m; i++) {
      if (taken[i]) continue;
      const penalty = step === 0 ? 0 : maxSim[i];
      const score = lambda * relevance[i] - (1 - lambda) * penalty;
      if (score > bestScore || (score === bestScore && best >= 0 && relevance[i] > relevance[best])) {
        best = i;
        bestScore = score;
      }
    }
    taken[best] = 1;
    out.push(best);
    for (let i = 0; i < m; i++) if (!taken[i]) maxSim[i] = Math.max(maxSim[i], cosine(vectors[i], vectors[best]));
  }
  return out;
}

/** The DPP kernel entry L_ij for quality weights `q`. */
function kernel(vectors: ItemVectors, q: Float64Array, i: number, j: number): number {
  return q[i] * (i === j ? 1 : cosine(vectors[i], vectors[j])) * q[j];
}

/** Quality weights q_i = exp(α·rel_i), α = θ / (2(1 − θ)), relevance shifted so its max is 0. */
export function dppQuality(relevance: ArrayLike<number>, theta: number): Float64Array {
  const alpha = theta / (2 * (1 - theta));
  let top = -Infinity;
  for (let i = 0; i < relevance.length; i++) top = Math.max(top, relevance[i]);
  return Float64Array.from({ length: relevance.length }, (_, i) => Math.exp(alpha * (relevance[i] - top)));
}

/**
 * Greedy DPP MAP. Stops early (returning fewer than K) only when every remaining candidate would
 * add a gain below `epsilon` — e.g. duplicates of items already picked.
 */
export function dppGreedy(relevance: ArrayLike<number>, vectors: ItemVectors, k: number, theta: number, epsilon = 1e-10): number[] {
  const m = checkCommon('dppGreedy', relevance, k);
  checkUnit('dppGreedy', 'θ', theta, true);
  const q = dppQuality(relevance, theta);
  const d2 = Float64Array.from({ length: m }, (_, i) => q[i] * q[i]);
  const c = Array.from({ length: m }, () => new Float64Array(k));
  const taken = new Uint8Array(m);
  const out: number[] = [];
  let j = argmaxFree(d2, taken);
  while (out.length < k && j >= 0 && d2[j] >= epsilon) {
    out.push(j);
    taken[j] = 1;
    const t = out.length - 1;
    const dj = Math.sqrt(d2[j]);
    for (let i = 0; i < m; i++) {
      if (taken[i]) continue;
      let dot = 0;
      for (let s = 0; s < t; s++) dot += c[j][s] * c[i][s];
      const e = (kernel(vectors, q, j, i) - dot) / dj;
      c[i][t] = e;
      d2[i] -= e * e;
    }
    j = argmaxFree(d2, taken);
  }
  return out;
}

function argmaxFree(values: Float64Array, taken: Uint8Array): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (!taken[i] && (best < 0 || values[i] > values[best])) best = i;
  return best;
}

export function calibrated(
  relevance: ArrayLike<number>,
  categories: ArrayLike<number>,
  historyCategories: ArrayLike<number>,
  numCategories: number,
  k: number,
  lambda: number,
  alpha = 0.01,
): number[] {
  const m = checkCommon('calibrated', relevance, k);
  checkUnit('calibrated', 'λ', lambda);
  if (categories.length !== m) throw new RerankError(`calibrated: ${categories.length} categories for ${m} candidates.`);
  const p = new Float64Array(numCategories);
  for (let h = 0; h < historyCategories.length; h++) p[historyCategories[h]] += 1 / historyCategories.length;
  const counts = new Float64Array(numCategories);
  const taken = new Uint8Array(m);
  const out: number[] = [];
  let relSum = 0;
  const kl = (size: number): number => {
    if (historyCategories.length === 0) return 0;
    let sum = 0;
    for (let g = 0; g < numCategories; g++) {
      if (p[g] === 0) continue;
      const qt = (1 - alpha) * (counts[g] / size) + alpha * p[g];
      sum += qt === 0 ? Infinity : p[g] * Math.log(p[g] / qt);
    }
    return sum;
  };
  const klIfAdded = new Float64Array(numCategories);
  for (let step = 0; step < k; step++) {
    // The KL after adding a candidate depends only on its category: C evaluations per step.
    for (let g = 0; g < numCategories; g++) {
      counts[g]++;
      klIfAdded[g] = kl(step + 1);
      counts[g]--;
    }
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < m; i++) {
      if (taken[i]) continue;
      const score = (1 - lambda) * (relSum + relevance[i]) - lambda * klIfAdded[categories[i]];
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    taken[best] = 1;
    counts[categories[best]]++;
    relSum += relevance[best];
    out.push(best);
  }
  return out;
}

export function categoryCap(relevance: ArrayLike<number>, categories: ArrayLike<number>, k: number, cap: number): number[] {
  checkCommon('categoryCap', relevance, k);
  if (!Number.isInteger(cap) || cap < 1) throw new RerankError(`categoryCap: the cap must be a positive integer, got ${cap}.`);
  const perCategory = new Map<number, number>();
  const out: number[] = [];
  for (const i of relevanceOrder(relevance)) {
    const n = perCategory.get(categories[i]) ?? 0;
    if (n >= cap) continue;
    perCategory.set(categories[i], n + 1);
    out.push(i);
    if (out.length === k) break;
  }
  return out;
}
