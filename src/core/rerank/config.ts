/**
 * The ranking section of an experiment: how the task heads are fused into one score, which
 * re-ranker runs at which operating point, and how the trade-off curve and the simulated online
 * test are sampled. None of it changes training; it only acts on a trained model's scores.
 */
import type { FieldTable } from '../config/fields';

export const RERANK_METHODS = ['mmr', 'dpp', 'calibrated', 'cap'] as const;
export type RerankMethod = (typeof RERANK_METHODS)[number];

export interface RankingConfig {
  /** Exponent a of P(click) in the fused score pClick^a · pPurchase^b · price^c. */
  fusionClick: number;
  /** Exponent b of P(purchase). */
  fusionPurchase: number;
  /** Exponent c of the price. */
  fusionPrice: number;
  /** The re-ranker whose knob the trade-off curve sweeps. */
  method: RerankMethod;
  /** MMR's λ: weight of relevance against similarity to items already listed (1 = no re-ranking). */
  mmrLambda: number;
  /** DPP's θ: weight of relevance against diversity in the kernel (0 = diversity only). */
  dppTheta: number;
  /** Calibrated re-ranking's λ: weight of the calibration KL against relevance (0 = no re-ranking). */
  calibrationLambda: number;
  /** The most items of one category in a list. */
  cap: number;
  /** Candidates handed to the re-ranker: the top M by fused score. */
  candidates: number;
  /** Knob values on the trade-off curve, evenly spread over the knob's range. */
  curvePoints: number;
  /** Test shoppers the trade-off and the online test are measured on (a seeded sample). */
  shoppers: number;
  /** Simulated sessions per shopper in the online test (for its confidence intervals). */
  sessions: number;
}

export const RANKING_FIELDS: FieldTable<RankingConfig> = {
  fusionClick: { label: 'Click exponent a', help: 'Exponent of P(click) in the score pClick^a · pPurchase^b · price^c.', default: 0, min: 0, max: 10 },
  fusionPurchase: { label: 'Purchase exponent b', help: 'Exponent of P(purchase) in the fused score.', default: 1, min: 0, max: 10 },
  fusionPrice: { label: 'Price exponent c', help: 'Exponent of the price in the fused score.', default: 0, min: 0, max: 10 },
  method: { kind: 'enum', label: 'Re-ranker', help: 'MMR, DPP, calibrated re-ranking or a per-category cap.', default: 'mmr', options: RERANK_METHODS },
  mmrLambda: { label: 'MMR λ', help: 'Relevance weight of MMR: 1 keeps the relevance order, 0 maximises diversity.', default: 0.7, min: 0, max: 1 },
  dppTheta: { label: 'DPP θ', help: 'Relevance weight of the DPP: 0 picks for diversity only; near 1, relevance dominates.', default: 0.7, min: 0, max: 0.99 },
  calibrationLambda: { label: 'Calibration λ', help: 'Weight of matching the history\'s category mix: 0 keeps the relevance order.', default: 0.5, min: 0, max: 1 },
  cap: { label: 'Items per category', help: 'The per-category cap: at most this many items of one category.', default: 3, min: 1, max: 100, integer: true },
  candidates: { label: 'Candidates M', help: 'Top-M items by fused score that the re-ranker chooses from.', default: 100, min: 1, max: 100000, integer: true },
  curvePoints: { label: 'Curve points', help: 'Knob values on the trade-off curve.', default: 11, min: 2, max: 41, integer: true },
  shoppers: { label: 'Shoppers', help: 'Test shoppers the trade-off and online test use.', default: 200, min: 1, max: 100000, integer: true },
  sessions: { label: 'Sessions per shopper', help: 'Simulated sessions per shopper in the online test.', default: 20, min: 2, max: 1000, integer: true },
};

/** The knob of each method: its config field, its symbol, and its range. */
export const KNOBS: Record<RerankMethod, { field: 'mmrLambda' | 'dppTheta' | 'calibrationLambda' | 'cap'; symbol: string; what: string }> = {
  mmr: { field: 'mmrLambda', symbol: 'λ', what: 'relevance weight' },
  dpp: { field: 'dppTheta', symbol: 'θ', what: 'relevance weight' },
  calibrated: { field: 'calibrationLambda', symbol: 'λ', what: 'calibration weight' },
  cap: { field: 'cap', symbol: 'cap', what: 'items per category' },
};

/** The operating point: the chosen method's knob value in `config`. */
export function operatingKnob(config: RankingConfig): number {
  return config[KNOBS[config.method].field];
}

/**
 * Knob values of a trade-off curve: `points` evenly spaced values over the knob's range — [0, 1]
 * for λ, [0, 0.95] for θ (θ → 1 weighs relevance without bound), whole caps from 1 to K (fewer
 * when K is small) — plus the operating point, sorted.
 */
export function knobGrid(config: RankingConfig, k: number): number[] {
  const n = config.curvePoints;
  const spread = (lo: number, hi: number) => Array.from({ length: n }, (_, i) => Number((lo + ((hi - lo) * i) / (n - 1)).toFixed(2)));
  const grid =
    config.method === 'cap'
      ? spread(1, Math.max(1, k)).map(Math.round)
      : config.method === 'dpp'
        ? spread(0, 0.95)
        : spread(0, 1);
  return [...new Set([...grid, operatingKnob(config)])].sort((a, b) => a - b);
}

/** Min–max scales relevance over the candidates to [0, 1] (all zeros when they are equal), so each knob means the same whatever the fusion formula's scale. */
export function normaliseRelevance(relevance: ArrayLike<number>): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < relevance.length; i++) {
    lo = Math.min(lo, relevance[i]);
    hi = Math.max(hi, relevance[i]);
  }
  const span = hi - lo;
  return Float64Array.from({ length: relevance.length }, (_, i) => (span > 0 ? (relevance[i] - lo) / span : 0));
}
