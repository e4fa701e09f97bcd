/**
 * Typed shape checks for data the page reads back from storage (saved runs): a `Shape<T>` checks
 * that an unknown value has exactly the structure of `T` — every field, its type, enum values,
 * nullability — and names the path of the first thing that does not fit.
 *
 * Why typed: `obj<T>()` must be given a shape for every key of `T` and each shape's type must be
 * that field's type exactly (shapes are invariant), so when a result type gains, loses or changes
 * a field, the schema stops compiling instead of silently accepting or rejecting stored data.
 */
import { isRecord } from './fields';

export interface Shape<T> {
  /** Null when `v` fits; otherwise where and why it does not ("result.training.status: …"). */
  check(v: unknown, path: string): string | null;
  /** Type marker only (never set): a function type makes shapes invariant in `T`. */
  readonly __type?: (t: T) => T;
}

/** Longest string accepted anywhere (names, messages, reasons are a sentence or two). */
export const MAX_STRING = 10_000;
/** Most elements of any array (a decimated chart series has at most a few thousand). */
export const MAX_ARRAY = 100_000;
/** Most keys of a free-form record. */
const MAX_KEYS = 1_000;

function shape<T>(check: (v: unknown, path: string) => string | null): Shape<T> {
  return { check };
}

/** Any number, NaN and ±Infinity included (structured clone keeps them; metrics use NaN for "undefined"). */
export const num: Shape<number> = shape((v, p) => (typeof v === 'number' ? null : `${p}: expected a number`));
export const int: Shape<number> = shape((v, p) => (typeof v === 'number' && Number.isSafeInteger(v) ? null : `${p}: expected an integer`));
export const bool: Shape<boolean> = shape((v, p) => (typeof v === 'boolean' ? null : `${p}: expected true or false`));
export const str: Shape<string> = shape((v, p) =>
  typeof v !== 'string' ? `${p}: expected text` : v.length > MAX_STRING ? `${p}: text longer than ${MAX_STRING} characters` : null,
);

/** One of the given strings. */
export function oneOf<const L extends readonly string[]>(values: L): Shape<L[number]> {
  return shape((v, p) => (typeof v === 'string' && values.includes(v) ? null : `${p}: expected one of ${values.join(', ')}`));
}

export function nullable<T>(s: Shape<T>): Shape<T | null> {
  return shape((v, p) => (v === null ? null : s.check(v, p)));
}

/** A field that may be absent (`field?: T`). */
export function optional<T>(s: Shape<T>): Shape<T | undefined> {
  return shape((v, p) => (v === undefined ? null : s.check(v, p)));
}

/** A dense list of at most `max` entries, with no keys besides its indices. */
export function arr<T>(s: Shape<T>, max = MAX_ARRAY): Shape<T[]> {
  return shape((v, p) => {
    if (!Array.isArray(v)) return `${p}: expected a list`;
    if (v.length > max) return `${p}: more than ${max} entries`;
    // Structured clone keeps an array's own named keys; one named `constructor` breaks map/filter.
    if (Object.keys(v).length !== v.length) return `${p}: a list with holes or named keys`;
    for (let i = 0; i < v.length; i++) {
      const e = s.check(v[i], `${p}[${i}]`);
      if (e) return e;
    }
    return null;
  });
}

/** A record with free keys (own keys only) and values of one shape. */
export function rec<T>(s: Shape<T>): Shape<Record<string, T>> {
  return shape((v, p) => {
    if (!isRecord(v)) return `${p}: expected a record`;
    const keys = Object.keys(v);
    if (keys.length > MAX_KEYS) return `${p}: more than ${MAX_KEYS} keys`;
    for (const k of keys) {
      const e = s.check(v[k], `${p}.${k}`);
      if (e) return e;
    }
    return null;
  });
}

/**
 * An object with the fields of `T`, each checked by its shape. Only own properties count (a key
 * inherited from Object.prototype is absent); keys beyond `T`'s are allowed and ignored.
 */
export function obj<T extends object>(fields: { [K in keyof T]-?: Shape<T[K]> }): Shape<T> {
  const entries = Object.entries(fields) as Array<[string, Shape<unknown>]>;
  return shape((v, p) => {
    if (!isRecord(v)) return `${p}: expected a record`;
    for (const [k, s] of entries) {
      const e = s.check(Object.hasOwn(v, k) ? v[k] : undefined, `${p}.${k}`);
      if (e) return e;
    }
    return null;
  });
}

/** A check written by hand (for values another module validates, such as a config). */
export function custom<T>(check: (v: unknown, path: string) => string | null): Shape<T> {
  return shape(check);
}
