/**
 * Index sorting for the O(n log n) metrics. A typed array's `sort` with a comparator costs about a
 * second for a million indices; this sorts the keys and indices together as two typed arrays
 * (three-way quicksort, so runs of equal keys — tied scores, one shopper's impressions — are cheap),
 * about ten times faster.
 */

/** Below this length a range is finished by insertion sort. */
const SMALL = 16;

function swap(keys: Float64Array, idx: Uint32Array, a: number, b: number): void {
  const k = keys[a];
  keys[a] = keys[b];
  keys[b] = k;
  const t = idx[a];
  idx[a] = idx[b];
  idx[b] = t;
}

/**
 * Sorts `keys[lo..hi)` ascending in place, applying the same moves to `idx`. Not stable (equal keys
 * may come out in any order; every caller treats them as one tie group).
 */
export function sortByKeys(keys: Float64Array, idx: Uint32Array, lo = 0, hi = keys.length): void {
  // Explicit stack of ranges; recursing into the smaller side first bounds it by log2(n).
  const stack: number[] = [lo, hi];
  // Pivots are the median of three pseudo-random positions (a fixed xorshift: the sort is still
  // deterministic). Fixed positions degrade to O(n²) on inputs the partition itself produces from
  // sorted data, such as one shopper's impressions after another's.
  let state = 0x9e3779b9;
  const randomIn = (from: number, to: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return from + ((state >>> 0) % (to - from));
  };
  while (stack.length > 0) {
    let h = stack.pop()!;
    let l = stack.pop()!;
    while (h - l > SMALL) {
      const a = keys[randomIn(l, h)];
      const b = keys[randomIn(l, h)];
      const c = keys[randomIn(l, h)];
      const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
      // Three-way partition: [l, lt) < pivot, [lt, i) = pivot, (gt, h) > pivot.
      let lt = l;
      let gt = h - 1;
      let i = l;
      while (i <= gt) {
        const k = keys[i];
        if (k < pivot) swap(keys, idx, lt++, i++);
        else if (k > pivot) swap(keys, idx, i, gt--);
        else i++;
      }
      // Continue with the smaller side, push the larger.
      if (lt - l < h - gt - 1) {
        stack.push(gt + 1, h);
        h = lt;
      } else {
        stack.push(l, lt);
        l = gt + 1;
      }
    }
    for (let i = l + 1; i < h; i++) {
      const k = keys[i];
      const t = idx[i];
      let j = i - 1;
      while (j >= l && keys[j] > k) {
        keys[j + 1] = keys[j];
        idx[j + 1] = idx[j];
        j--;
      }
      keys[j + 1] = k;
      idx[j + 1] = t;
    }
  }
}

/** Indices 0..n−1 ordered by `values` ascending, with the sorted values alongside. */
export function argsort(values: ArrayLike<number>): { order: Uint32Array; sorted: Float64Array } {
  const n = values.length;
  const sorted = Float64Array.from(values as ArrayLike<number>);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  sortByKeys(sorted, order);
  return { order, sorted };
}

/**
 * Indices of the k largest values of `scores[from..from+n)`, best first, ties by lower index:
 * the first k of a full sort by (value descending, index ascending), found in one pass that keeps
 * only the k best so far (O(n) for k ≪ n; a full sort per shopper of a 1,000-item catalogue took
 * a quarter of an evaluation). NaN scores rank after every number.
 */
export function topK(scores: ArrayLike<number>, from: number, n: number, k: number): number[] {
  const kk = Math.max(0, Math.min(k, n));
  const idx: number[] = [];
  // Whether item a, seen after the kept item b (so with a higher index), ranks before it.
  const before = (a: number, b: number) => {
    const x = scores[from + a];
    const y = scores[from + b];
    if (Number.isNaN(x)) return false;
    return Number.isNaN(y) || x > y;
  };
  for (let i = 0; i < n && kk > 0; i++) {
    if (idx.length === kk) {
      if (!before(i, idx[kk - 1])) continue;
      idx.pop();
    }
    let p = idx.length;
    while (p > 0 && before(i, idx[p - 1])) p--;
    idx.splice(p, 0, i);
  }
  return idx;
}
