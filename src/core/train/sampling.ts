/**
 * Negative down-sampling and the re-calibration that undoes it. Purchases are a few percent of
 * impressions; training on every purchase and a share s of the impressions without one is cheaper
 * and gives the rare class more weight, but a model trained on the sample learns the sample's
 * rates. For an example x with true P(purchase) p_b and P(click) p_c, the sample keeps x with
 * probability K = p_b + s·(1 − p_b), so the model learns
 *
 *   q_b = p_b / K                         (purchase, the sampled task), and
 *   q_c = (p_b + s·(p_c − p_b)) / K       (click: clicked impressions without a purchase are thinned too).
 *
 * Inverting: p_b = q_b / (q_b + (1 − q_b)/s) (He et al., "Practical lessons from predicting clicks
 * on ads at Facebook", 2014), and with it p_c = (q_c·K − p_b·(1 − s)) / s. Both are exact for a
 * model that learned the sample's rates; p_c is clamped to [p_b, 1] (no purchase without a click).
 * The add-to-cart task of the three-step funnel is the same case as the click (every purchase was
 * carted), so it is re-calibrated by the same formula.
 */
import { cartIndex, type EncodedData, type TaskSpec } from '../features';
import { Rng } from '../random';

/**
 * The train rows kept at sampling rate `rate`: every row whose `task` label is 1, and each other
 * row with probability `rate` (seeded). `rate` = 1 returns `rows` itself.
 */
export function sampleNegatives(data: EncodedData, rows: Int32Array, rate: number, task: number, seed: number): Int32Array {
  if (!(rate > 0 && rate <= 1)) throw new Error(`training.negativeSampling must be in (0, 1], got ${rate}`);
  if (rate === 1) return rows;
  const labels = data.labels[task];
  if (!labels || data.tasks[task]?.kind !== 'binary') throw new Error(`Negative sampling needs a binary task ${task}; this data has ${data.tasks.map((t) => t.name).join(', ')}.`);
  const rng = Rng.stream(seed, 'negative-sampling');
  const kept: number[] = [];
  for (const r of rows) if (labels[r] === 1 || rng.float() < rate) kept.push(r);
  return Int32Array.from(kept);
}

/** P(purchase) from a prediction q_b learned on a sample that kept a share `rate` of non-purchases: q / (q + (1 − q)/s). */
export function recalibratePurchase(q: number, rate: number): number {
  return q / (q + (1 - q) / rate);
}

/**
 * Re-calibrates a sampled model's predictions in place (see the module comment): the purchase
 * (head 1) first, then from it every funnel step before the purchase — the click (head 0) and, when
 * `tasks` name one, the cart. Other tasks (the interest head) are left as they are.
 */
export function recalibrate(preds: Float32Array[], rate: number, tasks?: readonly TaskSpec[]): void {
  if (rate === 1) return;
  const purchase = preds[1];
  const cart = tasks ? cartIndex(tasks) : -1;
  const earlier = [preds[0], cart > 1 ? preds[cart] : undefined].filter((p): p is Float32Array => p !== undefined);
  for (let r = 0; r < purchase.length; r++) {
    const pb = recalibratePurchase(purchase[r], rate);
    purchase[r] = pb;
    const keep = pb + rate * (1 - pb);
    for (const p of earlier) p[r] = Math.min(1, Math.max(pb, (p[r] * keep - pb * (1 - rate)) / rate));
  }
}
