/**
 * The experiment config in a URL query string, driven by the same field tables as validation: a
 * key per field (`model.architecture=ple`, `weighting.weights=1,3`), only fields that differ from
 * their defaults, in a stable order. Reading a tampered or stale URL never fails: each bad or
 * unknown key is ignored, reported with the reason, and its field keeps the default.
 *
 * A link may name a base config (a scenario) that the other keys apply over; this layer does not
 * know the scenarios, so the caller passes how to find a base (`teach/link.ts` does).
 */
import { checkField, ConfigError, ownField, type Field } from '../config/fields';
import { MODEL_FIELDS } from '../model/config';
import { RANKING_FIELDS } from '../rerank/config';
import { TRAINING_FIELDS, WEIGHTING_FIELDS } from '../train/config';
import { MMOE_WORLD_FIELDS, SHOPPER_WORLD_FIELDS } from '../world';
import { EVALUATION_FIELDS, parseExperimentConfig, PER_TASK_LISTS, perTaskDefault, type ExperimentConfig } from './config';

/** A URL key that was not applied, and why. */
export interface IgnoredField {
  key: string;
  value: string;
  reason: string;
}

/** A named base config a link can start from (`scenario=<id>`). */
export interface LinkBase {
  id: string;
  config: ExperimentConfig;
}

/** Finds the base a link names; undefined for a name that is not one. */
export type FindBase = (id: string) => LinkBase | undefined;

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
export function configToQuery(config: ExperimentConfig, scenario: LinkBase | null = null): string {
  const params = new URLSearchParams();
  const base = scenario?.config ?? null;
  if (scenario) params.set('scenario', scenario.id);
  const baseKind = base?.world.kind ?? 'shopper';
  if (config.world.kind !== baseKind) params.set('world.kind', config.world.kind);
  const tables = configTables(config.world.kind);
  for (const [section, table] of Object.entries(tables)) {
    const values = config[section as keyof ExperimentConfig] as unknown as Record<string, unknown>;
    const baseValues = base && !(section === 'world' && baseKind !== config.world.kind) ? (base[section as keyof ExperimentConfig] as unknown as Record<string, unknown>) : null;
    for (const [name, field] of Object.entries(table)) {
      const v = values[name];
      const perTask = (PER_TASK_LISTS as readonly string[]).includes(`${section}.${name}`);
      if (same(v, baseValues ? baseValues[name] : perTask ? perTaskDefault(config) : field.default)) continue;
      params.set(`${section}.${name}`, Array.isArray(v) ? v.join(',') : String(v));
    }
  }
  return params.toString();
}

/** Longest URL value quoted back in a notice (a hostile link must not flood the page). */
const MAX_QUOTED = 120;

function clip(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
}

/**
 * Parses one URL value for its field: numbers and lists of numbers from text, names as they are.
 * Text that is not a number stays text, so the error quotes what was given ("got \"abc\"").
 */
function parseValue(field: Field, text: string): unknown {
  const num = (t: string): unknown => {
    const n = t.trim() === '' ? Number.NaN : Number(t);
    return Number.isNaN(n) ? clip(t) : n;
  };
  if (isList(field)) return text === '' ? [] : text.split(',').map(num);
  if ('kind' in field && field.kind === 'enum') return clip(text);
  return num(text);
}

/** A config read from a link: what was loaded, what was left out and why, and the base it named. */
export interface QueryConfig {
  config: ExperimentConfig;
  ignored: IgnoredField[];
  scenario: string | null;
}

/**
 * Reads a config from a query string (with or without `?`). Never throws: what cannot be used is
 * listed in `ignored` and left at its default (or its base's value). Only own keys of the field
 * tables are read or written, so `constructor.*`, `__proto__.*` and the like are unknown keys.
 * Keys that are valid alone but not together are dropped, last given first, with the reason.
 */
export function configFromQuery(query: string, findBase: FindBase = () => undefined): QueryConfig {
  try {
    return readQuery(query, findBase);
  } catch (e) {
    // Last resort, so no link can blank the page; the fuzz test checks it is never reached.
    return {
      config: parseExperimentConfig({}),
      ignored: [{ key: '(link)', value: clip(query), reason: `could not be read (${e instanceof Error ? e.message : String(e)}); the defaults are loaded` }],
      scenario: null,
    };
  }
}

