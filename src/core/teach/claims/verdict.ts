/**
 * The verdict on a claim from its per-seed effects: it holds when the 95% interval of the mean
 * effect excludes zero in the promised direction, at least 7 of every 8 seeds agree in sign, and
 * the mean reaches the smallest effect worth showing.
 */
import { excludesZero, meanInterval } from '../../metrics/interval';
import type { Claim, ClaimVerdict } from './types';

/** Agreeing seeds a claim needs out of n: ⌈7n/8⌉ (7 of 8, 2 of 2, 14 of 16). */
export function seedsNeeded(n: number): number {
  return Math.ceil((7 * n) / 8);
}

export function verdict(claim: Claim, seeds: number[], effects: number[]): ClaimVerdict {
  if (claim.direction === 'none') return equivalence(claim, seeds, effects);
  const i = meanInterval(effects);
  const sign = claim.direction === 'up' ? 1 : -1;
  const agree = effects.filter((e) => Number.isFinite(e) && Math.sign(e) === sign).length;
  const needed = seedsNeeded(effects.length);
  const reasons: string[] = [];
  const missing = effects.length - i.n;
  if (missing > 0) reasons.push(`${missing} seed${missing > 1 ? 's' : ''} gave no value`);
  if (!excludesZero(i, claim.direction)) reasons.push('the interval covers zero or the wrong side');
  if (agree < needed) reasons.push(`only ${agree} of ${effects.length} seeds agree (${needed} needed)`);
  if (!(sign * i.mean >= claim.minEffect)) reasons.push(`the mean effect is below the smallest worth showing (${claim.minEffect})`);
  return { id: claim.id, effects, seeds, mean: i.mean, lo: i.lo, hi: i.hi, agree, needed, holds: reasons.length === 0, why: reasons.join('; ') };
}

/**
 * An equivalence claim ("nothing changes"): it holds when the whole 95% interval lies within
 * ±minEffect and at least 7 of 8 seeds' effects do too — a small interval around zero, not merely
 * one that covers zero (a noisy, inconclusive measurement must not pass as "no effect").
 */
function equivalence(claim: Claim, seeds: number[], effects: number[]): ClaimVerdict {
  const i = meanInterval(effects);
  const m = claim.minEffect;
  const agree = effects.filter((e) => Number.isFinite(e) && Math.abs(e) < m).length;
  const needed = seedsNeeded(effects.length);
  const reasons: string[] = [];
  const missing = effects.length - i.n;
  if (missing > 0) reasons.push(`${missing} seed${missing > 1 ? 's' : ''} gave no value`);
  if (!(i.lo > -m && i.hi < m)) reasons.push(`the interval reaches beyond ±${m}`);
  if (agree < needed) reasons.push(`only ${agree} of ${effects.length} seeds lie within ±${m} (${needed} needed)`);
  return { id: claim.id, effects, seeds, mean: i.mean, lo: i.lo, hi: i.hi, agree, needed, holds: reasons.length === 0, why: reasons.join('; ') };
}

/** The effect of a claim on one seed, from each side's metric value (keyed `c<k>.base` / `c<k>.variant`). */
export function claimEffect(claim: Claim, values: (comparison: number, side: 'base' | 'variant') => number): number {
  const diff = (k: number) => {
    const b = values(k, 'base');
    const v = values(k, 'variant');
    return claim.scale === 'relative' ? (v - b) / Math.abs(b) : v - b;
  };
  return claim.comparisons.length === 1 ? diff(0) : diff(0) - diff(1);
}
