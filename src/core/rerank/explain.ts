/**
 * Why a re-ranker moved each item: the original list (top K by fused score) against the re-ranked
 * one, item by item, with a reason in the terms of the method that moved it.
 * - MMR and DPP penalise similarity (cosine of attribute vectors) to what is already listed: an
 *   item rises when it is unlike the items above it, and falls or leaves when it is close to one.
 * - Calibrated re-ranking matches the category mix of the shopper's training clicks: an item rises
 *   when its category is under-represented in the original list, and leaves when over-represented.
 * - The cap lists at most `cap` items per category: items past the cap leave, the next ones rise.
 */
import { cosine, type ItemVectors } from '../metrics';
import type { RerankMethod } from './config';

export type MoveKind = 'same' | 'up' | 'down' | 'new' | 'dropped';

export interface Move {
  item: number;
  /** 1-based position in the original ranking (may exceed K for items the re-ranker promoted). */
  before: number;
  /** 1-based position in the re-ranked list; null when left out. */
  after: number | null;
  kind: MoveKind;
  /** Normalised relevance in [0, 1] among the candidates (1 = the best fused score). */
  relevance: number;
  /** Largest cosine similarity to the items above it in the re-ranked list (for a left-out item: to any listed item); null for the first item. */
  maxSimilarity: number | null;
  /** The listed item that similarity is to. */
  closestItem: number | null;
  /** One sentence on why it is where it is. */
  reason: string;
}

export interface ExplainInput {
  method: RerankMethod;
  knob: number;
  k: number;
  /** Candidate item ids in original (fused-score) order, and their normalised relevance. */
  candidates: number[];
  relevance: ArrayLike<number>;
  reranked: number[];
  vectors: ItemVectors;
  itemCategory: ArrayLike<number>;
  categoryNames: readonly string[];
  /** Categories of the shopper's training clicks (calibration's target mix). */
  history: ArrayLike<number>;
  /** Short display name of an item (e.g. "#3 Shoes · Acme"). */
  describe: (item: number) => string;
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

function share(items: number[], category: number, itemCategory: ArrayLike<number>): number {
  return items.length ? items.filter((i) => itemCategory[i] === category).length / items.length : 0;
}

/** One move per re-ranked item, in re-ranked order, then one per original top-K item left out. */
export function explainRerank(x: ExplainInput): Move[] {
  const rank = new Map(x.candidates.map((item, p) => [item, p]));
  const original = x.candidates.slice(0, x.k);
  const listed = new Set(x.reranked);
  const hist = Array.from(x.history);
  const histShare = (g: number) => (hist.length ? hist.filter((h) => h === g).length / hist.length : 0);

  const closest = (item: number, among: number[]): { sim: number | null; other: number | null } => {
    let sim: number | null = null;
    let other: number | null = null;
    for (const j of among) {
      if (j === item) continue;
      const s = cosine(x.vectors[item], x.vectors[j]);
      if (sim === null || s > sim) {
        sim = s;
        other = j;
      }
    }
    return { sim, other };
  };

  const reason = (item: number, kind: MoveKind, sim: number | null, other: number | null, listedAbove: number[]): string => {
    const g = x.itemCategory[item];
    const cat = x.categoryNames[g];
    if (kind === 'same' && x.method !== 'calibrated') return 'Kept its place: relevant, and not crowded out.';
    switch (x.method) {
      case 'mmr':
      case 'dpp': {
        const who = x.method === 'mmr' ? `MMR (λ = ${x.knob})` : `DPP (θ = ${x.knob})`;
        if (kind === 'dropped') return `Left out by ${who}: ${sim?.toFixed(2)} similar to ${other !== null ? x.describe(other) : 'a listed item'}, which is listed.`;
        if (kind === 'down') return `Pushed down by ${who}: ${sim?.toFixed(2)} similar to ${other !== null ? x.describe(other) : 'an item'} above it.`;
        if (sim === null) return 'First pick: the most relevant candidate.';
        return `${kind === 'new' ? 'Brought in' : 'Moved up'} by ${who} for variety: the closest item above it is only ${sim.toFixed(2)} similar.`;
      }
      case 'calibrated': {
        const h = histShare(g);
        const o = share(original, g, x.itemCategory);
        const r = share(x.reranked, g, x.itemCategory);
        const mix = `${cat} is ${pct(h)} of this shopper's clicks, ${pct(o)} of the original list and ${pct(r)} of the re-ranked one`;
        if (kind === 'dropped') return `Left out to match the shopper's category mix: ${mix}.`;
        if (kind === 'new' || kind === 'up') return `${kind === 'new' ? 'Brought in' : 'Moved up'} to match the shopper's category mix: ${mix}.`;
        if (kind === 'down') return `Moved down as other categories were brought in: ${mix}.`;
        return `Kept its place: ${mix}.`;
      }
      case 'cap': {
        const above = listedAbove.filter((j) => x.itemCategory[j] === g).length;
        if (kind === 'dropped') return `Left out: ${cat} already has ${above} item${above === 1 ? '' : 's'} in the list (cap ${x.knob}).`;
        return `Moved up into a place freed by a capped category.`;
      }
    }
  };

  const moves: Move[] = x.reranked.map((item, p) => {
    const before = (rank.get(item) ?? -1) + 1;
    const after = p + 1;
    const kind: MoveKind = before > x.k ? 'new' : before === after ? 'same' : before > after ? 'up' : 'down';
    const above = x.reranked.slice(0, p);
    const { sim, other } = closest(item, above);
    return { item, before, after, kind, relevance: x.relevance[before - 1], maxSimilarity: sim, closestItem: other, reason: reason(item, kind, sim, other, above) };
  });
  for (const item of original) {
    if (listed.has(item)) continue;
    const before = (rank.get(item) ?? 0) + 1;
    const { sim, other } = closest(item, x.reranked);
    moves.push({ item, before, after: null, kind: 'dropped', relevance: x.relevance[before - 1], maxSimilarity: sim, closestItem: other, reason: reason(item, 'dropped', sim, other, x.reranked) });
  }
  return moves;
}
