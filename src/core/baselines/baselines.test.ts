/**
 * The reference baselines against hand-computed and brute-force values: the click matrix, the ALS
 * half-step's closed form and its loss going down, item-kNN's cosine similarities and scores, the
 * content profile's scores, and the lists each reference gives (cold shoppers included).
 */
import { describe, expect, it } from 'vitest';
import { topK } from '../metrics/argsort';
import { Rng } from '../random';
import { generateShopperWorld } from '../world';
import { alsLoss, fitAls, solveSpd } from './als';
import { contentScores, fitContent } from './content';
import { clickMatrix, splitClicks } from './interactions';
import { itemNeighbours, knnScores } from './itemKnn';
import { REFERENCE_POLICIES, referenceLists } from './index';

describe('clickMatrix', () => {
  it('holds each shopper’s and each item’s clicks, repeated clicks added up', () => {
    const m = clickMatrix(3, 4, [[0, 2], [2, 1], [0, 2], [0, 0], [2, 3]]);
    const row = (u: number) => Array.from(m.rowItems.subarray(m.rowStart[u], m.rowStart[u + 1]));
    expect([row(0), row(1), row(2)]).toEqual([[0, 2], [], [1, 3]]);
    expect(Array.from(m.rowCounts.subarray(m.rowStart[0], m.rowStart[1]))).toEqual([1, 2]);
    const col = (i: number) => Array.from(m.colShoppers.subarray(m.colStart[i], m.colStart[i + 1]));
    expect([col(0), col(1), col(2), col(3)]).toEqual([[0], [2], [0], [2]]);
    expect(m.colCounts[m.colStart[2]]).toBe(2);
    expect(() => clickMatrix(2, 2, [[2, 0]])).toThrow(/outside a 2 × 2 matrix/);
  });
});

