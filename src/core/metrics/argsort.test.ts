import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { argsort, sortByKeys } from './argsort';

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
