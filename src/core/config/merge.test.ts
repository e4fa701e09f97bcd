/** Merging partial configs keeps hostile keys as plain keys, for validation to reject. */
import { describe, expect, it } from 'vitest';
import { deepMerge } from './merge';

describe('deepMerge', () => {
  it('merges objects key by key and lets lists replace', () => {
    expect(deepMerge({ a: { x: 1, y: [1, 2] }, b: 2 }, { a: { y: [3] }, c: 4 })).toEqual({ a: { x: 1, y: [3] }, b: 2, c: 4 });
  });

  it('keeps a `__proto__` key as an own key instead of swapping the prototype', () => {
    const merged = deepMerge({ training: { epochs: 2 } }, JSON.parse('{"__proto__": {"polluted": 1}, "training": {"__proto__": {"x": 1}}}')) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged).sort()).toEqual(['__proto__', 'training']);
    expect(Object.getPrototypeOf(merged.training)).toBe(Object.prototype);
    expect(Object.keys(merged.training).sort()).toEqual(['__proto__', 'epochs']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
