import { describe, expect, it } from 'vitest';
import { cosine } from '../metrics';
import { Rng } from '../random';
import { calibrated, categoryCap, dppGreedy, dppQuality, mmr, relevanceOrder, RerankError } from './rerankers';

function randomCase(seed: number, m: number, d: number) {
  const rng = Rng.stream(seed, 'rerank-test');
  const vectors = Array.from({ length: m }, () => Float64Array.from({ length: d }, () => rng.normal()));
  const relevance = Float64Array.from({ length: m }, () => rng.float());
  const categories = Int32Array.from({ length: m }, () => rng.int(4));
  return { vectors, relevance, categories };
}

/** log det of a small symmetric positive-definite matrix, by Cholesky; −∞ if not positive. */
function logDet(a: number[][]): number {
  const n = a.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let t = 0; t < j; t++) s -= l[i][t] * l[j][t];
      if (i === j) {
        if (s <= 1e-14) return -Infinity;
        l[i][i] = Math.sqrt(s);
        sum += 2 * Math.log(l[i][i]);
      } else l[i][j] = s / l[j][j];
    }
  }
  return sum;
}

/** Greedy MAP by brute force: each step adds the candidate that maximises log det(L_S). */
function bruteGreedy(relevance: Float64Array, vectors: Float64Array[], k: number, theta: number): number[] {
  const q = dppQuality(relevance, theta);
  const L = (i: number, j: number) => q[i] * (i === j ? 1 : cosine(vectors[i], vectors[j])) * q[j];
  const picked: number[] = [];
  while (picked.length < k) {
    let best = -1;
    let bestVal = -Infinity;
    for (let i = 0; i < relevance.length; i++) {
      if (picked.includes(i)) continue;
      const s = [...picked, i];
      const v = logDet(s.map((a) => s.map((b) => L(a, b))));
      if (v > bestVal) {
        bestVal = v;
        best = i;
      }
    }
    picked.push(best);
  }
  return picked;
}

describe('mmr', () => {
  it('at λ = 1 returns the relevance order', () => {
    const { vectors, relevance } = randomCase(1, 30, 5);
    expect(mmr(relevance, vectors, 10, 1)).toEqual(relevanceOrder(relevance).slice(0, 10));
  });

  it('at λ = 0 spreads out: its list is more diverse than the relevance order', () => {
    const { vectors, relevance } = randomCase(2, 40, 5);
    const meanSim = (list: number[]) => {
      let s = 0;
      let n = 0;
      for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++, n++) s += cosine(vectors[list[a]], vectors[list[b]]);
      return s / n;
    };
    expect(meanSim(mmr(relevance, vectors, 8, 0))).toBeLessThan(meanSim(relevanceOrder(relevance).slice(0, 8)));
  });
});

describe('dppGreedy', () => {
  it.each([
    [3, 0],
    [4, 0.3],
    [5, 0.6],
    [6, 0.9],
  ])('picks what a brute-force greedy log-det picks (seed %i, θ = %f)', (seed, theta) => {
    const { vectors, relevance } = randomCase(seed, 9, 6);
    expect(dppGreedy(relevance, vectors, 6, theta)).toEqual(bruteGreedy(relevance, vectors, 6, theta));
  });

  it('stops early rather than pick a duplicate of an item it has', () => {
    const v = [Float64Array.of(1, 0), Float64Array.of(1, 0), Float64Array.of(0, 1)];
    expect(dppGreedy(Float64Array.of(0.9, 0.8, 0.1), v, 3, 0.5)).toEqual([0, 2]);
  });
});

describe('calibrated and categoryCap', () => {
  it('calibrated at λ = 0 is the relevance order; at λ = 1 follows the history', () => {
    const { relevance, categories } = randomCase(7, 30, 3);
    expect(calibrated(relevance, categories, [0, 0, 1], 4, 6, 0)).toEqual(relevanceOrder(relevance).slice(0, 6));
    const list = calibrated(relevance, categories, [0, 0, 1], 4, 6, 1);
    const cats = list.map((i) => categories[i]);
    expect(cats.filter((c) => c === 0)).toHaveLength(4);
    expect(cats.filter((c) => c === 1)).toHaveLength(2);
  });

  it('categoryCap keeps relevance order with at most `cap` per category', () => {
    const { relevance, categories } = randomCase(8, 30, 3);
    const list = categoryCap(relevance, categories, 4, 1);
    expect(new Set(list.map((i) => categories[i])).size).toBe(4);
    const order = relevanceOrder(relevance);
    expect(list.map((i) => order.indexOf(i))).toEqual([...list.map((i) => order.indexOf(i))].sort((a, b) => a - b));
  });
});

describe('bad input', () => {
  const { vectors, relevance, categories } = randomCase(9, 5, 3);
  it('names the problem', () => {
    expect(() => mmr(relevance, vectors, 3, 1.5)).toThrow(/λ must lie in \[0, 1\], got 1.5/);
    expect(() => dppGreedy(relevance, vectors, 3, 1)).toThrow(/θ must lie in \[0, 1\)/);
    expect(() => mmr(relevance, vectors, 6, 0.5)).toThrow(/K \(6\) is larger than the 5 candidates/);
    expect(() => mmr(new Float64Array(0), [], 1, 0.5)).toThrow(/no candidates/);
    expect(() => categoryCap(relevance, categories, 2, 0)).toThrow(RerankError);
    expect(() => mmr(Float64Array.of(0.1, Number.NaN), vectors, 1, 0.5)).toThrow(/must be finite/);
  });
});
