import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { argsort, sortByKeys, topK } from './argsort';

describe('argsort', () => {
  it('orders indices by value for random, tied, sorted, reversed and tiny inputs', () => {
    const r = new Rng(5);
    const inputs: number[][] = [
      [],
      [1],
      [2, 1],
      Array.from({ length: 1000 }, () => r.normal()),
      Array.from({ length: 1000 }, () => r.int(3)), // heavy ties
      Array.from({ length: 500 }, (_, i) => i),
      Array.from({ length: 500 }, (_, i) => -i),
      Array.from({ length: 300 }, () => 7),
    ];
    for (const values of inputs) {
      const { order, sorted } = argsort(values);
      expect(Array.from(order).sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
      for (let i = 0; i < values.length; i++) expect(sorted[i]).toBe(values[order[i]]);
      for (let i = 1; i < values.length; i++) expect(sorted[i]).toBeGreaterThanOrEqual(sorted[i - 1]);
    }
  });

  it('sorts only the requested range', () => {
    const keys = Float64Array.from([9, 3, 2, 1, 0]);
    const idx = Uint32Array.from([0, 1, 2, 3, 4]);
    sortByKeys(keys, idx, 1, 4);
    expect(Array.from(keys)).toEqual([9, 1, 2, 3, 0]);
    expect(Array.from(idx)).toEqual([0, 3, 2, 1, 4]);
  });
});

describe('topK', () => {
  /** The reference: a full sort by (value descending, index ascending), NaN last. */
  function bySort(scores: number[], k: number): number[] {
    const key = (v: number) => (Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v);
    const nan = (v: number) => (Number.isNaN(v) ? 1 : 0);
    return scores
      .map((_, i) => i)
      .sort((a, b) => nan(scores[a]) - nan(scores[b]) || key(scores[b]) - key(scores[a]) || a - b)
      .slice(0, k);
  }

  it('equals the first k of a full sort, ties by lower index, on 2,000 random arrays with many ties, ±Infinity and NaN', () => {
    const rng = Rng.stream(5, 'topk');
    for (let trial = 0; trial < 2000; trial++) {
      const n = rng.int(60);
      const k = rng.int(15);
      const levels = 1 + rng.int(8);
      const scores = Array.from({ length: n }, () => {
        const r = rng.int(40);
        return r === 0 ? Number.NaN : r === 1 ? Number.NEGATIVE_INFINITY : r === 2 ? Number.POSITIVE_INFINITY : rng.int(levels) / levels;
      });
      expect(topK(scores, 0, n, k), JSON.stringify({ scores, k })).toEqual(bySort(scores, k));
    }
  });

  it('reads a window of a longer array', () => {
    const scores = Float32Array.from([9, 9, 0.1, 0.5, 0.5, 0.3, 9]);
    expect(topK(scores, 2, 4, 3)).toEqual([1, 2, 3]);
    expect(topK(scores, 2, 4, 0)).toEqual([]);
    expect(topK(scores, 2, 4, 10)).toEqual([1, 2, 3, 0]);
  });
});
