/**
 * Scenarios: named starting points that set the world, the model, the weighting and the ranking
 * for one lesson of multi-task recommendation, each with a two-or-three-sentence story. They are
 * sized to train in seconds in a browser tab (1,000 shoppers × 300 items, 3 epochs) so a class or
 * a meeting gets to the point quickly; the learner can enlarge them from there.
 */
import { parseExperimentConfig, type ExperimentConfig } from '../experiment/config';

export interface Scenario {
  id: string;
  title: string;
  /** Two or three sentences: the situation and the question it raises. */
  story: string;
  /** Where to look once it has trained, and what to try next. */
  watch: string;
  /** A partial experiment config over the defaults. */
  config: Record<string, unknown>;
}

/** The common small shopper world and schedule of the scenarios. */
const WORLD = { numShoppers: 1000, numItems: 300, sessionsPerShopper: 6 };
const TRAINING = { epochs: 3, batchSize: 512 };
const EVALUATION = { rankShoppers: 200 };

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'clickbait',
    title: 'Clickbait vs purchases',
    story:
      'In this shop what makes people click is the opposite of what makes them buy (click–purchase alignment −0.8): flashy, cheap-looking items draw clicks and rarely sell. A model tuned for clicks will fill the page with them.',
    watch:
      'Train, then in “Ranking and re-ranking” compare “Rank for clicks” with “Rank for purchases”: the online purchases per session tell you what clicks cost. Move the task weights towards purchases and watch the two AUCs.',
    config: { world: { ...WORLD, alignment: -0.8 }, model: { architecture: 'mmoe' }, training: TRAINING, evaluation: EVALUATION, ranking: { fusionClick: 1, fusionPurchase: 0, fusionPrice: 0, shoppers: 150 } },
  },
  {
    id: 'related-tasks',
    title: 'Related and unrelated tasks',
    story:
      'The MMoE paper’s synthetic data: two regression tasks whose relatedness p you set. With p = 0.5 the tasks pull a shared network in different directions; with p = 0.9 they mostly agree.',
    watch:
      'This starts with a shared-bottom model at p = 0.5. Pin the run, switch the architecture to MMoE and train again: compare the test MSE of y1 and y2. Then set p to 0.9, train both again and compare the gaps.',
    config: {
      world: { kind: 'mmoe', correlation: 0.5, numSamples: 6000 },
      model: { architecture: 'shared-bottom', numExperts: 8, expertUnits: 16, towerUnits: 8 },
      training: { epochs: 40, batchSize: 256, learningRate: 0.002, patience: 5, earlyStoppingMetric: 'loss' },
    },
  },
  {
    id: 'seesaw',
    title: 'The seesaw',
    story:
      'When clicks and purchases are driven by unrelated things (alignment 0), improving one task in a shared model tends to hurt the other: the seesaw. PLE gives each task its own experts beside shared ones to break it.',
    watch:
      'Train the shared-bottom model and pin it; move the weights to 4 / 1 or 1 / 4, train again and compare both AUCs with the pinned run: do they move together or against each other? Then try PLE with equal weights.',
    config: { world: { ...WORLD, alignment: 0 }, model: { architecture: 'shared-bottom' }, training: TRAINING, evaluation: EVALUATION },
  },
  {
    id: 'selection-bias',
    title: 'Sample selection bias',
    story:
      'A conversion model is usually trained only on clicked impressions, then used on every impression: the data it learned from is not the data it serves (sample selection bias). ESMM learns purchases over the entire impression space instead.',
    watch:
      'This trains a shared-bottom model whose purchase head learns P(purchase | click) on clicked impressions only. Pin it, switch the architecture to ESMM and train again; compare the purchase ECE (calibration) and AUC.',
    config: { world: WORLD, model: { architecture: 'shared-bottom', purchaseTarget: 'cvr' }, training: TRAINING, evaluation: EVALUATION },
  },
  {
    id: 'cold-start',
    title: 'Cold start',
    story:
      'Three in ten shoppers and one in five items are new: they never appear in training, so the model falls back on a shared “unknown” embedding and the items’ attributes. Does it still beat simply showing what is popular?',
    watch:
      'In the test results compare the model, the popularity ranking, and the model with popularity as the fallback for cold-start shoppers. Then open the inspector and pick a cold-start shopper: what do they get, and how close is it to what they would buy?',
    config: { world: { ...WORLD, coldShopperShare: 0.3, coldItemShare: 0.2 }, training: TRAINING, evaluation: EVALUATION },
  },
  {
    id: 'popularity-bias',
    title: 'Popularity bias',
    story:
      'Exposure is skewed (Zipf exponent 2) and the logging policy mostly shows hits, so the training data is mostly about a few popular items. A model trained on it learns to recommend them again.',
    watch:
      'Compare the model’s NDCG@10 with the popularity ranking’s in the test results, and its coverage and Gini. Then set popularity skew to 0.5 and train again: how big is popularity’s lead on the test log now?',
    config: { world: { ...WORLD, popularitySkew: 2, policyPersonalization: 0.2 }, training: TRAINING, evaluation: EVALUATION },
  },
  {
    id: 'filter-bubble',
    title: 'The filter bubble',
    story:
      'A list ranked only by predicted purchase shows each shopper more of what they already buy: accurate, and narrow. Re-ranking with MMR or a DPP buys variety with a little relevance.',
    watch:
      'Train, then compute the re-ranking trade-off: NDCG@10 offline and purchases online against intra-list diversity. Choose an operating point, switch the re-ranker to DPP and compare; the inspector shows one shopper’s list before and after.',
    config: { world: WORLD, training: TRAINING, evaluation: EVALUATION, ranking: { method: 'mmr', mmrLambda: 0.6, shoppers: 150 } },
  },
];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** The full, validated config of a scenario. */
export function scenarioConfig(s: Scenario): ExperimentConfig {
  return parseExperimentConfig(s.config);
}
