/** Trade-off curves on a tiny trained model: MMR at λ = 1 is the model's own ranking. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { trainExperiment } from '../experiment/run';
import type { TrainedModel } from '../experiment/trained';
import { FUSION_PRESETS } from './fusion';
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

const base = { k: 5, candidates: 30, maxShoppers: 15, fusion: FUSION_PRESETS.purchases, seed: 1 };

describe('rerankTradeoff', () => {
  it('MMR at λ = 1 reproduces the model ranking; lower λ buys diversity', async () => {
    const r = await rerankTradeoff(model, { ...base, method: 'mmr', knobs: [1, 0.5, 0] });
    expect(r.points).toHaveLength(3);
    expect(r.references.map((p) => p.policy)).toEqual(['model', 'popularity', 'random']);
    const [atOne, , atZero] = r.points.map((p) => p.evaluation);
    expect(atOne.ndcg.value).toBe(r.references[0].ndcg.value);
    expect(atOne.truePurchase.value).toBe(r.references[0].truePurchase.value);
    expect(atZero.diversity.value).toBeGreaterThan(atOne.diversity.value);
  });

  it('runs DPP, calibrated and the cap, and explains bad input', async () => {
    for (const [method, knobs] of [['dpp', [0.2, 0.9]], ['calibrated', [0, 1]], ['cap', [1, 2]]] as const) {
      const r = await rerankTradeoff(model, { ...base, method, knobs: [...knobs] });
      expect(r.points.every((p) => Number.isFinite(p.evaluation.diversity.value))).toBe(true);
    }
    await expect(rerankTradeoff(model, { ...base, method: 'mmr', knobs: [2] })).rejects.toThrow(/λ must lie in \[0, 1\]/);
    await expect(rerankTradeoff(model, { ...base, method: 'mmr', knobs: [0.5], k: 61 })).rejects.toThrow(/catalogue size 60/);
    await expect(rerankTradeoff(model, { ...base, method: 'mmr', knobs: [0.5], candidates: 3 })).rejects.toThrow(/at least K/);
    await expect(rerankTradeoff(model, { ...base, method: 'mmr', knobs: [] })).rejects.toThrow(/at least one knob/);
  });
});
