/**
 * The one seeded random source used by everything in `src/core`.
 *
 * The bits come from pure-rand's xoroshiro128+ (a maintained, well-tested implementation of a
 * well-known generator); this class only adds the draws the engine needs (uniform floats, integers,
 * normals, Bernoulli) and named sub-streams. `Math.random` is never used in core: with the same seed
 * every draw, on every platform, is the same.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

/** 2^-32: turns a 32-bit unsigned integer into a double in [0, 1). */
const TWO_POW_MINUS_32 = 1 / 4294967296;
/** 2^-53: turns a 53-bit integer into a double in [0, 1). */
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * murmur3's 32-bit finaliser: an avalanche mix. xoroshiro128+ seeded directly with nearby integers
 * (seed 1, seed 2, …) gives correlated first outputs, so every seed goes through this mix first.
 */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a hash of a string to 32 bits; names sub-streams so that adding one never shifts another. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Outputs thrown away after seeding, so that the generator's state is well mixed before use. */
const WARM_UP = 16;

export class Rng {
  /** The underlying xoroshiro128+ state; mutated in place by every draw. */
  private readonly gen: Generator;
  /** Second normal of the last Box–Muller pair, or NaN when none is cached. */
  private spareNormal = Number.NaN;

  /** @param seed any integer; only its low 32 bits matter. */
  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new Error(`Rng seed must be an integer, got ${seed}`);
    this.gen = xoroshiro128plus(mix32(seed ^ 0x9e3779b9));
    for (let i = 0; i < WARM_UP; i++) this.gen.next();
  }

  /**
   * An independent generator for one named part of a computation (e.g. `'items'`, `'log'`).
   * Streams depend only on (seed, name), so changing how many draws one part makes leaves the
   * others' draws unchanged: a larger impression log keeps the same catalogue.
   */
  static stream(seed: number, name: string): Rng {
    return new Rng(mix32(seed) ^ hashString(name));
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    return this.gen.next() >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.gen.next() >>> 5; // 27 bits
    const lo = this.gen.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_MINUS_53;
  }

  /**
   * A uniform double in [0, 1) with 32 random bits: one generator step instead of two. Plenty for
   * Bernoulli draws and sampling from a distribution; use `float()` where finer resolution matters.
   */
  fastFloat(): number {
    return (this.gen.next() >>> 0) * TWO_POW_MINUS_32;
  }

  /** A uniform integer in [0, n). The bias of the float method is below 2^-40 for n < 2^13·2^20. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /**
   * A standard normal draw by Marsaglia's polar method (no trigonometry), caching the second value
   * of each pair.
   */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.fastFloat() - 1;
      v = 2 * this.fastFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** 1 with probability p, else 0. */
  bernoulli(p: number): 0 | 1 {
    return this.float() < p ? 1 : 0;
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
