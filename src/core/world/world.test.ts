/** The shopper world does what it claims: each knob moves the data the way the spec says. */
import { describe, expect, it } from 'vitest';
import { pearson } from '../metrics';
import {
  allocateSessions,
  generateShopperWorld,
  hashWorld,
  itemPurchasePropensity,
  MIN_SESSIONS,
  SPLIT,
  summarizeWorld,
  type ShopperWorld,
} from './index';

/** A smaller world keeps the knob tests quick; defaults otherwise. */
const SMALL = { numShoppers: 800, numItems: 400 } as const;

/** Per item with ≥ 20 impressions: mean true click probability and mean true purchase|click probability. */
function itemMeans(w: ShopperWorld): { click: number[]; purchase: number[] } {
  const n = w.catalog.numItems;
  const count = new Float64Array(n);
  const pc = new Float64Array(n);
  const pp = new Float64Array(n);
  for (let r = 0; r < w.log.size; r++) {
    const i = w.log.item[r];
    count[i]++;
    pc[i] += w.log.pClick[r];
    pp[i] += w.log.pPurchaseGivenClick[r];
  }
  const click: number[] = [];
  const purchase: number[] = [];
  for (let i = 0; i < n; i++) {
    if (count[i] >= 20) {
      click.push(pc[i] / count[i]);
      purchase.push(pp[i] / count[i]);
    }
  }
  return { click, purchase };
}

