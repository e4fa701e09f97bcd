/** Whole-catalogue ranking: an oracle that ranks by the true purchase probability must win on truth. */
import { describe, expect, it } from 'vitest';
import { fitShopperEncoder } from '../features';
import { generateShopperWorld, ResponseModel } from '../world';
import { evaluateRanking } from './ranking';

describe('evaluateRanking', () => {
  const world = generateShopperWorld({ numShoppers: 200, numItems: 120 });
  const encoder = fitShopperEncoder(world);
  const truth = new ResponseModel(world);
  const I = world.catalog.numItems;

  it('gives an oracle ranking the highest true purchase rate, and reports every metric with its K', async () => {
    const result = await evaluateRanking(
      world,
      encoder,
      // Pairs arrive shopper-major over the whole catalogue: item = row mod |I|.
      async (pairs) => Float32Array.from({ length: pairs.size }, (_, r) => truth.clickProb(pairs.group[r], r % I, 1) * truth.purchaseGivenClickProb(pairs.group[r], r % I)),
      { k: 10, maxShoppers: 50, seed: 1 },
    );
    expect(result.k).toBe(10);
    expect(result.shoppers).toBe(50);
    const [oracle, popularity, random] = result.policies;
    expect([oracle.policy, popularity.policy, random.policy]).toEqual(['model', 'popularity', 'random']);
    expect(oracle.truePurchase.value).toBeGreaterThan(popularity.truePurchase.value);
    expect(oracle.truePurchase.value).toBeGreaterThan(random.truePurchase.value);
    expect(popularity.coverage).toBeCloseTo(10 / I, 10); // one list for everybody
    expect(random.coverage).toBeGreaterThan(0.9);
    expect(popularity.gini).toBeGreaterThan(random.gini);
    for (const p of result.policies) {
      expect(p.ndcg.used + p.ndcg.leftOut).toBe(50);
      expect(p.truePurchase.used).toBe(50);
      expect(p.diversity.value).toBeGreaterThan(0);
    }
  });
});
