/**
 * Position-aware training (the shallow tower): the model learns a click bias per list position from
 * the log, scores logged impressions with their position, scores ranking pairs at position 1, and
 * frees every tensor. The regression world, which has no positions, refuses the option.
 */
import { describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { ConfigError } from '../config/fields';
import { encodePairs } from '../features';
import { parseExperimentConfig } from './config';
import { liveTensors, trainExperiment } from './run';

describe('model.positionInput = shallow-tower', () => {
  it('learns that lower positions get fewer clicks, and ranks pairs at position 1', async () => {
    const start = liveTensors();
    const { result, model } = await trainExperiment(
      {
        world: { numShoppers: 400, numItems: 120, positionBias: 1.5 },
        model: { architecture: 'shared-bottom', positionInput: 'shallow-tower' },
        training: { epochs: 3, batchSize: 256, backend: 'wasm', patience: 0 },
        evaluation: { rankShoppers: 20 },
      },
      {},
      { wasmPaths: nodeWasmPaths() },
    );
    expect(result.training.status).toBe('completed');
    expect(model).not.toBeNull();
    const world = model!.world!;
    // The same 200 (shopper, item) pairs scored at position 1 and at position 10.
    const shopper = Int32Array.from({ length: 200 }, (_, r) => r % 50);
    const item = Int32Array.from({ length: 200 }, (_, r) => (r * 7) % 120);
    const pairs = encodePairs(world, model!.encoder!, shopper, item);
    expect(Array.from(pairs.position).every((p) => p === 1)).toBe(true);
    const at = async (position: number) => (await model!.predictEncoded({ size: 200, ...pairs, position: new Int32Array(200).fill(position), split: new Uint8Array(200), group: shopper }))[0];
    const [first, tenth] = [await at(1), await at(10)];
    let lower = 0;
    for (let r = 0; r < 200; r++) if (tenth[r] < first[r]) lower++;
    expect(lower).toBe(200);
    // Ranking pairs carry no position of their own: scoring them equals scoring at position 1.
    const [ranked] = await model!.predictPairs(shopper, item);
    expect(Array.from(ranked)).toEqual(Array.from(first));
    model!.dispose();
    expect(liveTensors()).toBe(start);
  });

  it('is refused for the regression world, which has no positions', () => {
    expect(() => parseExperimentConfig({ world: { kind: 'mmoe' }, model: { positionInput: 'shallow-tower' } })).toThrow(ConfigError);
    expect(() => parseExperimentConfig({ world: { kind: 'mmoe' }, model: { positionInput: 'shallow-tower' } })).toThrow(/model\.positionInput: the regression world has no list positions/);
  });
});
