/**
 * A fingerprint of a world's generated data: FNV-1a (32 bit) over the bytes of every typed array,
 * in a fixed order. Two worlds with the same fingerprint hold the same data; tests use it to show
 * that the same config gives the identical log.
 */
import type { ShopperWorld } from './shopperWorld';

type Typed = Int32Array | Uint8Array | Uint16Array | Float32Array | Float64Array;

function fnv1a(arrays: readonly Typed[]): number {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193);
    }
    // Mix in the length so that moving bytes between neighbouring arrays changes the hash.
    h ^= a.length;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The world's fingerprint as 8 hex digits. */
export function hashWorld(w: ShopperWorld): string {
  const { catalog: c, shoppers: s, log: l } = w;
  const h = fnv1a([
    c.itemCategory, c.itemBrand, c.itemPrice, c.itemAppeal, c.itemQuality, c.itemVectors, c.itemPopularity, c.itemCold,
    s.persona, s.taste, s.favouriteCategories, s.priceSensitivity, s.qualitySensitivity, s.noveltySeeking,
    s.activity, s.buyingIntent, s.brandLoyalty, s.favouriteBrand, s.cold,
    l.shopper, l.item, l.session, l.sessionIndex, l.position, l.split, l.click, l.purchase, l.pClick, l.pPurchaseGivenClick,
    // Only three-step worlds have cart arrays, so two-step fingerprints are what they always were.
    ...(l.cart && l.pCartGivenClick ? [l.cart, l.pCartGivenClick] : []),
  ]);
  return h.toString(16).padStart(8, '0');
}
