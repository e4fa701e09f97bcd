/**
 * Who does a model serve badly? The learned shopper embeddings on a map (PCA to two dimensions),
 * shoppers grouped by persona (the world's own label) and by K-means segment of their embeddings
 * (k-means++, seeded), and per group the model's test GAUC for purchases, the true P(buy)@K of its
 * whole-catalogue lists, their NDCG@K on the test log and the share of the catalogue they cover.
 * Cold-start shoppers all share the model's "unknown" embedding, so they sit on one point and
 * usually form a segment of their own. Plain data for the page; computed in the worker.
 */
import { judgeLists, pickShoppers, RANKING_CHUNK_PAIRS, trainClickCounts, type JudgeContext } from '../eval/ranking';
import type { TrainedModel } from '../experiment/trained';
import { encodePairs } from '../features';
import { gauc } from '../metrics';
import { topK } from '../metrics/argsort';
import { kmeans } from '../segments/kmeans';
import { pca } from '../segments/pca';
import { itemVectorList, PERSONAS, ResponseModel, SPLIT } from '../world';

export interface SegmentPoint {
  shopper: number;
  x: number;
  y: number;
  persona: number;
  segment: number;
  cold: boolean;
}

export interface SegmentRow {
  /** Persona index or segment index. */
  group: number;
  label: string;
  shoppers: number;
  /** Cold-start shoppers among them (never seen in training). */
  cold: number;
  /** Their test shoppers whose whole-catalogue list was judged. */
  ranked: number;
  /** Purchase GAUC over the group's test impressions; null when no shopper has both classes. */
  gauc: number | null;
  /** Mean true P(purchase) per listed item of the model's top K (the world's truth). */
  truePurchase: number;
  /** NDCG@K of those lists against the shoppers' test clicks (purchases count double). */
  ndcg: number;
  /** Distinct items in the group's lists ÷ the catalogue. */
  coverage: number;
}

export interface SegmentReport {
  k: number;
  /** Top-K length of the judged lists. */
  listLength: number;
  points: SegmentPoint[];
  /** Share of the embeddings' variance along the map's two axes. */
  explained: number[];
  byPersona: SegmentRow[];
  bySegment: SegmentRow[];
  /** Warm shoppers (seen in training) and cold-start ones (never seen): group 0 warm, 1 cold start. */
  byHistory: SegmentRow[];
}

/** The learned embedding of every shopper of the world (cold shoppers: the shared unknown row), row-major [S, dim]. */
export async function shopperEmbeddings(model: TrainedModel): Promise<{ rows: Float32Array; dim: number }> {
  const { world, encoder, net } = model;
  if (!world || !encoder) throw new Error('Segments need a model of the shopper world.');
  const table = net.embeddingTables()[0];
  if (!table) throw new Error('This model has no embeddings to map.');
  const values = (await net.params.get(table).data()) as Float32Array;
  const dim = net.spec.embeddingDim;
  // The shopper input comes first in the combined table (see encodePairs), so its rows start at 0.
  const S = world.shoppers.numShoppers;
  const rows = new Float32Array(S * dim);
  for (let u = 0; u < S; u++) rows.set(values.subarray(encoder.shopperIndex[u] * dim, (encoder.shopperIndex[u] + 1) * dim), u * dim);
  return { rows, dim };
}

/**
 * The map, the K-means segments and the per-group results of `model`.
 * @param k segments (1 to the number of shoppers)
 * @param options.listLength K of the judged lists; options.maxShoppers how many test shoppers are ranked; options.seed seeds k-means++ and the shopper sample
 */
