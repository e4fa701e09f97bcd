/**
 * The engine end to end on tiny worlds: every architecture × weighting strategy trains without
 * leaking tensors; the CPU backend is bit-for-bit deterministic; divergence, cancellation and live
 * weights behave as promised.
 */
import { describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { initBackend } from '../engine/backends';
import { tf } from '../engine/tf';
import { ARCHITECTURES } from '../model/config';
import { WEIGHTING_STRATEGIES } from '../train/config';
import type { TelemetrySnapshot, Trainer } from '../train/trainer';
import { liveTensors, runExperiment } from './run';

const TINY_SHOPPERS = { kind: 'shopper', numShoppers: 60, numItems: 40, sessionsPerShopper: 4 };
const TINY_TRAINING = { epochs: 2, batchSize: 256, telemetryEvery: 2, patience: 0 };

describe('every architecture × weighting strategy', () => {
  const combos = ARCHITECTURES.flatMap((architecture) =>
    WEIGHTING_STRATEGIES.filter((s) => architecture !== 'single-task' || !['gradnorm', 'pcgrad', 'mgda', 'conditioned'].includes(s)).map((strategy) => ({ architecture, strategy })),
  );

  it.each(combos)('$architecture with $strategy trains, evaluates and frees every tensor (wasm)', async ({ architecture, strategy }) => {
    const start = liveTensors();
    const perEpoch: number[] = [];
    const snapshots: TelemetrySnapshot[] = [];
    const result = await runExperiment(
      {
        world: TINY_SHOPPERS,
        model: { architecture, pleLevels: 2, numExperts: 2, expertUnits: 8, towerUnits: 4 },
        weighting: { strategy },
        training: { ...TINY_TRAINING, backend: 'wasm' },
        evaluation: { rankShoppers: 10, k: 5 },
      },
      { onEpoch: () => perEpoch.push(liveTensors()), onTelemetry: (s) => snapshots.push(s) },
      { wasmPaths: nodeWasmPaths() },
    );
    expect(result.backend.backend).toBe('wasm');
    expect(result.training.status).toBe('completed');
    expect(perEpoch).toHaveLength(2);
    expect(perEpoch[1]).toBe(perEpoch[0]);
    expect(liveTensors()).toBe(start);
    const auc = result.evaluation!.tasks[0].auc!;
    expect(auc).toBeGreaterThan(0);
    expect(auc).toBeLessThan(1);
    expect(result.evaluation!.ranking!.policies.map((p) => p.policy).slice(0, 3)).toEqual(['model', 'popularity', 'random']);
    expect(snapshots.length).toBeGreaterThan(0);
    for (const s of snapshots) {
      expect(s.weights).toHaveLength(2);
      s.losses.forEach((l) => l.values.forEach((v) => expect(Number.isFinite(v)).toBe(true)));
    }
    expect(result.training.backwardPassesPerStep).toBe(['gradnorm', 'pcgrad', 'mgda'].includes(strategy) ? 2 : 1);
    if (architecture !== 'single-task') {
      const cos = snapshots[0].gradientCosine!;
      expect(cos[0][0]).toBeCloseTo(1, 3);
      expect(Math.abs(cos[0][1])).toBeLessThanOrEqual(1.0001);
    }
    if (['omoe', 'mmoe', 'ple'].includes(architecture)) expect(snapshots[0].gates).not.toBeNull();
    if (strategy === 'mgda') snapshots.forEach((s) => expect(s.weights[0] + s.weights[1]).toBeCloseTo(1, 4));
    if (strategy === 'gradnorm' || strategy === 'rlw') snapshots.forEach((s) => expect(s.weights[0] + s.weights[1]).toBeCloseTo(2, 3));
  });
});

describe('regression world', () => {
  it('trains shared-bottom and MMoE on the MMoE paper tasks with MSE', async () => {
    for (const architecture of ['shared-bottom', 'mmoe']) {
      const r = await runExperiment(
        { world: { kind: 'mmoe', numSamples: 2000, inputDim: 20 }, model: { architecture }, training: { epochs: 3, batchSize: 128, backend: 'wasm', learningRate: 0.01, earlyStoppingMetric: 'loss' } },
        {},
        { wasmPaths: nodeWasmPaths() },
      );
      const [y1, y2] = r.evaluation!.tasks;
      expect(y1.kind).toBe('regression');
      expect(y1.mse).toBeGreaterThan(0);
      expect(y2.mse).toBeLessThan(10);
      expect(r.evaluation!.ranking).toBeNull();
      expect(r.training.epochs[2].trainLoss[0]).toBeLessThan(r.training.epochs[0].trainLoss[0]);
    }
  });
});

describe('determinism on the CPU backend', () => {
  it('gives bit-identical telemetry, validation and test results for the same config', async () => {
    const config = {
      world: TINY_SHOPPERS,
      model: { architecture: 'mmoe', numExperts: 2, expertUnits: 8, towerUnits: 4 },
      weighting: { strategy: 'uncertainty' },
      training: { ...TINY_TRAINING, backend: 'cpu', dropout: 0.1 },
      evaluation: { rankShoppers: 10, k: 5 },
    };
    const run = async () => {
      const telemetry: TelemetrySnapshot[] = [];
      const r = await runExperiment(config, { onTelemetry: (s) => telemetry.push({ ...s, samplesPerSecond: 0 }) });
      return JSON.stringify({ telemetry, epochs: r.training.epochs, evaluation: r.evaluation, bestEpoch: r.training.bestEpoch });
    };
    const a = await run();
    const b = await run();
    expect(a).toBe(b);
    const c = await runExperiment({ ...config, training: { ...config.training, seed: 2 } });
    expect(JSON.stringify(c.evaluation)).not.toBe(JSON.stringify(JSON.parse(a).evaluation));
  });
});

describe('training controls', () => {
  it('stops a diverging run and names the task and step', async () => {
    const start = liveTensors();
    const r = await runExperiment(
      {
        world: { kind: 'mmoe', numSamples: 1000, inputDim: 10, scale: 50 },
        model: { architecture: 'shared-bottom' },
        training: { optimizer: 'sgd', learningRate: 5, momentum: 0.9, epochs: 5, batchSize: 64, backend: 'wasm' },
      },
      {},
      { wasmPaths: nodeWasmPaths() },
    );
    expect(r.training.status).toBe('diverged');
    const d = r.training.divergence!;
    expect(['y1', 'y2']).toContain(d.task);
    expect(d.step).toBeGreaterThan(0);
    expect(d.message).toMatch(new RegExp(`${d.task} loss became .* at step ${d.step}`));
    expect(d.message).toMatch(/lower learning rate/);
    // Diverged before any epoch validated: no weights to evaluate, and no crash trying.
    expect(r.training.bestEpoch).toBeNull();
    expect(r.evaluation).toBeNull();
    expect(liveTensors()).toBe(start);
  });

  it('cancels between steps and frees everything', async () => {
    const start = liveTensors();
    let snapshots = 0;
    const r = await runExperiment(
      { world: TINY_SHOPPERS, model: { architecture: 'mmoe' }, training: { epochs: 50, batchSize: 64, telemetryEvery: 1, backend: 'wasm' } },
      { onTelemetry: () => snapshots++, isCancelled: () => snapshots >= 3 },
      { wasmPaths: nodeWasmPaths() },
    );
    expect(r.training.status).toBe('cancelled');
    expect(r.training.steps).toBe(3);
    expect(r.evaluation).toBeNull();
    expect(liveTensors()).toBe(start);
  });

  it('reads fixed weights at every step, so a change during training acts at once', async () => {
    const seen: number[][] = [];
    let trainer: Trainer | null = null;
    await runExperiment(
      { world: TINY_SHOPPERS, model: { architecture: 'shared-bottom' }, weighting: { strategy: 'fixed', weights: [1, 1] }, training: { epochs: 2, batchSize: 64, telemetryEvery: 1, backend: 'wasm' } },
      {
        onTrainer: (t) => (trainer = t),
        onTelemetry: (s) => {
          seen.push(s.weights);
          // The "slider" moves after the third step.
          if (seen.length === 3) trainer!.setWeights([0.2, 3]);
        },
      },
      { wasmPaths: nodeWasmPaths() },
    );
    expect(seen[2]).toEqual([1, 1]);
    expect(seen[3][0]).toBeCloseTo(0.2, 6);
    expect(seen[3][1]).toBe(3);
  });
});

describe('backends', () => {
  it('falls back from WebGPU in Node with the reason recorded', async () => {
    const r = await runExperiment(
      { world: TINY_SHOPPERS, training: { epochs: 1, backend: 'webgpu', batchSize: 256 }, evaluation: { rankShoppers: 5 } },
      {},
      { wasmPaths: nodeWasmPaths() },
    );
    expect(r.backend.backend).toBe('wasm');
    expect(r.backend.reason).toMatch(/fallback/);
    expect(r.backend.fallbacks[0].backend).toBe('webgpu');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('auto picks WASM in Node, says why it skipped WebGPU, and its probe leaves no tensor behind', async () => {
    const before = liveTensors();
    const choice = await initBackend('auto', { wasmPaths: nodeWasmPaths() });
    expect(choice.backend).toBe('wasm');
    expect(choice.fallbacks[0]).toEqual({ backend: 'webgpu', reason: expect.stringMatching(/no WebGPU/) });
    const webgl = await initBackend('webgl', { wasmPaths: nodeWasmPaths() });
    expect(webgl.backend).toBe('wasm');
    expect(webgl.fallbacks[0].backend).toBe('webgl');
    expect(webgl.fallbacks[0].reason).toMatch(/webgl/);
    expect(liveTensors()).toBe(before);
  });
});
