/**
 * The MMoE paper's synthetic regression world (Ma et al., KDD 2018, §3.2), for teaching task
 * relatedness with a knob p:
 *
 *   u1 ⟂ u2 unit vectors in R^d;  w1 = c·u1,  w2 = c·(p·u1 + √(1 − p²)·u2), so cos(w1, w2) = p;
 *   x ~ N(0, I_d);
 *   y_k = w_kᵀx + Σ_{i=1..m} sin(α_i·w_kᵀx + β_i) + ε_k,  ε_k ~ N(0, σ²),
 *
 * with the same α_i, β_i ~ N(0, 1) for both tasks. The sine terms make the measured Pearson
 * correlation of y1 and y2 fall much faster than p.
 */
import { pearson } from '../metrics';
import { Rng } from '../random';
import { mmoeSplitSizes, parseMmoeWorldConfig, type MmoeWorldConfig } from './config';
import { SPLIT } from './log';

export interface MmoeWorld {
  config: MmoeWorldConfig;
  /** Number of samples n. */
  size: number;
  /** Inputs, row-major n×d. */
  x: Float32Array;
  /** Task 1 labels. */
  y1: Float32Array;
  /** Task 2 labels. */
  y2: Float32Array;
  /** Split code per sample (SPLIT): samples are i.i.d., so contiguous blocks are used. */
  split: Uint8Array;
  /** Task weight vectors (length d each). */
  w1: Float64Array;
  w2: Float64Array;
  /** Sine frequencies α_i and phases β_i, shared by both tasks. */
  alpha: Float64Array;
  beta: Float64Array;
  /** Measured Pearson correlation of y1 and y2 over all samples. */
  labelCorrelation: number;
}

/** Two orthonormal vectors in R^d by Gram–Schmidt on Gaussian draws. */
function orthonormalPair(rng: Rng, d: number): [Float64Array, Float64Array] {
  const u1 = Float64Array.from({ length: d }, () => rng.normal());
  const u2 = Float64Array.from({ length: d }, () => rng.normal());
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((a, b) => a + b * b, 0));
  const n1 = norm(u1);
  for (let k = 0; k < d; k++) u1[k] /= n1;
  const proj = u1.reduce((a, b, k) => a + b * u2[k], 0);
  for (let k = 0; k < d; k++) u2[k] -= proj * u1[k];
  const n2 = norm(u2);
  for (let k = 0; k < d; k++) u2[k] /= n2;
  return [u1, u2];
}

/**
 * Generates the MMoE regression world. Accepts a partial config (defaults fill the rest).
 * @throws ConfigError naming every invalid field and its allowed range.
 */
export function generateMmoeWorld(input: Partial<MmoeWorldConfig> = {}): MmoeWorld {
  const config = parseMmoeWorldConfig(input);
  const { numSamples: n, inputDim: d, correlation: p, scale: c, numSines: m, noiseStd } = config;
  // Separate streams: the task vectors and sines do not change when the sample count does.
  const paramRng = Rng.stream(config.seed, 'mmoe-params');
  const dataRng = Rng.stream(config.seed, 'mmoe-data');
  const [u1, u2] = orthonormalPair(paramRng, d);
  const q = Math.sqrt(Math.max(0, 1 - p * p));
  const w1 = Float64Array.from(u1, (v) => c * v);
  const w2 = Float64Array.from(u1, (v, k) => c * (p * v + q * u2[k]));
  const alpha = Float64Array.from({ length: m }, () => paramRng.normal());
  const beta = Float64Array.from({ length: m }, () => paramRng.normal());

  const x = new Float32Array(n * d);
  const y1 = new Float32Array(n);
  const y2 = new Float32Array(n);
  for (let s = 0; s < n; s++) {
    let z1 = 0;
    let z2 = 0;
    for (let k = 0; k < d; k++) {
      const v = dataRng.normal();
      x[s * d + k] = v;
      z1 += w1[k] * v;
      z2 += w2[k] * v;
    }
    let t1 = z1;
    let t2 = z2;
    for (let i = 0; i < m; i++) {
      t1 += Math.sin(alpha[i] * z1 + beta[i]);
      t2 += Math.sin(alpha[i] * z2 + beta[i]);
    }
    y1[s] = t1 + noiseStd * dataRng.normal();
    y2[s] = t2 + noiseStd * dataRng.normal();
  }
  const split = new Uint8Array(n);
  const { test: nTest, validation: nVal } = mmoeSplitSizes(config);
  for (let s = n - nTest - nVal; s < n - nTest; s++) split[s] = SPLIT.validation;
  for (let s = n - nTest; s < n; s++) split[s] = SPLIT.test;
  return { config, size: n, x, y1, y2, split, w1, w2, alpha, beta, labelCorrelation: pearson(y1, y2) };
}

/** One row of the relatedness table: the configured p and the measured label correlation. */
export interface CorrelationRow {
  p: number;
  measured: number;
}

/**
 * The measured Pearson correlation of y1 and y2 for each p, all else from `base` (same seed, so the
 * rows differ only in p).
 */
export function mmoeCorrelationTable(
  ps: readonly number[] = [1, 0.9, 0.75, 0.5, 0.25, 0],
  base: Partial<MmoeWorldConfig> = {},
): CorrelationRow[] {
  return ps.map((p) => ({ p, measured: generateMmoeWorld({ ...base, correlation: p }).labelCorrelation }));
}
