/**
 * Score fusion: the ranking score that combines the task heads,
 *   score = pClick^a · pPurchase^b · price^c,
 * computed as a·ln pClick + b·ln pPurchase + c·ln price (same order, no underflow). pClick and
 * pPurchase are the model's P(click | impression) and P(purchase | impression).
 */

export interface FusionWeights {
  /** Exponent of P(click). */
  a: number;
  /** Exponent of P(purchase). */
  b: number;
  /** Exponent of the price. */
  c: number;
}

/** Named formulas: rank for clicks, for purchases, or for expected revenue (P(purchase) × price). */
export const FUSION_PRESETS: Record<'clicks' | 'purchases' | 'revenue', FusionWeights> = {
  clicks: { a: 1, b: 0, c: 0 },
  purchases: { a: 0, b: 1, c: 0 },
  revenue: { a: 0, b: 1, c: 1 },
};

/** Probabilities are clamped to [1e-12, 1] so a zero prediction ranks last instead of giving −∞·0. */
const FLOOR = 1e-12;

export function fuseScores(pClick: ArrayLike<number>, pPurchase: ArrayLike<number>, price: ArrayLike<number>, w: FusionWeights): Float64Array {
  for (const [name, v] of Object.entries(w)) {
    if (!Number.isFinite(v) || v < 0 || v > 10) throw new Error(`Fusion exponent ${name} must lie in [0, 10], got ${v}.`);
  }
  const n = pClick.length;
  if (pPurchase.length !== n || price.length !== n) throw new Error(`Fusion inputs differ in length: ${n}, ${pPurchase.length}, ${price.length}.`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pc = Math.min(Math.max(pClick[i], FLOOR), 1);
    const pp = Math.min(Math.max(pPurchase[i], FLOOR), 1);
    out[i] = (w.a ? w.a * Math.log(pc) : 0) + (w.b ? w.b * Math.log(pp) : 0) + (w.c ? w.c * Math.log(Math.max(price[i], FLOOR)) : 0);
  }
  return out;
}
