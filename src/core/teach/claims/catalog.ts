/**
 * Every effect the scenarios, lessons and exercises promise, as a claim `npm run bench:claims`
 * measures over seeds. When a claim's words change in a story, a lesson or an exercise, its entry
 * here changes with them; a claim that fails means the words must change (or the world must be made
 * to produce the effect for a real reason), never the seeds or thresholds.
 */
import { deepMerge } from '../../config/merge';
import { scenarioById } from '../scenarios';
import type { Claim, ClaimSide } from './types';

/** A scenario's config, with changes over it. */
function scenario(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const s = scenarioById(id);
  if (!s) throw new Error(`No scenario ${id}`);
  return deepMerge(s.config, over) as Record<string, unknown>;
}

const side = (config: Record<string, unknown>, metric: string): ClaimSide => ({ config, metric });
const RANK_CLICKS = { ranking: { fusionClick: 1, fusionPurchase: 0, fusionPrice: 0 } };
const RANK_PURCHASES = { ranking: { fusionClick: 0, fusionPurchase: 1, fusionPrice: 0 } };

export const CLAIMS: readonly Claim[] = [
  {
    id: 'clickbait.rank-for-purchases',
    source: 'scenario “Clickbait vs purchases”; lesson “What ranking for clicks costs”, step 4',
    statement: 'Ranking by P(purchase) instead of P(click) sells more per session.',
    comparisons: [{ base: side(scenario('clickbait', RANK_CLICKS), 'online:fused:purchases'), variant: side(scenario('clickbait', RANK_PURCHASES), 'online:fused:purchases') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.03,
  },
  {
    id: 'clickbait.rank-for-clicks',
    source: 'scenario “Clickbait vs purchases”; lesson “What ranking for clicks costs”, step 4',
    statement: 'Ranking by P(click) draws more clicks per session than ranking by P(purchase).',
    comparisons: [{ base: side(scenario('clickbait', RANK_PURCHASES), 'online:fused:clicks'), variant: side(scenario('clickbait', RANK_CLICKS), 'online:fused:clicks') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.03,
  },
  {
    id: 'clickbait.weight-purchases',
    source: 'scenario “Clickbait vs purchases” (watch); lesson step 5; exercise “fixed weights”',
    statement: 'Weighting purchases 4× (1 / 4 instead of 1 / 1) raises the purchase AUC.',
    comparisons: [{ base: side(scenario('clickbait'), 'auc:purchase'), variant: side(scenario('clickbait', { weighting: { weights: [1, 4] } }), 'auc:purchase') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.002,
  },
  {
    id: 'seesaw.click-weight-helps-clicks',
    source: 'scenario “The seesaw”; exercise “the seesaw”',
    statement: 'In the shared-bottom model, weights 4 / 1 instead of 1 / 1 raise the click AUC.',
    comparisons: [{ base: side(scenario('seesaw'), 'auc:click'), variant: side(scenario('seesaw', { weighting: { weights: [4, 1] } }), 'auc:click') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.002,
  },
  {
    id: 'seesaw.click-weight-hurts-purchases',
    source: 'scenario “The seesaw”; exercise “the seesaw”',
    statement: 'In the shared-bottom model, weights 4 / 1 instead of 1 / 1 lower the purchase AUC.',
    comparisons: [{ base: side(scenario('seesaw'), 'auc:purchase'), variant: side(scenario('seesaw', { weighting: { weights: [4, 1] } }), 'auc:purchase') }],
    scale: 'absolute',
    direction: 'down',
    minEffect: 0.002,
  },
  {
    id: 'seesaw.purchase-weight-helps-purchases',
    source: 'scenario “The seesaw”; exercise “the seesaw”',
    statement: 'In the shared-bottom model, weights 1 / 4 instead of 1 / 1 raise the purchase AUC.',
    comparisons: [{ base: side(scenario('seesaw'), 'auc:purchase'), variant: side(scenario('seesaw', { weighting: { weights: [1, 4] } }), 'auc:purchase') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.002,
  },
  {
    id: 'seesaw.ple-eases',
    source: 'scenario “The seesaw”',
    statement: 'At equal weights PLE reaches a higher purchase AUC than the shared-bottom model.',
    comparisons: [{ base: side(scenario('seesaw'), 'auc:purchase'), variant: side(scenario('seesaw', { model: { architecture: 'ple' } }), 'auc:purchase') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.002,
  },
  {
    id: 'selection-bias.esmm-calibration',
    source: 'scenario “Sample selection bias”; exercise “ESMM”',
    statement: 'ESMM’s purchase predictions are better calibrated (lower ECE) than CVR-on-clicks × CTR.',
    comparisons: [{ base: side(scenario('selection-bias'), 'ece:purchase'), variant: side(scenario('selection-bias', { model: { architecture: 'esmm' } }), 'ece:purchase') }],
    scale: 'absolute',
    direction: 'down',
    minEffect: 0.001,
  },
  {
    id: 'selection-bias.esmm-unclicked-conversion',
    source: 'scenario “Sample selection bias”; exercise “ESMM”',
    statement: 'On impressions nobody clicked, ESMM’s conversion estimate is closer to the true conversion rate than the CVR model trained on clicks.',
    comparisons: [{ base: side(scenario('selection-bias'), 'conversion:unclickedBias'), variant: side(scenario('selection-bias', { model: { architecture: 'esmm' } }), 'conversion:unclickedBias') }],
    scale: 'absolute',
    direction: 'down',
    minEffect: 0.005,
  },
  {
    id: 'related-tasks.mmoe-beats-shared-bottom',
    source: 'scenario “Related and unrelated tasks”; lesson “Shared-bottom vs MMoE”; exercise “MMoE vs shared-bottom”',
    statement: 'At p = 0.5 MMoE reaches a lower mean test MSE than the shared-bottom model.',
    comparisons: [{ base: side(scenario('related-tasks'), 'mse:mean'), variant: side(scenario('related-tasks', { model: { architecture: 'mmoe' } }), 'mse:mean') }],
    scale: 'relative',
    direction: 'down',
    minEffect: 0.05,
  },
  {
    id: 'related-tasks.gap-grows',
    source: 'scenario “Related and unrelated tasks”; lesson “Shared-bottom vs MMoE”, step 5',
    statement: 'MMoE’s relative MSE lead over shared-bottom is larger at p = 0.5 than at p = 0.9.',
    comparisons: [
      { base: side(scenario('related-tasks'), 'mse:mean'), variant: side(scenario('related-tasks', { model: { architecture: 'mmoe' } }), 'mse:mean') },
      {
        base: side(scenario('related-tasks', { world: { correlation: 0.9 } }), 'mse:mean'),
        variant: side(scenario('related-tasks', { world: { correlation: 0.9 }, model: { architecture: 'mmoe' } }), 'mse:mean'),
      },
    ],
    scale: 'relative',
    direction: 'down',
    minEffect: 0.03,
  },
  {
    id: 'cold-start.model-sells-more',
    source: 'scenario “Cold start”; exercise “cold start”',
    statement: 'With 30% cold shoppers the model’s top 10 still has a higher true purchase probability than the popularity list.',
    comparisons: [{ base: side(scenario('cold-start'), 'ranking:popularity:truePurchase'), variant: side(scenario('cold-start'), 'ranking:model:truePurchase') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.1,
  },
  {
    id: 'cold-start.log-favours-popularity',
    source: 'scenario “Cold start”; results note on NDCG against the truth',
    statement: 'On the test log (NDCG@10) the popularity list scores above the model, though it sells less.',
    comparisons: [{ base: side(scenario('cold-start'), 'ranking:model:ndcg'), variant: side(scenario('cold-start'), 'ranking:popularity:ndcg') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.01,
  },
  {
    id: 'popularity-bias.lead-shrinks',
    source: 'scenario “Popularity bias”; exercise “popularity bias”',
    statement: 'Popularity’s NDCG@10 lead over the model is larger at popularity skew 2 than at 0.5.',
    comparisons: [
      { base: side(scenario('popularity-bias'), 'ranking:model:ndcg'), variant: side(scenario('popularity-bias'), 'ranking:popularity:ndcg') },
      { base: side(scenario('popularity-bias', { world: { popularitySkew: 0.5 } }), 'ranking:model:ndcg'), variant: side(scenario('popularity-bias', { world: { popularitySkew: 0.5 } }), 'ranking:popularity:ndcg') },
    ],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.02,
  },
  {
    id: 'filter-bubble.mmr-buys-variety',
    source: 'scenario “The filter bubble”; lesson “Accuracy vs diversity”, step 2',
    statement: 'MMR at λ = 0.6 raises the lists’ intra-list diversity by more than 20%.',
    comparisons: [{ base: side(scenario('filter-bubble'), 'online:fused:diversity'), variant: side(scenario('filter-bubble'), 'online:reranked:diversity') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.2,
  },
  {
    id: 'filter-bubble.mmr-costs-purchases',
    source: 'scenario “The filter bubble”; lesson “Accuracy vs diversity”, step 2',
    statement: 'MMR at λ = 0.6 costs some purchases per session.',
    comparisons: [{ base: side(scenario('filter-bubble'), 'online:fused:purchases'), variant: side(scenario('filter-bubble'), 'online:reranked:purchases') }],
    scale: 'relative',
    direction: 'down',
    minEffect: 0.01,
  },
  {
    id: 'gradient-conflict.anti-aligned-conflict',
    source: 'exercise “gradient conflict and PCGrad”',
    statement: 'With click–purchase alignment −1 the task gradients agree less (lower mean cosine) than with +1.',
    comparisons: [
      { base: side(scenario('clickbait', { world: { alignment: 1 } }), 'training:gradientCosine'), variant: side(scenario('clickbait', { world: { alignment: -1 } }), 'training:gradientCosine') },
    ],
    scale: 'absolute',
    direction: 'down',
    minEffect: 0.02,
  },
  {
    id: 'position.offline-auc-rises',
    source: 'glossary “position-aware training”; settings help of “Position input”',
    statement: 'Giving the model the list position while training (the shallow tower) raises the test click AUC.',
    comparisons: [{ base: side(scenario('filter-bubble'), 'auc:click'), variant: side(scenario('filter-bubble', { model: { positionInput: 'shallow-tower' } }), 'auc:click') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.01,
  },
  {
    id: 'position.list-does-not-improve',
    source: 'glossary “position-aware training”',
    statement: 'The position-aware model’s top 10 has about the same true purchase probability (within ±5%): the AUC gain comes from the logged position, not a better ranking.',
    comparisons: [
      { base: side(scenario('filter-bubble'), 'ranking:model:truePurchase'), variant: side(scenario('filter-bubble', { model: { positionInput: 'shallow-tower' } }), 'ranking:model:truePurchase') },
    ],
    scale: 'relative',
    direction: 'none',
    minEffect: 0.05,
  },
];

export function claimById(id: string): Claim | undefined {
  return CLAIMS.find((c) => c.id === id);
}
