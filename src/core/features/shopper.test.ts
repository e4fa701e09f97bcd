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

  it('never let a train row\'s own label reach its features (shares come from earlier sessions only)', () => {
    const w = world();
    const base = encodeShopperWorld(w);
    const D = base.denseDim;
    const { log } = w;
    const cat = (r: number) => w.catalog.itemCategory[log.item[r]];
    const features = (data: ReturnType<typeof encodeShopperWorld>, r: number) => Array.from(data.dense.subarray(r * D, (r + 1) * D));
    // Flip the click of a row r in a shopper's second train session together with the opposite
    // click of a same-category train row r2 of another shopper, so the global click shares stay
    // as they were: r and r2 must keep their exact features, while a later train session of r's
    // shopper must see the change.
    let checked = 0;
    for (let u = 0; u < w.shoppers.numShoppers && checked < 20; u++) {
      let r = -1;
      let later = -1;
      for (let j = log.shopperStart[u]; j < log.shopperStart[u + 1]; j++) {
        if (log.split[j] !== SPLIT.train) continue;
        if (log.sessionIndex[j] === 1 && r < 0) r = j;
        if (log.sessionIndex[j] === 2 && later < 0) later = j;
      }
      if (r < 0 || later < 0) continue;
      let r2 = -1;
      for (let j = 0; j < log.size && r2 < 0; j++) {
        if (log.split[j] === SPLIT.train && log.shopper[j] !== u && cat(j) === cat(r) && log.click[j] !== log.click[r]) r2 = j;
      }
      if (r2 < 0) continue;
      const flipped = world();
      flipped.log.click[r] = 1 - flipped.log.click[r];
      flipped.log.click[r2] = 1 - flipped.log.click[r2];
      const data = encodeShopperWorld(flipped);
      expect(features(data, r)).toEqual(features(base, r));
      expect(features(data, r2)).toEqual(features(base, r2));
      expect(features(data, later)).not.toEqual(features(base, later));
      checked++;
    }
    expect(checked).toBe(20);
  });

  it('give a shopper\'s first train session the smoothed global shares, and held-out rows all train clicks', () => {
    const w = world();
    const enc = fitShopperEncoder(w);
    const data = encodeShopperWorld(w, enc);
    const C = w.catalog.numCategories;
    const D = data.denseDim;
    const { log } = w;
    for (let r = 0; r < 2000; r++) {
      const u = log.shopper[r];
      const row = Array.from(data.dense.subarray(r * D, r * D + C));
      if (log.split[r] === SPLIT.train && log.sessionIndex[r] === 0) {
        row.forEach((v, c) => expect(v).toBeCloseTo(enc.globalShares[c], 6));
      } else if (log.split[r] !== SPLIT.train) {
        expect(row).toEqual(Array.from(enc.categoryShares.subarray(u * C, (u + 1) * C)));
      }
    }
  });
});

describe('encoding a large log', () => {
  it('reports its progress every 65,536 rows', () => {
    const world = generateShopperWorld({});
    const seen: number[] = [];
    const data = encodeShopperWorld(world, fitShopperEncoder(world), (f) => seen.push(f));
    expect(seen).toEqual([0, 0.8 * (65536 / data.size), 0.8]);
  });
});
