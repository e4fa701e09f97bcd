/** Edge cases and cross-checks beyond the reference fixtures. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import {
  auc,
  averagePopularity,
  calibrationKl,
  catalogCoverage,
  ece,
  gauc,
  giniIndex,
  hitRateAtK,
  intraListDiversity,
  logLoss,
  longTailShare,
  mrrAtK,
  ndcgAtK,
  novelty,
  pearson,
  precisionAtK,
  recallAtK,
  serendipity,
} from './index';

/** O(n²) Mann–Whitney: the definition, to check the sorted implementation against. */
function pairwiseAuc(labels: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe('auc and gauc', () => {
  it('match the pairwise definition on random data with many ties', () => {
    const r = new Rng(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 50 + r.int(200);
      const labels = Array.from({ length: n }, () => r.bernoulli(0.3));
      const scores = Array.from({ length: n }, () => r.int(10) / 10); // coarse: many ties
      expect(auc(labels, scores)).toBeCloseTo(pairwiseAuc(labels, scores), 12);
      const groups = Array.from({ length: n }, () => r.int(6));
      let num = 0;
      let den = 0;
      for (let g = 0; g < 6; g++) {
        const idx = groups.map((x, i) => (x === g ? i : -1)).filter((i) => i >= 0);
        const a = pairwiseAuc(idx.map((i) => labels[i]), idx.map((i) => scores[i]));
        if (Number.isFinite(a)) {
          num += idx.length * a;
          den += idx.length;
        }
      }
      expect(gauc(groups, labels, scores).value).toBeCloseTo(num / den, 12);
    }
  });

  it('gives 0.5 when every score is tied and NaN for one class or no data', () => {
    expect(auc([0, 1, 0, 1, 1], [0.3, 0.3, 0.3, 0.3, 0.3])).toBe(0.5);
    expect(auc([1, 1], [0.1, 0.2])).toBeNaN();
    expect(auc([], [])).toBeNaN();
    expect(gauc([], [], [])).toEqual({ value: NaN, groupsUsed: 0, groupsDropped: 0 });
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(auc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
  });

  it('rejects mismatched lengths, non-binary labels and NaN scores', () => {
    expect(() => auc([0, 1], [0.5])).toThrow(/same length/);
    expect(() => auc([0, 2], [0.5, 0.6])).toThrow(/0 or 1/);
    expect(() => auc([0, 1], [0.5, NaN])).toThrow(/finite/);
    expect(() => gauc([0, 0], [0, 1], [NaN, 1])).toThrow(/finite/);
  });
});

describe('logLoss and ece', () => {
  it('clip at 1e-7 so a confident miss costs about 16.1 nats, not infinity', () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-7), 6);
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(1e-7), 6);
  });

  it('return NaN on empty input and reject probabilities outside [0, 1]', () => {
    expect(logLoss([], [])).toBeNaN();
    expect(ece([], [])).toBeNaN();
    expect(() => logLoss([1], [1.2])).toThrow(/\[0, 1\]/);
    expect(() => ece([1], [NaN])).toThrow(/\[0, 1\]/);
    expect(() => ece([1], [0.5], 0)).toThrow(/bins/);
  });

  it('puts p = 1 in the last bin and gives 0 for perfect calibration', () => {
    expect(ece([1, 1], [1, 1], 10)).toBe(0);
    expect(ece([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], 4)).toBe(0);
  });
});

