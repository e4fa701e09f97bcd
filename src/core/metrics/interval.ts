/**
 * Run-to-run noise: the mean of a quantity measured over several seeds with its 95% confidence
 * interval, so an effect is reported with the spread it came with, never as one seed's number.
 */

/**
 * Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom (t_{0.975, df}); beyond
 * 30 the normal quantile 1.96 is within 2%.
 */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074,
  2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t_{0.975, df}: the multiplier of the standard error for a two-sided 95% interval. */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a positive integer, got ${df}`);
  return df <= T975.length ? T975[df - 1] : 1.96;
}

/** A mean over seeds with its 95% interval. */
export interface MeanInterval {
  /** Number of finite values the mean is over (NaN values are left out). */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); NaN for n < 2. */
  sd: number;
  /** mean ∓ t_{0.975, n−1}·sd/√n; NaN for n < 2 (one seed has no interval). */
  lo: number;
  hi: number;
}

/**
 * Mean and 95% t-interval of the finite values: mean ± t_{0.975, n−1} · s / √n, s the sample
 * standard deviation. With fewer than two values the bounds are NaN: one seed is an anecdote.
 */
export function meanInterval(values: ArrayLike<number>): MeanInterval {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) xs.push(values[i]);
  const n = xs.length;
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN, lo: Number.NaN, hi: Number.NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, sd: Number.NaN, lo: Number.NaN, hi: Number.NaN };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, lo: mean - half, hi: mean + half };
}

/** Whether an interval lies wholly above (`up`) or below (`down`) zero. */
export function excludesZero(i: MeanInterval, direction: 'up' | 'down'): boolean {
  return direction === 'up' ? i.lo > 0 : i.hi < 0;
}
