/**
 * Which settings matter for a config: GradNorm's α does nothing under fixed weighting, PLE's sizes
 * nothing for MMoE. The settings panel shows the ones that apply first and the rest on request;
 * validation and the URL still accept every field (a link stays valid when a strategy changes).
 */
import type { ExperimentConfig } from './config';

/** Per `section.field`: when it applies (fields not listed always apply). */
const RULES: Record<string, (c: ExperimentConfig) => boolean> = {
  'weighting.gradnormAlpha': (c) => c.weighting.strategy === 'gradnorm',
  'weighting.gradnormLearningRate': (c) => c.weighting.strategy === 'gradnorm',
  'weighting.dwaTemperature': (c) => c.weighting.strategy === 'dwa',
  'model.numExperts': (c) => c.model.architecture === 'omoe' || c.model.architecture === 'mmoe',
  'model.pleLevels': (c) => c.model.architecture === 'ple',
  'model.pleExperts': (c) => c.model.architecture === 'ple',
  'model.purchaseTarget': (c) => c.world.kind === 'shopper' && c.model.architecture !== 'esmm',
  'model.positionInput': (c) => c.world.kind === 'shopper',
  'model.auxiliaryTask': (c) => c.world.kind === 'shopper',
  'training.momentum': (c) => c.training.optimizer === 'sgd',
  'training.negativeSampling': (c) => c.world.kind === 'shopper',
  'training.positiveWeights': (c) => c.world.kind === 'shopper',
  'training.focalGamma': (c) => c.world.kind === 'shopper',
  'evaluation.k': (c) => c.world.kind === 'shopper',
  'evaluation.rankShoppers': (c) => c.world.kind === 'shopper',
};

/** Whether `section.name` changes anything for config `c` (see RULES). */
export function fieldApplies(c: ExperimentConfig, section: string, name: string): boolean {
  const key = `${section}.${name}`;
  return Object.hasOwn(RULES, key) ? RULES[key](c) : true;
}
