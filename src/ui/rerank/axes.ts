/**
 * The axes of the re-ranking trade-off charts: which engine-computed number of a policy each one
 * reads (the UI only picks fields; every value comes from the worker).
 */
import type { PolicyOutcome } from '../../core/rerank/tradeoff';

export const BEYOND_AXES = {
  diversity: { label: 'intra-list diversity', read: (p: PolicyOutcome) => p.evaluation.diversity.value, better: 'higher' },
  coverage: { label: 'catalogue coverage', read: (p: PolicyOutcome) => p.evaluation.coverage, better: 'higher' },
  novelty: { label: 'novelty (bits)', read: (p: PolicyOutcome) => p.evaluation.novelty, better: 'higher' },
  gini: { label: 'Gini of exposure', read: (p: PolicyOutcome) => p.evaluation.gini, better: 'lower' },
  calibrationKl: { label: 'calibration KL', read: (p: PolicyOutcome) => p.evaluation.calibrationKl.value, better: 'lower' },
} as const;
export type BeyondAxis = keyof typeof BEYOND_AXES;

/** Offline NDCG@K, or online expected purchases per session with its simulated 95% interval. */
export const ACCURACY_AXES = {
  ndcg: { read: (p: PolicyOutcome) => p.evaluation.ndcg.value, interval: null },
  purchases: {
    read: (p: PolicyOutcome) => p.online.expected.purchases,
    interval: (p: PolicyOutcome): [number, number] => [p.online.simulated.purchases.lo, p.online.simulated.purchases.hi],
  },
} as const;
export type AccuracyAxis = keyof typeof ACCURACY_AXES;
