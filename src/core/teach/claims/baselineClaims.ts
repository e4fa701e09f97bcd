/**
 * The collaborative-filtering and content baselines against the multi-task model (exercise
 * “collaborative filtering vs multi-task”, the README's baselines table).
 */
import { scenario, side } from './sides';
import type { Claim } from './types';

const PLAIN: Record<string, unknown> = {};

export const BASELINE_CLAIMS: readonly Claim[] = [
  {
    id: 'cf-vs-mtl.mf-wins-ndcg',
    source: 'exercise “collaborative filtering vs multi-task” (target: mf ahead on NDCG@10)',
    statement: 'On the default world, matrix factorisation (mf) scores a higher NDCG@10 on the test log than the MMoE model.',
    comparisons: [{ base: side(PLAIN, 'ranking:model:ndcg'), variant: side(PLAIN, 'ranking:mf:ndcg') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.01,
  },
  {
    id: 'cf-vs-mtl.model-sells-more-than-mf',
    source: 'exercise “collaborative filtering vs multi-task” (target: the model ahead on true P(buy)@10)',
    statement: '…while the MMoE model’s top 10 has the higher true purchase probability.',
    comparisons: [{ base: side(PLAIN, 'ranking:mf:truePurchase'), variant: side(PLAIN, 'ranking:model:truePurchase') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  {
    id: 'cf-vs-mtl.model-sells-more-than-item-knn',
    source: 'exercise “collaborative filtering vs multi-task” (answer)',
    statement: 'On the default world the MMoE model’s top 10 also has a higher true purchase probability than item-kNN’s.',
    comparisons: [{ base: side(PLAIN, 'ranking:item-knn:truePurchase'), variant: side(PLAIN, 'ranking:model:truePurchase') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  {
    id: 'cold-start.model-sells-more-than-content',
    source: 'exercise “collaborative filtering vs multi-task” (answer: the content baseline in cold start)',
    statement: 'In the cold-start scenario the MMoE model’s top 10 has a higher true purchase probability than the content-based ranking’s.',
    comparisons: [{ base: side(scenario('cold-start'), 'ranking:content:truePurchase'), variant: side(scenario('cold-start'), 'ranking:model:truePurchase') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
  {
    id: 'cold-start.content-covers-more',
    source: 'exercise “collaborative filtering vs multi-task” (answer: the content baseline in cold start)',
    statement: 'In the cold-start scenario the content-based ranking covers more of the catalogue than the MMoE model.',
    comparisons: [{ base: side(scenario('cold-start'), 'ranking:model:coverage'), variant: side(scenario('cold-start'), 'ranking:content:coverage') }],
    scale: 'relative',
    direction: 'up',
    minEffect: 0.05,
  },
];
