/**
 * One model for every weighting (Ruchte & Grabocka 2021, "Scalable Pareto front approximation for
 * deep multi-objective learning"; MultiTRON, RecSys 2024): the network reads the task weights as
 * inputs (see `NetSpec.conditionDim`) and trains on weights drawn afresh for every batch, so after
 * training any weighting is a forward pass away, with no retraining.
 *
 * The first C tasks (the world's own tasks; an auxiliary head keeps its set weight) are the
 * conditioned ones. Their weights are drawn as shares s ~ Dirichlet(1, …, 1), uniform on the
 * simplex, and the loss weights are C·s (summing to C, as the sweep's weightings do); the network's
 * condition is s itself.
 */
import type { Rng } from '../random';

/**
 * Shares of the first C weights, w_t / Σ_{j<C} w_j: the condition a conditioned network runs at for
 * the weighting `weights`. Throws when they sum to 0 (no weighting to run at).
 */
export function weightShares(weights: readonly number[], C: number): number[] {
  if (weights.length < C) throw new Error(`a conditioned model needs ${C} task weights, got ${weights.length}`);
  const head = weights.slice(0, C);
  const sum = head.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || head.some((w) => !(w >= 0))) throw new Error(`a conditioned model runs at the shares of its first ${C} task weights: they must be ≥ 0 and not all 0, got [${head.join(', ')}]`);
  return head.map((w) => w / sum);
}

/**
 * Shares drawn from Dirichlet(1, …, 1) (uniform on the simplex): C exponential variates −ln(1 − u),
 * normalised.
 */
export function drawShares(rng: Rng, C: number): number[] {
  const e = Array.from({ length: C }, () => -Math.log(1 - rng.float()));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The loss weights of a step at shares `s`: C·s for the conditioned tasks, then `rest` (each other task's set weight). */
export function lossWeights(s: readonly number[], rest: readonly number[]): number[] {
  return [...s.map((v) => s.length * v), ...rest];
}