export async function segmentReport(model: TrainedModel, k: number, options: { listLength: number; maxShoppers: number; seed: number }): Promise<SegmentReport> {
  const { world, encoder } = model;
  if (!world || !encoder) throw new Error('Segments need a model of the shopper world.');
  const S = world.shoppers.numShoppers;
  if (!(Number.isInteger(k) && k >= 1 && k <= S)) throw new Error(`Segments: K must be an integer from 1 to the ${S} shoppers, got ${k}.`);
  const { rows, dim } = await shopperEmbeddings(model);
  const map = pca(rows, S, dim, 2);
  const clusters = kmeans(rows, S, dim, k, options.seed);
  const persona = world.shoppers.persona;
  const cold = (u: number) => encoder.shopperIndex[u] === 0;
  const points: SegmentPoint[] = Array.from({ length: S }, (_, u) => ({
    shopper: u,
    x: map.coordinates[u * 2],
    y: map.coordinates[u * 2 + 1] ?? 0,
    persona: persona[u],
    segment: clusters.assignment[u],
    cold: cold(u),
  }));

  // Test impressions scored once, at their logged positions, for the purchase GAUC per group.
  const { log } = world;
  const testRows: number[] = [];
  for (let r = 0; r < log.size; r++) if (log.split[r] === SPLIT.test) testRows.push(r);
  const shopper = Int32Array.from(testRows, (r) => log.shopper[r]);
  const item = Int32Array.from(testRows, (r) => log.item[r]);
  const inputs = encodePairs(world, encoder, shopper, item);
  inputs.position = Int32Array.from(testRows, (r) => log.position[r]);
  const purchase = (await model.predictEncoded({ size: testRows.length, ...inputs, split: new Uint8Array(testRows.length), group: shopper }))[1];
  const bought = Float32Array.from(testRows, (r) => log.purchase[r]);

  // Whole-catalogue lists of the ranked test shoppers, as the evaluation ranks them.
  const ranked = pickShoppers(world, options.maxShoppers, options.seed);
  const I = world.catalog.numItems;
  const K = Math.min(options.listLength, I);
  const lists = new Map<number, number[]>();
  const CHUNK = Math.max(1, Math.floor(RANKING_CHUNK_PAIRS / I));
  for (let c = 0; c < ranked.length; c += CHUNK) {
    const part = ranked.slice(c, c + CHUNK);
    const scores = await model.scoreCatalog(part, 1);
    part.forEach((u, j) => lists.set(u, topK(scores, j * I, I, K)));
  }
  const shared = { world, k: K, truth: new ResponseModel(world), vectors: itemVectorList(world.catalog), itemCounts: trainClickCounts(world) };
  const context = (shoppers: number[]): JudgeContext => ({ ...shared, shoppers });

  const rowsOf = (groupOf: (u: number) => number, labels: string[]): SegmentRow[] =>
    labels.map((label, g) => {
      const members: number[] = [];
      for (let u = 0; u < S; u++) if (groupOf(u) === g) members.push(u);
      const inGroup = new Set(members);
      const idx = testRows.flatMap((_, j) => (inGroup.has(shopper[j]) ? [j] : []));
      const gv = idx.length ? gauc(idx.map((j) => shopper[j]), idx.map((j) => bought[j]), idx.map((j) => purchase[j])) : null;
      const judged = ranked.filter((u) => inGroup.has(u));
      const judgement = judged.length ? judgeLists(context(judged), 'model', judged.map((u) => lists.get(u)!)) : null;
      return {
        group: g,
        label,
        shoppers: members.length,
        cold: members.filter(cold).length,
        ranked: judged.length,
        gauc: gv && gv.groupsUsed > 0 ? gv.value : null,
        truePurchase: judgement?.truePurchase.value ?? Number.NaN,
        ndcg: judgement?.ndcg.value ?? Number.NaN,
        coverage: judgement?.coverage ?? Number.NaN,
      };
    });
  return {
    k,
    listLength: K,
    points,
    explained: map.explained,
    byPersona: rowsOf((u) => persona[u], [...PERSONAS]),
    bySegment: rowsOf((u) => clusters.assignment[u], Array.from({ length: k }, (_, g) => `segment ${g + 1}`)),
    byHistory: rowsOf((u) => (cold(u) ? 1 : 0), ['warm (seen in training)', 'cold start (never seen)']),
  };
}
