/** Features come from the train split only: validation and test cannot leak into them. */
import { describe, expect, it } from 'vitest';
import { generateShopperWorld, SPLIT, type ShopperWorld } from '../world';
import { encodeShopperWorld, fitShopperEncoder, splitRows } from './index';

const world = () => generateShopperWorld({ numShoppers: 300, numItems: 200 });

/** Scrambles everything outside the train split: labels flipped, items and shoppers reassigned. */
function scrambleHeldOut(w: ShopperWorld): void {
  const { log } = w;
  for (let r = 0; r < log.size; r++) {
    if (log.split[r] === SPLIT.train) continue;
    log.click[r] = 1 - log.click[r];
    log.purchase[r] = log.click[r];
    log.item[r] = (log.item[r] * 7 + 3) % w.catalog.numItems;
  }
}

describe('shopper features', () => {
  it('do not change when validation and test impressions change', () => {
    const a = fitShopperEncoder(world());
    const scrambled = world();
    scrambleHeldOut(scrambled);
    const b = fitShopperEncoder(scrambled);
    expect(Array.from(b.shopperIndex)).toEqual(Array.from(a.shopperIndex));
    expect(Array.from(b.itemIndex)).toEqual(Array.from(a.itemIndex));
    expect(Array.from(b.categoryShares)).toEqual(Array.from(a.categoryShares));
    expect(Array.from(b.priceBounds)).toEqual(Array.from(a.priceBounds));
  });

  it('map cold-start shoppers and items to the shared unknown index 0', () => {
    const w = world();
    const enc = fitShopperEncoder(w);
    const data = encodeShopperWorld(w, enc);
    const [shopperIn, itemIn] = data.categorical;
    let coldRows = 0;
    for (let r = 0; r < w.log.size; r++) {
      if (w.shoppers.cold[w.log.shopper[r]]) {
        expect(shopperIn.values[r]).toBe(0);
        coldRows++;
      } else {
        expect(shopperIn.values[r]).toBeGreaterThan(0);
      }
      if (w.catalog.itemCold[w.log.item[r]]) expect(itemIn.values[r]).toBe(0);
    }
    expect(coldRows).toBeGreaterThan(0);
    // Every train row has a known shopper and item.
    for (const r of splitRows(data, 'train')) {
      expect(shopperIn.values[r]).toBeGreaterThan(0);
      expect(itemIn.values[r]).toBeGreaterThan(0);
    }
  });

  it('encode category shares that sum to 1 and labels of both tasks', () => {
    const w = world();
    const data = encodeShopperWorld(w);
    const C = w.catalog.numCategories;
    expect(data.denseDim).toBe(C + 1);
    for (let r = 0; r < 50; r++) {
      const shares = data.dense.subarray(r * (C + 1), r * (C + 1) + C);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(data.dense[r * (C + 1) + C]).toBeCloseTo(shares[w.catalog.itemCategory[w.log.item[r]]], 6);
    }
    expect(data.tasks.map((t) => t.name)).toEqual(['click', 'purchase']);
    expect(Array.from(data.labels[0])).toEqual(Array.from(w.log.click));
  });
});
