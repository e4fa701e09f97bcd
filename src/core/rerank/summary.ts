/**
 * What choosing an operating point costs and buys, against the fused ranking without re-ranking:
 * relative changes (new − base) / |base| of the offline and online measures, for the captions.
 */
import type { PolicyOutcome, TradeoffResult } from './tradeoff';

export interface OperatingSummary {
  knob: number;
  /** Relative changes against 'model' (no re-ranking); NaN where the base is 0 or undefined. */
  ndcg: number;
  purchases: number;
  clicks: number;
  revenue: number;
  diversity: number;
  coverage: number;
  novelty: number;
  calibrationKl: number;
  /** Whether the online purchases' 95% intervals of the two policies are disjoint. */
  purchasesClear: boolean;
}

const rel = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? (a - b) / Math.abs(b) : Number.NaN);

/** The summary of the curve point at `knob`, or null when the curve has no such point. */
export function operatingSummary(result: TradeoffResult, knob: number): OperatingSummary | null {
  const p: PolicyOutcome | undefined = result.points.find((q) => q.knob === knob);
  const base = result.references.find((q) => q.policy === 'model');
  if (!p || !base) return null;
  const [e, b] = [p.evaluation, base.evaluation];
  const [o, ob] = [p.online, base.online];
  return {
    knob,
    ndcg: rel(e.ndcg.value, b.ndcg.value),
    purchases: rel(o.expected.purchases, ob.expected.purchases),
    clicks: rel(o.expected.clicks, ob.expected.clicks),
    revenue: rel(o.expected.revenue, ob.expected.revenue),
    diversity: rel(e.diversity.value, b.diversity.value),
    coverage: rel(e.coverage, b.coverage),
    novelty: rel(e.novelty, b.novelty),
    calibrationKl: rel(e.calibrationKl.value, b.calibrationKl.value),
    purchasesClear: o.simulated.purchases.lo > ob.simulated.purchases.hi || o.simulated.purchases.hi < ob.simulated.purchases.lo,
  };
}

/**
 * The most a trade-off curve buys within a budget: over its points, the largest relative `gain`
 * (`diversity`: ILD up; `calibrationCut`: calibration KL down, as a positive fraction) among the
 * points whose relative `cost` measure (`purchases` or `ndcg`) falls by at most `maxLoss`; 0 when
 * no point qualifies. What a learner choosing an operating point on that curve can reach.
 */
export function bestGainWithin(result: TradeoffResult, gain: 'diversity' | 'calibrationCut', cost: 'purchases' | 'ndcg', maxLoss: number): number {
  let best = 0;
  for (const p of result.points) {
    const s = p.knob === null ? null : operatingSummary(result, p.knob);
    if (!s || !(s[cost] >= -maxLoss)) continue;
    const g = gain === 'diversity' ? s.diversity : -s.calibrationKl;
    if (Number.isFinite(g)) best = Math.max(best, g);
  }
  return best;
}
