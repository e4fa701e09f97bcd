/**
 * Matrix factorisation for implicit feedback by alternating least squares (Hu, Koren & Volinsky,
 * "Collaborative filtering for implicit feedback datasets", ICDM 2008). Every shopper × item pair
 * has a preference p = 1 if clicked, else 0, and a confidence c = 1 + α·(clicks); the factors
 * minimise
 *
 *   L = Σ_{u,i} c_ui·(p_ui − x_uᵀy_i)² + λ·(Σ_u ‖x_u‖² + Σ_i ‖y_i‖²).
 *
 * With Y fixed, each x_u has a closed form, x_u = (YᵀY + Σ_{i clicked} (c_ui − 1)·y_i·y_iᵀ + λI)⁻¹ ·
 * Σ_{i clicked} c_ui·y_i (only clicked items add to the shared Gram matrix YᵀY), and the same for
 * each y_i with X fixed; each half-step cannot raise L.
 */
import { Rng } from '../random';
import type { ClickMatrix } from './interactions';

export interface AlsSettings {
  /** Latent factors per shopper and item. */
  factors: number;
  /** L2 penalty λ. */
  lambda: number;
  /** Confidence per click α. */
  alpha: number;
  iterations: number;
  seed: number;
}

export interface AlsModel {
  factors: number;
  /** Row-major [shoppers, factors] and [items, factors]. */
  shopperFactors: Float64Array;
  itemFactors: Float64Array;
}

/**
 * Solves A·x = b for a symmetric positive definite f × f matrix A by Cholesky, A = L·Lᵀ; `work`
 * (f·f + f floats) and `x` are reused across calls (thousands of small solves per half-step).
 */
export function solveSpd(A: Float64Array, b: Float64Array, f: number, x = new Float64Array(f), work = new Float64Array(f * f + f)): Float64Array {
  const L = work;
  for (let i = 0; i < f; i++) {
    const ri = i * f;
    for (let j = 0; j <= i; j++) {
      const rj = j * f;
      let s = A[ri + j];
      for (let k = 0; k < j; k++) s -= L[ri + k] * L[rj + k];
      if (i === j) {
        if (!(s > 0)) throw new Error('solveSpd: the matrix is not positive definite');
        L[ri + i] = Math.sqrt(s);
      } else L[ri + j] = s / L[rj + j];
    }
  }
  const y = f * f;
  for (let i = 0; i < f; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * f + k] * work[y + k];
    work[y + i] = s / L[i * f + i];
  }
  for (let i = f - 1; i >= 0; i--) {
    let s = work[y + i];
    for (let k = i + 1; k < f; k++) s -= L[k * f + i] * x[k];
    x[i] = s / L[i * f + i];
  }
  return x;
}

/** One half-step: every row of `out` (one per row of the matrix view) given the other side's factors `other`. */
function solveSide(start: Int32Array, index: Int32Array, counts: Float32Array, other: Float64Array, out: Float64Array, f: number, s: AlsSettings): void {
  const others = other.length / f;
  const gram = new Float64Array(f * f);
  for (let j = 0; j < others; j++) {
    for (let a = 0; a < f; a++) {
      const va = other[j * f + a];
      for (let b = 0; b < f; b++) gram[a * f + b] += va * other[j * f + b];
    }
  }
  const A = new Float64Array(f * f);
  const rhs = new Float64Array(f);
  const x = new Float64Array(f);
  const work = new Float64Array(f * f + f);
  for (let a = 0; a < f; a++) gram[a * f + a] += s.lambda;
  for (let r = 0; r + 1 < start.length; r++) {
    // Nothing clicked: the right-hand side is zero, and so is the solution.
    if (start[r] === start[r + 1]) {
      out.fill(0, r * f, (r + 1) * f);
      continue;
    }
    A.set(gram);
    rhs.fill(0);
    for (let e = start[r]; e < start[r + 1]; e++) {
      const j = index[e] * f;
      const c = 1 + s.alpha * counts[e];
      for (let a = 0; a < f; a++) {
        const va = other[j + a];
        rhs[a] += c * va;
        const w = (c - 1) * va;
        const ra = a * f;
        for (let b = 0; b < f; b++) A[ra + b] += w * other[j + b];
      }
    }
    out.set(solveSpd(A, rhs, f, x, work), r * f);
  }
}

/** The objective L of the module comment, over every shopper × item pair (O(S·I·f): for tests and small worlds). */
export function alsLoss(m: ClickMatrix, model: AlsModel, s: Pick<AlsSettings, 'lambda' | 'alpha'>): number {
  const f = model.factors;
  let loss = 0;
  for (let u = 0; u < m.shoppers; u++) {
    let e = m.rowStart[u];
    for (let i = 0; i < m.items; i++) {
      let xy = 0;
      for (let a = 0; a < f; a++) xy += model.shopperFactors[u * f + a] * model.itemFactors[i * f + a];
      const clicked = e < m.rowStart[u + 1] && m.rowItems[e] === i;
      const c = clicked ? 1 + s.alpha * m.rowCounts[e] : 1;
      loss += c * ((clicked ? 1 : 0) - xy) ** 2;
      if (clicked) e++;
    }
  }
  let norm = 0;
  for (const v of model.shopperFactors) norm += v * v;
  for (const v of model.itemFactors) norm += v * v;
  return loss + s.lambda * norm;
}

/** Fits the factors: items start small and random (seeded), then shoppers and items alternate. */
export function fitAls(m: ClickMatrix, s: AlsSettings, onIteration?: (iteration: number, model: AlsModel) => void): AlsModel {
  const f = s.factors;
  if (!(Number.isInteger(f) && f >= 1)) throw new Error(`ALS needs at least one factor, got ${f}`);
  const rng = Rng.stream(s.seed, 'als');
  const model: AlsModel = {
    factors: f,
    shopperFactors: new Float64Array(m.shoppers * f),
    itemFactors: Float64Array.from({ length: m.items * f }, () => 0.1 * (rng.float() - 0.5)),
  };
  for (let it = 1; it <= s.iterations; it++) {
    solveSide(m.rowStart, m.rowItems, m.rowCounts, model.itemFactors, model.shopperFactors, f, s);
    solveSide(m.colStart, m.colShoppers, m.colCounts, model.shopperFactors, model.itemFactors, f, s);
    onIteration?.(it, model);
  }
  return model;
}
