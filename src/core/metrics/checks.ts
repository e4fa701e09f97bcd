/**
 * Argument checks shared by the metric functions. A metric given malformed input throws a
 * `MetricInputError` that names the function and the argument, rather than returning a number that
 * looks plausible and is wrong.
 */

export class MetricInputError extends Error {
  constructor(fn: string, message: string) {
    super(`${fn}: ${message}`);
    this.name = 'MetricInputError';
  }
}

/** k must be an integer ≥ 1. */
export function checkK(fn: string, k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new MetricInputError(fn, `k must be an integer >= 1, got ${k}`);
  }
}

/** Two parallel arrays must have the same length. */
export function checkSameLength(
  fn: string,
  a: ArrayLike<number>,
  aName: string,
  b: ArrayLike<number>,
  bName: string,
): void {
  if (a.length !== b.length) {
    throw new MetricInputError(
      fn,
      `${aName} and ${bName} must have the same length (${a.length} vs ${b.length})`,
    );
  }
}

/** Every label must be exactly 0 or 1. */
export function checkBinaryLabels(fn: string, labels: ArrayLike<number>): void {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) {
      throw new MetricInputError(fn, `labels must be 0 or 1, got ${y} at index ${i}`);
    }
  }
}

/** Every value must be a finite number (NaN scores cannot be ranked). */
export function checkFinite(fn: string, values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new MetricInputError(fn, `${name} must be finite numbers, got ${values[i]} at index ${i}`);
    }
  }
}

/**
 * A list of item ids must hold distinct non-negative integers, each below `catalogSize` when given.
 * @param allowEmpty single-list metrics accept an empty list; an empty list inside `lists` is an error.
 */
export function checkList(
  fn: string,
  list: ArrayLike<number>,
  name: string,
  catalogSize?: number,
  allowEmpty = true,
): void {
  if (!allowEmpty && list.length === 0) {
    throw new MetricInputError(fn, `${name} is empty; every list needs at least one item`);
  }
  const seen = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    const id = list[i];
    if (!Number.isInteger(id) || id < 0) {
      throw new MetricInputError(fn, `${name} must hold non-negative integer item ids, got ${id}`);
    }
    if (catalogSize !== undefined && id >= catalogSize) {
      throw new MetricInputError(
        fn,
        `${name} holds item id ${id}, outside the catalogue of ${catalogSize} items`,
      );
    }
    if (seen.has(id)) throw new MetricInputError(fn, `${name} holds item id ${id} twice`);
    seen.add(id);
  }
}

/** Every list of `lists` must be a valid, non-empty list. */
export function checkLists(
  fn: string,
  lists: ReadonlyArray<ArrayLike<number>>,
  catalogSize: number,
): void {
  lists.forEach((list, i) => checkList(fn, list, `lists[${i}]`, catalogSize, false));
}

/** Item counts must be finite and ≥ 0. */
export function checkCounts(fn: string, itemCounts: ArrayLike<number>): void {
  for (let i = 0; i < itemCounts.length; i++) {
    const c = itemCounts[i];
    if (!Number.isFinite(c) || c < 0) {
      throw new MetricInputError(fn, `itemCounts must be finite and >= 0, got ${c} at item ${i}`);
    }
  }
}
