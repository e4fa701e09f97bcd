/** Multi-seed runs: per-seed numbers, their summary, paired comparisons, and a real 2-seed run. */
import { describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { liveTensors } from '../experiment/run';
import type { Replicates } from '../experiment/replicates';
import { compareRuns, describeDifference, pairable, pairedDifference } from './compare';
import { summarise, trainWithSeeds } from './seeds';

const rep = (values: number[], worldSeed = 42): Replicates =>
  summarise(values.map((v, k) => ({ offset: k, worldSeed: worldSeed + k, trainingSeed: 1 + k, values: { 'auc:click': v } })), values.length);

describe('paired comparisons', () => {
  it('pair seed k with seed k and say whether the interval of the difference covers zero', () => {
    const a = rep([0.70, 0.71, 0.72]);
    const clear = compareRuns(a, rep([0.75, 0.76, 0.77]), 'auc:click')!;
    expect(clear.mean).toBeCloseTo(0.05, 12);
    expect(clear.withinNoise).toBe(false);
    expect(clear.agree).toBe(3);
    const noisy = compareRuns(a, rep([0.75, 0.70, 0.69]), 'auc:click')!;
    expect(noisy.withinNoise).toBe(true);
    expect(describeDifference(noisy, (x) => x.toFixed(3))).toMatch(/95% interval -?\d\.\d{3} to \d\.\d{3}, 3 seeds\): within noise$/);
  });
  it('refuse to pair runs on different worlds', () => {
    expect(pairable(rep([0.7, 0.71]), rep([0.7, 0.71], 7))).toBe(false);
    expect(compareRuns(rep([0.7, 0.71]), rep([0.7, 0.71], 7), 'auc:click')).toBeNull();
  });
  it('compute relative differences and call one seed no interval', () => {
    expect(pairedDifference([2, 4], [3, 5], true).mean).toBeCloseTo((0.5 + 0.25) / 2, 12);
    const one = pairedDifference([1], [2]);
    expect(one.withinNoise).toBe(true);
    expect(describeDifference(one, String)).toMatch(/one seed/);
  });
});

describe('trainWithSeeds', () => {
  it('trains each seed on its own world and initialisation, keeps the first model, and summarises every seed', async () => {
    const start = liveTensors();
    const { result, model } = await trainWithSeeds(
      {
        world: { numShoppers: 120, numItems: 60, sessionsPerShopper: 4, seed: 10 },
        model: { architecture: 'shared-bottom' },
        training: { epochs: 1, batchSize: 256, backend: 'wasm', seeds: 2, seed: 3 },
        evaluation: { rankShoppers: 10 },
        ranking: { shoppers: 10, candidates: 20 },
      },
      {},
      { wasmPaths: nodeWasmPaths() },
    );
    const r = result.replicates!;
    expect(r.requested).toBe(2);
    expect(r.seeds.map((s) => [s.worldSeed, s.trainingSeed])).toEqual([
      [10, 3],
      [11, 4],
    ]);
    // The first seed's numbers are the result's own.
    expect(r.seeds[0].values['auc:click']).toBe(result.evaluation!.tasks[0].auc);
    expect(r.seeds[1].values['auc:click']).not.toBe(r.seeds[0].values['auc:click']);
    expect(r.summary['auc:click'].n).toBe(2);
    for (const preset of ['clicks', 'purchases', 'revenue']) expect(r.seeds[1].values[`preset:${preset}:purchases`]).toBeGreaterThan(0);
    expect(model).not.toBeNull();
    model!.dispose();
    expect(liveTensors()).toBe(start);
  });
});
