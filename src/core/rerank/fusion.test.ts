import { describe, expect, it } from 'vitest';
import { relevanceOrder } from './rerankers';
import { FUSION_PRESETS, fuseScores } from './fusion';

describe('fuseScores', () => {
  const pc = [0.5, 0.2, 0.9];
  const pp = [0.05, 0.1, 0.01];
  const price = [10, 20, 300];
  it('ranks as the product pClick^a · pPurchase^b · price^c', () => {
    expect(relevanceOrder(fuseScores(pc, pp, price, FUSION_PRESETS.clicks))).toEqual([2, 0, 1]);
    expect(relevanceOrder(fuseScores(pc, pp, price, FUSION_PRESETS.purchases))).toEqual([1, 0, 2]);
    // Expected revenue: 0.5, 2, 3.
    expect(relevanceOrder(fuseScores(pc, pp, price, FUSION_PRESETS.revenue))).toEqual([2, 1, 0]);
    const s = fuseScores(pc, pp, price, { a: 1, b: 2, c: 0.5 });
    expect(Math.exp(s[0])).toBeCloseTo(0.5 * 0.05 ** 2 * Math.sqrt(10), 12);
  });

  it('keeps zero predictions finite and rejects bad exponents', () => {
    expect(Number.isFinite(fuseScores([0], [0], [1], { a: 1, b: 1, c: 0 })[0])).toBe(true);
    expect(() => fuseScores(pc, pp, price, { a: -1, b: 0, c: 0 })).toThrow(/a must lie in \[0, 10\]/);
    expect(() => fuseScores(pc, pp, [1], FUSION_PRESETS.clicks)).toThrow(/differ in length/);
  });
});
