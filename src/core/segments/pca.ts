/**
 * Principal components of a few thousand short rows (shopper embeddings, d ≤ 256): centre the
 * rows, form the d × d covariance, and take its leading eigenvectors by power iteration with
 * deflation (deterministic: every iteration starts from the same vector). Each projection's sign is
 * fixed so that its largest-magnitude loading is positive, so the map does not flip between runs.
 */

export interface Pca {
  /** Row-major [n, components]: each row's coordinates on the components. */
  coordinates: Float64Array;
  /** Row-major [components, d]: unit vectors. */
  components: Float64Array;
  /** Variance along each component, and the share of the total variance it explains. */
  variance: number[];
  explained: number[];
}

export function pca(rows: ArrayLike<number>, n: number, d: number, components = 2, iterations = 200): Pca {
  if (!(n >= 1 && d >= 1)) throw new Error(`PCA needs at least one row and one column, got ${n} × ${d}`);
  const m = Math.min(components, d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += rows[i * d + j] / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const xa = rows[i * d + a] - mean[a];
      for (let b = a; b < d; b++) cov[a * d + b] += (xa * (rows[i * d + b] - mean[b])) / n;
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a];
  let total = 0;
  for (let a = 0; a < d; a++) total += cov[a * d + a];
  const vectors = new Float64Array(m * d);
  const variance: number[] = [];
  const work = Float64Array.from(cov);
  for (let c = 0; c < m; c++) {
    let v = Float64Array.from({ length: d }, (_, j) => 1 / Math.sqrt(d) + 1e-3 * j);
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a] += work[a * d + b] * v[b];
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      lambda = norm;
      v = w.map((x) => x / norm);
    }
    let big = 0;
    for (let j = 0; j < d; j++) if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
    if (v[big] < 0) v = v.map((x) => -x);
    vectors.set(v, c * d);
    variance.push(lambda);
    // Deflate: remove this component's share of the covariance.
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) work[a * d + b] -= lambda * v[a] * v[b];
  }
  const coordinates = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < m; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (rows[i * d + j] - mean[j]) * vectors[c * d + j];
      coordinates[i * m + c] = s;
    }
  }
  return { coordinates, components: vectors, variance, explained: variance.map((v) => (total > 0 ? v / total : 0)) };
}
