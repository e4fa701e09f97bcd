/**
 * The runner's config file, read strictly: one experiment (an object, optionally with a string
 * `name`), or `{ "runs": [ ... ], "base": { ... } }` for several, each run a partial config merged
 * over `base`. Anything else is an error naming the entry; every run's config is validated before
 * the first one trains, so a typo in the last run cannot waste the time of the ones before it.
 */
import { ConfigError, describeValue, isRecord, type ConfigIssue } from '../core/config/fields';
import { deepMerge } from '../core/config/merge';
import { parseExperimentConfig, type ExperimentConfig } from '../core/experiment/config';

/** A problem with the file itself (not JSON, wrong shape): the runner exits 2 with it. */
export class RunFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFileError';
  }
}

/** One run of a file: its display name, the partial config as written, and the validated config. */
export interface FileRun {
  name: string;
  input: Record<string, unknown>;
  config: ExperimentConfig;
}

/** Top-level keys of a file with several runs; `note` is free text about the file (never read as config). */
const FILE_KEYS = ['runs', 'base', 'note'];

function nameOf(entry: Record<string, unknown>, where: string, fallback: string): string {
  if (!Object.hasOwn(entry, 'name')) return fallback;
  const name = entry.name;
  if (typeof name !== 'string' || name.trim() === '') throw new RunFileError(`${where}.name must be a non-empty string, got ${describeValue(name)}`);
  if (name.length > 200) throw new RunFileError(`${where}.name must be at most 200 characters, got ${name.length}`);
  return name;
}

/**
 * Reads the runs of a config file's text (a leading UTF-8 byte-order mark is allowed).
 * @param backend when given, every run's `training.backend` (the `--backend` option).
 * @throws RunFileError for text that is not JSON or a file of the wrong shape; ConfigError listing
 *   every invalid field of every run, each prefixed with its entry (`runs[2].model.architecture`).
 */
export function readRunFile(text: string, backend: string | null = null): FileRun[] {
  let file: unknown;
  try {
    file = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new RunFileError(`is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isRecord(file)) throw new RunFileError(`must hold an object (one experiment, or { "runs": [ ... ] }), got ${describeValue(file)}`);
  let entries: Array<{ where: string; raw: Record<string, unknown>; fallback: string }>;
  if (Object.hasOwn(file, 'runs')) {
    const extra = Object.keys(file).filter((k) => !FILE_KEYS.includes(k));
    if (extra.length) throw new RunFileError(`a file with "runs" may hold only "runs", "base" and "note"; unexpected: ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
    if (Object.hasOwn(file, 'note') && typeof file.note !== 'string') throw new RunFileError(`"note" must be a string (free text about the file), got ${describeValue(file.note)}`);
    const runs = file.runs;
    if (!Array.isArray(runs) || runs.length === 0) throw new RunFileError(`"runs" must be a non-empty list of run objects, got ${describeValue(runs)}`);
    const base = Object.hasOwn(file, 'base') ? file.base : {};
    if (!isRecord(base)) throw new RunFileError(`"base" must be an object (a partial config under every run), got ${describeValue(base)}`);
    if (Object.hasOwn(base, 'name')) throw new RunFileError('"base" cannot hold a name: name each run instead');
    entries = runs.map((r, i) => {
      const where = `runs[${i}]`;
      if (!isRecord(r)) throw new RunFileError(`${where} must be an object (a partial config), got ${describeValue(r)}`);
      return { where, raw: deepMerge(base, r) as Record<string, unknown>, fallback: `run ${i + 1}/${runs.length}` };
    });
  } else {
    if (Object.hasOwn(file, 'base')) throw new RunFileError('"base" needs "runs": a file without "runs" holds one experiment');
    entries = [{ where: '(file)', raw: file, fallback: 'run 1/1' }];
  }
  const issues: ConfigIssue[] = [];
  const out: FileRun[] = [];
  const names = new Set<string>();
  for (const { where, raw, fallback } of entries) {
    const name = nameOf(raw, where, fallback);
    if (names.has(name)) throw new RunFileError(`${where}.name ${JSON.stringify(name)} is used by an earlier run; names must differ`);
    names.add(name);
    const input: Record<string, unknown> = { ...raw };
    delete input.name;
    // A training section that is not an object stays as written, for validation to name.
    if (backend && (input.training === undefined || isRecord(input.training))) input.training = { ...(input.training ?? {}), backend };
    try {
      out.push({ name, input, config: parseExperimentConfig(input) });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const prefix = where === '(file)' ? '' : `${where}.`;
      issues.push(...e.issues.map((i) => ({ field: `${prefix}${i.field}`, message: i.message })));
    }
  }
  if (issues.length) throw new ConfigError(issues);
  return out;
}
