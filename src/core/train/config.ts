/** The weighting and training sections of an experiment. */
import type { FieldTable } from '../config/fields';
import { BACKENDS, type BackendName } from '../engine/backendNames';

export const WEIGHTING_STRATEGIES = ['fixed', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'mgda', 'rlw', 'conditioned'] as const;
export type WeightingStrategyName = (typeof WEIGHTING_STRATEGIES)[number];

export interface WeightingConfig {
  /** How task losses are combined (see train/weighting.ts for each method). */
  strategy: WeightingStrategyName;
  /**
   * Task weights for `fixed`, `pcgrad` (weights on each task's gradient) and GradNorm's start; for
   * `conditioned`, the weighting the trained model is evaluated at (its tasks' shares).
   */
  weights: number[];
  /** GradNorm's asymmetry α: larger pulls harder towards equal relative training rates. */
  gradnormAlpha: number;
  /** GradNorm's learning rate for the weights. */
  gradnormLearningRate: number;
  /** DWA's temperature T: larger gives more even weights. */
  dwaTemperature: number;
}

export const WEIGHTING_FIELDS: FieldTable<WeightingConfig> = {
  strategy: { kind: 'enum', label: 'Weighting', help: 'How task losses are combined.', default: 'fixed', options: WEIGHTING_STRATEGIES },
  weights: { kind: 'numberList', label: 'Task weights', help: 'One weight per task (conditioned: the weighting the model is evaluated at).', default: [1, 1], min: 0, max: 100, minLength: 1, maxLength: 8 },
  gradnormAlpha: { label: 'GradNorm α', help: 'Asymmetry of GradNorm.', default: 1.5, min: 0, max: 10 },
  gradnormLearningRate: { label: 'GradNorm learning rate', help: 'Step size of GradNorm\'s weight updates.', default: 0.025, min: 0.000001, max: 10 },
  dwaTemperature: { label: 'DWA temperature', help: 'Softmax temperature of DWA.', default: 2, min: 0.01, max: 100 },
};

export const OPTIMIZERS = ['adam', 'sgd'] as const;
export const EARLY_STOPPING_METRICS = ['auc', 'loss'] as const;

export interface TrainingConfig {
  /** `adam`, or `sgd` with momentum. */
  optimizer: (typeof OPTIMIZERS)[number];
  learningRate: number;
  /** Momentum of `sgd`. */
  momentum: number;
  batchSize: number;
  epochs: number;
  /** L2 penalty on kernels and embeddings: λ·Σ w². */
  l2: number;
  /** Dropout rate after every hidden layer. */
  dropout: number;
  /** Epochs without validation improvement before stopping; 0 = never stop early. */
  patience: number;
  /** Validation metric for early stopping: mean AUC of binary tasks (higher is better) or summed loss. */
  earlyStoppingMetric: (typeof EARLY_STOPPING_METRICS)[number];
  /** Steps between telemetry snapshots (and loss read-backs). */
  telemetryEvery: number;
  /** Seed of initialisation, shuffling and dropout. */
  seed: number;
  /**
   * Models to train for one run: seeds k = 0..seeds−1 use world seed + k and training seed + k (the
   * world and the initialisation both vary), and every metric is reported as mean ± 95% interval.
   */
  seeds: number;
  /** tfjs backend; `auto` picks the fastest that works. */
  backend: BackendName;
  /**
   * Negative down-sampling: the share s of train impressions without a purchase that training
   * keeps (every purchase is kept; 1 = no sampling). Predictions are re-calibrated to the
   * unsampled rates afterwards (see train/sampling.ts). Shopper world only.
   */
  negativeSampling: number;
  /** Weight of the positive class in each binary task's loss, one per task (1 = unweighted). */
  positiveWeights: number[];
  /** Focal loss γ for binary tasks: each example's cross-entropy times (1 − p_t)^γ; 0 = plain cross-entropy. */
  focalGamma: number;
}

export const TRAINING_FIELDS: FieldTable<TrainingConfig> = {
  optimizer: { kind: 'enum', label: 'Optimizer', help: 'adam, or sgd with momentum.', default: 'adam', options: OPTIMIZERS },
  learningRate: { label: 'Learning rate', help: 'Step size.', default: 0.003, min: 1e-7, max: 10 },
  momentum: { label: 'Momentum', help: 'Momentum of sgd.', default: 0.9, min: 0, max: 0.999 },
  batchSize: { label: 'Batch size', help: 'Examples per step.', default: 1024, min: 1, max: 65536, integer: true },
  epochs: { label: 'Epochs', help: 'Passes over the train split.', default: 5, min: 1, max: 1000, integer: true },
  l2: { label: 'L2', help: 'Penalty λ·Σw² on kernels and embeddings.', default: 0, min: 0, max: 1 },
  dropout: { label: 'Dropout', help: 'Dropout rate after hidden layers.', default: 0, min: 0, max: 0.9 },
  patience: { label: 'Patience', help: 'Epochs without improvement before stopping (0 = off).', default: 2, min: 0, max: 100, integer: true },
  earlyStoppingMetric: { kind: 'enum', label: 'Early-stopping metric', help: 'Validation AUC (mean over binary tasks) or loss.', default: 'auc', options: EARLY_STOPPING_METRICS },
  telemetryEvery: { label: 'Telemetry every', help: 'Steps between telemetry snapshots.', default: 20, min: 1, max: 100000, integer: true },
  seed: { label: 'Seed', help: 'Seed of initialisation, shuffling and dropout.', default: 1, min: 0, max: 4294967295, integer: true },
  seeds: { label: 'Seeds per run', help: 'Train this many models (world and initialisation seeds +0, +1, …) and show each metric as mean ± 95% interval.', default: 1, min: 1, max: 10, integer: true },
  backend: { kind: 'enum', label: 'Backend', help: 'tfjs backend (auto: the fastest that works).', default: 'auto', options: BACKENDS },
  negativeSampling: {
    label: 'Negative sampling rate',
    help: 'Share of train impressions without a purchase kept for training (1 = all); predictions are re-calibrated afterwards.',
    default: 1,
    min: 0,
    exclusiveMin: true,
    max: 1,
  },
  positiveWeights: { kind: 'numberList', label: 'Positive-class weights', help: 'Weight of positive examples in each binary task’s loss, one per task.', default: [1, 1], min: 0.01, max: 1000, minLength: 1, maxLength: 8 },
  focalGamma: { label: 'Focal loss γ', help: 'Down-weights easy examples by (1 − p)^γ in binary tasks (0 = plain cross-entropy).', default: 0, min: 0, max: 10 },
};
