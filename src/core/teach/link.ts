/**
 * Links that name a scenario: the experiment layer's URL format (`experiment/url.ts`) with the
 * scenarios of `teach/scenarios.ts` as the bases a link can start from. The page reads and writes
 * its URL through these two functions.
 */
import type { ExperimentConfig } from '../experiment/config';
import { configFromQuery, configToQuery, type LinkBase, type QueryConfig } from '../experiment/url';
import { scenarioById, scenarioConfig } from './scenarios';

/** The scenario with this id as a link base. */
export function scenarioBase(id: string): LinkBase | undefined {
  const s = scenarioById(id);
  return s ? { id: s.id, config: scenarioConfig(s) } : undefined;
}

/** The query string of a config, naming the scenario it started from (if any). */
export function linkFromConfig(config: ExperimentConfig, scenario: string | null = null): string {
  return configToQuery(config, scenario ? scenarioBase(scenario) ?? null : null);
}

/** The config a link holds, over its scenario; never throws (see `configFromQuery`). */
export function configFromLink(query: string): QueryConfig {
  return configFromQuery(query, scenarioBase);
}
