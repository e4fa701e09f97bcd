/**
 * The shoppers' response model: the ground truth that generates clicks and purchases. Models never
 * see it; evaluation and the simulated online test do.
 *
 *   click logit    = CLICK_BASE + affinity + APPEAL_WEIGHT·appeal_i + popCoef_u·pop_i
 *                    − positionBias·ln(position)
 *   purchase logit = PURCHASE_BASE + buyingIntent_u + affinity + qualitySens_u·quality_i
 *                    − PRICE_WEIGHT·priceSens_u·priceZ_i + BRAND_BONUS·loyalty_u·[brand_i = favourite_u]
 *
 *   affinity  = AFFINITY_SCALE·⟨taste_u, v_i⟩,  pop_i = POP_WEIGHT·ln(|I|·prior_i),
 *   popCoef_u = 1 − 1.5·noveltySeeking_u (explorers shy away from hits).
 *
 * With the three-step funnel (config `funnel: 'click-cart-purchase'`) the purchase step splits in two,
 * each with its own drivers: liking the item puts it in the cart, intent and price decide checkout.
 *   cart logit     = CART_BASE + affinity + qualitySens_u·quality_i + BRAND_BONUS·loyalty_u·[brand_i = favourite_u]
 *   checkout logit = CHECKOUT_BASE + buyingIntent_u − PRICE_WEIGHT·priceSens_u·priceZ_i
 *   P(purchase | click) = σ(cart logit)·σ(checkout logit)   (no purchase without a cart)
 * so every driver of the two-step purchase logit still acts, in one step or the other.
 *
 * A logged impression adds its own noise draw N(0, labelNoise²) to each logit; the probabilities kept
 * with the impression include that draw (they are what its labels were drawn from). `ResponseModel`
 * gives the noise-free truth, for replaying any ranking to the shoppers.
 */
import type { Catalog } from './catalog';
import type { ShopperWorldConfig } from './config';
import type { Shoppers } from './shoppers';

export const CLICK_BASE = -2.2;
export const APPEAL_WEIGHT = 0.8;
export const POP_WEIGHT = 0.25;
export const AFFINITY_SCALE = 1.5;
export const PURCHASE_BASE = -2.4;
export const PRICE_WEIGHT = 0.8;
export const BRAND_BONUS = 1.0;
/** Base of the cart-given-click logit (three-step funnel). */
export const CART_BASE = -1.0;
/** Base of the purchase-given-cart logit (three-step funnel). */
export const CHECKOUT_BASE = 0.1;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** What the response model needs: the config's knobs, the catalogue and the shoppers. */
export interface ResponseInputs {
  config: ShopperWorldConfig;
  catalog: Catalog;
  shoppers: Shoppers;
}

/**
 * The response model of one world, with the terms that depend only on the item or the position
 * computed once: the log generator calls it for every impression, the evaluation for every
 * (shopper, item) pair.
 */
export class ResponseModel {
  private readonly d: number;
  private readonly taste: Float32Array;
  private readonly vectors: Float32Array;
  /** POP_WEIGHT·ln(|I|·prior_i) per item: 0 for an item of average popularity. */
  readonly popTerm: Float64Array;
  /** CLICK_BASE + APPEAL_WEIGHT·appeal_i per item. */
  private readonly clickItemTerm: Float64Array;
  /** positionBias·ln(position) for positions 1..itemsPerSession (index 0 unused). */
  private readonly positionPenalty: Float64Array;

  constructor(private readonly w: ResponseInputs) {
    const c = w.catalog;
    this.d = c.latentDim;
    this.taste = w.shoppers.taste;
    this.vectors = c.itemVectors;
    this.popTerm = Float64Array.from({ length: c.numItems }, (_, i) => POP_WEIGHT * Math.log(c.numItems * c.itemPopularity[i]));
    this.clickItemTerm = Float64Array.from(c.itemAppeal, (a) => CLICK_BASE + APPEAL_WEIGHT * a);
    this.positionPenalty = Float64Array.from({ length: Math.max(w.config.itemsPerSession, 100) + 1 }, (_, p) =>
      p === 0 ? 0 : w.config.positionBias * Math.log(p),
    );
  }

  /** AFFINITY_SCALE·⟨taste_u, v_i⟩. */
  affinity(u: number, i: number): number {
    const d = this.d;
    let dot = 0;
    for (let k = 0; k < d; k++) dot += this.taste[u * d + k] * this.vectors[i * d + k];
    return AFFINITY_SCALE * dot;
  }

