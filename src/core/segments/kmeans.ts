/**
 * K-means with k-means++ seeding (Arthur & Vassilvitskii, SODA 2007), seeded: the first centre is a
 * uniformly drawn point, each further centre a point drawn with probability proportional to its
 * squared distance to the nearest centre so far; then Lloyd's iterations (assign every point to its
 * nearest centre, move each centre to its points' mean) until no assignment changes. The inertia
 * Σ ‖x − c(x)‖² never rises from one iteration to the next. A centre left without points stays where
 * it was. Ties go to the lower centre index.
 */
import { Rng } from '../random';

export interface KMeansResult {
  k: number;
  /** Row-major [k, d]. */
  centroids: Float64Array;
  /** Centre of each point. */
  assignment: Int32Array;
  /** Σ of squared distances to the assigned centre, after each iteration (first: after seeding's assignment). */
  inertia: number[];
  iterations: number;
}

function dist2(x: ArrayLike<number>, a: number, c: ArrayLike<number>, b: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = x[a + j] - c[b + j];
    s += t * t;
  }
  return s;
}

/** Assigns each of the n points to its nearest centre; returns the inertia. */
function assign(points: ArrayLike<number>, n: number, d: number, centroids: Float64Array, k: number, out: Int32Array): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const dd = dist2(points, i * d, centroids, c * d, d);
      if (dd < bestD) {
        bestD = dd;
        best = c;
      }
    }
    out[i] = best;
    inertia += bestD;
  }
  return inertia;
}

/** The k-means++ starting centres of n points of dimension d. */
export function kmeansPlusPlus(points: ArrayLike<number>, n: number, d: number, k: number, rng: Rng): Float64Array {
  const centroids = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) centroids[c * d + j] = points[pick * d + j];
    if (c === k - 1) break;
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i], dist2(points, i * d, centroids, c * d, d));
      total += nearest[i];
    }
    if (total === 0) {
      pick = rng.int(n); // every point sits on a centre: any point will do
      continue;
    }
    let r = rng.float() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= nearest[i];
      if (r < 0) {
        pick = i;
        break;
      }
    }
  }
  return centroids;
}

/**
 * Clusters n points (row-major [n, d]) into k groups.
 * @throws when k is not an integer in [1, n]
 */
export function kmeans(points: ArrayLike<number>, n: number, d: number, k: number, seed: number, maxIterations = 100): KMeansResult {
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new Error(`K must be an integer from 1 to the number of points (${n}), got ${k}`);
  const rng = Rng.stream(seed, 'kmeans++');
  const centroids = kmeansPlusPlus(points, n, d, k, rng);
  const assignment = new Int32Array(n);
  const inertia = [assign(points, n, d, centroids, k, assignment)];
  const next = new Int32Array(n);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const sums = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assignment[i];
      counts[c]++;
      for (let j = 0; j < d; j++) sums[c * d + j] += points[i * d + j];
    }
    for (let c = 0; c < k; c++) if (counts[c] > 0) for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j] / counts[c];
    inertia.push(assign(points, n, d, centroids, k, next));
    let changed = false;
    for (let i = 0; i < n; i++) if (next[i] !== assignment[i]) changed = true;
    assignment.set(next);
    if (!changed) break;
  }
  return { k, centroids, assignment, inertia, iterations };
}
