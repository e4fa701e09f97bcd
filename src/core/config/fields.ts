/**
 * Typed tables of config fields. One table per config section gives every field its default, its
 * allowed range and a label; the same table validates configs from the runner and exported files,
 * and (later) drives the URL state and the controls. Validation never clamps: a value outside its
 * range is an error that names the field and the range.
 */

/** A numeric field of a config section. */
export interface NumberField {
  /** Short human label, used by the controls and in error messages. */
  label: string;
  /** One sentence on what the field does. */
  help: string;
  /** Value used when the field is absent. */
  default: number;
  /** Smallest allowed value (inclusive unless `exclusiveMin`). */
  min: number;
  /** Largest allowed value (inclusive). */
  max: number;
  /** Whether only whole numbers are allowed (counts, seeds). */
  integer?: boolean;
  /** Whether `min` itself is refused (a rate that must be above 0). */
  exclusiveMin?: boolean;
}

/** A field whose value is one of a fixed set of names (an architecture, a strategy, …). */
export interface EnumField<V extends string = string> {
  kind: 'enum';
  label: string;
  help: string;
  default: V;
  /** Every allowed value. */
  options: readonly V[];
}

/** A list of numbers (e.g. one weight per task), each in [min, max]. */
export interface NumberListField {
  kind: 'numberList';
  label: string;
  help: string;
  default: readonly number[];
  min: number;
  max: number;
  /** Smallest and largest allowed list length. */
  minLength: number;
  maxLength: number;
}

export type Field = NumberField | EnumField | NumberListField;

/** The field type that describes a value of type V. */
type FieldFor<V> = [V] extends [number] ? NumberField : [V] extends [string] ? EnumField<V> : [V] extends [readonly number[]] ? NumberListField : never;

/** A table of fields describing a config object `T`: one entry per property, typed by its value. */
export type FieldTable<T> = { readonly [K in keyof T]: FieldFor<T[K]> };

/** One problem found in a config: which field and what is wrong. */
export interface ConfigIssue {
  /** Dotted path of the field, e.g. `world.alignment`. */
  field: string;
  /** What is wrong, including the allowed range. */
  message: string;
}

/** Thrown for an invalid config; `issues` lists every problem found, not only the first. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(
      `Invalid config:\n${issues.map((i) => `  - ${i.field}: ${i.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * A value as an error message quotes it: JSON where JSON can say it, and words where it cannot
 * (NaN, ±Infinity, -0, BigInt, functions, symbols, circular objects). Never throws, and cuts long
 * text so a hostile input cannot flood a message.
 */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'number') text = Object.is(value, -0) ? '-0' : String(value);
  else if (typeof value === 'bigint') text = `${value}n (a BigInt)`;
  else if (typeof value === 'function') text = 'a function';
  else if (typeof value === 'symbol') text = 'a symbol';
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
    } catch {
      text = Array.isArray(value) ? 'a list that contains itself' : 'an object that contains itself';
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * The field `key` of a table, only when it is the table's own entry: `constructor`, `__proto__`,
 * `toString` and every other name inherited from `Object.prototype` are not fields, so a hostile
 * key can never reach a built-in through a table lookup.
 */
export function ownField(table: Record<string, Field>, key: string): Field | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Whether a value is a plain object a config section can be read from (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The allowed range of a field in words, e.g. "an integer in [1, 100000]". */
export function describeRange(f: NumberField): string {
  return `${f.integer ? 'an integer' : 'a number'} in ${f.exclusiveMin ? '(' : '['}${f.min}, ${f.max}]`;
}

/** The default values of a table. */
export function defaultsOf<T>(table: FieldTable<T>): T {
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(table as Record<string, Field>)) {
    out[key] = Array.isArray(f.default) ? [...f.default] : f.default;
  }
  return out as T;
}

/** Checks one value against its field; returns an error message or null. */
export function checkField(f: Field, value: unknown): string | null {
  if ('kind' in f && f.kind === 'enum') {
    return typeof value === 'string' && f.options.includes(value)
      ? null
      : `must be one of ${f.options.map((o) => `"${o}"`).join(', ')}, got ${describeValue(value)}`;
  }
  if ('kind' in f && f.kind === 'numberList') {
    const what = `a list of ${f.minLength}–${f.maxLength} numbers, each in [${f.min}, ${f.max}]`;
    if (!Array.isArray(value) || value.length < f.minLength || value.length > f.maxLength) {
      return `must be ${what}, got ${describeValue(value)}`;
    }
    const bad = value.findIndex((v) => typeof v !== 'number' || !(v >= f.min && v <= f.max));
    return bad < 0 ? null : `must be ${what}, got ${describeValue(value[bad])} at index ${bad}`;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return `must be ${describeRange(f)}, got ${describeValue(value)}`;
  }
  if ((f.integer && !Number.isInteger(value)) || value < f.min || (f.exclusiveMin && value === f.min) || value > f.max) {
    return `must be ${describeRange(f)}, got ${describeValue(value)}`;
  }
  return null;
}

/**
 * Reads a partial config against its table: absent fields take their defaults; unknown fields,
 * non-numbers and out-of-range values are collected as issues under `prefix`.
 * @returns the full config and the issues (the config holds defaults where a value was rejected).
 */
export function readSection<T>(
  table: FieldTable<T>,
  input: unknown,
  prefix: string,
): { value: T; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const value = defaultsOf(table) as Record<string, unknown>;
  if (input === undefined) return { value: value as T, issues };
  if (!isRecord(input)) {
    issues.push({ field: prefix, message: `must be an object, got ${describeValue(input)}` });
    return { value: value as T, issues };
  }
  const fields = table as Record<string, Field>;
  for (const [key, raw] of Object.entries(input)) {
    const f = ownField(fields, key);
    if (!f) {
      issues.push({
        field: `${prefix}.${key}`,
        message: `is not a known field (known: ${Object.keys(fields).join(', ')})`,
      });
      continue;
    }
    const problem = checkField(f, raw);
    if (problem) issues.push({ field: `${prefix}.${key}`, message: problem });
    else value[key] = Array.isArray(raw) ? [...raw] : raw;
  }
  return { value: value as T, issues };
}
