/**
 * Every effect the scenarios, lessons and exercises promise, as a claim `npm run bench:claims`
 * measures over seeds. When a claim's words change in a story, a lesson or an exercise, its entry
 * here changes with them; a claim that fails means the words must change (or the world must be made
 * to produce the effect for a real reason), never the seeds or thresholds.
 *
 * The smallest effect worth showing is set by one rule, not per claim: 5% for relative changes
 * (outcomes per session, diversity, MSE; what a chart makes visible), 0.002 for an AUC, 0.001 for
 * an ECE, 0.01 for an NDCG or a bias in a probability, 0.02 for a gradient cosine, 2 epochs; a claim whose words give a number uses it.
 * "Nothing changes" claims use 0.01 AUC (a gain practitioners would call real) or 5% as the margin.
 */
import { BASELINE_CLAIMS } from './baselineClaims';
import { CONDITIONED_CLAIMS } from './conditionedClaims';
import { FUNNEL_CLAIMS } from './funnelClaims';
import { scenario, side } from './sides';
import type { Claim } from './types';

const RANK_CLICKS = { ranking: { fusionClick: 1, fusionPurchase: 0, fusionPrice: 0 } };
const RANK_PURCHASES = { ranking: { fusionClick: 0, fusionPurchase: 1, fusionPrice: 0 } };
/** The default world and model, plain and with negatives sampled at 0.1. */
const PLAIN: Record<string, unknown> = {};
const SAMPLED = { training: { negativeSampling: 0.1 } };

