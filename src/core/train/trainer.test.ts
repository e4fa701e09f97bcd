/** Training controls that only the Trainer itself can show: best-weight restoring and L2. */
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { initBackend } from '../engine/backends';
import { tf } from '../engine/tf';
import { parseExperimentConfig } from '../experiment/config';
import { encodeShopperWorld, splitRows } from '../features';
import { MultiTaskNet, netSpecFor } from '../model/network';
import { generateShopperWorld } from '../world';
import { DeviceSplit } from './deviceData';
import { predictSplit } from './predict';
import { Trainer } from './trainer';

const data = encodeShopperWorld(generateShopperWorld({ numShoppers: 150, numItems: 60, sessionsPerShopper: 5 }));

function setup(training: Record<string, unknown>) {
  const config = parseExperimentConfig({ model: { architecture: 'shared-bottom', embeddingDim: 16, expertUnits: 32 }, training: { backend: 'wasm', batchSize: 64, ...training } });
  const net = new MultiTaskNet(netSpecFor(config.model, data), 1);
  const trainer = new Trainer({ net, data, mode: 'ctcvr', training: config.training, weighting: config.weighting });
  return { net, trainer };
}

beforeAll(async () => {
  await initBackend('wasm', { wasmPaths: nodeWasmPaths() });
});

describe('Trainer', () => {
  it('ends with the weights of its best validation epoch', async () => {
    // A high learning rate overfits the tiny world quickly, so later epochs score worse.
    const { net, trainer } = setup({ learningRate: 0.05, epochs: 6, patience: 0, earlyStoppingMetric: 'loss' });
    const result = await trainer.run();
    expect(result.bestEpoch).not.toBeNull();
    expect(result.bestEpoch!).toBeLessThan(result.epochs.length);
    const best = result.epochs[result.bestEpoch! - 1];
    const validation = new DeviceSplit(data, splitRows(data, 'validation'));
    const { losses } = await predictSplit(net, validation, data.tasks, 'ctcvr');
    losses.forEach((l, t) => expect(l).toBeCloseTo(best.validationLoss[t], 5));
    validation.dispose();
    trainer.dispose();
    net.dispose();
  });

  it('shrinks the weights with an L2 penalty', async () => {
    const sumOfSquares = async (l2: number) => {
      const { net, trainer } = setup({ l2, epochs: 3, patience: 0, learningRate: 0.01 });
      await trainer.run();
      const kernels = [...net.params.regularised].map((n) => net.params.get(n));
      const s = tf.tidy(() => tf.addN(kernels.map((k) => tf.sum(tf.square(k)))));
      const value = (await s.data())[0];
      s.dispose();
      trainer.dispose();
      net.dispose();
      return value;
    };
    const free = await sumOfSquares(0);
    const penalised = await sumOfSquares(0.01);
    expect(penalised).toBeLessThan(0.8 * free);
  });
});
