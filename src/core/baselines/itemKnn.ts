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
  const lists: Array<Array<[number, number]>> = [];
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
    const row: Array<[number, number]> = touched.map((j) => [j, co[j] / Math.sqrt(shoppersOf(i) * shoppersOf(j))]);
    for (const j of touched) co[j] = 0;
    row.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    lists.push(row.slice(0, neighbours));
    start[i + 1] = start[i] + lists[i].length;
  }
  const neighbour = new Int32Array(start[I]);
  const sim = new Float32Array(start[I]);
  lists.forEach((row, i) => row.forEach(([j, s], k) => ((neighbour[start[i] + k] = j), (sim[start[i] + k] = s))));
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
