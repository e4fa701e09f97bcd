/**
 * The glossary: every metric the playground shows, with its formula and convention read from the
 * doc comment of the engine function that computes it (the source files are bundled as text), so
 * the page and the code can never say different things. Loaded lazily: only when opened.
 */
import beyondSrc from '../../core/metrics/beyond.ts?raw';
import pointwiseSrc from '../../core/metrics/pointwise.ts?raw';
import rankingSrc from '../../core/metrics/ranking.ts?raw';
import evalRankingSrc from '../../core/eval/ranking.ts?raw';
import simulateSrc from '../../core/online/simulate.ts?raw';
import disagreementSrc from '../../core/rerank/disagreement.ts?raw';
import evalPointwiseSrc from '../../core/eval/pointwise.ts?raw';
import trainerSrc from '../../core/train/trainer.ts?raw';
import truthSrc from '../../core/eval/truth.ts?raw';
import modelConfigSrc from '../../core/model/config.ts?raw';
import samplingSrc from '../../core/train/sampling.ts?raw';
import lossesSrc from '../../core/train/losses.ts?raw';
import worldConfigSrc from '../../core/world/config.ts?raw';
import baselinesSrc from '../../core/baselines/index.ts?raw';
import conditionedSrc from '../../core/train/conditioned.ts?raw';
import { docComment } from './docComment';
import { GLOSSARY_IDS, type GlossaryId } from './ids';

export interface GlossaryEntry {
  id: GlossaryId;
  name: string;
  /** Why a recommender team looks at it, in one sentence. */
  why: string;
  /** The engine's doc comment: formula and convention. */
  definition: string;
  /** Where that comment lives. */
  source: string;
}

interface Spec {
  name: string;
  why: string;
  file: string;
  text: string;
  /** The exported function or interface whose comment to read; null: the file's opening comment. */
  symbol: string | null;
}

