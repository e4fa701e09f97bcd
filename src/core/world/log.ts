/**
 * The impression log: a logging policy shows each shopper lists of items in sessions, and the response
 * model (truth.ts) decides clicks and purchases. Everything is held in typed arrays, one entry per
 * impression, ordered by shopper, then session (time), then position: no object per impression.
 */
import { Rng } from '../random';
import type { Catalog } from './catalog';
import type { ShopperWorldConfig } from './config';
import type { Shoppers } from './shoppers';
import { ResponseModel, sigmoid } from './truth';

/** Split codes stored in `ImpressionLog.split`. */
export const SPLIT = { train: 0, validation: 1, test: 2 } as const;
export type SplitName = keyof typeof SPLIT;
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

/** Minimum sessions per shopper: at least one each for train, validation and test. */
export const MIN_SESSIONS = 3;
/** Noise on the logging policy's ranking score (its personalisation is imperfect). */
const POLICY_NOISE = 1.0;
/** Rejection-sampling attempts before a slot falls back to a linear scan for an allowed item. */
const MAX_TRIES = 64;

export interface ImpressionLog {
  /** Number of impressions. */
  size: number;
  /** Number of sessions. */
  numSessions: number;
  /** Shopper id of each impression. */
  shopper: Int32Array;
  /** Item id of each impression. */
  item: Int32Array;
  /** Global session id of each impression (sessions are numbered in time order per shopper). */
  session: Int32Array;
  /** Index of the impression's session among its shopper's sessions (0 = earliest). */
  sessionIndex: Uint16Array;
  /** 1-based position in the session's list. */
  position: Uint8Array;
  /** Split code (SPLIT): per shopper by time; cold-start shoppers are test only. */
  split: Uint8Array;
  /** 1 when clicked. */
  click: Uint8Array;
  /** 1 when purchased; only ever 1 on clicked impressions (the funnel ESMM models), and on carted ones with the cart step. */
  purchase: Uint8Array;
  /** Three-step funnel only: 1 when added to the cart; only ever 1 on clicked impressions. */
  cart?: Uint8Array;
  /** Three-step funnel only: the true P(cart | click) the cart label was drawn from (with the impression's noise). */
  pCartGivenClick?: Float32Array;
  /** True click probability the click label was drawn from (includes the impression's noise). */
  pClick: Float32Array;
  /**
   * True purchase-given-click probability the purchase was drawn from (includes the impression's
   * noise); kept for every impression, clicked or not, so the whole-space truth is known. With the
   * cart step it is the path's product P(cart | click)·P(purchase | cart).
   */
  pPurchaseGivenClick: Float32Array;
  /** Number of sessions of each shopper. */
  sessionsOfShopper: Int32Array;
  /** Impressions of shopper u are [shopperStart[u], shopperStart[u + 1]). */
  shopperStart: Int32Array;
}

/**
 * Shares `numShoppers × sessionsPerShopper` sessions out in proportion to activity, at least
 * MIN_SESSIONS each, by largest remainder, so the total is exact and deterministic.
 */
export function allocateSessions(activity: Float32Array, sessionsPerShopper: number): Int32Array {
  const S = activity.length;
  const out = new Int32Array(S).fill(MIN_SESSIONS);
  const extra = S * (sessionsPerShopper - MIN_SESSIONS);
  if (extra === 0) return out;
  let total = 0;
  for (let u = 0; u < S; u++) total += activity[u];
  const remainders = new Float64Array(S);
  let given = 0;
  for (let u = 0; u < S; u++) {
    const share = (extra * activity[u]) / total;
    const whole = Math.floor(share);
    out[u] += whole;
    given += whole;
    remainders[u] = share - whole;
  }
  const order = Array.from({ length: S }, (_, u) => u).sort((a, b) => remainders[b] - remainders[a] || a - b);
  for (let r = 0; r < extra - given; r++) out[order[r]]++;
  return out;
}

/** First index j in [from, to) with cdf[j] > x (cdf ascending); `to − 1` if none. */
function searchCdf(cdf: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Cumulative popularity over all items, and per category over that category's items. */
function buildSamplers(catalog: Catalog) {
  const n = catalog.numItems;
  const C = catalog.numCategories;
  const globalCdf = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) globalCdf[i] = acc += catalog.itemPopularity[i];
  const catStart = new Int32Array(C + 1);
  for (let i = 0; i < n; i++) catStart[catalog.itemCategory[i] + 1]++;
  for (let c = 0; c < C; c++) catStart[c + 1] += catStart[c];
  const catItems = new Int32Array(n);
  const fill = catStart.slice(0, C);
  for (let i = 0; i < n; i++) catItems[fill[catalog.itemCategory[i]]++] = i;
  const catCdf = new Float64Array(n);
  for (let c = 0; c < C; c++) {
    let a = 0;
    for (let j = catStart[c]; j < catStart[c + 1]; j++) catCdf[j] = a += catalog.itemPopularity[catItems[j]];
  }
  return { globalCdf, catStart, catItems, catCdf };
}

