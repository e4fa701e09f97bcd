/** Ids of the glossary's entries (kept apart from the entries so labels link without loading them). */
export const GLOSSARY_IDS = [
  'auc',
  'gauc',
  'logLoss',
  'ece',
  'sessionNdcg',
  'ndcg',
  'rankingNdcg',
  'recall',
  'hitRate',
  'mrr',
  'diversity',
  'coverage',
  'novelty',
  'gini',
  'averagePopularity',
  'longTailShare',
  'calibrationKl',
  'serendipity',
  'online',
  'kendallTau',
] as const;
export type GlossaryId = (typeof GLOSSARY_IDS)[number];
