/**
 * A population trains each member exactly as that model trained alone: for every architecture and
 * every weighting strategy, with and without dropout, members with their own seeds and task weights
 * match single runs of the same settings to the last bit (losses every epoch, best epoch, status,
 * final task weights, every parameter); a diverging member stops alone and is named; nothing leaks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { initBackend } from '../engine/backends';
import { tf } from '../engine/tf';
import { conditionDim, parseExperimentConfig } from '../experiment/config';
import { encodeMmoeWorld, encodeShopperWorld, type EncodedData } from '../features';
import { ARCHITECTURES, type Architecture } from '../model/config';
import { MultiTaskNet, netSpecFor } from '../model/network';
import { generateMmoeWorld, generateShopperWorld } from '../world';
import type { WeightingStrategyName } from './config';
import { Trainer, type TrainerMember, type TrainResult } from './trainer';

const shopperData = encodeShopperWorld(generateShopperWorld({ numShoppers: 150, numItems: 60, sessionsPerShopper: 5 }));
const MEMBERS: TrainerMember[] = [
  { seed: 1, weights: [1, 1], label: 'a' },
  { seed: 2, weights: [0.5, 1.5], label: 'b' },
  { seed: 3, weights: [1.8, 0.2], label: 'c' },
];

function settings(architecture: Architecture, strategy: WeightingStrategyName, training: Record<string, unknown> = {}, model: Record<string, unknown> = {}) {
  return parseExperimentConfig({
    model: { architecture, embeddingDim: 4, expertUnits: 8, towerUnits: 4, numExperts: 2, ...model },
    weighting: { strategy },
    training: { backend: 'wasm', batchSize: 256, epochs: 2, patience: 1, telemetryEvery: 3, ...training },
  });
}

/** Trains the members as one population, then each alone; returns both results and final weights. */
async function both(architecture: Architecture, strategy: WeightingStrategyName, members: TrainerMember[], training: Record<string, unknown> = {}, data: EncodedData = shopperData, model: Record<string, unknown> = {}) {
  const config = settings(architecture, strategy, training, model);
  const spec = netSpecFor(config.model, data, conditionDim(config));
  const mode = architecture === 'esmm' ? 'esmm' : 'ctcvr';
  const net = new MultiTaskNet(spec, members.map((m) => m.seed));
  const trainer = new Trainer({ net, data, mode, training: config.training, weighting: config.weighting, members });
  const population = await trainer.runMembers();
  trainer.dispose();
  const memberWeights = members.map((_, p) => {
    const one = net.member(p);
    const values = one.params.list().map((v) => Array.from(v.dataSync()));
    one.dispose();
    return values;
  });
  net.dispose();
  const alone: Array<{ result: TrainResult; weights: number[][] }> = [];
  for (const m of members) {
    const single = new MultiTaskNet(spec, m.seed);
    const t = new Trainer({
      net: single,
      data,
      mode,
      training: { ...config.training, seed: m.seed },
      weighting: { ...config.weighting, weights: m.weights },
    });
    const result = await t.run();
    alone.push({ result, weights: single.params.list().map((v) => Array.from(v.dataSync())) });
    t.dispose();
    single.dispose();
  }
  return { population, memberWeights, alone };
}

/**
 * Every member exactly as alone: on WASM a population's matmuls are its members' own 2-D matmuls,
 * its elementwise ops and sums take each member's numbers in the same order, and each member's
 * dropout draws its own seed's masks, so the numbers are the same to the last bit.
 */
function expectSame(got: Awaited<ReturnType<typeof both>>) {
  got.alone.forEach(({ result, weights }, p) => {
    const member = got.population[p];
    expect(member.status, `member ${p} status`).toBe(result.status);
    expect(member.bestEpoch, `member ${p} best epoch`).toBe(result.bestEpoch);
    expect(member.steps).toBe(result.steps);
    expect(member.epochs.length).toBe(result.epochs.length);
    member.epochs.forEach((e, i) => {
      expect(e.validationLoss, `member ${p} epoch ${i + 1} validation losses`).toEqual(result.epochs[i].validationLoss);
      expect(e.trainLoss, `member ${p} epoch ${i + 1} training losses`).toEqual(result.epochs[i].trainLoss);
    });
    expect(member.finalWeights).toEqual(result.finalWeights);
    got.memberWeights[p].forEach((values, v) => expect(values, `member ${p} parameter ${v}`).toEqual(weights[v]));
  });
}

