/**
 * The experiment config in a URL query string, driven by the same field tables as validation: a
 * key per field (`model.architecture=ple`, `weighting.weights=1,3`), only fields that differ from
 * their defaults, in a stable order. Reading a tampered or stale URL never fails: each bad or
 * unknown key is ignored, reported with the reason, and its field keeps the default.
 */
import { checkField, ConfigError, type Field } from '../config/fields';
import { MODEL_FIELDS } from '../model/config';
import { RANKING_FIELDS } from '../rerank/config';
import { TRAINING_FIELDS, WEIGHTING_FIELDS } from '../train/config';
import { MMOE_WORLD_FIELDS, SHOPPER_WORLD_FIELDS } from '../world';
import { scenarioById, scenarioConfig } from '../teach/scenarios';
import { EVALUATION_FIELDS, parseExperimentConfig, type ExperimentConfig } from './config';

/** A URL key that was not applied, and why. */
export interface IgnoredField {
  key: string;
  value: string;
  reason: string;
}

/** The field tables of each config section, by section name: what the URL and the controls read. */
export type ConfigTables = Record<string, Record<string, Field>>;

export function configTables(kind: 'shopper' | 'mmoe'): ConfigTables {
  return {
    world: (kind === 'shopper' ? SHOPPER_WORLD_FIELDS : MMOE_WORLD_FIELDS) as unknown as Record<string, Field>,
    model: MODEL_FIELDS as unknown as Record<string, Field>,
    weighting: WEIGHTING_FIELDS as unknown as Record<string, Field>,
    training: TRAINING_FIELDS as unknown as Record<string, Field>,
    evaluation: EVALUATION_FIELDS as unknown as Record<string, Field>,
    ranking: RANKING_FIELDS as unknown as Record<string, Field>,
  };
}

function isList(f: Field): boolean {
  return 'kind' in f && f.kind === 'numberList';
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The query string (without `?`) holding every field of `config` that differs from its default —
 * or, with a scenario, `scenario=<id>` and every field that differs from the scenario's value, so
 * a link keeps naming the scenario it started from.
 */
export function configToQuery(config: ExperimentConfig, scenario: string | null = null): string {
  const params = new URLSearchParams();
  const s = scenario ? scenarioById(scenario) : undefined;
  const base = s ? scenarioConfig(s) : null;
  if (s) params.set('scenario', s.id);
  const baseKind = base?.world.kind ?? 'shopper';
  if (config.world.kind !== baseKind) params.set('world.kind', config.world.kind);
  const tables = configTables(config.world.kind);
  for (const [section, table] of Object.entries(tables)) {
    const values = config[section as keyof ExperimentConfig] as unknown as Record<string, unknown>;
    const baseValues = base && !(section === 'world' && baseKind !== config.world.kind) ? (base[section as keyof ExperimentConfig] as unknown as Record<string, unknown>) : null;
    for (const [name, field] of Object.entries(table)) {
      const v = values[name];
      if (same(v, baseValues ? baseValues[name] : field.default)) continue;
      params.set(`${section}.${name}`, Array.isArray(v) ? v.join(',') : String(v));
    }
  }
  return params.toString();
}

/** Parses one URL value for its field: numbers and lists of numbers from text, names as they are. */
function parseValue(field: Field, text: string): unknown {
  if (isList(field)) return text === '' ? [] : text.split(',').map((t) => (t.trim() === '' ? Number.NaN : Number(t)));
  if ('kind' in field && field.kind === 'enum') return text;
  return text.trim() === '' ? Number.NaN : Number(text);
}

/**
 * Reads a config from a query string (with or without `?`). Never throws: what cannot be used is
 * listed in `ignored` and left at its default.
 */
export function configFromQuery(query: string): { config: ExperimentConfig; ignored: IgnoredField[]; scenario: string | null } {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const ignored: IgnoredField[] = [];
  // A scenario is the base the other keys apply over.
  const scenarioText = params.get('scenario');
  const s = scenarioText !== null ? scenarioById(scenarioText) : undefined;
  if (scenarioText !== null && !s) ignored.push({ key: 'scenario', value: scenarioText, reason: 'is not a scenario of this playground' });
  const base = s ? scenarioConfig(s) : null;
  const kindText = params.get('world.kind');
  let kind: 'shopper' | 'mmoe' = base?.world.kind ?? 'shopper';
  if (kindText === 'mmoe' || kindText === 'shopper') kind = kindText;
  else if (kindText !== null) ignored.push({ key: 'world.kind', value: kindText, reason: 'must be "shopper" or "mmoe"' });
  const tables = configTables(kind);
  const partial: Record<string, Record<string, unknown>> = base
    ? {
        ...(structuredClone(base) as unknown as Record<string, Record<string, unknown>>),
        world: base.world.kind === kind ? (structuredClone(base.world) as unknown as Record<string, unknown>) : { kind },
      }
    : { world: { kind } };
  const applied: Array<{ key: string; value: string }> = [];
  for (const [key, value] of params) {
    if (key === 'world.kind' || key === 'scenario') continue;
    const dot = key.indexOf('.');
    const section = dot > 0 ? key.slice(0, dot) : '';
    const name = dot > 0 ? key.slice(dot + 1) : key;
    const field = tables[section]?.[name];
    if (!field) {
      ignored.push({ key, value, reason: 'is not a setting of this experiment' });
      continue;
    }
    const parsed = parseValue(field, value);
    const problem = checkField(field, parsed);
    if (problem) {
      ignored.push({ key, value, reason: problem });
      continue;
    }
    (partial[section] ??= {})[name] = parsed;
    applied.push({ key, value });
  }
  // Fields that are valid alone but not together (e.g. ESMM in the regression world): drop the
  // field each complaint names, until the rest fits.
  for (;;) {
    try {
      return { config: parseExperimentConfig(partial), ignored, scenario: s?.id ?? null };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      let dropped = false;
      for (const issue of e.issues) {
        const [section, name] = issue.field.split('.');
        const entry = applied.find((a) => a.key === issue.field);
        if (partial[section] && name in partial[section]) {
          delete partial[section][name];
          ignored.push({ key: issue.field, value: entry?.value ?? '', reason: issue.message });
          dropped = true;
        }
      }
      if (!dropped) throw e;
    }
  }
}
