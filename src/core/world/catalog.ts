/**
 * The catalogue: categories, brands and items with their hidden properties (price, quality, click
 * appeal, latent attributes, popularity prior, cold-start flag). Each field is a typed array indexed
 * by item id.
 */
import { Rng } from '../random';
import type { ShopperWorldConfig } from './config';
import { coldItemCount } from './config';
import { brandName, CATEGORY_TABLE } from './names';

/** Standard deviation of log price around its category's centre. */
export const LOG_PRICE_STD = 0.5;
/** Per-dimension noise of an item's attribute vector around its category centre, times 1/√d. */
const ITEM_VECTOR_NOISE = 0.5;

export interface Catalog {
  /** Number of items |I|. */
  numItems: number;
  /** Number of categories C. */
  numCategories: number;
  /** Brands per category B; brand ids run 0..C·B−1, brand b of category c has id c·B + b. */
  brandsPerCategory: number;
  /** Dimension d of attribute vectors. */
  latentDim: number;
  /** Readable category names, by category id. */
  categoryNames: string[];
  /** Typical price of each category (exp of its mean log price). */
  categoryBasePrice: Float64Array;
  /** Category centres in the latent space, unit length, row-major C×d. */
  categoryCentres: Float32Array;
  /** Readable brand names, by brand id. */
  brandNames: string[];
  /** Category id of each item. */
  itemCategory: Int32Array;
  /** Global brand id of each item. */
  itemBrand: Int32Array;
  /** Price of each item (log-normal around its category's base price). */
  itemPrice: Float32Array;
  /** Standardised price within the category: (log price − log base price) / LOG_PRICE_STD. */
  itemPriceZ: Float32Array;
  /** Click appeal ("thumbnail attractiveness"), standard normal: drives clicks, not purchases. */
  itemAppeal: Float32Array;
  /** Quality: drives purchases; correlated with appeal by the config's `alignment`. */
  itemQuality: Float32Array;
  /** Latent attribute vectors, row-major |I|×d: category centre plus noise. */
  itemVectors: Float32Array;
  /** Popularity prior (Zipf over a random order of the items), summing to 1. */
  itemPopularity: Float64Array;
  /** 1 for cold-start items (shown only in test sessions), else 0. */
  itemCold: Uint8Array;
}

/** Random unit vector of dimension d, written into `out` at `offset`. */
function unitVector(rng: Rng, d: number, out: Float32Array, offset: number): void {
  let norm = 0;
  for (let k = 0; k < d; k++) {
    const z = rng.normal();
    out[offset + k] = z;
    norm += z * z;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < d; k++) out[offset + k] /= norm;
}

export function generateCatalog(config: ShopperWorldConfig): Catalog {
  const rng = Rng.stream(config.seed, 'catalog');
  const { numItems: n, numCategories: C, brandsPerCategory: B, latentDim: d, alignment } = config;

  const categoryNames: string[] = [];
  const categoryBasePrice = new Float64Array(C);
  const categoryCentres = new Float32Array(C * d);
  for (let c = 0; c < C; c++) {
    const known = CATEGORY_TABLE[c];
    categoryNames.push(known ? known.name : `Category ${c + 1}`);
    categoryBasePrice[c] = known ? known.basePrice : Math.exp(Math.log(40) + 0.7 * rng.normal());
    unitVector(rng, d, categoryCentres, c * d);
  }
  const taken = new Set<string>();
  const brandNames = Array.from({ length: C * B }, () => brandName(rng, taken));

  const itemCategory = new Int32Array(n);
  const itemBrand = new Int32Array(n);
  const itemPrice = new Float32Array(n);
  const itemPriceZ = new Float32Array(n);
  const itemAppeal = new Float32Array(n);
  const itemQuality = new Float32Array(n);
  const itemVectors = new Float32Array(n * d);
  const orthogonal = Math.sqrt(Math.max(0, 1 - alignment * alignment));
  const vecNoise = ITEM_VECTOR_NOISE / Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    // Round-robin categories keep every category populated; B·u^1.5 skews brand shares towards
    // each category's first brands, as real markets have leaders.
    const c = i % C;
    itemCategory[i] = c;
    itemBrand[i] = c * B + Math.floor(B * rng.float() ** 1.5);
    const z = rng.normal();
    itemPriceZ[i] = z;
    itemPrice[i] = categoryBasePrice[c] * Math.exp(LOG_PRICE_STD * z);
    const appeal = rng.normal();
    itemAppeal[i] = appeal;
    // corr(appeal, quality) = alignment: 1 same drivers, 0 unrelated, −1 clickbait.
    itemQuality[i] = alignment * appeal + orthogonal * rng.normal();
    for (let k = 0; k < d; k++) itemVectors[i * d + k] = categoryCentres[c * d + k] + vecNoise * rng.normal();
  }

  // Popularity: Zipf weights (rank+1)^−skew assigned to a random order of the items.
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const itemPopularity = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const w = (r + 1) ** -config.popularitySkew;
    itemPopularity[order[r]] = w;
    total += w;
  }
  for (let i = 0; i < n; i++) itemPopularity[i] /= total;

  const itemCold = new Uint8Array(n);
  const coldOrder = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  for (let r = 0; r < coldItemCount(config); r++) itemCold[coldOrder[r]] = 1;

  return {
    numItems: n,
    numCategories: C,
    brandsPerCategory: B,
    latentDim: d,
    categoryNames,
    categoryBasePrice,
    categoryCentres,
    brandNames,
    itemCategory,
    itemBrand,
    itemPrice,
    itemPriceZ,
    itemAppeal,
    itemQuality,
    itemVectors,
    itemPopularity,
    itemCold,
  };
}

/** Item i's attribute vector as a view (no copy). */
export function itemVector(catalog: Catalog, i: number): Float32Array {
  return catalog.itemVectors.subarray(i * catalog.latentDim, (i + 1) * catalog.latentDim);
}

/** Every item's attribute vector as views, in the shape the diversity metrics take. */
export function itemVectorList(catalog: Catalog): Float32Array[] {
  return Array.from({ length: catalog.numItems }, (_, i) => itemVector(catalog, i));
}