describe('implicit ALS', () => {
  it('solves a symmetric positive definite system', () => {
    // [[4, 2], [2, 3]]·x = [2, 1] → x = [0.5, 0].
    expect(Array.from(solveSpd(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2))).toEqual([0.5, 0].map((v) => expect.closeTo(v, 12)));
    expect(() => solveSpd(Float64Array.of(1, 2, 2, 1), Float64Array.of(1, 1), 2)).toThrow(/not positive definite/);
  });

  it('one factor, by hand: each item factor is Σ_u c·p·x_u / (Σ_u c·x_u² + λ) given the shoppers’ factors', () => {
    // Shopper 0 clicked item 0 twice and item 1 once; shopper 1 clicked item 1; shopper 2 nothing.
    const m = clickMatrix(3, 2, [[0, 0], [0, 0], [0, 1], [1, 1]]);
    const s = { factors: 1, lambda: 0.5, alpha: 3, iterations: 4, seed: 1 };
    const model = fitAls(m, s);
    const x = model.shopperFactors;
    // c = 1 + α·clicks where clicked, 1 elsewhere; p = 1 where clicked.
    const c = [
      [1 + 3 * 2, 1 + 3],
      [1, 1 + 3],
      [1, 1],
    ];
    const p = [
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    for (const i of [0, 1]) {
      let num = 0;
      let den = s.lambda;
      for (const u of [0, 1, 2]) {
        num += c[u][i] * p[u][i] * x[u];
        den += c[u][i] * x[u] * x[u];
      }
      expect(model.itemFactors[i]).toBeCloseTo(num / den, 10);
    }
    // A shopper without clicks gets the zero vector (nothing to pull it anywhere).
    expect(x[2]).toBe(0);
  });

  it('never raises the loss from one iteration to the next, and learns which items go together', () => {
    // Two groups of shoppers, each clicking its own half of 12 items.
    const rng = Rng.stream(2, 'als-test');
    const pairs: Array<[number, number]> = [];
    for (let u = 0; u < 40; u++) for (let n = 0; n < 4; n++) pairs.push([u, (u % 2) * 6 + rng.int(6)]);
    const m = clickMatrix(40, 12, pairs);
    const losses: number[] = [];
    const s = { factors: 3, lambda: 0.1, alpha: 5, iterations: 10, seed: 3 };
    const model = fitAls(m, s, (_, mod) => losses.push(alsLoss(m, mod, s)));
    for (let j = 1; j < losses.length; j++) expect(losses[j]).toBeLessThanOrEqual(losses[j - 1] + 1e-9);
    expect(losses.at(-1)!).toBeLessThan(0.5 * losses[0]);
    // Shopper 0 (group 0) scores every item of its half above every item of the other half.
    const score = (u: number, i: number) => [0, 1, 2].reduce((a, d) => a + model.shopperFactors[u * 3 + d] * model.itemFactors[i * 3 + d], 0);
    const own = Math.min(...[0, 1, 2, 3, 4, 5].map((i) => score(0, i)));
    const other = Math.max(...[6, 7, 8, 9, 10, 11].map((i) => score(0, i)));
    expect(own).toBeGreaterThan(other);
  });
});

describe('item-kNN', () => {
  it('gives the cosine of binary click columns and sums the shopper’s neighbours, against brute force', () => {
    const rng = Rng.stream(5, 'knn');
    const S = 30;
    const I = 9;
    const pairs: Array<[number, number]> = [];
    for (let u = 0; u < S; u++) for (let n = 0; n < 3; n++) pairs.push([u, rng.int(I)]);
    const m = clickMatrix(S, I, pairs);
    const B = Array.from({ length: S }, () => new Array<number>(I).fill(0));
    for (const [u, i] of pairs) B[u][i] = 1;
    const brute = (i: number, j: number) => {
      let both = 0;
      let ni = 0;
      let nj = 0;
      for (let u = 0; u < S; u++) {
        both += B[u][i] * B[u][j];
        ni += B[u][i];
        nj += B[u][j];
      }
      return ni && nj ? both / Math.sqrt(ni * nj) : 0;
    };
    const nn = itemNeighbours(m, I);
    for (let i = 0; i < I; i++) {
      const got = new Map<number, number>();
      for (let e = nn.start[i]; e < nn.start[i + 1]; e++) got.set(nn.neighbour[e], nn.sim[e]);
      for (let j = 0; j < I; j++) expect(got.get(j) ?? 0, `${i}, ${j}`).toBeCloseTo(i === j ? 0 : brute(i, j), 6);
      // Most similar first.
      for (let e = nn.start[i] + 1; e < nn.start[i + 1]; e++) expect(nn.sim[e]).toBeLessThanOrEqual(nn.sim[e - 1]);
    }
    const scores = knnScores(m, nn, 4, new Float64Array(I));
    for (let j = 0; j < I; j++) {
      let want = 0;
      for (let i = 0; i < I; i++) if (B[4][i] && i !== j) want += brute(i, j);
      expect(scores[j]).toBeCloseTo(want, 5);
    }
    // Fewer neighbours keep the most similar ones.
    const two = itemNeighbours(m, 2);
    for (let i = 0; i < I; i++) expect(Array.from(two.neighbour.subarray(two.start[i], two.start[i + 1]))).toEqual(Array.from(nn.neighbour.subarray(nn.start[i], nn.start[i] + 2)));
    expect(() => itemNeighbours(m, 0)).toThrow(/at least one neighbour/);
  });
});

describe('content profile', () => {
  const world = generateShopperWorld({ numShoppers: 150, numItems: 60, coldItemShare: 0.2, seed: 8 });
  const m = splitClicks(world);
  const model = fitContent(world, 1);

  it('scores an item the log-likelihood of its attributes under the shopper’s smoothed shares, by hand', () => {
    const u = [...Array(150).keys()].find((x) => m.rowStart[x + 1] - m.rowStart[x] >= 3)!;
    const scores = contentScores(m, model, u, new Float64Array(60));
    const c = world.catalog;
    let clicks = 0;
    for (let g = m.rowStart[u]; g < m.rowStart[u + 1]; g++) clicks += m.rowCounts[g];
    const theta = (of: (i: number) => number, v: number) => {
      let n = 0;
      for (let g = m.rowStart[u]; g < m.rowStart[u + 1]; g++) if (of(m.rowItems[g]) === v) n += m.rowCounts[g];
      let share = 0;
      for (let i = 0; i < 60; i++) if (of(i) === v) share += 1 / 60;
      return (n + 2 * share) / (clicks + 2);
    };
    const price = (i: number) => model.attributes[2].values[i];
    for (const i of [0, 17, 59]) {
      const want = Math.log(theta((j) => c.itemCategory[j], c.itemCategory[i])) + Math.log(theta((j) => c.itemBrand[j], c.itemBrand[i])) + Math.log(theta(price, price(i)));
      expect(scores[i]).toBeCloseTo(want, 6);
    }
  });

  it('ranks items nobody clicked in train, and gives a shopper without clicks the catalogue’s shares', () => {
    const counts = new Float64Array(60);
    for (let e = 0; e < m.rowItems.length; e++) counts[m.rowItems[e]] += m.rowCounts[e];
    const lists = referenceLists('content', { world, shoppers: [...Array(150).keys()], k: 10, seed: 1 });
    expect(lists.some((l) => l.some((i) => counts[i] === 0))).toBe(true);
    const cold = [...Array(150).keys()].find((u) => m.rowStart[u + 1] === m.rowStart[u])!;
    const scores = contentScores(m, model, cold, new Float64Array(60));
    const i = 5;
    const share = (a: number) => model.attributes[a].share[model.attributes[a].values[i]];
    expect(scores[i]).toBeCloseTo(Math.log(share(0)) + Math.log(share(1)) + Math.log(share(2)), 6);
  });
});

describe('referenceLists', () => {
  const world = generateShopperWorld({ numShoppers: 200, numItems: 80, coldShopperShare: 0.2, seed: 11 });
  const shoppers = [...Array(200).keys()];
  const m = splitClicks(world);
  const counts = new Float64Array(80);
  for (let e = 0; e < m.rowItems.length; e++) counts[m.rowItems[e]] += m.rowCounts[e];
  const popular = topK(counts, 0, 80, 10);
  const cold = shoppers.filter((u) => m.rowStart[u + 1] === m.rowStart[u]);

  it('gives every reference K distinct items per shopper, the same lists for the same seed', () => {
    for (const policy of REFERENCE_POLICIES) {
      const lists = referenceLists(policy, { world, shoppers, k: 10, seed: 4 });
      expect(lists, policy).toHaveLength(200);
      for (const l of lists) expect(new Set(l).size, policy).toBe(10);
      expect(referenceLists(policy, { world, shoppers, k: 10, seed: 4 }), policy).toEqual(lists);
    }
    expect(referenceLists('popularity', { world, shoppers: [0], k: 10, seed: 1 })[0]).toEqual(popular);
  });

  it('falls back to popularity for shoppers without train clicks (mf, item-kNN), and ranks the others their own way', () => {
    expect(cold.length).toBeGreaterThan(10);
    for (const policy of ['mf', 'item-knn'] as const) {
      const lists = referenceLists(policy, { world, shoppers: cold, k: 10, seed: 1 });
      for (const l of lists) expect(l, policy).toEqual(popular);
      const warm = shoppers.filter((u) => !cold.includes(u));
      const own = referenceLists(policy, { world, shoppers: warm, k: 10, seed: 1 });
      expect(own.filter((l) => l.join() !== popular.join()).length, policy).toBeGreaterThan(warm.length / 2);
    }
  });
});