  /** Noise-free click logit of shopper u for item i shown at 1-based `position`. */
  clickLogit(u: number, i: number, position: number, aff = this.affinity(u, i)): number {
    const popCoef = 1 - 1.5 * this.w.shoppers.noveltySeeking[u];
    const penalty = this.positionPenalty[position] ?? this.w.config.positionBias * Math.log(position);
    return this.clickItemTerm[i] + aff + popCoef * this.popTerm[i] - penalty;
  }

  /** Whether the world's funnel has the add-to-cart step. */
  get hasCart(): boolean {
    return this.w.config.funnel === 'click-cart-purchase';
  }

  /** Noise-free cart-given-click logit of shopper u for item i (three-step funnel). */
  cartLogit(u: number, i: number, aff = this.affinity(u, i)): number {
    const s = this.w.shoppers;
    const c = this.w.catalog;
    return CART_BASE + aff + s.qualitySensitivity[u] * c.itemQuality[i] + (c.itemBrand[i] === s.favouriteBrand[u] ? BRAND_BONUS * s.brandLoyalty[u] : 0);
  }

  /** Noise-free purchase-given-cart logit of shopper u for item i (three-step funnel). */
  checkoutLogit(u: number, i: number): number {
    const s = this.w.shoppers;
    return CHECKOUT_BASE + s.buyingIntent[u] - PRICE_WEIGHT * s.priceSensitivity[u] * this.w.catalog.itemPriceZ[i];
  }

  /**
   * Noise-free P(purchase | click): σ(purchase logit) with two steps, σ(cart)·σ(checkout) with the
   * cart step; `aff` saves recomputing the affinity.
   */
  purchaseGivenClickFrom(u: number, i: number, aff: number): number {
    if (this.hasCart) return sigmoid(this.cartLogit(u, i, aff)) * sigmoid(this.checkoutLogit(u, i));
    return sigmoid(this.purchaseLogit(u, i, aff));
  }

  /** Noise-free P(cart | click) (three-step funnel; 0 in a two-step world, which has no cart). */
  cartGivenClickProb(u: number, i: number, aff = this.affinity(u, i)): number {
    return this.hasCart ? sigmoid(this.cartLogit(u, i, aff)) : 0;
  }

  /** Noise-free purchase-given-click logit of shopper u for item i (the two-step funnel's). */
  purchaseLogit(u: number, i: number, aff = this.affinity(u, i)): number {
    const s = this.w.shoppers;
    const c = this.w.catalog;
    return (
      PURCHASE_BASE +
      s.buyingIntent[u] +
      aff +
      s.qualitySensitivity[u] * c.itemQuality[i] -
      PRICE_WEIGHT * s.priceSensitivity[u] * c.itemPriceZ[i] +
      (c.itemBrand[i] === s.favouriteBrand[u] ? BRAND_BONUS * s.brandLoyalty[u] : 0)
    );
  }

  /** Noise-free P(click | shopper u sees item i at `position`). */
  clickProb(u: number, i: number, position: number): number {
    return sigmoid(this.clickLogit(u, i, position));
  }

  /** Noise-free P(purchase | click) for shopper u and item i (through the cart in a three-step funnel). */
  purchaseGivenClickProb(u: number, i: number): number {
    return this.purchaseGivenClickFrom(u, i, this.affinity(u, i));
  }
}

/**
 * Each item's purchase propensity: the item-dependent part of the purchase logit averaged over
 * shoppers, mean(qualitySens)·quality_i − PRICE_WEIGHT·mean(priceSens)·priceZ_i. Compared with the
 * item's click appeal, it shows what the `alignment` knob does.
 */
export function itemPurchasePropensity(w: ResponseInputs): Float64Array {
  const s = w.shoppers;
  let q = 0;
  let p = 0;
  for (let u = 0; u < s.numShoppers; u++) {
    q += s.qualitySensitivity[u];
    p += s.priceSensitivity[u];
  }
  q /= s.numShoppers;
  p /= s.numShoppers;
  const c = w.catalog;
  return Float64Array.from({ length: c.numItems }, (_, i) => q * c.itemQuality[i] - PRICE_WEIGHT * p * c.itemPriceZ[i]);
}
