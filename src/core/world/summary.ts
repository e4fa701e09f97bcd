/**
 * A plain-data summary of a shopper world (counts, rates, splits, exposure by category and position,
 * personas, sample shoppers): what the page shows and what the tests read. Computed in core, so the
 * UI only renders it.
 */
import { giniOfCounts } from '../metrics';
import { hashWorld } from './hash';
import { SPLIT_NAMES, type SplitName } from './log';
import { MAX_FAVOURITES, PERSONAS, type Persona } from './shoppers';
import type { ShopperWorld } from './shopperWorld';

export interface SplitSummary {
  impressions: number;
  /** Shoppers with at least one impression in the split. */
  shoppers: number;
  clicks: number;
  purchases: number;
}

export interface CategorySummary {
  name: string;
  items: number;
  impressions: number;
  clicks: number;
  purchases: number;
  /** clicks / impressions (NaN for a category never shown). */
  clickRate: number;
}

export interface ShopperCard {
  id: number;
  name: string;
  persona: Persona;
  favouriteCategories: string[];
  /** Raw trait values (see `Shoppers` for their meaning and scale). */
  traits: {
    priceSensitivity: number;
    qualitySensitivity: number;
    noveltySeeking: number;
    activity: number;
    buyingIntent: number;
    brandLoyalty: number;
  };
  impressions: number;
  clicks: number;
  purchases: number;
  cold: boolean;
}

export interface WorldSummary {
  /** Fingerprint of the generated data (same config → same hash). */
  hash: string;
  counts: {
    shoppers: number;
    items: number;
    categories: number;
    brands: number;
    sessions: number;
    impressions: number;
    clicks: number;
    purchases: number;
    /** Add-to-carts (three-step funnel); null in a two-step world. */
    carts: number | null;
    coldShoppers: number;
    coldItems: number;
  };
  rates: {
    /** clicks / impressions. */
    clickRate: number;
    /** purchases / impressions (CTCVR). */
    purchaseRate: number;
    /** purchases / clicks (CVR). */
    conversionRate: number;
    /** carts / impressions (three-step funnel; null without a cart step). */
    cartRate: number | null;
  };
  splits: Record<SplitName, SplitSummary>;
  categories: CategorySummary[];
  /** Click rate at each 1-based position (index 0 = position 1). */
  clickRateByPosition: number[];
  /** Gini index of impressions per item (0 = even exposure; see `giniOfCounts`). */
  exposureGini: number;
  personas: Array<{ persona: Persona; shoppers: number }>;
  sampleShoppers: ShopperCard[];
}

/** A shopper's card: persona, favourite categories, traits and activity in the log. */
export function shopperCard(w: ShopperWorld, u: number): ShopperCard {
  const s = w.shoppers;
  const l = w.log;
  let clicks = 0;
  let purchases = 0;
  for (let r = l.shopperStart[u]; r < l.shopperStart[u + 1]; r++) {
    clicks += l.click[r];
    purchases += l.purchase[r];
  }
  const favs: string[] = [];
  for (let k = 0; k < MAX_FAVOURITES; k++) {
    const c = s.favouriteCategories[u * MAX_FAVOURITES + k];
    if (c >= 0) favs.push(w.catalog.categoryNames[c]);
  }
  return {
    id: u,
    name: s.names[u],
    persona: PERSONAS[s.persona[u]],
    favouriteCategories: favs,
    traits: {
      priceSensitivity: s.priceSensitivity[u],
      qualitySensitivity: s.qualitySensitivity[u],
      noveltySeeking: s.noveltySeeking[u],
      activity: s.activity[u],
      buyingIntent: s.buyingIntent[u],
      brandLoyalty: s.brandLoyalty[u],
    },
    impressions: l.shopperStart[u + 1] - l.shopperStart[u],
    clicks,
    purchases,
    cold: s.cold[u] === 1,
  };
}

