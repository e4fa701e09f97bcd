/**
 * The ranking pipeline shared by the trade-off curves and the inspector: fuse the model's heads into
 * one score per item, keep the top M as candidates, normalise their relevance to [0, 1] and hand
 * them to the chosen re-ranker at one knob value.
 */
import { catalogPairs } from '../eval/ranking';
import type { TrainedModel } from '../experiment/trained';
import type { ItemVectors } from '../metrics';
import { SPLIT, type ShopperWorld } from '../world';
import { KNOBS, normaliseRelevance, type RankingConfig, type RerankMethod } from './config';
import { fuseScores, type FusionWeights } from './fusion';
import { calibrated, categoryCap, dppGreedy, mmr, relevanceOrder, RerankError } from './rerankers';

export function fusionOf(r: RankingConfig): FusionWeights {
  return { a: r.fusionClick, b: r.fusionPurchase, c: r.fusionPrice };
}

/** One shopper's candidates: item ids best first by fused score, with their scores. */
export interface Candidates {
  shopper: number;
  /** Item ids, best first by fused score (the un-re-ranked order). */
  items: number[];
  /** Fused score min–max scaled to [0, 1] over the candidates: what the re-rankers read. */
  relevance: Float64Array;
  /** Model predictions for the candidates: P(click | impression) and P(purchase | impression). */
  pClick: Float64Array;
  pPurchase: Float64Array;
}

/** Checks K against the catalogue and the candidate count, with a message a person can act on. */
export function checkListSize(world: ShopperWorld, k: number, candidates: number): number {
  const I = world.catalog.numItems;
  if (!Number.isInteger(k) || k < 1) throw new RerankError(`K must be a positive whole number, got ${k}.`);
  if (k > I) throw new RerankError(`K (${k}) is larger than the catalogue (${I} items); lower K to at most ${I}.`);
  if (!Number.isInteger(candidates) || candidates < 1) throw new RerankError(`The candidate set is empty: candidates M must be at least 1, got ${candidates}.`);
  const M = Math.min(candidates, I);
  if (M < k) throw new RerankError(`The re-ranker needs at least K (${k}) candidates, but M is ${M}; raise M or lower K.`);
  return M;
}

/** Scores the whole catalogue for each shopper and keeps the top `m` by fused score. */
export async function candidatesFor(model: TrainedModel, shoppers: number[], ranking: RankingConfig, m: number, onShopper?: (done: number) => Promise<void> | void): Promise<Candidates[]> {
  const world = model.world;
  if (!world) throw new RerankError('Ranking needs a model of the shopper world.');
  const I = world.catalog.numItems;
  const fusion = fusionOf(ranking);
  const out: Candidates[] = [];
  const CHUNK = 16;
  for (let c = 0; c < shoppers.length; c += CHUNK) {
    const part = shoppers.slice(c, c + CHUNK);
    const pairs = catalogPairs(part, I);
    const [pc, pp] = await model.predictPairs(pairs.shopper, pairs.item);
    part.forEach((u, j) => {
      const click = pc.subarray(j * I, (j + 1) * I);
      const buy = pp.subarray(j * I, (j + 1) * I);
      const fused = fuseScores(click, buy, world.catalog.itemPrice, fusion);
      const items = relevanceOrder(fused).slice(0, m);
      out.push({
        shopper: u,
        items,
        relevance: normaliseRelevance(Float64Array.from(items, (i) => fused[i])),
        pClick: Float64Array.from(items, (i) => click[i]),
        pPurchase: Float64Array.from(items, (i) => buy[i]),
      });
    });
    await onShopper?.(Math.min(c + CHUNK, shoppers.length));
  }
  return out;
}

const historyCache = new WeakMap<ShopperWorld, number[][]>();

/**
 * Training-split click categories per shopper: the history calibrated re-ranking matches. One pass
 * over the log per world (cached: the inspector asks again for every shopper; do not modify).
 */
export function historyCategories(world: ShopperWorld): number[][] {
  let history = historyCache.get(world);
  if (!history) {
    const { log, catalog } = world;
    history = Array.from({ length: world.shoppers.numShoppers }, () => []);
    for (let r = 0; r < log.size; r++) {
      if (log.split[r] === SPLIT.train && log.click[r]) history[log.shopper[r]].push(catalog.itemCategory[log.item[r]]);
    }
    historyCache.set(world, history);
  }
  return history;
}

/**
 * Re-ranks one shopper's candidates with `method` at `knob`; returns item ids, best first. The
 * DPP can pick at most rank(S) items — the attribute vectors' dimension — before every remaining
 * gain in log det is zero, so a DPP list shorter than K is filled in relevance order. A category
 * cap with too few categories stays short (filling it would break the cap).
 */
export function rerankCandidates(
  world: ShopperWorld,
  c: Candidates,
  method: RerankMethod,
  knob: number,
  k: number,
  vectors: ItemVectors,
  history: number[],
): number[] {
  const vec = c.items.map((i) => vectors[i]);
  const cats = Int32Array.from(c.items, (i) => world.catalog.itemCategory[i]);
  const rel = c.relevance;
  let picked =
    method === 'mmr'
      ? mmr(rel, vec, k, knob)
      : method === 'dpp'
        ? dppGreedy(rel, vec, k, knob)
        : method === 'calibrated'
          ? calibrated(rel, cats, history, world.catalog.numCategories, k, knob)
          : categoryCap(rel, cats, k, knob);
  if (method === 'dpp' && picked.length < k) {
    const taken = new Set(picked);
    picked = [...picked, ...relevanceOrder(rel).filter((m) => !taken.has(m)).slice(0, k - picked.length)];
  }
  return picked.map((m) => c.items[m]);
}

/** Checks every knob value against its method's range before any work starts. */
export function checkKnobs(method: RerankMethod, knobs: number[]): void {
  if (knobs.length === 0) throw new RerankError('Give at least one knob value.');
  const { symbol } = KNOBS[method];
  for (const v of knobs) {
    const ok = method === 'cap' ? Number.isInteger(v) && v >= 1 : method === 'dpp' ? v >= 0 && v < 1 : v >= 0 && v <= 1;
    if (!ok) {
      throw new RerankError(
        method === 'cap'
          ? `The per-category cap must be a whole number of at least 1, got ${v}.`
          : `${method === 'dpp' ? 'DPP' : method === 'mmr' ? 'MMR' : 'Calibration'} ${symbol} must lie in [0, 1${method === 'dpp' ? ')' : ']'}, got ${v}.`,
      );
    }
  }
}
