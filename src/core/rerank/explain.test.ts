import { describe, expect, it } from 'vitest';
import { explainRerank, type ExplainInput } from './explain';
import { calibrated, categoryCap, mmr } from './rerankers';

// Items 0 and 1 are twins (category 0); 2 (category 1) and 3 (category 2) differ from them.
const vectors = [
  [1, 0, 0],
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
const relevance = [1, 0.9, 0.5, 0.2];
const base: Omit<ExplainInput, 'method' | 'knob' | 'reranked'> = {
  k: 2,
  candidates: [0, 1, 2, 3],
  relevance,
  vectors,
  itemCategory: [0, 0, 1, 2],
  categoryNames: ['Shoes', 'Books', 'Games'],
  history: [1, 1, 0],
  describe: (i) => `item ${i}`,
};

describe('explainRerank', () => {
  it('MMR: the twin of the first pick leaves and names its twin; the unlike item comes in', () => {
    const reranked = mmr(relevance, vectors, 2, 0.3);
    expect(reranked).toEqual([0, 2]);
    const moves = explainRerank({ ...base, method: 'mmr', knob: 0.3, reranked });
    expect(moves.map((m) => [m.item, m.kind, m.before, m.after])).toEqual([
      [0, 'same', 1, 1],
      [2, 'new', 3, 2],
      [1, 'dropped', 2, null],
    ]);
    expect(moves[2].maxSimilarity).toBeCloseTo(1);
    expect(moves[2].closestItem).toBe(0);
    expect(moves[2].reason).toBe('Left out by MMR (λ = 0.3): 1.00 similar to item 0, which is listed.');
    expect(moves[1].reason).toMatch(/only 0\.00 similar/);
  });

  it('calibration: reports category shares of history, original and re-ranked lists', () => {
    const reranked = calibrated(relevance, base.itemCategory, base.history, 3, 2, 0.9);
    expect(reranked).toContain(2);
    const moves = explainRerank({ ...base, method: 'calibrated', knob: 0.9, reranked });
    const books = moves.find((m) => m.item === 2)!;
    expect(books.reason).toContain('Books is 67% of this shopper\'s clicks, 0% of the original list and 50% of the re-ranked one');
  });

  it('cap: the item past the cap leaves, saying how many of its category are listed', () => {
    const reranked = categoryCap(relevance, base.itemCategory, 2, 1);
    const moves = explainRerank({ ...base, method: 'cap', knob: 1, reranked });
    expect(moves.find((m) => m.kind === 'dropped')!.reason).toBe('Left out: Shoes already has 1 item in the list (cap 1).');
  });
});
