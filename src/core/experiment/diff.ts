/** Which settings two or more experiment configs differ in, by `section.field` key. */
import type { ExperimentConfig } from './config';

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

/** Keys that do not change what a run learns: the backend, telemetry rate, and the ranking section. */
function outcomeNeutral(key: string): boolean {
  return key.startsWith('ranking.') || key === 'training.backend' || key === 'training.telemetryEvery';
}

/** The settings that change what was learned between configs (ignoring backend, telemetry, ranking). */
export function trainingDifferences(configs: ExperimentConfig[]): string[] {
  return differingFields(configs).filter((k) => !outcomeNeutral(k));
}