describe('shopper world', () => {
  it('gives the identical log for the same config and a different one for another seed', () => {
    const a = generateShopperWorld(SMALL);
    const b = generateShopperWorld({ ...SMALL });
    const c = generateShopperWorld({ ...SMALL, seed: 43 });
    expect(hashWorld(a)).toBe(hashWorld(b));
    expect(hashWorld(a)).not.toBe(hashWorld(c));
    expect(Array.from(a.log.click)).toEqual(Array.from(b.log.click));
  });

  it('holds the log in typed arrays with the promised size and ordering', () => {
    const w = generateShopperWorld(SMALL);
    const { log } = w;
    expect(log.size).toBe(SMALL.numShoppers * w.config.sessionsPerShopper * w.config.itemsPerSession);
    for (const a of [log.shopper, log.item, log.position, log.split, log.click, log.purchase, log.pClick, log.pPurchaseGivenClick]) {
      expect(ArrayBuffer.isView(a)).toBe(true);
      expect(a.length).toBe(log.size);
    }
    for (let r = 1; r < log.size; r++) {
      expect(log.shopper[r] >= log.shopper[r - 1]).toBe(true);
      if (log.shopper[r] === log.shopper[r - 1]) expect(log.session[r] >= log.session[r - 1]).toBe(true);
    }
  });

  it('keeps purchases inside clicks and probabilities inside (0, 1)', () => {
    const { log } = generateShopperWorld(SMALL);
    for (let r = 0; r < log.size; r++) {
      if (log.purchase[r]) expect(log.click[r]).toBe(1);
      expect(log.pClick[r] > 0 && log.pClick[r] < 1).toBe(true);
      expect(log.pPurchaseGivenClick[r] > 0 && log.pPurchaseGivenClick[r] < 1).toBe(true);
    }
    const s = summarizeWorld(generateShopperWorld(SMALL));
    expect(s.rates.clickRate).toBeGreaterThan(0.03);
    expect(s.rates.clickRate).toBeLessThan(0.3);
    expect(s.rates.conversionRate).toBeGreaterThan(0.05);
    expect(s.rates.conversionRate).toBeLessThan(0.6);
  });

  it('shows each session distinct items and splits every warm shopper by time: train < validation < test', () => {
    const { log, shoppers } = generateShopperWorld(SMALL);
    const L = 10;
    for (let s = 0; s < log.numSessions; s++) {
      const items = new Set(Array.from(log.item.subarray(s * L, (s + 1) * L)));
      expect(items.size).toBe(L);
    }
    for (let u = 0; u < shoppers.numShoppers; u++) {
      const from = log.shopperStart[u];
      const to = log.shopperStart[u + 1];
      const splits = Array.from(log.split.subarray(from, to));
      if (shoppers.cold[u]) {
        expect(splits.every((x) => x === SPLIT.test)).toBe(true);
        continue;
      }
      // Non-decreasing over time, and all three present.
      for (let k = 1; k < splits.length; k++) expect(splits[k] >= splits[k - 1]).toBe(true);
      expect(new Set(splits)).toEqual(new Set([SPLIT.train, SPLIT.validation, SPLIT.test]));
    }
  });

  it('puts cold-start shoppers and items only in the test split', () => {
    const w = generateShopperWorld({ ...SMALL, coldShopperShare: 0.1, coldItemShare: 0.1 });
    const { log, shoppers, catalog } = w;
    let coldItemImpressions = 0;
    let coldShopperImpressions = 0;
    for (let r = 0; r < log.size; r++) {
      if (catalog.itemCold[log.item[r]]) {
        coldItemImpressions++;
        expect(log.split[r]).toBe(SPLIT.test);
      }
      if (shoppers.cold[log.shopper[r]]) {
        coldShopperImpressions++;
        expect(log.split[r]).toBe(SPLIT.test);
      }
    }
    expect(coldItemImpressions).toBeGreaterThan(0);
    expect(coldShopperImpressions).toBeGreaterThan(0);
    const s = summarizeWorld(w);
    expect(s.counts.coldShoppers).toBe(80);
    expect(s.counts.coldItems).toBe(40);
  });

  it('lowers the click rate at low positions when position bias is stronger', () => {
    const weak = summarizeWorld(generateShopperWorld({ ...SMALL, positionBias: 0.3 }));
    const strong = summarizeWorld(generateShopperWorld({ ...SMALL, positionBias: 2 }));
    const tail = (s: typeof weak) => s.clickRateByPosition.slice(5).reduce((a, b) => a + b, 0) / 5;
    expect(tail(strong)).toBeLessThan(0.5 * tail(weak));
    // Position 1 has log(1) = 0: no penalty, so the top rate barely moves.
    expect(Math.abs(strong.clickRateByPosition[0] - weak.clickRateByPosition[0])).toBeLessThan(0.03);
    // And within a world, lower positions are clicked less.
    expect(strong.clickRateByPosition[9]).toBeLessThan(strong.clickRateByPosition[0]);
  });

  it('turns click–purchase alignment 1, 0, −1 into positive, near-zero and negative correlation', () => {
    const results = [1, 0, -1].map((alignment) => {
      const w = generateShopperWorld({ ...SMALL, alignment });
      const means = itemMeans(w);
      return {
        alignment,
        // The items' own drivers: click appeal against purchase propensity.
        items: pearson(w.catalog.itemAppeal, itemPurchasePropensity(w)),
        // What the log shows: per item, mean true click prob against mean true purchase prob.
        logged: pearson(means.click, means.purchase),
      };
    });
    const [pos, zero, neg] = results;
    expect(pos.items).toBeGreaterThan(0.5);
    expect(Math.abs(zero.items)).toBeLessThan(0.15);
    expect(neg.items).toBeLessThan(-0.5);
    expect(pos.logged).toBeGreaterThan(0.4);
    expect(Math.abs(zero.logged)).toBeLessThan(0.2);
    expect(neg.logged).toBeLessThan(-0.3);
  });

  it('raises the Gini index of impressions with a larger popularity skew', () => {
    const ginis = [0, 0.5, 1, 1.5].map((popularitySkew) => summarizeWorld(generateShopperWorld({ ...SMALL, popularitySkew })).exposureGini);
    for (let k = 1; k < ginis.length; k++) expect(ginis[k]).toBeGreaterThan(ginis[k - 1] + 0.05);
  });

  it('reports progress from 0 to 1 in order', () => {
    const seen: number[] = [];
    generateShopperWorld(SMALL, { onProgress: (f) => seen.push(f) });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1]);
    expect(seen.length).toBeGreaterThan(10);
  });

  it('summarises counts, splits, categories and five shoppers with personas', () => {
    const s = summarizeWorld(generateShopperWorld(SMALL));
    const splitTotal = s.splits.train.impressions + s.splits.validation.impressions + s.splits.test.impressions;
    expect(splitTotal).toBe(s.counts.impressions);
    expect(s.categories.reduce((a, c) => a + c.impressions, 0)).toBe(s.counts.impressions);
    expect(s.categories.map((c) => c.name)).toContain('Shoes');
    expect(s.sampleShoppers).toHaveLength(5);
    expect(new Set(s.sampleShoppers.map((c) => c.persona)).size).toBe(5);
    expect(s.personas.reduce((a, p) => a + p.shoppers, 0)).toBe(SMALL.numShoppers);
  });

  it('shares sessions out by activity, exactly, with at least three each', () => {
    const activity = Float32Array.from([0.1, 1, 3, 0.5]);
    const s = allocateSessions(activity, 6);
    expect(s.reduce((a, b) => a + b, 0)).toBe(24);
    expect(Math.min(...s)).toBeGreaterThanOrEqual(MIN_SESSIONS);
    expect(s[2]).toBeGreaterThan(s[1]);
    expect(allocateSessions(activity, 3)).toEqual(Int32Array.from([3, 3, 3, 3]));
  });
});
