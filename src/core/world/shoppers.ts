/**
 * The shoppers: a taste vector over the catalogue's latent space, behavioural traits, a persona
 * derived from those traits, and a display name. Each field is a typed array indexed by shopper id.
 */
import { Rng } from '../random';
import type { Catalog } from './catalog';
import type { ShopperWorldConfig } from './config';
import { coldShopperCount } from './config';
import { shopperName } from './names';

/** Personas, each named after the trait in which a shopper stands out most (see `assignPersonas`). */
export const PERSONAS = [
  'bargain hunter',
  'quality seeker',
  'brand loyalist',
  'explorer',
  'window shopper',
  'regular',
] as const;
export type Persona = (typeof PERSONAS)[number];

/** Most favourite categories a shopper can have. */
export const MAX_FAVOURITES = 3;
/** Per-dimension noise of a taste vector around its favourite centres, times 1/√d. */
const TASTE_NOISE = 0.3;

export interface Shoppers {
  /** Number of shoppers. */
  numShoppers: number;
  /** Display names ("Maya K."); may repeat in large worlds. */
  names: string[];
  /** Persona index into PERSONAS. */
  persona: Uint8Array;
  /** Unit taste vectors, row-major S×d: a weighted mix of favourite category centres plus noise. */
  taste: Float32Array;
  /** Favourite categories, row-major S×MAX_FAVOURITES, most favoured first, −1 where unused. */
  favouriteCategories: Int32Array;
  /** Logging policy's category distribution per shopper, row-major S×C (rows sum to 1). */
  categoryPreference: Float64Array;
  /** Weight of −log-price (standardised in its category) in purchase decisions, > 0. */
  priceSensitivity: Float32Array;
  /** Weight of item quality in purchase decisions, > 0. */
  qualitySensitivity: Float32Array;
  /** In [0, 1]: explorers spread over categories and prefer less popular items. */
  noveltySeeking: Float32Array;
  /** Relative activity (> 0, mean ≈ 1): sessions are shared out in proportion to it. */
  activity: Float32Array;
  /** Offset of the purchase logit: low = clicks but rarely buys. */
  buyingIntent: Float32Array;
  /** In [0, 1]: purchase bonus for the favourite brand. */
  brandLoyalty: Float32Array;
  /** Favourite brand id (a brand of the top favourite category). */
  favouriteBrand: Int32Array;
  /** 1 for cold-start shoppers (all sessions in the test split), else 0. */
  cold: Uint8Array;
}

export function generateShoppers(config: ShopperWorldConfig, catalog: Catalog): Shoppers {
  const rng = Rng.stream(config.seed, 'shoppers');
  const S = config.numShoppers;
  const { numCategories: C, latentDim: d, brandsPerCategory: B } = catalog;
  const s: Shoppers = {
    numShoppers: S,
    names: [],
    persona: new Uint8Array(S),
    taste: new Float32Array(S * d),
    favouriteCategories: new Int32Array(S * MAX_FAVOURITES).fill(-1),
    categoryPreference: new Float64Array(S * C),
    priceSensitivity: new Float32Array(S),
    qualitySensitivity: new Float32Array(S),
    noveltySeeking: new Float32Array(S),
    activity: new Float32Array(S),
    buyingIntent: new Float32Array(S),
    brandLoyalty: new Float32Array(S),
    favouriteBrand: new Int32Array(S),
    cold: new Uint8Array(S),
  };
  const favs: number[] = [];
  const weights: number[] = [];
  for (let u = 0; u < S; u++) {
    s.names.push(shopperName(rng));
    s.priceSensitivity[u] = Math.exp(-0.4 + 0.5 * rng.normal());
    s.qualitySensitivity[u] = Math.exp(-0.4 + 0.5 * rng.normal());
    s.noveltySeeking[u] = rng.float();
    s.activity[u] = Math.exp(0.5 * rng.normal());
    s.buyingIntent[u] = 0.5 * rng.normal();
    s.brandLoyalty[u] = rng.float() ** 2;

    // 1..3 distinct favourite categories with random weights, strongest first.
    const count = Math.min(C, 1 + rng.int(MAX_FAVOURITES));
    favs.length = 0;
    weights.length = 0;
    while (favs.length < count) {
      const c = rng.int(C);
      if (!favs.includes(c)) {
        favs.push(c);
        weights.push(Math.exp(0.5 * rng.normal()));
      }
    }
    const ranked = favs.map((c, k) => ({ c, w: weights[k] })).sort((a, b) => b.w - a.w);
    const wSum = ranked.reduce((acc, r) => acc + r.w, 0);
    ranked.forEach((r, k) => (s.favouriteCategories[u * MAX_FAVOURITES + k] = r.c));
    s.favouriteBrand[u] = ranked[0].c * B + rng.int(B);

    // Taste: weighted favourite centres plus noise, normalised to unit length.
    let norm = 0;
    for (let k = 0; k < d; k++) {
      let v = (TASTE_NOISE / Math.sqrt(d)) * rng.normal();
      for (const r of ranked) v += (r.w / wSum) * catalog.categoryCentres[r.c * d + k];
      s.taste[u * d + k] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < d; k++) s.taste[u * d + k] /= norm;

    // Logging policy's category mix: favourites, plus a uniform share that grows with novelty.
    const explore = 0.15 + 0.5 * s.noveltySeeking[u];
    for (let c = 0; c < C; c++) s.categoryPreference[u * C + c] = explore / C;
    for (const r of ranked) s.categoryPreference[u * C + r.c] += ((1 - explore) * r.w) / wSum;
  }
  assignPersonas(s);
  const coldOrder = rng.shuffle(Int32Array.from({ length: S }, (_, i) => i));
  for (let r = 0; r < coldShopperCount(config); r++) s.cold[coldOrder[r]] = 1;
  return s;
}

/** Mean and standard deviation of an array (std 1 when constant, so z-scores stay finite). */
function moments(a: Float32Array): { mean: number; std: number } {
  let m = 0;
  for (let i = 0; i < a.length; i++) m += a[i];
  m /= a.length;
  let v = 0;
  for (let i = 0; i < a.length; i++) v += (a[i] - m) ** 2;
  const std = Math.sqrt(v / a.length);
  return { mean: m, std: std > 0 ? std : 1 };
}

/**
 * A shopper's persona is the trait in which they stand out most, measured as a z-score against all
 * shoppers: price sensitivity → bargain hunter, quality sensitivity → quality seeker, brand loyalty
 * → brand loyalist, novelty seeking → explorer, low buying intent → window shopper, activity →
 * regular. Relative scores keep the personas balanced whatever the world's knobs.
 */
function assignPersonas(s: Shoppers): void {
  const traits: Array<{ values: Float32Array; sign: number }> = [
    { values: s.priceSensitivity, sign: 1 },
    { values: s.qualitySensitivity, sign: 1 },
    { values: s.brandLoyalty, sign: 1 },
    { values: s.noveltySeeking, sign: 1 },
    { values: s.buyingIntent, sign: -1 },
    { values: s.activity, sign: 1 },
  ];
  const stats = traits.map((t) => moments(t.values));
  for (let u = 0; u < s.numShoppers; u++) {
    let best = 0;
    let bestZ = -Infinity;
    traits.forEach((t, k) => {
      const z = (t.sign * (t.values[u] - stats[k].mean)) / stats[k].std;
      if (z > bestZ) {
        bestZ = z;
        best = k;
      }
    });
    s.persona[u] = best;
  }
}
