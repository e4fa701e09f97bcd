/**
 * A run trained on several seeds: the metrics of each seed and their mean ± 95% interval, so the
 * page can show run-to-run noise beside every number (filled in by noise/seeds.ts).
 */
import type { MeanInterval } from '../metrics/interval';
import type { ExperimentConfig } from './config';

/** One seed's numbers, by run-metric name (experiment/metrics.ts) or `preset:<fusion>:<outcome>`. */
export interface SeedValues {
  /** Offset k added to both the world seed and the training seed. */
  offset: number;
  worldSeed: number;
  trainingSeed: number;
  values: Record<string, number>;
}

export interface Replicates {
  /** Seeds asked for (training.seeds); `seeds.length` is fewer when the run was cancelled. */
  requested: number;
  seeds: SeedValues[];
  /** Mean and 95% t-interval of every metric over the seeds. */
  summary: Record<string, MeanInterval>;
}

/** The config of seed offset k: world seed + k and training seed + k. */
export function offsetSeeds(config: ExperimentConfig, k: number): ExperimentConfig {
  return { ...config, world: { ...config.world, seed: config.world.seed + k }, training: { ...config.training, seed: config.training.seed + k } };
}
