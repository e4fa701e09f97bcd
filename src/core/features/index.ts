export type { CategoricalInput, EncodedData, TaskSpec } from './encoded';
export { splitRows, categoricalOffsets, cartIndex } from './encoded';
export { fitShopperEncoder, encodeShopperWorld, encodePairs, priceBucket, shopperDenseDim, PRICE_BUCKETS } from './shopper';
export type { ShopperEncoder } from './shopper';
export { encodeMmoeWorld } from './mmoe';
export { encodeCatalogBlock } from './catalog';
export type { CatalogBlock, ColumnSide, SideRows } from './catalog';
