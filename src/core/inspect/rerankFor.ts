/**
 * One shopper's list before and after re-ranking, for the inspector: the top K by fused score
 * beside the re-ranked top K at the operating point of `ranking`, each item with the model's and
 * the world's probabilities, every move explained (`explainRerank`), and both lists' metrics —
 * diversity, novelty, calibration KL and the closed-form online outcome (expected clicks,
 * purchases and revenue in one session, position bias included).
 */
import { trainClickCounts } from '../eval/ranking';
import type { TrainedModel } from '../experiment/trained';
import { calibrationKl, intraListDiversity, novelty } from '../metrics';
import { expectedOutcome, type Outcome } from '../online/simulate';
import { candidatesFor, checkKnobs, checkListSize, fusionOf, historyCategories, rerankCandidates } from '../rerank/apply';
import { KNOBS, operatingKnob, type RankingConfig, type RerankMethod } from '../rerank/config';
import { explainRerank, type Move } from '../rerank/explain';
import type { FusionWeights } from '../rerank/fusion';
import { RerankError } from '../rerank/rerankers';
import { itemVectorList, ResponseModel } from '../world';
import { itemCard, type ItemCard } from './recommend';

export interface ListedItem extends ItemCard {
  position: number;
  /** Model P(click | impression) and P(purchase | impression). */
  predicted: [number, number];
  /** World truth at this position: P(click) and P(purchase). */
  truth: [number, number];
}

export interface ListSummary {
  items: ListedItem[];
  /** Intra-list diversity: mean pairwise cosine distance of attribute vectors. */
  diversity: number;
  /** Mean −log2 share of training clicks (see `novelty`). */
  novelty: number;
  /** KL(history categories ‖ list categories), smoothed; NaN without history. */
  calibrationKl: number;
  /** Closed-form expected outcome of one session showing this list. */
  online: Outcome;
}

export interface RerankComparison {
  shopper: number;
  method: RerankMethod;
  symbol: string;
  knob: number;
  k: number;
  fusion: FusionWeights;
  original: ListSummary;
  reranked: ListSummary;
  /** One per re-ranked item (in its order), then one per original item left out. */
  moves: Move[];
}

export async function rerankFor(model: TrainedModel, u: number, ranking: RankingConfig, k: number): Promise<RerankComparison> {
  const world = model.world;
  if (!world) throw new RerankError('The inspector needs a model of the shopper world.');
  const S = world.shoppers.numShoppers;
  if (!Number.isInteger(u) || u < 0 || u >= S) throw new RerankError(`Shopper ${u} does not exist: this world has shoppers 0 to ${S - 1}.`);
  const M = checkListSize(world, k, ranking.candidates);
  const knob = operatingKnob(ranking);
  checkKnobs(ranking.method, [knob]);
  const [c] = await candidatesFor(model, [u], ranking, M);
  const vectors = itemVectorList(world.catalog);
  const history = historyCategories(world)[u];
  const reranked = rerankCandidates(world, c, ranking.method, knob, k, vectors, history);
  const original = c.items.slice(0, k);
  const truth = new ResponseModel(world);
  const counts = trainClickCounts(world);
  const { catalog } = world;
  const at = new Map(c.items.map((item, p) => [item, p]));
  const summary = (list: number[]): ListSummary => ({
    items: list.map((i, p) => {
      const pc = truth.clickProb(u, i, p + 1);
      const m = at.get(i) ?? 0;
      return { ...itemCard(world, i), position: p + 1, predicted: [c.pClick[m], c.pPurchase[m]], truth: [pc, pc * truth.purchaseGivenClickProb(u, i)] };
    }),
    diversity: intraListDiversity(list, vectors),
    novelty: novelty([list], counts),
    calibrationKl: history.length ? calibrationKl(history, list.map((i) => catalog.itemCategory[i]), catalog.numCategories) : Number.NaN,
    online: expectedOutcome(world, u, list, truth),
  });
  const moves = explainRerank({
    method: ranking.method,
    knob,
    k,
    candidates: c.items,
    relevance: c.relevance,
    reranked,
    vectors,
    itemCategory: catalog.itemCategory,
    categoryNames: catalog.categoryNames,
    history,
    describe: (i) => `#${reranked.indexOf(i) + 1} (${catalog.categoryNames[catalog.itemCategory[i]]} · ${catalog.brandNames[catalog.itemBrand[i]]})`,
  });
  return { shopper: u, method: ranking.method, symbol: KNOBS[ranking.method].symbol, knob, k, fusion: fusionOf(ranking), original: summary(original), reranked: summary(reranked), moves };
}
