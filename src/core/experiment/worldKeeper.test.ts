/**
 * The world keeper: a run on the same world as the last one takes its world and features instead
 * of generating them, and its results are exactly a fresh run's (the reference policies, cached per
 * world, included); a different world is generated anew and the old one let go.
 */
import { describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { trainExperiment, WorldKeeper, type RunStage } from './run';

const BASE = { world: { numShoppers: 120, numItems: 50, sessionsPerShopper: 4 }, training: { epochs: 1, batchSize: 256, backend: 'wasm' }, evaluation: { rankShoppers: 15, k: 5 } };
const wasm = { wasmPaths: nodeWasmPaths() };

describe('WorldKeeper', () => {
  it('reuses the last world for the next run on it, with the same results as a fresh run, and still reports every stage', async () => {
    const worlds = new WorldKeeper();
    const first = await trainExperiment({ ...BASE, model: { architecture: 'mmoe' } }, { worlds }, wasm);
    first.model?.dispose();
    expect(worlds.reused).toBe(0);
    const stages: RunStage[] = [];
    const second = await trainExperiment({ ...BASE, model: { architecture: 'shared-bottom' } }, { worlds, onStage: (s) => void (stages.at(-1) !== s && stages.push(s)) }, wasm);
    expect(worlds.reused).toBe(1);
    expect(second.model!.world).toBe(first.model!.world);
    expect(stages).toEqual(expect.arrayContaining(['world', 'features', 'training', 'evaluation']));
    const fresh = await trainExperiment({ ...BASE, model: { architecture: 'shared-bottom' } }, {}, wasm);
    expect(fresh.model!.world).not.toBe(second.model!.world);
    expect(second.result.world).toEqual(fresh.result.world);
    expect(second.result.evaluation).toEqual(fresh.result.evaluation);
    second.model?.dispose();
    fresh.model?.dispose();
  });

  it('generates a different world anew (the seed, the funnel, the interest head’s label all count)', async () => {
    const worlds = new WorldKeeper();
    for (const over of [{}, { world: { ...BASE.world, seed: 7 } }, { world: { ...BASE.world, seed: 7, funnel: 'click-cart-purchase' } }, { world: { ...BASE.world, seed: 7, funnel: 'click-cart-purchase' }, model: { auxiliaryTask: 'interest' } }]) {
      const { model } = await trainExperiment({ ...BASE, ...over }, { worlds }, wasm);
      model?.dispose();
    }
    expect(worlds.reused).toBe(0);
  });
});