/** Up to `count` warm shoppers, each with a different persona where possible, lowest ids first. */
function sampleShopperIds(w: ShopperWorld, count: number): number[] {
  const s = w.shoppers;
  const picked: number[] = [];
  for (let p = 0; p < PERSONAS.length && picked.length < count; p++) {
    for (let u = 0; u < s.numShoppers; u++) {
      if (s.persona[u] === p && !s.cold[u]) {
        picked.push(u);
        break;
      }
    }
  }
  for (let u = 0; u < s.numShoppers && picked.length < count; u++) if (!picked.includes(u)) picked.push(u);
  return picked;
}

export function summarizeWorld(w: ShopperWorld): WorldSummary {
  const { catalog: c, shoppers: s, log: l, config } = w;
  const splits = Object.fromEntries(
    SPLIT_NAMES.map((name) => [name, { impressions: 0, shoppers: 0, clicks: 0, purchases: 0 }]),
  ) as Record<SplitName, SplitSummary>;
  const categories: CategorySummary[] = c.categoryNames.map((name) => ({ name, items: 0, impressions: 0, clicks: 0, purchases: 0, clickRate: Number.NaN }));
  for (let i = 0; i < c.numItems; i++) categories[c.itemCategory[i]].items++;
  const posImpr = new Float64Array(config.itemsPerSession);
  const posClicks = new Float64Array(config.itemsPerSession);
  const itemImpr = new Float64Array(c.numItems);
  const shopperInSplit = new Int32Array(SPLIT_NAMES.length).fill(-1);
  let clicks = 0;
  let purchases = 0;
  for (let r = 0; r < l.size; r++) {
    const sp = splits[SPLIT_NAMES[l.split[r]]];
    const cat = categories[c.itemCategory[l.item[r]]];
    sp.impressions++;
    sp.clicks += l.click[r];
    sp.purchases += l.purchase[r];
    // The log is ordered by shopper, so a shopper is new to a split when the split's last one differs.
    if (shopperInSplit[l.split[r]] !== l.shopper[r]) {
      shopperInSplit[l.split[r]] = l.shopper[r];
      sp.shoppers++;
    }
    cat.impressions++;
    cat.clicks += l.click[r];
    cat.purchases += l.purchase[r];
    posImpr[l.position[r] - 1]++;
    posClicks[l.position[r] - 1] += l.click[r];
    itemImpr[l.item[r]]++;
    clicks += l.click[r];
    purchases += l.purchase[r];
  }
  for (const cat of categories) if (cat.impressions > 0) cat.clickRate = cat.clicks / cat.impressions;
  let coldShoppers = 0;
  let coldItems = 0;
  for (let u = 0; u < s.numShoppers; u++) coldShoppers += s.cold[u];
  for (let i = 0; i < c.numItems; i++) coldItems += c.itemCold[i];
  const personaCounts = new Array<number>(PERSONAS.length).fill(0);
  for (let u = 0; u < s.numShoppers; u++) personaCounts[s.persona[u]]++;

  const carts = l.cart ? l.cart.reduce((a, b) => a + b, 0) : null;
  return {
    hash: hashWorld(w),
    counts: {
      shoppers: s.numShoppers,
      items: c.numItems,
      categories: c.numCategories,
      brands: c.brandNames.length,
      sessions: l.numSessions,
      impressions: l.size,
      clicks,
      purchases,
      carts,
      coldShoppers,
      coldItems,
    },
    rates: {
      clickRate: clicks / l.size,
      purchaseRate: purchases / l.size,
      conversionRate: clicks > 0 ? purchases / clicks : Number.NaN,
      cartRate: carts === null ? null : carts / l.size,
    },
    splits,
    categories,
    clickRateByPosition: Array.from(posImpr, (n, p) => (n > 0 ? posClicks[p] / n : Number.NaN)),
    exposureGini: giniOfCounts(itemImpr),
    personas: PERSONAS.map((persona, k) => ({ persona, shoppers: personaCounts[k] })),
    sampleShoppers: sampleShopperIds(w, 5).map((u) => shopperCard(w, u)),
  };
}