const M = 'src/core/metrics/';
const SPECS: Record<GlossaryId, Spec> = {
  auc: { name: 'AUC', why: 'How well a task’s scores separate positives from negatives over all impressions, whatever the threshold.', file: `${M}pointwise.ts`, text: pointwiseSrc, symbol: 'auc' },
  gauc: { name: 'GAUC', why: 'AUC within each shopper, averaged: what matters when ranking is per shopper, not across shoppers.', file: `${M}pointwise.ts`, text: pointwiseSrc, symbol: 'gauc' },
  logLoss: { name: 'Log loss', why: 'Penalises confident wrong probabilities; what the model is trained to minimise.', file: `${M}pointwise.ts`, text: pointwiseSrc, symbol: 'logLoss' },
  ece: { name: 'ECE', why: 'Whether predicted probabilities match observed rates — needed when scores are multiplied (pCTR·pCVR) or turned into bids.', file: `${M}pointwise.ts`, text: pointwiseSrc, symbol: 'ece' },
  sessionNdcg: { name: 'Session NDCG@K', why: 'How well one task’s predictions re-order the items a shopper was actually shown.', file: 'src/core/eval/pointwise.ts', text: evalPointwiseSrc, symbol: 'TaskEvaluation.sessionNdcg' },
  ndcg: { name: 'NDCG@K', why: 'Rewards putting relevant items near the top, with a logarithmic discount per position.', file: `${M}ranking.ts`, text: rankingSrc, symbol: 'ndcgAtK' },
  rankingNdcg: { name: 'Ranking NDCG@K', why: 'The whole-catalogue top K of a policy judged against the shopper’s test clicks (purchases count double).', file: 'src/core/eval/ranking.ts', text: evalRankingSrc, symbol: 'ndcgListed' },
  recall: { name: 'Recall@K', why: 'The share of a shopper’s relevant items that made the list, regardless of order.', file: `${M}ranking.ts`, text: rankingSrc, symbol: 'recallAtK' },
  hitRate: { name: 'Hit rate@K', why: 'Whether the list contains anything relevant at all.', file: `${M}ranking.ts`, text: rankingSrc, symbol: 'hitRateAtK' },
  mrr: { name: 'MRR@K', why: 'How far down the first relevant item sits.', file: `${M}ranking.ts`, text: rankingSrc, symbol: 'mrrAtK' },
  diversity: { name: 'Intra-list diversity', why: 'How different the items of one list are from each other.', file: `${M}beyond.ts`, text: beyondSrc, symbol: 'intraListDiversity' },
  coverage: { name: 'Catalogue coverage', why: 'How much of the catalogue ever gets recommended to anyone.', file: `${M}beyond.ts`, text: beyondSrc, symbol: 'catalogCoverage' },
  novelty: { name: 'Novelty', why: 'How unfamiliar the recommended items are, in bits: popular items carry little news.', file: `${M}beyond.ts`, text: beyondSrc, symbol: 'novelty' },
  gini: { name: 'Gini index', why: 'How unequally exposure is spread over the catalogue: 0 even, near 1 a few items get everything.', file: `${M}beyond.ts`, text: beyondSrc, symbol: 'giniOfCounts' },
  averagePopularity: { name: 'Average popularity', why: 'How mainstream the recommended items are.', file: `${M}beyond.ts`, text: beyondSrc, symbol: 'averagePopularity' },
  longTailShare: { name: 'Long-tail share', why: 'The share of recommendations that come from outside the few hits.', file: `${M}beyond.ts`, text: beyondSrc, symbol: 'longTailShare' },
  calibrationKl: { name: 'Calibration KL', why: 'How far a list’s category mix is from the shopper’s history (Steck’s calibrated recommendations).', file: `${M}beyond.ts`, text: beyondSrc, symbol: 'calibrationKl' },
  serendipity: { name: 'Serendipity', why: 'Relevant items that are unlike what the shopper already knew.', file: `${M}beyond.ts`, text: beyondSrc, symbol: 'serendipity' },
  online: { name: 'Simulated online test', why: 'What shoppers would really click, buy and spend when shown a list — the world’s truth, position bias included.', file: 'src/core/online/simulate.ts', text: simulateSrc, symbol: null },
  gradientCosine: { name: 'Gradient conflict', why: 'Whether the tasks want the shared layers to move the same way; below 0 a step for one task undoes the other.', file: 'src/core/train/trainer.ts', text: trainerSrc, symbol: 'TrainResult.meanGradientCosine' },
  ceiling: { name: 'The truth (ceiling)', why: 'The world knows every true probability: scored like a model, it is the best any model could do on the same test impressions.', file: 'src/core/eval/truth.ts', text: truthSrc, symbol: 'TaskCeiling.auc' },
  gapShare: { name: 'Gap closed', why: 'Where a model sits between knowing nothing (chance, or the random list) and the truth: 0% learned nothing, 100% is the ceiling.', file: 'src/core/eval/truth.ts', text: truthSrc, symbol: 'gapShare' },
  positionInput: { name: 'Position-aware training', why: 'Clicks depend on where an item was shown; a model that sees the position can separate “shown first” from “relevant” — and flatter its offline AUC.', file: 'src/core/model/config.ts', text: modelConfigSrc, symbol: 'POSITION_INPUTS' },
  kendallTau: { name: 'Offline vs online agreement', why: 'Whether the test log and the simulated shoppers order policies the same way.', file: 'src/core/rerank/disagreement.ts', text: disagreementSrc, symbol: null },
  negativeSampling: { name: 'Negative sampling and re-calibration', why: 'Training on every purchase and a share of the rest is cheaper, but the model then predicts the sample’s rates until they are corrected.', file: 'src/core/train/sampling.ts', text: samplingSrc, symbol: null },
  classWeights: { name: 'Class weights and focal loss', why: 'Ways to make rare positives count more without discarding data; they move the predicted probabilities too.', file: 'src/core/train/losses.ts', text: lossesSrc, symbol: 'LossOptions' },
  funnel: { name: 'Three-step funnel and ESM²', why: 'Purchases are rare; the add-to-cart step between click and purchase is a denser signal on the way, and modelling the path keeps every step’s estimate honest on impressions that never reached it.', file: 'src/core/world/config.ts', text: worldConfigSrc, symbol: 'FUNNELS' },
  conditioned: { name: 'One model for every weighting', why: 'A sweep trains one model per weighting; a model that reads the weights as inputs is trained once and answers “what if purchases weighed more?” with a forward pass.', file: 'src/core/train/conditioned.ts', text: conditionedSrc, symbol: null },
  baselines: { name: 'Reference baselines', why: 'What a multi-task model must beat to be worth its cost: popularity, random, matrix factorisation, item-kNN and a content profile, all from the same train clicks.', file: 'src/core/baselines/index.ts', text: baselinesSrc, symbol: null },
};

export const GLOSSARY: GlossaryEntry[] = GLOSSARY_IDS.map((id) => {
  const s = SPECS[id];
  return { id, name: s.name, why: s.why, definition: docComment(s.text, s.symbol), source: s.symbol ? `${s.file} — ${s.symbol}` : s.file };
});
