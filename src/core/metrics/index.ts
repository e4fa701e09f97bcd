/**
 * The metrics library. Every function follows one written convention (README, "Metric
 * conventions"), takes plain arrays, and states its formula in its doc comment.
 */
export { auc, gauc, logLoss, ece, LOG_LOSS_EPS } from './pointwise';
export type { GaucResult } from './pointwise';
export { ndcgAtK, recallAtK, precisionAtK, hitRateAtK, mrrAtK } from './ranking';
export {
  intraListDiversity,
  catalogCoverage,
  novelty,
  giniIndex,
  giniOfCounts,
  averagePopularity,
  longTailShare,
  calibrationKl,
  serendipity,
  cosine,
} from './beyond';
export type { ItemVectors } from './beyond';
export { pearson } from './correlation';
export { MetricInputError } from './checks';
export { meanInterval, tQuantile975, excludesZero } from './interval';
export type { MeanInterval } from './interval';