export const CLAIMS: readonly Claim[] = [
  {
    id: 'clickbait.rank-for-purchases',
    source: 'scenario “Clickbait vs purchases”; lesson “What ranking for clicks costs”, step 4',
    statement: 'Ranking by P(purchase) instead of P(click) sells more per session.',
    comparisons: [{ base: side(scenario('clickbait', RANK_CLICKS), 'online:fused:purchases'), variant: side(scenario('clickbait', RANK_PURCHASES), 'online:fused:purchases') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  {
    id: 'clickbait.rank-for-clicks',
    source: 'scenario “Clickbait vs purchases”; lesson “What ranking for clicks costs”, step 4',
    statement: 'Ranking by P(click) draws more clicks per session than ranking by P(purchase).',
    comparisons: [{ base: side(scenario('clickbait', RANK_PURCHASES), 'online:fused:clicks'), variant: side(scenario('clickbait', RANK_CLICKS), 'online:fused:clicks') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  // Measured first as “weighting purchases 4× raises the purchase AUC”: it did not (−0.004, 95%
  // interval [−0.009, +0.000], 2 of 8 seeds up), so the words now say what is true.
  // Measured next as “moves neither AUC by 0.01”: at the scenario's final size the purchase AUC
  // fell on 8 of 8 seeds (−0.011) and the click AUC moved by seed with no steady sign.
  {
    id: 'clickbait.weight-lowers-purchase-auc',
    source: 'scenario “Clickbait vs purchases” (watch); lesson “What ranking for clicks costs”, step 5',
    statement: 'Weighting purchases 4× (1 / 4 instead of 1 / 1) lowers the purchase AUC.',
    comparisons: [{ base: side(scenario('clickbait'), 'auc:purchase'), variant: side(scenario('clickbait', { weighting: { weights: [1, 4] } }), 'auc:purchase') }],
    scale: 'absolute',
    direction: 'down',
    minEffect: 0.002,
  },
  // The seesaw needs a shared layer the tasks must compete for: with the default 32 units the
  // weights moved neither AUC steadily (purchase AUC even fell at 1 / 4 on 8 of 8 seeds), so the
  // scenario squeezes the shared-bottom model to 4 units (a real bottleneck, said in its story).
  // On seeds 1–8 five seesaw claims held; re-run on seeds 9–16 only this one did (4 / 1 raising
  // click AUC: 5 of 8; lowering purchase AUC by 0.005: 6 of 8; 1 / 4 leaving purchase AUC within
  // ±0.01: 6 of 8; PLE raising click AUC: 5 of 8), so the story now promises only this one and
  // asks the learner to judge the rest against their intervals.
  {
    id: 'seesaw.purchase-weight-hurts-clicks',
    source: 'scenario “The seesaw”; exercise “the seesaw” (its target: click AUC down by at least 0.005)',
    statement: 'With a 4-unit shared layer, weights 1 / 4 instead of 1 / 1 lower the click AUC by at least 0.005.',
    comparisons: [{ base: side(scenario('seesaw'), 'auc:click'), variant: side(scenario('seesaw', { weighting: { weights: [1, 4] } }), 'auc:click') }],
    scale: 'absolute',
    direction: 'down',
    minEffect: 0.005,
  },
  // Measured first as “ESMM is better calibrated (ECE)”: 7 of 8 seeds, interval touching zero, so
  // the words now name what does hold: the conversion estimate where nobody clicked, and AUC.
  {
    id: 'selection-bias.esmm-unclicked-conversion',
    source: 'scenario “Sample selection bias”; exercise “ESMM”',
    statement: 'On impressions nobody clicked, ESMM’s conversion estimate is closer to the true conversion rate than the CVR model trained on clicks.',
    comparisons: [{ base: side(scenario('selection-bias'), 'conversion:unclickedBias'), variant: side(scenario('selection-bias', { model: { architecture: 'esmm' } }), 'conversion:unclickedBias') }],
    scale: 'absolute',
    direction: 'down',
    minEffect: 0.01,
  },
  {
    id: 'selection-bias.esmm-purchase-auc',
    source: 'scenario “Sample selection bias”; exercise “ESMM”',
    statement: 'ESMM ranks purchases better than CVR-on-clicks × CTR: a higher purchase AUC.',
    comparisons: [{ base: side(scenario('selection-bias'), 'auc:purchase'), variant: side(scenario('selection-bias', { model: { architecture: 'esmm' } }), 'auc:purchase') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.002,
  },
  // Measured first as the paper's “MMoE beats shared-bottom, more so at p = 0.5 than 0.9”: MMoE was
  // worse on 6 of 8 seeds and the gap did not grow (2 of 8). Neither our engine nor an independent
  // PyTorch build shows the paper's effect at this data size, so the words now teach what happens.
  {
    id: 'related-tasks.mmoe-overfits',
    source: 'scenario “Related and unrelated tasks”; lesson “Shared-bottom vs MMoE”; exercise “MMoE vs shared-bottom”',
    statement: 'With 4,800 training samples, MMoE ends with a higher mean test MSE than the shared-bottom model at p = 0.5.',
    comparisons: [{ base: side(scenario('related-tasks'), 'mse:mean'), variant: side(scenario('related-tasks', { model: { architecture: 'mmoe' } }), 'mse:mean') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  {
    id: 'related-tasks.mmoe-overfits-related',
    source: 'scenario “Related and unrelated tasks”; lesson “Shared-bottom vs MMoE”, step 5',
    statement: 'The same at p = 0.9: MMoE ends with a higher mean test MSE than the shared-bottom model.',
    comparisons: [
      {
        base: side(scenario('related-tasks', { world: { correlation: 0.9 } }), 'mse:mean'),
        variant: side(scenario('related-tasks', { world: { correlation: 0.9 }, model: { architecture: 'mmoe' } }), 'mse:mean'),
      },
    ],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  // Measured first as “MMoE's best epoch comes 2+ epochs earlier”: 6 of 8 seeds (its validation
  // loss keeps creeping down while its training loss collapses). The gap between the two is what
  // overfitting looks like, and it holds.
  {
    id: 'related-tasks.mmoe-wider-gap',
    source: 'scenario “Related and unrelated tasks”; exercise “MMoE vs shared-bottom” (its target)',
    statement: 'At the kept epoch MMoE’s validation loss is a larger multiple of its training loss than the shared bottom’s: it memorises the training set.',
    comparisons: [{ base: side(scenario('related-tasks'), 'training:valTrainRatio'), variant: side(scenario('related-tasks', { model: { architecture: 'mmoe' } }), 'training:valTrainRatio') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  {
    id: 'cold-start.model-sells-more',
    source: 'scenario “Cold start”; exercise “cold start”',
    statement: 'With 30% cold shoppers the model’s top 10 still has a higher true purchase probability than the popularity list.',
    comparisons: [{ base: side(scenario('cold-start'), 'ranking:popularity:truePurchase'), variant: side(scenario('cold-start'), 'ranking:model:truePurchase') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  {
    id: 'cold-start.log-favours-popularity',
    source: 'scenario “Cold start”; exercise “cold start” (its target, with cold-start.model-sells-more)',
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
    minEffect: 0.01,
  },
  {
    id: 'filter-bubble.mmr-buys-variety',
    source: 'scenario “The filter bubble”; lesson “Accuracy vs diversity”, step 2',
    statement: 'MMR at λ = 0.6 raises the lists’ intra-list diversity.',
    comparisons: [{ base: side(scenario('filter-bubble'), 'online:fused:diversity'), variant: side(scenario('filter-bubble'), 'online:reranked:diversity') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  {
    id: 'filter-bubble.mmr-costs-purchases',
    source: 'scenario “The filter bubble”; lesson “Accuracy vs diversity”, step 2',
    statement: 'MMR at λ = 0.6 costs purchases per session.',
    comparisons: [{ base: side(scenario('filter-bubble'), 'online:fused:purchases'), variant: side(scenario('filter-bubble'), 'online:reranked:purchases') }],
    scale: 'relative',
    direction: 'down',
    minEffect: 0.05,
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
  // Exercise targets: each must be reachable by the route the exercise describes, on every seed.
  // (“NDCG lower with 30% cold shoppers than with 5%” was measured and failed on 8 of 8 seeds: cold
  // shoppers' whole history is test, so they bring more test clicks; the exercise now asks for the
  // log-versus-truth disagreement, which cold-start.* above measure.)
  {
    id: 'class-imbalance.target-reachable',
    source: 'exercise “class imbalance and negative sampling” (target: purchase log loss 5% below the base rate)',
    // As shipped (alignment 0.3) the gain cleared 5% on only 5 of 8 seeds; the hint's route
    // (alignment 1) is what the target is measured on.
    statement: 'The filter-bubble scenario with click–purchase alignment 1 trains a purchase log loss at least 5% below the base-rate log loss.',
    comparisons: [{ base: side(scenario('filter-bubble', { world: { alignment: 1 } }), 'const:0.05'), variant: side(scenario('filter-bubble', { world: { alignment: 1 } }), 'logLossGain:purchase') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0,
  },
  // Measured first as “purchase AUC above GAUC by 0.02”: GAUC was the higher on 6 of 8 seeds.
  {
    id: 'gauc-vs-auc.gap',
    source: 'exercise “GAUC vs AUC” (target: click AUC and GAUC 0.005 apart; model answer: GAUC higher)',
    statement: 'In the popularity-bias scenario the click GAUC exceeds the click AUC by at least 0.005.',
    comparisons: [{ base: side(scenario('popularity-bias'), 'auc:click'), variant: side(scenario('popularity-bias'), 'gauc:click') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.005,
  },
  {
    id: 'overfitting.target-reachable',
    source: 'exercise “overfitting and early stopping” (target: final validation loss 20% above its best)',
    statement: 'In a 300-shopper world, 15 epochs at batch size 128 with patience 0 end with the validation loss at least 20% above its best.',
    comparisons: [
      {
        base: side({ world: { numShoppers: 300 }, training: { epochs: 15, patience: 0, batchSize: 128 } }, 'const:0.2'),
        variant: side({ world: { numShoppers: 300 }, training: { epochs: 15, patience: 0, batchSize: 128 } }, 'training:valLossRise'),
      },
    ],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0,
  },
  {
    id: 'diversity.target-reachable',
    // Measured first with the old target (+30% for at most −10%): no seed reached it (best 4–23%);
    // then +10% for at most −20%: 7 of 8 seeds on 1–8, 6 of 8 on 9–16. An exercise must be
    // passable in the learner's world, so the target is what all 16 worlds reached.
    source: 'exercise “diversity” (target: +5% intra-list diversity for at most −20% purchases)',
    statement: 'On the filter-bubble scenario’s MMR curve some operating point raises diversity by at least 5% while purchases per session fall by at most 20%.',
    comparisons: [{ base: side(scenario('filter-bubble'), 'const:0.05'), variant: side(scenario('filter-bubble'), 'frontier:diversityGain:0.2') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0,
  },
  {
    id: 'calibrated.target-reachable',
    source: 'exercise “calibrated recommendations” (target: calibration KL −30% for at most −20% NDCG)',
    statement: 'On the filter-bubble scenario’s calibrated re-ranking curve some operating point cuts the calibration KL by at least 30% while NDCG@10 falls by at most 20%.',
    comparisons: [
      {
        base: side(scenario('filter-bubble', { ranking: { method: 'calibrated' } }), 'const:0.3'),
        variant: side(scenario('filter-bubble', { ranking: { method: 'calibrated' } }), 'tradeoff:calibrationCut:ndcg:0.2'),
      },
    ],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0,
  },
  {
    id: 'ndcg-vs-recall.target-reachable',
    // With the default 11 curve points a disagreeing pair existed on 8 of 8 seeds (1–8) but 6 of 8
    // (17–24); the exercise's own hint is more curve points, so its task now asks for 21.
    source: 'exercise “NDCG vs recall” (target: two policies that recall and NDCG order oppositely)',
    statement: 'The filter-bubble scenario’s MMR trade-off with 21 curve points has two policies where one has at least the other’s recall@10 but a lower NDCG@10.',
    comparisons: [
      {
        base: side(scenario('filter-bubble', { ranking: { curvePoints: 21 } }), 'const:0'),
        variant: side(scenario('filter-bubble', { ranking: { curvePoints: 21 } }), 'tradeoff:recallNdcgGap'),
      },
    ],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0,
  },
  {
    id: 'offline-online.log-favours-popularity',
    source: 'README (re-ranking trade-off); exercise “offline vs online”',
    statement: 'In the filter-bubble scenario’s world the popularity list beats the model on the test log (NDCG@10)…',
    comparisons: [{ base: side(scenario('filter-bubble'), 'ranking:model:ndcg'), variant: side(scenario('filter-bubble'), 'ranking:popularity:ndcg') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.01,
  },
  {
    id: 'offline-online.model-sells-more',
    source: 'README (re-ranking trade-off); exercise “offline vs online”',
    statement: '…while the model’s top 10 has the higher true purchase probability.',
    comparisons: [{ base: side(scenario('filter-bubble'), 'ranking:popularity:truePurchase'), variant: side(scenario('filter-bubble'), 'ranking:model:truePurchase') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  {
    id: 'position.offline-auc-rises',
    source: 'glossary “position-aware training”; settings help of “Position input”',
    statement: 'Giving the model the list position while training (the shallow tower) raises the test click AUC.',
    comparisons: [{ base: side(scenario('filter-bubble'), 'auc:click'), variant: side(scenario('filter-bubble', { model: { positionInput: 'shallow-tower' } }), 'auc:click') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.002,
  },
  // Negative sampling, class weights and focal loss on the default world (exercise “negative
  // sampling and re-calibration”, the class-imbalance answer, the README's imbalance table).
  {
    id: 'negative-sampling.fewer-rows',
    source: 'exercise “negative sampling and re-calibration” (answer: what sampling saves)',
    statement: 'Sampling negatives at s = 0.1 leaves training fewer than a fifth of the train impressions.',
    comparisons: [{ base: side(PLAIN, 'const:0.2'), variant: side(SAMPLED, 'sampling:keptShare') }],
    scale: 'absolute',
    direction: 'down',
    minEffect: 0,
  },
  {
    id: 'negative-sampling.raw-rate-inflated',
    source: 'exercise “negative sampling and re-calibration” (target: raw predicted purchase rate at least 4× the observed rate)',
    statement: 'Without re-calibration, a model trained at s = 0.1 predicts a mean purchase rate at least 4× the observed rate.',
    comparisons: [{ base: side(SAMPLED, 'const:4'), variant: side(SAMPLED, 'rateRatio:raw:purchase') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0,
  },
  {
    id: 'negative-sampling.recalibrated-ece-near-plain',
    source: 'exercise “negative sampling and re-calibration” (target: re-calibrated purchase ECE within 0.01 of the plain model’s)',
    statement: 'Re-calibrated, the sampled model’s purchase ECE is within 0.01 of the plain model’s.',
    comparisons: [{ base: side(PLAIN, 'ece:purchase'), variant: side(SAMPLED, 'ece:purchase') }],
    scale: 'absolute',
    direction: 'none',
    minEffect: 0.01,
  },
  // Sampling's effect on the purchase AUC holds no claim: “within ±0.01 of the plain model’s” held
  // on 5 of seeds 1–8 (mean −0.0077), “lower” on 6 of seeds 9–16 (mean −0.0085, interval
  // [−0.0178, +0.0009]); the words say nothing about it.
  {
    id: 'negative-sampling.click-auc-drops',
    source: 'exercise “negative sampling and re-calibration” (answer)',
    statement: 'Sampling by purchase at s = 0.1 lowers the click AUC: most clicks without a purchase are thrown away.',
    comparisons: [{ base: side(PLAIN, 'auc:click'), variant: side(SAMPLED, 'auc:click') }],
    scale: 'absolute',
    direction: 'down',
    minEffect: 0.002,
  },
  {
    id: 'class-imbalance.positive-weight-miscalibrates',
    source: 'exercise “class imbalance” (answer: class weights)',
    statement: 'A positive-class weight of 10 on purchases raises the purchase ECE by at least 0.05.',
    comparisons: [{ base: side(PLAIN, 'ece:purchase'), variant: side({ training: { positiveWeights: [1, 10] } }, 'ece:purchase') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.05,
  },
  {
    id: 'class-imbalance.focal-miscalibrates',
    source: 'exercise “class imbalance” (answer: focal loss)',
    statement: 'Focal loss with γ = 2 raises the purchase ECE by at least 0.05.',
    comparisons: [{ base: side(PLAIN, 'ece:purchase'), variant: side({ training: { focalGamma: 2 } }, 'ece:purchase') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.05,
  },
  ...BASELINE_CLAIMS,
  // The auxiliary interest head (README “Auxiliary interest head”). First written
  // as “changes the purchase AUC by less than 0.01”: on seeds 1–8 it rose by +0.0137 [+0.0066,
  // +0.0208], within ±0.01 on only 3 of 8; the words now say it helps, judged on seeds 9–16.
  {
    id: 'interest-head.purchase-auc',
    source: 'README, “Auxiliary interest head” under The engine',
    statement: 'On the default world, adding the interest head raises the MMoE model’s purchase AUC.',
    comparisons: [{ base: side(PLAIN, 'auc:purchase'), variant: side({ model: { auxiliaryTask: 'interest' } }, 'auc:purchase') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.002,
  },
  // “The list does not improve” (true P(buy)@10 within ±5%) held on seeds 1–8 but not on 9–16 (two
  // worlds rose by 6% and 16%): the words now say only that it does not reliably improve.
  ...FUNNEL_CLAIMS,
  ...CONDITIONED_CLAIMS,
];

export function claimById(id: string): Claim | undefined {
  return CLAIMS.find((c) => c.id === id);
}
