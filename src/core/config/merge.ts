/** Deep merge of partial configs: the runner's `base` under each run, a seed over a claim's side. */

import { isRecord } from './fields';

/**
 * `over` merged onto `base`: objects merge key by key, recursively; arrays and values from `over`
 * replace those of `base`; `undefined` in `over` keeps `base`'s value. Neither input is modified.
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over ?? base;
  const out: Record<string, unknown> = { ...base };
  // defineProperty, not assignment: a key named `__proto__` (JSON.parse makes such own keys) must
  // stay an ordinary key that validation then rejects, not replace the merged object's prototype.
  for (const [k, v] of Object.entries(over)) {
    Object.defineProperty(out, k, { value: deepMerge(Object.hasOwn(out, k) ? out[k] : undefined, v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
