/** A catalogue block in parts holds exactly the columns `encodePairs` gives each pair. */
import { describe, expect, it } from 'vitest';
import { generateShopperWorld } from '../world';
import { encodeCatalogBlock } from './catalog';
import { encodePairs, fitShopperEncoder } from './shopper';

describe('encodeCatalogBlock', () => {
  const world = generateShopperWorld({ numShoppers: 80, numItems: 60, coldShopperShare: 0.2, seed: 3 });
  const encoder = fitShopperEncoder(world);
  const shoppers = [0, 5, 17, 79];
  const block = encodeCatalogBlock(world, encoder, shoppers);
  const I = world.catalog.numItems;

  it('reassembles, side by side, every column encodePairs gives every shopper × item pair', () => {
    const shopper = Int32Array.from({ length: shoppers.length * I }, (_, r) => shoppers[Math.floor(r / I)]);
    const item = Int32Array.from({ length: shoppers.length * I }, (_, r) => r % I);
    const whole = encodePairs(world, encoder, shopper, item);
    expect(block.categoricalSides).toEqual(['shopper', 'item', 'item', 'item', 'item']);
    expect(block.denseSides.filter((s) => s === 'pair')).toHaveLength(block.pairDim);
    const D = whole.denseDim;
    for (let r = 0; r < shopper.length; r++) {
      const j = Math.floor(r / I);
      const i = r % I;
      block.categoricalSides.forEach((side, f) => {
        const parted = side === 'shopper' ? block.shopperRows.categorical[f].values[j] : block.itemRows.categorical[f].values[i];
        expect(parted).toBe(whole.categorical[f].values[r]);
      });
      let p = 0;
      block.denseSides.forEach((side, c) => {
        const parted = side === 'shopper' ? block.shopperRows.dense[j * D + c] : side === 'item' ? block.itemRows.dense[i * D + c] : block.pairDense[r * block.pairDim + p++];
        expect(parted).toBe(whole.dense[r * D + c]);
      });
    }
  });

  it('refuses an empty block', () => {
    expect(() => encodeCatalogBlock(world, encoder, [])).toThrow(/at least one shopper/);
  });
});
