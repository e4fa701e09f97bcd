/**
 * The exact min-norm point of the convex hull of T vectors, given their Gram matrix G (G_ij =
 * g_i·g_j): min_α αᵀGα over the simplex (α ≥ 0, Σα = 1), the step MGDA takes (Sener & Koltun 2018).
 * The minimum lies in the relative interior of some face S of the simplex, where it is the
 * equality-constrained minimiser α_S ∝ G_S⁻¹·1 (Lagrange: G_S·α_S = λ·1). So every face is tried
 * (2^T − 1 of them, T ≤ 10) and the lowest αᵀGα among faces whose minimiser is non-negative wins.
 * A singular G_S (parallel gradients) is regularised by 1e-12·trace(G). Exact up to rounding, where
 * Frank–Wolfe with a fixed number of steps stops short (`frankWolfe`, kept for the comparison).
 */

/** Solves A·x = b (n × n, row-major) by Gaussian elimination with partial pivoting; null if singular. */
function solve(A: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const M = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r * n + c]) > Math.abs(M[p * n + c])) p = r;
    if (Math.abs(M[p * n + c]) < 1e-300) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) [M[c * n + k], M[p * n + k]] = [M[p * n + k], M[c * n + k]];
      [x[c], x[p]] = [x[p], x[c]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = M[r * n + c] / M[c * n + c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) M[r * n + k] -= f * M[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r];
    for (let k = r + 1; k < n; k++) s -= M[r * n + k] * x[k];
    x[r] = s / M[r * n + r];
  }
  return x;
}

/** αᵀGα. */
export function quadratic(G: ArrayLike<number>, alpha: ArrayLike<number>, T: number): number {
  let v = 0;
  for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) v += alpha[i] * G[i * T + j] * alpha[j];
  return v;
}

/**
 * The weights α on the simplex minimising ‖Σ α_t g_t‖² = αᵀGα, for a T × T Gram matrix (row-major).
 * @throws for T outside 1..10 or a matrix of the wrong size
 */
export function minNormWeights(G: ArrayLike<number>, T: number): Float64Array {
  if (!(Number.isInteger(T) && T >= 1 && T <= 10)) throw new Error(`minNormWeights: 1 to 10 tasks, got ${T}`);
  if (G.length !== T * T) throw new Error(`minNormWeights: a ${T} × ${T} Gram matrix has ${T * T} entries, got ${G.length}`);
  let trace = 0;
  for (let t = 0; t < T; t++) trace += G[t * T + t];
  const ridge = 1e-12 * Math.max(trace, 1e-300);
  let best = Float64Array.from({ length: T }, (_, t) => (t === 0 ? 1 : 0));
  let bestValue = quadratic(G, best, T);
  for (let mask = 1; mask < 1 << T; mask++) {
    const S: number[] = [];
    for (let t = 0; t < T; t++) if (mask & (1 << t)) S.push(t);
    const n = S.length;
    const A = new Float64Array(n * n);
    S.forEach((i, a) => S.forEach((j, b) => (A[a * n + b] = G[i * T + j] + (a === b ? ridge : 0))));
    const x = solve(A, new Float64Array(n).fill(1), n);
    if (!x) continue;
    const sum = x.reduce((s, v) => s + v, 0);
    if (!(sum > 0)) continue;
    if (x.some((v) => v / sum < -1e-12)) continue;
    const alpha = new Float64Array(T);
    S.forEach((t, a) => (alpha[t] = Math.max(0, x[a] / sum)));
    const total = alpha.reduce((s, v) => s + v, 0);
    for (let t = 0; t < T; t++) alpha[t] /= total;
    const value = quadratic(G, alpha, T);
    if (value < bestValue) {
      bestValue = value;
      best = alpha;
    }
  }
  return best;
}

/** Frank–Wolfe on the same problem from the simplex's centre, `steps` line-searched steps (the engine's former MGDA beyond two tasks). */
export function frankWolfe(G: ArrayLike<number>, T: number, steps: number): Float64Array {
  let alpha = new Float64Array(T).fill(1 / T);
  const times = (v: ArrayLike<number>) => Float64Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => G[i * T + j] * v[j]).reduce((a, b) => a + b, 0));
  for (let it = 0; it < steps; it++) {
    const Ma = times(alpha);
    let t = 0;
    for (let i = 1; i < T; i++) if (Ma[i] < Ma[t]) t = i;
    const e = Float64Array.from({ length: T }, (_, i) => (i === t ? 1 : 0));
    const v1v1 = alpha.reduce((s, a, i) => s + a * Ma[i], 0);
    const v1v2 = Ma[t];
    const v2v2 = G[t * T + t];
    const gamma = Math.min(1, Math.max(0, (v1v1 - v1v2) / Math.max(v1v1 - 2 * v1v2 + v2v2, 1e-20)));
    alpha = alpha.map((a, i) => (1 - gamma) * a + gamma * e[i]);
  }
  return alpha;
}
