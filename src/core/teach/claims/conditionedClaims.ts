/**
 * One model for every weighting (README “One model for every weighting”): a conditioned MMoE moved
 * after training, against the fixed-weight sweep on the same world. The metric `at:w1,w2:<metric>`
 * reads a conditioned run's model evaluated at weights (w1, w2) without retraining (see
 * measure.ts). Written after `bench:conditioned` (seeds 1–4), judged on seeds 9–16.
 */
import { side } from './sides';
import type { Claim } from './types';

/** The default world and MMoE, trained once with weights drawn per batch. */
const CONDITIONED = { weighting: { strategy: 'conditioned' } };
/** The sweep's two click-heavy and purchase-heavy inner weightings (7-point default sweep). */
const CLICK_HEAVY = [1.667, 0.333];
const MORE_CLICK = [1.333, 0.667];
const PURCHASE_HEAVY = [0.333, 1.667];
const at = (weights: number[], metric: string) => `at:${weights.join(',')}:${metric}`;
const fixed = (weights: number[]) => ({ weighting: { weights } });

export const CONDITIONED_CLAIMS: readonly Claim[] = [
  {
    id: 'conditioned.one-model-barely-moves',
    source: 'README, “One model for every weighting”; the conditioned run’s note under Test results',
    statement:
      'A conditioned MMoE moved after training from weights 1.67 / 0.33 to 0.33 / 1.67 changes its purchase AUC by less than 0.01: here it learns one model that serves every weighting about equally, not a front.',
    comparisons: [{ base: side(CONDITIONED, at(CLICK_HEAVY, 'auc:purchase')), variant: side(CONDITIONED, at(PURCHASE_HEAVY, 'auc:purchase')) }],
    scale: 'absolute',
    direction: 'none',
    minEffect: 0.01,
  },
  {
    id: 'conditioned.sweep-front-moves',
    source: 'README, “One model for every weighting”',
    statement: 'The fixed-weight sweep’s purchase AUC is lower at weights 0.33 / 1.67 than at 1.67 / 0.33: weighting the click more helps the purchase head in this world.',
    comparisons: [{ base: side(fixed(CLICK_HEAVY), 'auc:purchase'), variant: side(fixed(PURCHASE_HEAVY), 'auc:purchase') }],
    scale: 'absolute',
    direction: 'down',
    minEffect: 0.002,
  },
  {
    id: 'conditioned.worse-where-click-heavy',
    source: 'README, “One model for every weighting”; the conditioned run’s note under Test results',
    statement: 'At weights 1.33 / 0.67, a model trained at those fixed weights ranks purchases better (purchase AUC) than the conditioned model moved there.',
    comparisons: [{ base: side(CONDITIONED, at(MORE_CLICK, 'auc:purchase')), variant: side(fixed(MORE_CLICK), 'auc:purchase') }],
    scale: 'absolute',
    direction: 'up',
    minEffect: 0.002,
  },
];
