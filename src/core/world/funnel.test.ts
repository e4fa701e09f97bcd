/**
 * The three-step funnel (click → cart → purchase) over a million impressions: no step without the
 * one before it, each step's labels drawn from the probability kept beside them, and the truth's
 * path product equal to what the log stores.
 */
import { describe, expect, it } from 'vitest';
import { generateShopperWorld, hashWorld, ResponseModel, sigmoid } from './index';

describe('the click → cart → purchase world', () => {
  // 10,000 shoppers × 10 sessions × 10 items: exactly 1,000,000 impressions.
  const world = generateShopperWorld({ numShoppers: 10_000, sessionsPerShopper: 10, funnel: 'click-cart-purchase', seed: 7 });
  const { log } = world;

  it('holds a million impressions with cart labels and probabilities', () => {
    expect(log.size).toBe(1_000_000);
    expect(log.cart).toBeDefined();
    expect(log.pCartGivenClick).toBeDefined();
  });

  it('is funnel-consistent: no cart without a click, no purchase without a cart', () => {
    const cart = log.cart!;
    let cartNoClick = 0;
    let buyNoCart = 0;
    let clicks = 0;
    let carts = 0;
    let buys = 0;
    for (let r = 0; r < log.size; r++) {
      if (cart[r] && !log.click[r]) cartNoClick++;
      if (log.purchase[r] && !cart[r]) buyNoCart++;
      clicks += log.click[r];
      carts += cart[r];
      buys += log.purchase[r];
    }
    expect(cartNoClick).toBe(0);
    expect(buyNoCart).toBe(0);
    // Every step happens and narrows: the funnel is not empty at any stage.
    expect(clicks).toBeGreaterThan(carts);
    expect(carts).toBeGreaterThan(buys);
    expect(buys).toBeGreaterThan(10_000);
  });

  it('draws each step from the probability stored beside it (counts within 4 standard errors of their expectation)', () => {
    const cart = log.cart!;
    const pk = log.pCartGivenClick!;
    // E[clicks] = Σ pc; E[carts] = Σ pc·pk; E[purchases] = Σ pc·pk·pb, with pk·pb stored as pPurchaseGivenClick.
    const expected = { click: [0, 0, 0], cart: [0, 0, 0], buy: [0, 0, 0] }; // [Σ label, Σ p, Σ p(1 − p)]
    const add = (s: number[], y: number, p: number) => {
      s[0] += y;
      s[1] += p;
      s[2] += p * (1 - p);
    };
    let pathAboveCart = 0; // P(purchase | click) can never exceed P(cart | click)
    for (let r = 0; r < log.size; r++) {
      const pc = log.pClick[r];
      add(expected.click, log.click[r], pc);
      add(expected.cart, cart[r], pc * pk[r]);
      add(expected.buy, log.purchase[r], pc * log.pPurchaseGivenClick[r]);
      if (log.pPurchaseGivenClick[r] > pk[r] + 1e-7) pathAboveCart++;
    }
    expect(pathAboveCart).toBe(0);
    for (const [observed, mean, variance] of Object.values(expected)) expect(Math.abs(observed - mean)).toBeLessThan(4 * Math.sqrt(variance));
    // Conditional rates too: carts among clicks follow pk over clicked impressions.
    let carts = 0;
    let pkClicked = 0;
    let varClicked = 0;
    for (let r = 0; r < log.size; r++) {
      if (!log.click[r]) continue;
      carts += cart[r];
      pkClicked += pk[r];
      varClicked += pk[r] * (1 - pk[r]);
    }
    expect(Math.abs(carts - pkClicked)).toBeLessThan(4 * Math.sqrt(varClicked));
  });

  it('has a truth whose P(purchase | click) is the path product σ(cart)·σ(checkout), each with its own drivers', () => {
    const truth = new ResponseModel(world);
    expect(truth.hasCart).toBe(true);
    for (const [u, i] of [[0, 0], [17, 400], [9_999, 999]]) {
      const aff = truth.affinity(u, i);
      expect(truth.purchaseGivenClickProb(u, i)).toBeCloseTo(sigmoid(truth.cartLogit(u, i, aff)) * sigmoid(truth.checkoutLogit(u, i)), 12);
      expect(truth.cartGivenClickProb(u, i)).toBeCloseTo(sigmoid(truth.cartLogit(u, i, aff)), 12);
    }
    // Price acts at checkout, not on the cart: with every price raised by one standard deviation the
    // cart logits stay as they were and a price-sensitive shopper's checkout logits fall.
    const s = world.shoppers;
    const u = Array.from({ length: s.numShoppers }, (_, k) => k).find((k) => s.priceSensitivity[k] > 0.5)!;
    const dearer = new ResponseModel({ ...world, catalog: { ...world.catalog, itemPriceZ: world.catalog.itemPriceZ.map((z) => z + 1) } });
    for (const i of [0, 400, 999]) {
      expect(dearer.cartLogit(u, i)).toBe(truth.cartLogit(u, i));
      expect(dearer.checkoutLogit(u, i)).toBeLessThan(truth.checkoutLogit(u, i));
    }
  });

  it('leaves the two-step world as it was: no cart arrays, the same fingerprint with the funnel field given or left out', () => {
    const a = generateShopperWorld({ numShoppers: 200, numItems: 80 });
    const b = generateShopperWorld({ numShoppers: 200, numItems: 80, funnel: 'click-purchase' });
    const c = generateShopperWorld({ numShoppers: 200, numItems: 80, funnel: 'click-cart-purchase' });
    expect(a.log.cart).toBeUndefined();
    expect(new ResponseModel(a).cartGivenClickProb(0, 0)).toBe(0);
    expect(hashWorld(a)).toBe(hashWorld(b));
    expect(hashWorld(c)).not.toBe(hashWorld(a));
    // Shoppers and catalogue are the same world; only the log's purchase path differs.
    expect(Array.from(c.shoppers.taste)).toEqual(Array.from(a.shoppers.taste));
  });

  it('names the field and its choices for an unknown funnel', () => {
    expect(() => generateShopperWorld({ funnel: 'click-wish-purchase' as never })).toThrow(/world\.funnel.*click-purchase.*click-cart-purchase/s);
  });
});