export function generateLog(
  config: ShopperWorldConfig,
  catalog: Catalog,
  shoppers: Shoppers,
  onProgress?: (fraction: number) => void,
): ImpressionLog {
  const rng = Rng.stream(config.seed, 'log');
  const truth = new ResponseModel({ config, catalog, shoppers });
  const S = shoppers.numShoppers;
  const C = catalog.numCategories;
  const L = config.itemsPerSession;
  const sessionsOfShopper = allocateSessions(shoppers.activity, config.sessionsPerShopper);
  let numSessions = 0;
  for (let u = 0; u < S; u++) numSessions += sessionsOfShopper[u];
  const size = numSessions * L;
  const log: ImpressionLog = {
    size,
    numSessions,
    shopper: new Int32Array(size),
    item: new Int32Array(size),
    session: new Int32Array(size),
    sessionIndex: new Uint16Array(size),
    position: new Uint8Array(size),
    split: new Uint8Array(size),
    click: new Uint8Array(size),
    purchase: new Uint8Array(size),
    pClick: new Float32Array(size),
    pPurchaseGivenClick: new Float32Array(size),
    sessionsOfShopper,
    shopperStart: new Int32Array(S + 1),
  };
  const hasCart = truth.hasCart;
  const cart = hasCart ? new Uint8Array(size) : undefined;
  const pCart = hasCart ? new Float32Array(size) : undefined;
  if (cart && pCart) {
    log.cart = cart;
    log.pCartGivenClick = pCart;
  }
  const { globalCdf, catStart, catItems, catCdf } = buildSamplers(catalog);
  const n = catalog.numItems;
  const popTerm = truth.popTerm;
  const lastSession = new Int32Array(n).fill(-1); // marks items already in the current session
  const catCdfOfShopper = new Float64Array(C);
  const slotItem = new Int32Array(L);
  const slotScore = new Float64Array(L);
  const slotAff = new Float64Array(L);
  const order = new Int32Array(L);
  const noise = config.labelNoise;
  const progressEvery = Math.max(1, Math.floor(S / 50));

  let row = 0;
  let sessionId = 0;
  for (let u = 0; u < S; u++) {
    log.shopperStart[u] = row;
    let a = 0;
    for (let c = 0; c < C; c++) catCdfOfShopper[c] = a += shoppers.categoryPreference[u * C + c];
    const nSessions = sessionsOfShopper[u];
    for (let t = 0; t < nSessions; t++, sessionId++) {
      const split = shoppers.cold[u] || t === nSessions - 1 ? SPLIT.test : t === nSessions - 2 ? SPLIT.validation : SPLIT.train;
      const allowCold = split === SPLIT.test;
      for (let k = 0; k < L; k++) {
        let item = -1;
        for (let tries = 0; tries < MAX_TRIES && item < 0; tries++) {
          let cand: number;
          if (rng.fastFloat() < config.policyPersonalization) {
            const c = searchCdf(catCdfOfShopper, 0, C, rng.fastFloat() * catCdfOfShopper[C - 1]);
            const j = searchCdf(catCdf, catStart[c], catStart[c + 1], rng.fastFloat() * catCdf[catStart[c + 1] - 1]);
            cand = catItems[j];
          } else {
            cand = searchCdf(globalCdf, 0, n, rng.fastFloat() * globalCdf[n - 1]);
          }
          if (lastSession[cand] !== sessionId && (allowCold || !catalog.itemCold[cand])) item = cand;
        }
        if (item < 0) {
          // Rare (tiny catalogues, long sessions): take the next allowed unused item.
          const start = rng.int(n);
          for (let j = 0; j < n && item < 0; j++) {
            const cand = (start + j) % n;
            if (lastSession[cand] !== sessionId && (allowCold || !catalog.itemCold[cand])) item = cand;
          }
        }
        lastSession[item] = sessionId;
        slotItem[k] = item;
        slotAff[k] = truth.affinity(u, item);
        slotScore[k] = slotAff[k] + popTerm[item] + POLICY_NOISE * rng.normal();
        order[k] = k;
      }
      // The policy shows its best-scored picks first: position confounds with relevance, as in real logs.
      order.sort((x, y) => slotScore[y] - slotScore[x] || x - y);
      for (let p = 0; p < L; p++, row++) {
        const k = order[p];
        const item = slotItem[k];
        const pc = sigmoid(truth.clickLogit(u, item, p + 1, slotAff[k]) + noise * rng.normal());
        let pp: number;
        let clicked: number;
        let bought: number;
        if (cart && pCart) {
          // click → cart → checkout: every draw always made (fixed stream layout); a step happens
          // only when the one before it did, so the funnel is consistent by construction.
          const pk = sigmoid(truth.cartLogit(u, item, slotAff[k]) + noise * rng.normal());
          const pb = sigmoid(truth.checkoutLogit(u, item) + noise * rng.normal());
          clicked = rng.fastFloat() < pc ? 1 : 0;
          const carted = rng.fastFloat() < pk ? clicked : 0;
          bought = rng.fastFloat() < pb ? carted : 0;
          cart[row] = carted;
          pCart[row] = pk;
          pp = pk * pb;
        } else {
          pp = sigmoid(truth.purchaseLogit(u, item, slotAff[k]) + noise * rng.normal());
          clicked = rng.fastFloat() < pc ? 1 : 0;
          bought = rng.fastFloat() < pp ? clicked : 0; // both draws always made: fixed stream layout
        }
        log.shopper[row] = u;
        log.item[row] = item;
        log.session[row] = sessionId;
        log.sessionIndex[row] = t;
        log.position[row] = p + 1;
        log.split[row] = split;
        log.click[row] = clicked;
        log.purchase[row] = bought;
        log.pClick[row] = pc;
        log.pPurchaseGivenClick[row] = pp;
      }
    }
    if (onProgress && (u + 1) % progressEvery === 0) onProgress((u + 1) / S);
  }
  log.shopperStart[S] = row;
  onProgress?.(1);
  return log;
}
