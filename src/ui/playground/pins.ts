/** Pinned runs: a finished run's frozen chart view, config and results, kept for comparison. */
import type { ExperimentConfig } from '../../core/experiment/config';
import type { ExperimentResult } from '../../core/experiment/run';
import type { RunView } from './runStore';

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

/** Flattens a config to `section.field` → display text. */
export function flattenConfig(config: ExperimentConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const [section, values] of Object.entries(config)) {
    for (const [name, v] of Object.entries(values as Record<string, unknown>)) out.set(`${section}.${name}`, Array.isArray(v) ? v.join(', ') : String(v));
  }
  return out;
}

/** The `section.field` keys whose values are not the same in every config. */
export function differingFields(configs: ExperimentConfig[]): string[] {
  const flat = configs.map(flattenConfig);
  const keys = new Set(flat.flatMap((f) => [...f.keys()]));
  return [...keys].filter((k) => new Set(flat.map((f) => f.get(k) ?? '—')).size > 1).sort();
}

/** A short name for a run: its number, architecture and weighting. */
export function runName(n: number, config: ExperimentConfig): string {
  const w = config.weighting;
  const weighting = w.strategy === 'fixed' ? `fixed ${w.weights.map((x) => +x.toFixed(2)).join('/')}` : w.strategy;
  return `Run ${n}: ${config.model.architecture}, ${weighting}`;
}
