/**
 * Comparing runs with their noise. Two multi-seed runs of the same seeds are compared seed by seed
 * (paired: seed k of one against seed k of the other, so the world's own variation cancels), and
 * the 95% interval of the mean difference says whether the change is outside the noise.
 */
import type { Replicates } from '../experiment/replicates';
import { meanInterval } from '../metrics/interval';

export interface Difference {
  /** Seeds paired. */
  n: number;
  /** Mean over seeds of (b − a), or of (b − a) / |a| when relative. */
  mean: number;
  lo: number;
  hi: number;
  /** True when the interval covers zero (or there is only one seed): the change may be noise. */
  withinNoise: boolean;
  /** Seeds whose difference has the sign of the mean. */
  agree: number;
}

/** Paired differences of per-seed values (NaN pairs left out). */
export function pairedDifference(a: number[], b: number[], relative = false): Difference {
  const d: number[] = [];
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const x = relative ? (b[k] - a[k]) / Math.abs(a[k]) : b[k] - a[k];
    if (Number.isFinite(x)) d.push(x);
  }
  const i = meanInterval(d);
  const agree = d.filter((x) => Math.sign(x) === Math.sign(i.mean) && x !== 0).length;
  return { n: i.n, mean: i.mean, lo: i.lo, hi: i.hi, withinNoise: !(i.lo > 0 || i.hi < 0), agree };
}

/** Per-seed values of one metric, in seed order; NaN where a seed lacks it. */
export function seedSeries(r: Replicates, metric: string): number[] {
  return r.seeds.map((s) => s.values[metric] ?? Number.NaN);
}

/**
 * Whether two multi-seed runs can be paired seed by seed: the same number of seeds, each pair
 * with equal world seeds (so both saw the same worlds) and equal training-seed offsets.
 */
export function pairable(a: Replicates, b: Replicates): boolean {
  return a.seeds.length === b.seeds.length && a.seeds.length > 0 && a.seeds.every((s, k) => s.worldSeed === b.seeds[k].worldSeed && s.offset === b.seeds[k].offset);
}

/** The difference b − a of one metric between two multi-seed runs, or null when they cannot be paired. */
export function compareRuns(a: Replicates, b: Replicates, metric: string, relative = false): Difference | null {
  if (!pairable(a, b)) return null;
  return pairedDifference(seedSeries(a, metric), seedSeries(b, metric), relative);
}

/** A difference in words: "+0.004 (95% interval −0.001 to +0.009, 3 seeds): within noise". */
export function describeDifference(d: Difference, format: (x: number) => string): string {
  if (d.n < 2) return `${format(d.mean)} (one seed: no interval, so no telling it from noise)`;
  return `${format(d.mean)} (95% interval ${format(d.lo)} to ${format(d.hi)}, ${d.n} seeds): ${d.withinNoise ? 'within noise' : 'outside noise'}`;
}
