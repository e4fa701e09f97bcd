/**
 * What one shopper gets from a trained model: the top K of the whole catalogue, each item with the
 * model's predicted probabilities beside the world's true ones, and list-level metrics. Plain data
 * for the inspector; the UI only renders it.
 */
import { referenceLists, REFERENCE_POLICIES, type ReferencePolicy } from '../baselines';
import { calibrationKl, intraListDiversity, novelty } from '../metrics';
import { catalogPairs, trainClickCounts } from '../eval/ranking';
import type { TrainedModel } from '../experiment/trained';
import { itemVectorList, ResponseModel, shopperCard, SPLIT, type ShopperCard, type ShopperWorld } from '../world';

/** One recommended (or historical) item with its display attributes. */
export interface ItemCard {
  item: number;
  category: string;
  brand: string;
  price: number;
  cold: boolean;
}

export interface RecommendedItem extends ItemCard {
  /** 1-based rank in the list. */
  position: number;
  /** The ranking score: predicted P(purchase | impression). */
  score: number;
  /** Model predictions per task (click: P(click | impression), purchase: P(purchase | impression)). */
  predicted: number[];
  /**
   * World truth at this position, per task in `tasks`' order: P(click), P(purchase) = P(click) ·
   * P(purchase | click), P(cart) = P(click) · P(cart | click) (three-step funnel); NaN for a task the
   * world has no probability for (the interest head).
   */
  truth: number[];
}

export interface HistoryItem extends ItemCard {
  purchased: boolean;
}

export interface Recommendations {
  shopper: ShopperCard;
  /** Whether the model saw this shopper in training (cold shoppers use the shared unknown row). */
  knownToModel: boolean;
  /** The most recent training clicks (up to 8), newest first. */
  history: HistoryItem[];
  k: number;
  /** Task names, in the order of `predicted` and `truth`. */
  tasks: string[];
  items: RecommendedItem[];
  /**
   * What each reference baseline but random (`REFERENCE_POLICIES`) would show this shopper: its top
   * K, how many of the model's K items it also lists, and its mean true P(purchase) at those
   * positions (the same truth as the model's `metrics.truePurchase`).
   */
  references: Array<{ policy: ReferencePolicy; items: ItemCard[]; shared: number; truePurchase: number }>;
  metrics: {
    /** Intra-list diversity: mean pairwise cosine distance of the items' attribute vectors. */
    diversity: number;
    /** Novelty: mean −log2 of the items' share of training clicks (see `novelty`). */
    novelty: number;
    /** KL(history categories ‖ list categories), smoothed; NaN without history (see `calibrationKl`). */
    calibrationKl: number;
    /** Mean true P(purchase) over the list: what the shopper would really buy. */
    truePurchase: number;
  };
}

export function itemCard(world: ShopperWorld, i: number): ItemCard {
  const c = world.catalog;
  return {
    item: i,
    category: c.categoryNames[c.itemCategory[i]],
    brand: c.brandNames[c.itemBrand[i]],
    price: c.itemPrice[i],
    cold: c.itemCold[i] === 1,
  };
}

/** Ranks the whole catalogue for shopper `u` by predicted P(purchase) and describes the top `k`. */
export async function recommendFor(model: TrainedModel, u: number, k: number): Promise<Recommendations> {
  const world = model.world;
  if (!world || !model.encoder) throw new Error('The inspector needs a model of the shopper world.');
  const S = world.shoppers.numShoppers;
  if (!Number.isInteger(u) || u < 0 || u >= S) throw new Error(`Shopper ${u} does not exist: this world has shoppers 0 to ${S - 1}.`);
  const I = world.catalog.numItems;
  if (!Number.isInteger(k) || k < 1) throw new Error(`K must be a positive integer, got ${k}.`);
  const K = Math.min(k, I);
  const pairs = catalogPairs([u], I);
  const preds = await model.predictPairs(pairs.shopper, pairs.item);
  const score = preds[1];
  const order = Array.from({ length: I }, (_, i) => i).sort((a, b) => score[b] - score[a] || a - b);
  const list = order.slice(0, K);
  const truth = new ResponseModel(world);
  const items: RecommendedItem[] = list.map((i, p) => {
    const pc = truth.clickProb(u, i, p + 1);
    const byTask: Record<string, number> = { click: pc, purchase: pc * truth.purchaseGivenClickProb(u, i), cart: pc * truth.cartGivenClickProb(u, i) };
    return {
      ...itemCard(world, i),
      position: p + 1,
      score: score[i],
      predicted: preds.map((t) => t[i]),
      truth: model.tasks.map((t) => byTask[t.name] ?? Number.NaN),
    };
  });

  const { log, catalog } = world;
  const history: HistoryItem[] = [];
  const historyCategories: number[] = [];
  for (let r = log.shopperStart[u + 1] - 1; r >= log.shopperStart[u]; r--) {
    if (log.split[r] !== SPLIT.train || !log.click[r]) continue;
    historyCategories.push(catalog.itemCategory[log.item[r]]);
    if (history.length < 8) history.push({ ...itemCard(world, log.item[r]), purchased: log.purchase[r] === 1 });
  }
  const vectors = itemVectorList(catalog);
  const truePurchaseOf = (l: number[]) => l.reduce((sum, i, p) => sum + truth.clickProb(u, i, p + 1) * truth.purchaseGivenClickProb(u, i), 0) / l.length;
  const references = REFERENCE_POLICIES.filter((p) => p !== 'random').map((policy) => {
    const l = referenceLists(policy, { world, shoppers: [u], k: K, seed: world.config.seed })[0];
    return { policy, items: l.map((i) => itemCard(world, i)), shared: l.filter((i) => list.includes(i)).length, truePurchase: truePurchaseOf(l) };
  });
  return {
    shopper: shopperCard(world, u),
    knownToModel: model.encoder.shopperIndex[u] > 0,
    history,
    k: K,
    tasks: model.tasks.map((t) => t.name),
    items,
    references,
    metrics: {
      diversity: intraListDiversity(list, vectors),
      novelty: novelty([list], trainClickCounts(world)),
      calibrationKl: historyCategories.length
        ? calibrationKl(historyCategories, list.map((i) => catalog.itemCategory[i]), catalog.numCategories)
        : Number.NaN,
      truePurchase: items.reduce((s, it) => s + it.truth[1], 0) / K,
    },
  };
}
