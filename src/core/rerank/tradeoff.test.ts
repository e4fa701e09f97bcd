/** Trade-off curves on a tiny trained model: MMR at λ = 1 is the model's own ranking. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { trainExperiment } from '../experiment/run';
import type { TrainedModel } from '../experiment/trained';
import { pickShoppers, trainClickCounts } from '../eval/ranking';
import { expectedOutcome } from '../online/simulate';
import { readSection } from '../config/fields';
import { knobGrid, RANKING_FIELDS, type RankingConfig } from './config';
import { rerankTradeoff } from './tradeoff';

let model: TrainedModel;
beforeAll(async () => {
  const { model: m } = await trainExperiment(
    {
      world: { numShoppers: 80, numItems: 60, sessionsPerShopper: 4 },
      model: { architecture: 'shared-bottom', expertUnits: 8, towerUnits: 4 },
      training: { epochs: 1, batchSize: 256, patience: 0, backend: 'wasm' },
      evaluation: { rankShoppers: 10, k: 5 },
    },
    {},
    { wasmPaths: nodeWasmPaths() },
  );
  model = m!;
});
afterAll(() => model?.dispose());

const ranking: RankingConfig = { ...readSection(RANKING_FIELDS, {}, 'ranking').value, candidates: 30, shoppers: 15, sessions: 10 };
const base = { ranking, k: 5, seed: 1 };

describe('rerankTradeoff', () => {
  it('MMR at λ = 1 reproduces the model ranking offline and online; lower λ buys diversity', async () => {
    const fractions: number[] = [];
    const r = await rerankTradeoff(model, { ...base, knobs: [1, 0.5, 0], onProgress: (f) => void fractions.push(f) });
    expect(r.points).toHaveLength(3);
    // The model's own list, then every reference baseline (core/baselines).
    expect(r.references.map((p) => p.policy)).toEqual(['model', 'popularity', 'random', 'mf', 'item-knn', 'content']);
    const [atOne, , atZero] = r.points;
    expect(atOne.evaluation.ndcg.value).toBe(r.references[0].evaluation.ndcg.value);
    expect(atOne.evaluation.truePurchase.value).toBe(r.references[0].evaluation.truePurchase.value);
    expect(atOne.online.expected).toEqual(r.references[0].online.expected);
    expect(atZero.evaluation.diversity.value).toBeGreaterThan(atOne.evaluation.diversity.value);
    // Online expected purchases per session are K times the per-impression truth.
    expect(atZero.online.expected.purchases).toBeCloseTo(5 * atZero.evaluation.truePurchase.value, 10);
    expect(r.disagreement.policies).toHaveLength(9);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
  });

  it('simulates each policy around its closed form, with the model reference equal to expectedOutcome of its lists', async () => {
    const r = await rerankTradeoff(model, { ...base, ranking: { ...ranking, shoppers: 1, sessions: 400 }, knobs: [1, 0] });
    expect(r.shoppers).toBe(1);
    for (const p of [...r.points, ...r.references]) {
      const { mean, lo, hi } = p.online.simulated.purchases;
      expect(hi).toBeGreaterThan(lo);
      // Seeded, so this holds or fails the same way every run; 3 half-widths leaves room for noise.
      expect(Math.abs(mean - p.online.expected.purchases), p.policy).toBeLessThanOrEqual(1.5 * (hi - lo));
    }
    // The popularity reference shows every shopper the same top K by training clicks.
    const popular = Array.from(trainClickCounts(model.world!)).map((c, i) => [c, i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, 5).map(([, i]) => i);
    const u = pickShoppers(model.world!, 1, 1)[0];
    expect(r.references[1].online.expected).toEqual(expectedOutcome(model.world!, u, popular));
  });

  it('runs DPP, calibrated and the cap over their default grids', async () => {
    for (const method of ['dpp', 'calibrated', 'cap'] as const) {
      const cfg = { ...ranking, method, curvePoints: 3 };
      const knobs = knobGrid(cfg, 5);
      const r = await rerankTradeoff(model, { ...base, ranking: cfg, knobs });
      expect(r.points.map((p) => p.knob)).toEqual(knobs);
      expect(r.points.every((p) => Number.isFinite(p.evaluation.diversity.value))).toBe(true);
    }
  });

  it('explains bad input before doing any work', async () => {
    await expect(rerankTradeoff(model, { ...base, knobs: [2] })).rejects.toThrow('MMR λ must lie in [0, 1], got 2.');
    await expect(rerankTradeoff(model, { ...base, ranking: { ...ranking, method: 'dpp' }, knobs: [1] })).rejects.toThrow('DPP θ must lie in [0, 1), got 1.');
    await expect(rerankTradeoff(model, { ...base, ranking: { ...ranking, method: 'cap' }, knobs: [0] })).rejects.toThrow(/cap must be a whole number of at least 1/);
    await expect(rerankTradeoff(model, { ...base, knobs: [0.5], k: 61 })).rejects.toThrow('K (61) is larger than the catalogue (60 items)');
    await expect(rerankTradeoff(model, { ...base, knobs: [0.5], ranking: { ...ranking, candidates: 3 } })).rejects.toThrow(/needs at least K \(5\) candidates/);
    await expect(rerankTradeoff(model, { ...base, knobs: [0.5], ranking: { ...ranking, candidates: 0 } })).rejects.toThrow(/candidate set is empty/);
    await expect(rerankTradeoff(model, { ...base, knobs: [] })).rejects.toThrow(/at least one knob/);
  });
});

describe('knobGrid', () => {
  it('spreads the knob over its range and keeps the operating point', () => {
    expect(knobGrid({ ...ranking, curvePoints: 3, mmrLambda: 0.7 }, 10)).toEqual([0, 0.5, 0.7, 1]);
    expect(knobGrid({ ...ranking, method: 'dpp', curvePoints: 2, dppTheta: 0.7 }, 10)).toEqual([0, 0.7, 0.95]);
    expect(knobGrid({ ...ranking, method: 'cap', curvePoints: 4, cap: 3 }, 10)).toEqual([1, 3, 4, 7, 10]);
  });
});

describe('operatingSummary', () => {
  it('is zero change at the point equal to the model ranking, and null off the curve', async () => {
    const { operatingSummary } = await import('./summary');
    const r = await rerankTradeoff(model, { ...base, knobs: [1, 0] });
    const same = operatingSummary(r, 1)!;
    expect(same.ndcg).toBe(0);
    expect(same.purchases).toBe(0);
    expect(same.purchasesClear).toBe(false);
    const diverse = operatingSummary(r, 0)!;
    expect(diverse.diversity).toBeGreaterThan(0);
    expect(operatingSummary(r, 0.5)).toBeNull();
  });
});

describe('DPP lists', () => {
  it('are filled to K in relevance order when the kernel rank (the vector dimension) runs out', async () => {
    const dim = model.world!.catalog.latentDim;
    const k = dim + 4;
    const r = await rerankTradeoff(model, { ...base, k, ranking: { ...ranking, method: 'dpp', candidates: 40 }, knobs: [0] });
    // Full lists: the online outcome per session sums K positions, so it is K × the per-impression truth.
    expect(r.points[0].online.expected.clicks).toBeCloseTo(k * r.points[0].evaluation.trueClick.value, 10);
  });
});
