/** Pinned runs: a finished run's frozen chart view, config and results, kept for comparison. */
import type { ExperimentConfig } from '../../core/experiment/config';
import type { ExperimentResult } from '../../core/experiment/run';
import type { RunView } from './runStore';

export { differingFields, flattenConfig } from '../../core/experiment/diff';

export interface PinnedRun {
  id: number;
  /** "Run 1: mmoe, fixed 1/1". */
  name: string;
  config: ExperimentConfig;
  result: ExperimentResult;
  view: RunView;
  /** The trained model in the worker, kept while pinned (for the inspector). */
  modelId: string | null;
}

/** A short name for a run: its number, architecture and weighting. */
export function runName(n: number, config: ExperimentConfig): string {
  const w = config.weighting;
  const weighting = w.strategy === 'fixed' ? `fixed ${w.weights.map((x) => +x.toFixed(2)).join('/')}` : w.strategy;
  return `Run ${n}: ${config.model.architecture}, ${weighting}`;
}
