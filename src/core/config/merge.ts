/** Deep merge of partial configs: the runner's `base` under each run, a seed over a claim's side. */

/** Whether a value is a plain object (not an array, not null). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `over` merged onto `base`: objects merge key by key, recursively; arrays and values from `over`
 * replace those of `base`; `undefined` in `over` keeps `base`'s value. Neither input is modified.
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over ?? base;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(out[k], v);
  return out;
}