describe('ranking metrics', () => {
  it('ndcg: k beyond the list, all scores tied, no relevance', () => {
    expect(ndcgAtK([3, 2, 1], [0.9, 0.5, 0.1], 10)).toBeCloseTo(1, 12);
    // All tied: every position gets the mean gain.
    const tied = ndcgAtK([1, 0], [0.5, 0.5], 2);
    const expected = (0.5 * (1 + 1 / Math.log2(3))) / 1;
    expect(tied).toBeCloseTo(expected, 12);
    expect(ndcgAtK([0, 0, 0], [0.1, 0.2, 0.3], 2)).toBe(0);
    expect(ndcgAtK([], [], 3)).toBe(0);
    expect(() => ndcgAtK([-1, 1], [0.1, 0.2], 2)).toThrow(/>= 0/);
    expect(() => ndcgAtK([1, 1], [0.1, 0.2], 0)).toThrow(/k must be/);
  });

  it('list metrics: empty list, k larger than the list, empty relevant set', () => {
    expect(recallAtK([], [1, 2], 5)).toBe(0);
    expect(precisionAtK([1], [1], 5)).toBe(0.2);
    expect(hitRateAtK([], [1], 3)).toBe(0);
    expect(mrrAtK([4, 5, 1], [1], 10)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK([1, 2, 3], [], 2)).toBeNaN();
    expect(precisionAtK([1, 2, 3], [], 2)).toBe(0);
  });

  it('reject duplicate or invalid ids and a non-integer k', () => {
    expect(() => recallAtK([1, 1], [1], 2)).toThrow(/twice/);
    expect(() => hitRateAtK([1, -2], [1], 2)).toThrow(/non-negative integer/);
    expect(() => mrrAtK([1, 2], [1], 1.5)).toThrow(/k must be/);
  });
});

describe('beyond-accuracy metrics', () => {
  const vectors = [
    [1, 0],
    [0, 1],
    [1, 1],
    [0, 0],
  ];

  it('intra-list diversity: orthogonal pair = 1, zero vector has cosine 0, < 2 items is NaN', () => {
    expect(intraListDiversity([0, 1], vectors)).toBeCloseTo(1, 12);
    expect(intraListDiversity([0, 3], vectors)).toBe(1);
    expect(intraListDiversity([], vectors)).toBeNaN();
    expect(() => intraListDiversity([0, 9], vectors)).toThrow(/outside the catalogue/);
  });

  it('coverage and gini: empty input, an empty list inside lists, ids outside the catalogue', () => {
    expect(catalogCoverage([], 5)).toBeNaN();
    expect(giniIndex([], 5)).toBeNaN();
    expect(() => catalogCoverage([[0], []], 5)).toThrow(/empty/);
    expect(() => giniIndex([[0, 7]], 5)).toThrow(/outside the catalogue/);
    expect(giniIndex([[0], [1], [2], [3]], 4)).toBe(0);
    expect(giniIndex([[0], [0], [0]], 4)).toBeCloseTo(0.75, 12); // (n−1)/n for one item
  });

  it('novelty, ARP and long tail with no interactions at all', () => {
    const counts = [0, 0, 0, 0];
    expect(novelty([[0, 1]], counts)).toBeCloseTo(2, 12); // −log2(1/4)
    expect(averagePopularity([[0, 1]], counts)).toBe(0);
    expect(longTailShare([[0, 1]], counts)).toBe(1);
    expect(novelty([], counts)).toBeNaN();
  });

  it('long tail: head is the shortest prefix reaching headShare of the counts, ties by id', () => {
    // Sorted: item 2 (5), item 0 (3), item 1 (1), item 3 (1); N = 10, 0.8·N = 8 → head = {2, 0}.
    expect(longTailShare([[2, 0], [1, 3]], [3, 1, 5, 1])).toBe(0.5);
    expect(() => longTailShare([[0]], [1, 1], 1.5)).toThrow(/headShare/);
  });

  it('calibration KL: identical distributions give ~0, alpha 0 with a missing category is +∞', () => {
    expect(calibrationKl([0, 1], [1, 0], 2)).toBeCloseTo(0, 12);
    expect(calibrationKl([0, 1], [0, 0], 2, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(calibrationKl([], [0], 2)).toBeNaN();
    expect(calibrationKl([0], [], 2)).toBeNaN();
    expect(() => calibrationKl([0, 5], [0], 2)).toThrow(/outside/);
  });

  it('serendipity: NaN without history, 0 without relevant items', () => {
    expect(serendipity([0, 1], [], [0], vectors)).toBeNaN();
    expect(serendipity([0, 1], [2], [], vectors)).toBe(0);
    expect(serendipity([1], [0], [1], vectors)).toBeCloseTo(1, 12);
  });

  it('pearson: ±1 for linear series, NaN for constant or too short series', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1], [1])).toBeNaN();
  });
});
