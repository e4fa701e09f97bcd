/**
 * A shopper × catalogue block of pairs in parts. Every input column of a shopper-world pair comes
 * from the shopper alone (its id, its category shares), from the item alone (id, category, brand,
 * price bucket) or from both (the share of the item's category among the shopper's clicks). A
 * model's first layer is linear in its input row, x·W = x_shopper·W + x_item·W + x_pair·W, so
 * whole-catalogue scoring computes each shopper's part once and each item's part once and adds
 * them per pair (`predictCatalogTask`) instead of multiplying every pair's full row by W: for the
 * default model 132 additions per pair instead of 53 × 132 multiply-adds.
 */
import type { ShopperWorld } from '../world';
import type { CategoricalInput } from './encoded';
import { encodePairs, type ShopperEncoder } from './shopper';

/** Where an input column's value comes from. */
export type ColumnSide = 'shopper' | 'item' | 'pair';

/** Encoded rows of one side: the inputs `encodePairs` gives, for as many rows as `size`. */
export interface SideRows {
  size: number;
  categorical: CategoricalInput[];
  dense: Float32Array;
  denseDim: number;
}

/** A block of `shoppers` × every item, split by side (see the module comment). */
export interface CatalogBlock {
  shoppers: number;
  items: number;
  /** Side of each categorical input, in `encodePairs`'s order (never 'pair': an embedding index belongs to one side). */
  categoricalSides: ColumnSide[];
  /** Side of each dense column, in `encodePairs`'s order. */
  denseSides: ColumnSide[];
  /** One encoded row per shopper (paired with item 0): only its shopper-side columns are read. */
  shopperRows: SideRows;
  /** One encoded row per item (paired with the first shopper): only its item-side columns are read. */
  itemRows: SideRows;
  /** The pair-side dense columns of every shopper × item, shopper-major: [shoppers · items, pairDim]. */
  pairDense: Float32Array;
  pairDim: number;
}

/**
 * Encodes `shoppers` × the whole catalogue in parts; the same values as `encodePairs` on every
 * pair (test: reassembled rows equal `encodePairs`'s), at the cost of |shoppers| + |items| rows
 * and one pair column.
 */
export function encodeCatalogBlock(world: ShopperWorld, enc: ShopperEncoder, shoppers: readonly number[]): CatalogBlock {
  const I = world.catalog.numItems;
  const S = shoppers.length;
  if (S === 0) throw new Error('encodeCatalogBlock needs at least one shopper');
  const side = (shopper: ArrayLike<number>, item: ArrayLike<number>): SideRows => {
    const { categorical, dense, denseDim } = encodePairs(world, enc, shopper, item);
    return { size: shopper.length, categorical, dense, denseDim };
  };
  const shopperRows = side(Int32Array.from(shoppers), new Int32Array(S));
  const itemRows = side(new Int32Array(I).fill(shoppers[0]), Int32Array.from({ length: I }, (_, i) => i));
  const C = enc.numCategories;
  // The one pair column: the share of the item's category among the shopper's train clicks.
  const pairDense = new Float32Array(S * I);
  const category = world.catalog.itemCategory;
  for (let j = 0; j < S; j++) {
    const row = shoppers[j] * C;
    for (let i = 0; i < I; i++) pairDense[j * I + i] = enc.categoryShares[row + category[i]];
  }
  return {
    shoppers: S,
    items: I,
    categoricalSides: shopperRows.categorical.map((c) => (c.name === 'shopper' ? 'shopper' : 'item')),
    denseSides: [...new Array<ColumnSide>(C).fill('shopper'), 'pair'],
    shopperRows,
    itemRows,
    pairDense,
    pairDim: 1,
  };
}