beforeAll(async () => {
  await initBackend('wasm', { wasmPaths: nodeWasmPaths() });
});

describe('population of models', () => {
  it.each(ARCHITECTURES.map((a) => [a]))('%s: each member trains as it would alone', async (architecture) => {
    const before = tf.memory().numTensors;
    expectSame(await both(architecture, 'fixed', MEMBERS));
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each((['uncertainty', 'dwa', 'rlw', 'gradnorm', 'pcgrad', 'mgda', 'conditioned'] as const).map((s) => [s]))(
    'mmoe with %s: each member keeps its own weighting state',
    async (strategy) => {
      const before = tf.memory().numTensors;
      // Three epochs, so DWA's weights move (they start after two).
      expectSame(await both('mmoe', strategy, MEMBERS, { epochs: 3, patience: 0 }));
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it.each(ARCHITECTURES.map((a) => [a]))('%s with dropout: each member draws its own masks, as alone', async (architecture) => {
    const before = tf.memory().numTensors;
    expectSame(await both(architecture, 'fixed', MEMBERS, { dropout: 0.25 }));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ple with two levels, and mmoe with pcgrad, with dropout: each member as alone', async () => {
    expectSame(await both('ple', 'fixed', MEMBERS, { dropout: 0.2 }, shopperData, { pleLevels: 2 }));
    expectSame(await both('mmoe', 'pcgrad', MEMBERS, { dropout: 0.2, epochs: 2, patience: 0 }));
  });

  it('a diverging member stops alone, named; the others train on', async () => {
    // The regression world with large targets: SGD at a learning rate of 5 overflows (as in
    // engine.test.ts) unless the task weights shrink the steps.
    const regression = encodeMmoeWorld(generateMmoeWorld({ numSamples: 1000, inputDim: 10, scale: 50 }));
    const members: TrainerMember[] = [
      { seed: 4, weights: [1e-4, 1e-4], label: 'calm' },
      { seed: 5, weights: [1, 1], label: 'wild' },
    ];
    const got = await both('shared-bottom', 'fixed', members, { optimizer: 'sgd', learningRate: 5, momentum: 0.9, batchSize: 64, epochs: 2, patience: 0 }, regression);
    expect(got.population[1].status).toBe('diverged');
    expect(got.population[1].divergence!.message).toMatch(/^Model wild: the y[12] loss became/);
    expect(got.population[0].status).toBe('completed');
    expect(got.population[0].epochs).toHaveLength(2);
    expect(got.alone[1].result.status).toBe('diverged');
    expect(got.population[1].divergence!.step).toBe(got.alone[1].result.divergence!.step);
    got.population[0].epochs.forEach((e, i) => e.validationLoss.forEach((l, t) => expect(l).toBeCloseTo(got.alone[0].result.epochs[i].validationLoss[t], 4)));
  });

  it('early stopping is per member: one stops, the other trains on', async () => {
    // A high learning rate overfits the tiny world within a few epochs at large weights; at small
    // weights the same model is still improving when the other stops.
    const members: TrainerMember[] = [
      { seed: 6, weights: [3, 3], label: 'fast' },
      { seed: 7, weights: [0.05, 0.05], label: 'slow' },
    ];
    const got = await both('shared-bottom', 'fixed', members, { learningRate: 0.05, epochs: 6, patience: 1, earlyStoppingMetric: 'loss' });
    expect(got.population[0].status).toBe('early-stopped');
    expect(got.population[1].epochs.length).toBeGreaterThan(got.population[0].epochs.length);
    expectSame(got);
  });

  it('refuses members that disagree with the network or with each other', () => {
    const config = settings('mmoe', 'fixed');
    const data = shopperData;
    const net = new MultiTaskNet(netSpecFor(config.model, data), [1, 2]);
    expect(() => new Trainer({ net, data, mode: 'ctcvr', training: config.training, weighting: config.weighting, members: MEMBERS })).toThrow(/3 members' settings for a network of 2/);
    const trainer = new Trainer({ net, data, mode: 'ctcvr', training: config.training, weighting: config.weighting, members: MEMBERS.slice(0, 2) });
    return expect(trainer.run()).rejects.toThrow(/run\(\) trains a single model/).finally(() => {
      trainer.dispose();
      net.dispose();
    });
  });
});