function readQuery(query: string, findBase: FindBase): QueryConfig {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const ignored: IgnoredField[] = [];
  const last = (key: string): string | null => {
    const all = params.getAll(key);
    return all.length ? all[all.length - 1] : null;
  };
  // A scenario is the base the other keys apply over.
  const scenarioText = last('scenario');
  const s = scenarioText !== null ? findBase(scenarioText) : undefined;
  if (scenarioText !== null && !s) ignored.push({ key: 'scenario', value: clip(scenarioText), reason: 'is not a scenario of this playground' });
  const base = s?.config ?? null;
  const kindText = last('world.kind');
  let kind: 'shopper' | 'mmoe' = base?.world.kind ?? 'shopper';
  if (kindText === 'mmoe' || kindText === 'shopper') kind = kindText;
  else if (kindText !== null) ignored.push({ key: 'world.kind', value: clip(kindText), reason: 'must be "shopper" or "mmoe"' });
  const tables = configTables(kind);
  const partial: Record<string, Record<string, unknown>> = base
    ? {
        ...(structuredClone(base) as unknown as Record<string, Record<string, unknown>>),
        world: base.world.kind === kind ? (structuredClone(base.world) as unknown as Record<string, unknown>) : { kind },
      }
    : { world: { kind } };
  /** Keys applied from the link, in the order given (a repeated key counts once, at its last place). */
  const applied: Array<{ key: string; value: string; section: string; name: string }> = [];
  const entries = [...params];
  entries.forEach(([key, value], i) => {
    if (key === 'world.kind' || key === 'scenario') {
      if (entries.slice(i + 1).some(([k]) => k === key)) ignored.push({ key, value: clip(value), reason: 'is given again later in the link; the last value counts' });
      return;
    }
    const dot = key.indexOf('.');
    const section = dot > 0 ? key.slice(0, dot) : '';
    const name = dot > 0 ? key.slice(dot + 1) : key;
    const table = Object.hasOwn(tables, section) ? tables[section] : undefined;
    const field = table ? ownField(table, name) : undefined;
    if (!field) {
      ignored.push({ key: clip(key), value: clip(value), reason: 'is not a setting of this experiment' });
      return;
    }
    const parsed = parseValue(field, value);
    const problem = checkField(field, parsed);
    if (problem) {
      ignored.push({ key, value: clip(value), reason: problem });
      return;
    }
    const earlier = applied.findIndex((a) => a.key === key);
    if (earlier >= 0) {
      const [old] = applied.splice(earlier, 1);
      ignored.push({ key, value: clip(old.value), reason: 'is given again later in the link; the last value counts' });
    }
    (partial[section] ??= {})[name] = parsed;
    applied.push({ key, value: clip(value), section, name });
  });
  // Fields that are valid alone but not together (e.g. ESMM in the regression world, a catalogue
  // too small for the session length): drop keys until the rest fits. A complaint that names a
  // key of the link drops that key; one that names a field the link did not set drops the last
  // key the link gave in that section (else the last key of all); one about the base's own value
  // puts that field back to its default. Each step removes a key, so the loop ends.
  for (;;) {
    try {
      return { config: parseExperimentConfig(partial), ignored, scenario: s?.id ?? null };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const drop = (i: number, reason: string): void => {
        const [a] = applied.splice(i, 1);
        delete partial[a.section][a.name];
        ignored.push({ key: a.key, value: a.value, reason });
      };
      const named = e.issues.filter((issue) => applied.some((a) => a.key === issue.field));
      if (named.length > 0) {
        for (const issue of named) {
          const i = applied.findIndex((a) => a.key === issue.field);
          if (i >= 0) drop(i, issue.message);
        }
        continue;
      }
      const issue = e.issues[0];
      const section = issue.field.split('.')[0];
      const inSection = applied.map((a) => a.section).lastIndexOf(section);
      if (applied.length > 0) {
        drop(inSection >= 0 ? inSection : applied.length - 1, `does not fit with ${issue.field}: ${issue.field} ${issue.message}`);
        continue;
      }
      const [sec, name] = issue.field.split('.');
      if (name !== undefined && Object.hasOwn(partial, sec) && Object.hasOwn(partial[sec], name)) {
        ignored.push({ key: issue.field, value: clip(String(partial[sec][name])), reason: `the scenario's value does not fit this link: ${issue.message}` });
        delete partial[sec][name];
        continue;
      }
      throw e;
    }
  }
}
