import { describe, expect, it } from 'vitest';
import { excludesZero, meanInterval, tQuantile975 } from './interval';

describe('meanInterval', () => {
  it('is mean ± t·s/√n (checked by hand: 1, 2, 3, 4 → 2.5 ± 3.182·1.291/2)', () => {
    const i = meanInterval([1, 2, 3, 4]);
    expect(i.n).toBe(4);
    expect(i.mean).toBe(2.5);
    expect(i.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(i.hi - i.mean).toBeCloseTo((3.182 * Math.sqrt(5 / 3)) / 2, 10);
    expect(i.mean - i.lo).toBeCloseTo(i.hi - i.mean, 12);
  });
  it('leaves NaN out and gives no interval for one value', () => {
    const i = meanInterval([Number.NaN, 5]);
    expect(i.n).toBe(1);
    expect(i.mean).toBe(5);
    expect(i.lo).toBeNaN();
    expect(meanInterval([]).mean).toBeNaN();
  });
  it('says whether zero is outside the interval in the promised direction', () => {
    expect(excludesZero(meanInterval([1, 1.1, 0.9]), 'up')).toBe(true);
    expect(excludesZero(meanInterval([1, 1.1, 0.9]), 'down')).toBe(false);
    expect(excludesZero(meanInterval([1, -1, 0.5]), 'up')).toBe(false);
  });
  it('uses Student quantiles, the normal one beyond 30 degrees of freedom', () => {
    expect(tQuantile975(7)).toBe(2.365);
    expect(tQuantile975(100)).toBe(1.96);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });
});
