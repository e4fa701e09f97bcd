/** Shape checks: exact types, own keys only, bounded sizes, and the path of the first misfit. */
import { describe, expect, it } from 'vitest';
import { arr, bool, int, nullable, num, obj, oneOf, optional, rec, str } from './shape';

interface Point {
  name: string;
  x: number;
  tags: string[];
  kind: 'a' | 'b';
  score: number | null;
  extra?: boolean;
}
const POINT = obj<Point>({ name: str, x: num, tags: arr(str, 3), kind: oneOf(['a', 'b'] as const), score: nullable(num), extra: optional(bool) });

describe('shape checks', () => {
  it('accepts a fitting value, NaN included, and extra keys', () => {
    expect(POINT.check({ name: 'p', x: Number.NaN, tags: ['t'], kind: 'a', score: null, more: 1 }, 'p')).toBeNull();
    expect(POINT.check({ name: 'p', x: 1, tags: [], kind: 'b', score: 2, extra: true }, 'p')).toBeNull();
  });

  it('names the path of the first misfit', () => {
    expect(POINT.check({ name: 'p', x: '1', tags: [], kind: 'a', score: null }, 'p')).toBe('p.x: expected a number');
    expect(POINT.check({ name: 'p', x: 1, tags: ['a', 5], kind: 'a', score: null }, 'p')).toBe('p.tags[1]: expected text');
    expect(POINT.check({ name: 'p', x: 1, tags: [], kind: 'c', score: null }, 'p')).toBe('p.kind: expected one of a, b');
    expect(POINT.check({ name: 'p', x: 1, tags: [], kind: 'a' }, 'p')).toBe('p.score: expected a number');
    expect(POINT.check({ name: 'p', x: 1, tags: [], kind: 'a', score: null, extra: 'yes' }, 'p')).toBe('p.extra: expected true or false');
    expect(POINT.check([], 'p')).toBe('p: expected a record');
    expect(POINT.check(null, 'p')).toBe('p: expected a record');
  });

  it('bounds lists and text', () => {
    expect(POINT.check({ name: 'p', x: 1, tags: ['a', 'b', 'c', 'd'], kind: 'a', score: null }, 'p')).toBe('p.tags: more than 3 entries');
    expect(str.check('x'.repeat(10_001), 's')).toMatch(/longer than/);
  });

  it('counts only own keys: inherited names are absent, prototype keys are plain keys', () => {
    const inherited = Object.create({ name: 'p', x: 1, tags: [], kind: 'a', score: null }) as object;
    expect(POINT.check(inherited, 'p')).toBe('p.name: expected text');
    const S = obj<{ toString: number }>({ toString: num });
    expect(S.check({}, 's')).toBe('s.toString: expected a number');
    expect(S.check(JSON.parse('{"toString": 3}'), 's')).toBeNull();
    const R = rec(num);
    expect(R.check(JSON.parse('{"__proto__": 1, "a": 2}'), 'r')).toBeNull();
    expect(R.check(JSON.parse('{"__proto__": "x"}'), 'r')).toBe('r.__proto__: expected a number');
  });

  it('lists are dense, with no named keys (a stored `constructor` would break map and filter)', () => {
    const named = Object.assign(['a'], { constructor: 5 });
    expect(arr(str).check(named, 'l')).toBe('l: a list with holes or named keys');
    expect(arr(str).check(['a', , 'b'], 'l')).toBe('l: a list with holes or named keys'); // eslint-disable-line no-sparse-arrays -- a hole on purpose
  });

  it('integers are safe integers', () => {
    expect(int.check(3, 'i')).toBeNull();
    for (const v of [1.5, Number.NaN, 2 ** 53, '3']) expect(int.check(v, 'i')).toBe('i: expected an integer');
  });
});
