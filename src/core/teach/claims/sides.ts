/** Building blocks of the claim catalogue's sides. */
import { deepMerge } from '../../config/merge';
import { scenarioById } from '../scenarios';
import type { ClaimSide } from './types';

/** One side of a comparison: a partial config and the metric read from its run. */
export const side = (config: Record<string, unknown>, metric: string): ClaimSide => ({ config, metric });

/** A scenario's config, with changes over it. */
export function scenario(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const s = scenarioById(id);
  if (!s) throw new Error(`No scenario ${id}`);
  return deepMerge(s.config, over) as Record<string, unknown>;
}
