/** Whole-catalogue ranking: an oracle that ranks by the true purchase probability must win on truth. */
import { describe, expect, it } from 'vitest';
import { fitShopperEncoder } from '../features';
import { generateShopperWorld, ResponseModel } from '../world';
import { evaluateRanking, ndcgListed, RANKING_CHUNK_PAIRS } from './ranking';

describe('evaluateRanking', () => {
  const world = generateShopperWorld({ numShoppers: 200, numItems: 120 });
  const encoder = fitShopperEncoder(world);
  const truth = new ResponseModel(world);
  const I = world.catalog.numItems;

  it('gives an oracle ranking the highest true purchase rate, and reports every metric with its K', async () => {
    const result = await evaluateRanking(
      world,
      encoder,
      // Scores are shopper-major over the whole catalogue: item = row mod |I|.
      async (shoppers) => Float32Array.from({ length: shoppers.length * I }, (_, r) => truth.clickProb(shoppers[Math.floor(r / I)], r % I, 1) * truth.purchaseGivenClickProb(shoppers[Math.floor(r / I)], r % I)),
      { k: 10, maxShoppers: 50, seed: 1 },
    );
    expect(result.k).toBe(10);
    expect(result.shoppers).toBe(50);
    const by = (name: string) => result.policies.find((p) => p.policy === name)!;
    const [oracle, popularity, random, ceiling, fallback] = ['model', 'popularity', 'random', 'oracle', 'cold-fallback'].map(by);
    // The model, every reference baseline (core/baselines), the oracle, and the cold-start fallback.
    expect(result.policies.map((p) => p.policy)).toEqual(['model', 'popularity', 'random', 'mf', 'item-knn', 'content', 'oracle', 'cold-fallback']);
    // A model that scores by the truth is the oracle policy itself.
    expect(ceiling.truePurchase.value).toBeCloseTo(oracle.truePurchase.value, 6);
    // The default world has 5% cold-start shoppers, so the fallback policy is judged too.
    expect(fallback.policy).toBe('cold-fallback');
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

describe('ndcgListed', () => {
  const gain = new Map([
    [7, 1],
    [9, 2],
  ]);
  it('scores the list in order; unlisted relevant items count only in the ideal DCG', () => {
    // List [9, 1, 7], k = 3: DCG = 2/log2(2) + 1/log2(4) = 2.5; IDCG = 2 + 1/log2(3).
    expect(ndcgListed([9, 1, 7], gain, [7, 9], 3)).toBeCloseTo(2.5 / (2 + 1 / Math.log2(3)), 12);
  });
  it('a list shorter than k gains nothing from the relevant items it leaves out', () => {
    // List [1] with k = 3: nothing relevant listed, so 0 — not the unlisted items moved up to fill k.
    expect(ndcgListed([1], gain, [7, 9], 3)).toBe(0);
    // List [7] with k = 3: DCG = 1; IDCG = 2 + 1/log2(3).
    expect(ndcgListed([7], gain, [7, 9], 3)).toBeCloseTo(1 / (2 + 1 / Math.log2(3)), 12);
  });
});

describe('the cold-start fallback', () => {
  it('gives cold shoppers the popularity list and everybody else the model’s', async () => {
    const world = generateShopperWorld({ numShoppers: 200, numItems: 120, coldShopperShare: 0.3 });
    const encoder = fitShopperEncoder(world);
    const I = world.catalog.numItems;
    // A model that ranks items by id, highest first: far from popularity for everybody.
    const result = await evaluateRanking(world, encoder, async (shoppers) => Float32Array.from({ length: shoppers.length * I }, (_, r) => r % I), { k: 10, maxShoppers: 200, seed: 1 });
    const by = Object.fromEntries(result.policies.map((p) => [p.policy, p]));
    expect(Object.keys(by)).toEqual(['model', 'popularity', 'random', 'mf', 'item-knn', 'content', 'oracle', 'cold-fallback']);
    // The fallback recommends the model's one list to warm shoppers and popularity's to cold ones:
    // exactly the two lists' items are covered.
    expect(by.model.coverage).toBeCloseTo(10 / I, 10);
    expect(by['cold-fallback'].coverage).toBeGreaterThan(by.model.coverage);
    expect(by['cold-fallback'].coverage).toBeLessThanOrEqual(20 / I + 1e-12);
    // Per session: the list's sums, i.e. K × the per-impression means when every list has K items.
    for (const p of result.policies) {
      expect(p.perSession.clicks, p.policy).toBeCloseTo(10 * p.trueClick.value, 10);
      expect(p.perSession.purchases, p.policy).toBeCloseTo(10 * p.truePurchase.value, 10);
      expect(p.perSession.revenue, p.policy).toBeGreaterThan(p.perSession.purchases * Math.min(...world.catalog.itemPrice));
    }
  });
});

describe('scoring the catalogue in chunks', () => {
  it('scores about RANKING_CHUNK_PAIRS pairs at a time whatever the catalogue, and reports progress per chunk', async () => {
    const world = generateShopperWorld({ numShoppers: 300, numItems: 40000, sessionsPerShopper: 3 });
    const encoder = fitShopperEncoder(world);
    const sizes: number[] = [];
    const fractions: number[] = [];
    await evaluateRanking(world, encoder, async (shoppers) => (sizes.push(shoppers.length * 40000), new Float32Array(shoppers.length * 40000)), { k: 10, maxShoppers: 7, seed: 1, onProgress: (f) => fractions.push(f) });
    // 100,000 / 40,000 items → 2 shoppers per chunk: 7 shoppers in chunks of 2, 2, 2, 1.
    expect(sizes).toEqual([80000, 80000, 80000, 40000]);
    expect(sizes.every((n) => n <= RANKING_CHUNK_PAIRS)).toBe(true);
    // Scoring: 0–60% per chunk of shoppers; the references: 60–77.5%, one step each of the five;
    // the oracle's ranking: 77.5–95%, per 2 shoppers.
    expect(fractions.map((f) => +f.toFixed(3))).toEqual([0, 0.171, 0.343, 0.514, 0.6, 0.635, 0.67, 0.705, 0.74, 0.775, 0.825, 0.875, 0.925]);
  });
});

describe('reference policies judged once per world', () => {
  it('gives a second model on the same world the same references, and a model its own share of the gap', async () => {
    const world = generateShopperWorld({ numShoppers: 120, numItems: 80, seed: 6 });
    const encoder = fitShopperEncoder(world);
    const I = world.catalog.numItems;
    const byId = await evaluateRanking(world, encoder, async (s) => Float32Array.from({ length: s.length * I }, (_, r) => r % I), { k: 5, maxShoppers: 40, seed: 2 });
    const reversed = await evaluateRanking(world, encoder, async (s) => Float32Array.from({ length: s.length * I }, (_, r) => -(r % I)), { k: 5, maxShoppers: 40, seed: 2 });
    const refs = (r: typeof byId) => r.policies.filter((p) => p.policy !== 'model' && p.policy !== 'cold-fallback');
    expect(refs(reversed)).toEqual(refs(byId));
    const model = (r: typeof byId) => r.policies.find((p) => p.policy === 'model')!;
    expect(model(reversed).truePurchase.value).not.toBe(model(byId).truePurchase.value);
    expect(model(reversed).truePurchaseShare).not.toBe(model(byId).truePurchaseShare);
    // Another seed draws another random reference.
    const other = await evaluateRanking(world, encoder, async (s) => new Float32Array(s.length * I), { k: 5, maxShoppers: 40, seed: 3 });
    expect(other.policies.find((p) => p.policy === 'random')!.truePurchase.value).not.toBe(byId.policies.find((p) => p.policy === 'random')!.truePurchase.value);
  });
});
