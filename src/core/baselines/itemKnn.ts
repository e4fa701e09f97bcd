/**
 * Item-based nearest neighbours on co-clicks (Sarwar et al., WWW 2001; Linden et al., 2003): two
 * items are similar when the same shoppers clicked both, by the cosine of their binary click
 * columns,
 *
 *   sim(i, j) = |U_i ∩ U_j| / √(|U_i|·|U_j|),   U_i = the shoppers who clicked i in train,
 *
 * and a shopper's score for item j is Σ_{i in their train clicks} sim(i, j), over each item's
 * `neighbours` most similar items (sim(i, i) is not counted). Kept sparse: only co-clicked pairs
 * exist, so a 100,000-item catalogue costs what its clicks cost.
 */
import { topK } from '../metrics/argsort';
import type { ClickMatrix } from './interactions';

export interface ItemNeighbours {
  items: number;
  /** Item i's neighbours are neighbour[start[i] .. start[i + 1]), most similar first, similarities in sim. */
  start: Int32Array;
  neighbour: Int32Array;
  sim: Float32Array;
}

/** The `neighbours` most similar items of every item (ties by lower item id). */
export function itemNeighbours(m: ClickMatrix, neighbours: number): ItemNeighbours {
  if (!(Number.isInteger(neighbours) && neighbours >= 1)) throw new Error(`item-kNN needs at least one neighbour, got ${neighbours}`);
  const I = m.items;
  const shoppersOf = (i: number) => m.colStart[i + 1] - m.colStart[i];
  const co = new Float64Array(I);
  const touched: number[] = [];
  const start = new Int32Array(I + 1);
  const lists: number[][] = [];
  const listSims: number[][] = [];
  for (let i = 0; i < I; i++) {
    touched.length = 0;
    for (let e = m.colStart[i]; e < m.colStart[i + 1]; e++) {
      const u = m.colShoppers[e];
      for (let g = m.rowStart[u]; g < m.rowStart[u + 1]; g++) {
        const j = m.rowItems[g];
        if (j === i) continue;
        if (co[j] === 0) touched.push(j);
        co[j]++;
      }
    }
    // The co-clicked items by id, their similarities, and the most similar first (topK: ties by
    // lower position, so by lower id) — a selection over the co-clicked items, not the catalogue.
    touched.sort((a, b) => a - b);
    const vals = Float64Array.from(touched, (j) => co[j] / Math.sqrt(shoppersOf(i) * shoppersOf(j)));
    const best = topK(vals, 0, touched.length, Math.min(neighbours, touched.length));
    const top = best.map((x) => touched[x]);
    lists.push(top);
    listSims.push(best.map((x) => vals[x]));
    for (const j of touched) co[j] = 0;
    start[i + 1] = start[i] + top.length;
  }
  const neighbour = new Int32Array(start[I]);
  const sim = new Float32Array(start[I]);
  for (let i = 0; i < I; i++) {
    const row = lists[i];
    for (let k = 0; k < row.length; k++) {
      neighbour[start[i] + k] = row[k];
      sim[start[i] + k] = listSims[i][k];
    }
  }
  return { items: I, start, neighbour, sim };
}

/** Shopper u's score for every item: Σ over u's clicked items of their neighbours' similarities (written into `out`). */
export function knnScores(m: ClickMatrix, nn: ItemNeighbours, u: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let g = m.rowStart[u]; g < m.rowStart[u + 1]; g++) {
    const i = m.rowItems[g];
    for (let e = nn.start[i]; e < nn.start[i + 1]; e++) out[nn.neighbour[e]] += nn.sim[e];
  }
  return out;
}
