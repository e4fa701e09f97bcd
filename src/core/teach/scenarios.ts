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
  /**
   * Ids of the claims (teach/claims/catalog.ts) that back what the story and `watch` say; each is
   * measured over seeds by `npm run bench:claims`, and the words may say no more than they hold.
   */
  claims: readonly string[];
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
      'Train, then in “Ranking and re-ranking” compare “Rank for clicks” with “Rank for purchases”: ranking for clicks draws more clicks per session; the online purchases tell you what those clicks cost. Then move the task weights towards purchases (1 / 4) and train again: the purchase AUC does not rise — it falls a little. The weights you rank by, not the loss weights, are what trade clicks for purchases here.',
    // 2,000 shoppers, twice the other scenarios: with 1,000 the purchase head saw ~5 purchases per
    // item and ranking for purchases beat ranking for clicks on only 6 of 8 seeds; a shared-bottom
    // model (MMoE's gates added seed-to-seed variance here, not accuracy).
    config: {
      world: { ...WORLD, numShoppers: 2000, alignment: -0.8 },
      model: { architecture: 'shared-bottom' },
      training: TRAINING,
      evaluation: EVALUATION,
      ranking: { fusionClick: 1, fusionPurchase: 0, fusionPrice: 0, shoppers: 150 },
    },
    claims: ['clickbait.rank-for-purchases', 'clickbait.rank-for-clicks', 'clickbait.weight-lowers-purchase-auc'],
  },
  {
    id: 'related-tasks',
    title: 'Related and unrelated tasks',
    story:
      'The MMoE paper’s synthetic data: two regression tasks whose relatedness p you set. MMoE’s gates let each task pick its own mix of eight experts, where shared-bottom has one small shared layer. But this world has only 4,800 training samples, and eight experts are a lot to fit.',
    watch:
      'This starts with a shared-bottom model at p = 0.5. Pin the run, switch the architecture to MMoE and train again: MMoE’s training loss falls far below the shared bottom’s while its validation loss stays high — it memorises the training set — and its test MSE ends higher. Set p to 0.9 and compare again: the same. The paper’s result — MMoE degrading least as tasks grow apart — needs far more data than a browser tab trains on here.',
    config: {
      world: { kind: 'mmoe', correlation: 0.5, numSamples: 6000 },
      model: { architecture: 'shared-bottom', numExperts: 8, expertUnits: 16, towerUnits: 8 },
      // Learning rate 0.01: at 0.002 neither model had converged by epoch 40 (shared-bottom was
      // still improving on every seed), so which one won was run-to-run noise.
      training: { epochs: 40, batchSize: 256, learningRate: 0.01, patience: 5, earlyStoppingMetric: 'loss' },
    },
    claims: ['related-tasks.mmoe-overfits', 'related-tasks.mmoe-overfits-related', 'related-tasks.mmoe-wider-gap'],
  },
  {
    id: 'seesaw',
    title: 'The seesaw',
    story:
      'Clicks and purchases are driven by unrelated things here (alignment 0), and the shared-bottom model squeezes both through one narrow shared layer of 4 units, so the tasks compete for it. The seesaw says weighting one task more buys it accuracy at the other’s cost; PLE adds experts of each task’s own beside the shared ones to ease it.',
    watch:
      'Train and pin the run; set the weights to 1 / 4 and train again: the click AUC falls against the pinned run — on every world we measured. Does the purchase AUC rise with its weight? Not reliably: a purchase needs a click, so the purchase task leans on the click signal too, and starving the click task helps it little. Train with 3 seeds to see the noise, then try 4 / 1 and PLE with equal weights, and judge each change against its interval.',
    config: { world: { ...WORLD, alignment: 0 }, model: { architecture: 'shared-bottom', expertUnits: 4 }, training: TRAINING, evaluation: EVALUATION },
    claims: ['seesaw.purchase-weight-hurts-clicks'],
  },
  {
    id: 'selection-bias',
    title: 'Sample selection bias',
    story:
      'A conversion model is usually trained only on clicked impressions, then used on every impression: the data it learned from is not the data it serves (sample selection bias). ESMM learns purchases over the entire impression space instead.',
    watch:
      'This trains a shared-bottom model whose purchase head learns P(purchase | click) on clicked impressions only. Pin it, switch the architecture to ESMM and train again. Under the test results, the conversion check compares each model’s conversion estimate with the world’s: the CVR model is off on the impressions nobody clicked, where it never had a label, and ESMM is much closer; ESMM also ranks purchases better (purchase AUC).',
    config: { world: WORLD, model: { architecture: 'shared-bottom', purchaseTarget: 'cvr' }, training: TRAINING, evaluation: EVALUATION },
    claims: ['selection-bias.esmm-unclicked-conversion', 'selection-bias.esmm-purchase-auc'],
  },
  {
    id: 'cold-start',
    title: 'Cold start',
    story:
      'Three in ten shoppers and one in five items are new: they never appear in training, so the model falls back on a shared “unknown” embedding and the items’ attributes. Does it still beat simply showing what is popular?',
    watch:
      'In the test results compare the model, the popularity ranking and the model with popularity as the fallback for cold-start shoppers. Two judges disagree: on the test log (NDCG@10) popularity wins, because the log was collected by a policy that mostly showed popular items; by the world’s truth (true P(buy)) the model’s lists sell far more. Trust the truth here — in a real shop, an online test. Then open the inspector and pick a cold-start shopper.',
    config: { world: { ...WORLD, coldShopperShare: 0.3, coldItemShare: 0.2 }, training: TRAINING, evaluation: EVALUATION },
    claims: ['cold-start.model-sells-more', 'cold-start.log-favours-popularity'],
  },
  {
    id: 'popularity-bias',
    title: 'Popularity bias',
    story:
      'Exposure is skewed (Zipf exponent 2) and the logging policy mostly shows hits, so the training data is mostly about a few popular items. A model trained on it learns to recommend them again.',
    watch:
      'Compare the model’s NDCG@10 with the popularity ranking’s in the test results, and its coverage and Gini. Then set popularity skew to 0.5 and train again: how big is popularity’s lead on the test log now?',
    config: { world: { ...WORLD, popularitySkew: 2, policyPersonalization: 0.2 }, training: TRAINING, evaluation: EVALUATION },
    claims: ['popularity-bias.lead-shrinks'],
  },
  {
    id: 'filter-bubble',
    title: 'The filter bubble',
    story:
      'A list ranked only by predicted purchase shows each shopper more of what they already buy: accurate, and narrow. Re-ranking with MMR or a DPP buys variety, and the price is paid in purchases.',
    watch:
      'Train, then compute the re-ranking trade-off: NDCG@10 offline and purchases online against intra-list diversity. Choose an operating point, switch the re-ranker to DPP and compare; the inspector shows one shopper’s list before and after.',
    config: { world: WORLD, training: TRAINING, evaluation: EVALUATION, ranking: { method: 'mmr', mmrLambda: 0.6, shoppers: 150 } },
    claims: ['filter-bubble.mmr-buys-variety', 'filter-bubble.mmr-costs-purchases'],
  },
];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** The full, validated config of a scenario. */
export function scenarioConfig(s: Scenario): ExperimentConfig {
  return parseExperimentConfig(s.config);
}
