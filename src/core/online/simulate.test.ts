import { describe, expect, it } from 'vitest';
import { generateShopperWorld, ResponseModel, sigmoid } from '../world';
import { expectedOutcome, simulateOnline } from './simulate';

const world = generateShopperWorld({ numShoppers: 30, numItems: 25, sessionsPerShopper: 3, itemsPerSession: 5 });

describe('expectedOutcome', () => {
  it('is the closed form: Σ P(click at p), Σ P(click)·P(buy | click), Σ … · price', () => {
    const truth = new ResponseModel(world);
    const list = [3, 7, 11];
    const e = expectedOutcome(world, 2, list);
    let clicks = 0;
    let purchases = 0;
    let revenue = 0;
    list.forEach((i, p) => {
      const pc = sigmoid(truth.clickLogit(2, i, p + 1));
      const pp = pc * sigmoid(truth.purchaseLogit(2, i));
      clicks += pc;
      purchases += pp;
      revenue += pp * world.catalog.itemPrice[i];
    });
    expect(e.clicks).toBeCloseTo(clicks, 12);
    expect(e.purchases).toBeCloseTo(purchases, 12);
    expect(e.revenue).toBeCloseTo(revenue, 10);
  });

  it('position bias: the same items lower in the list get fewer expected clicks', () => {
    const top = expectedOutcome(world, 4, [1, 2, 3, 4, 5]);
    const reversed = expectedOutcome(world, 4, [5, 4, 3, 2, 1]);
    expect(top.clicks).not.toBeCloseTo(reversed.clicks, 6);
  });
});

describe('simulateOnline', () => {
  const shoppers = Array.from({ length: 30 }, (_, u) => u);
  const lists = shoppers.map((u) => [u % 25, (u + 3) % 25, (u + 7) % 25, (u + 11) % 25]);

  it('simulated means agree with the closed form within their confidence intervals', () => {
    let covered = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const r = simulateOnline(world, shoppers, lists, { sessions: 400, seed });
      for (const k of ['clicks', 'purchases', 'revenue'] as const) {
        const { lo, hi, mean } = r.simulated[k];
        expect(Math.abs(mean - r.expected[k])).toBeLessThan(2.5 * (hi - lo)); // ≈ 5 standard errors
        if (r.expected[k] >= lo && r.expected[k] <= hi) covered++;
      }
    }
    // Nominal 95% coverage: at least 24 of 30 intervals (binomial tail well below 1e-3).
    expect(covered).toBeGreaterThanOrEqual(24);
  });

  it('at the page’s sizes (200 shoppers × 20 sessions) the interval covers the closed form about 95% of the time', () => {
    const big = generateShopperWorld({});
    const who = Array.from({ length: 200 }, (_, j) => (j * 7) % big.config.numShoppers);
    const picks = who.map((u) => Array.from({ length: 10 }, (_, p) => (u * 13 + p * 97) % big.config.numItems));
    const covered = { clicks: 0, purchases: 0, revenue: 0 };
    const N = 100;
    for (let seed = 0; seed < N; seed++) {
      const r = simulateOnline(big, who, picks, { sessions: 20, seed });
      for (const k of ['clicks', 'purchases', 'revenue'] as const) if (r.simulated[k].lo <= r.expected[k] && r.expected[k] <= r.simulated[k].hi) covered[k]++;
    }
    // A miss now and then is what a 95% interval does (the page labels the two numbers apart);
    // coverage far below 95% would mean the interval is wrong.
    for (const k of ['clicks', 'purchases', 'revenue'] as const) {
      expect(covered[k] / N, k).toBeGreaterThanOrEqual(0.88);
    }
  });

  it('is seeded, and explains bad input', () => {
    expect(simulateOnline(world, [1, 2], [[1, 2], [3, 4]], { sessions: 10, seed: 3 })).toEqual(simulateOnline(world, [1, 2], [[1, 2], [3, 4]], { sessions: 10, seed: 3 }));
    expect(() => simulateOnline(world, [], [], { sessions: 10, seed: 1 })).toThrow(/at least one shopper/);
    expect(() => simulateOnline(world, [1], [], { sessions: 10, seed: 1 })).toThrow(/One list per shopper/);
    expect(() => simulateOnline(world, [1], [[1]], { sessions: 1, seed: 1 })).toThrow(/≥ 2/);
  });
});
