/**
 * Sweep points trained as one population give each point the result it gets alone (trainExperiment),
 * whether the members train together or one at a time; kept models score; mismatched configs, an
 * empty population and one past the memory budget are refused with messages that say why.
 */
import { describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { parseExperimentConfig } from './config';
import { BudgetError, checkBudget } from './cost';
import { GroupProgress, membersAtOnce, trainPopulation } from './population';
import { liveTensors, trainExperiment, type ExperimentResult } from './run';
import type { TelemetrySnapshot, Trainer } from '../train/trainer';
import { sweepPoints } from './sweep';

const base = parseExperimentConfig({
  world: { numShoppers: 120, numItems: 50, sessionsPerShopper: 4 },
  model: { architecture: 'mmoe', embeddingDim: 4, expertUnits: 8, towerUnits: 4, numExperts: 2 },
  training: { backend: 'wasm', batchSize: 256, epochs: 2, telemetryEvery: 5 },
  evaluation: { rankShoppers: 30 },
});
const points = sweepPoints(base, 3, false).map((p) => p.config);
const backend = { wasmPaths: nodeWasmPaths() };

describe('trainPopulation', () => {
  it.each([[3], [1]])('%i at once: every member gets the result it gets alone, and a kept model', async (together) => {
    const before = liveTensors();
    const telemetryMembers = new Set<number>();
    const groups: number[][] = [];
    const got = await trainPopulation(points, { together, onGroup: (g) => groups.push(g), onTelemetry: (_s, m) => telemetryMembers.add(m) }, backend);
    expect(groups).toEqual(together === 3 ? [[0, 1, 2]] : [[0], [1], [2]]);
    expect([...telemetryMembers].sort()).toEqual([0, 1, 2]);
    for (let p = 0; p < points.length; p++) {
      const alone = await trainExperiment(points[p], {}, backend);
      const mine = got[p].result;
      expect(mine.config.weighting.weights).toEqual(points[p].weighting.weights);
      expect(mine.training.status).toBe(alone.result.training.status);
      mine.evaluation!.tasks.forEach((t, i) => {
        const a = alone.result.evaluation!.tasks[i];
        expect(t.kind === 'binary' && a.kind === 'binary' ? t.auc : 0).toBeCloseTo((a.kind === 'binary' ? a.auc : 0) ?? Number.NaN, 4);
      });
      expect(mine.evaluation!.ranking!.policies[0].ndcg.value).toBeCloseTo(alone.result.evaluation!.ranking!.policies[0].ndcg.value, 4);
      const [click] = await got[p].model!.predictPairs(Int32Array.from([0, 1]), Int32Array.from([0, 1]));
      const [aloneClick] = await alone.model!.predictPairs(Int32Array.from([0, 1]), Int32Array.from([0, 1]));
      expect(click[0]).toBeCloseTo(aloneClick[0], 4);
      alone.model!.dispose();
      got[p].model!.dispose();
    }
    expect(liveTensors()).toBe(before);
  });

  it('refuses what cannot train together, and says why', async () => {
    await expect(trainPopulation([], {}, backend)).rejects.toThrow(/at least one model \(got 0\)/);
    const other = parseExperimentConfig({ ...base, model: { ...base.model, architecture: 'ple' } });
    await expect(trainPopulation([points[0], other], {}, backend)).rejects.toThrow(/Model 2 differs from model 1 in more than its task weights and training seed/);
    await expect(trainPopulation(points, { together: 0 }, backend)).rejects.toThrow(/whole number of at least 1, got 0/);
  });

  it('a population past the memory budget is refused with the estimate and what to lower', () => {
    // About 0.5 GB for one model, 3.3 GB for eight (estimateCost).
    const big = parseExperimentConfig({ model: { numExperts: 8, expertUnits: 256 }, training: { batchSize: 4096 } });
    expect(() => checkBudget(big, 1.5 * 2 ** 30, 'webgpu', 1)).not.toThrow();
    let error: unknown = null;
    try {
      checkBudget(big, 1.5 * 2 ** 30, 'webgpu', 8, 'sweep points');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BudgetError);
    expect((error as Error).message).toMatch(/needs about .* GB of memory, more than the 1.5 GB allowed here/);
    expect((error as Error).message).toMatch(/8 models train together; fewer models also lowers it: sweep points/);
  });

  it('trains all members at once on WebGPU only (measured slower as a population on WASM, CPU and SwiftShader WebGL)', () => {
    expect(['wasm', 'cpu', 'webgl', 'webgpu'].map((b) => membersAtOnce(b as 'wasm', 8))).toEqual([1, 1, 1, 8]);
  });
});

describe('GroupProgress', () => {
  it('puts a group at its step fraction while it trains, then its members in turn while they are evaluated', () => {
    const seen: Array<[unknown, string, boolean]> = [];
    const h = new GroupProgress().hooks((at, stage, force) => seen.push([at, stage, force]));
    const last = () => seen[seen.length - 1];
    h.onStage('world', 0.5);
    expect(last()).toEqual([[[0, 0.5]], 'world', false]);
    h.onTelemetry({ step: 10 } as TelemetrySnapshot, 0);
    expect(seen).toHaveLength(1); // no trainer yet: no position
    h.onGroup([3, 4, 5]);
    h.onTrainer({ totalSteps: 40 } as Trainer);
    h.onStage('training');
    expect(last()).toEqual([[[3, 0], [4, 0], [5, 0]], 'training', true]);
    h.onTelemetry({ step: 10 } as TelemetrySnapshot, 0);
    expect(last()).toEqual([[[3, 0.25], [4, 0.25], [5, 0.25]], 'training', false]);
    h.onTelemetry({ step: 80 } as TelemetrySnapshot, 0);
    expect(last()[0]).toEqual([[3, 1], [4, 1], [5, 1]]);
    h.onStage('evaluation', 0.5);
    expect(last()[0]).toEqual([[3, 0.5], [4, 0], [5, 0]]);
    h.onResult(3, {} as ExperimentResult, null);
    h.onStage('evaluation', 0.25);
    expect(last()[0]).toEqual([[4, 0.25], [5, 0]]);
    h.onResult(4, {} as ExperimentResult, null);
    h.onResult(5, {} as ExperimentResult, null);
    h.onStage('evaluation', 1);
    expect(last()[0]).toEqual([[5, 1]]);
    const count = seen.length;
    h.onStage('done');
    expect(seen).toHaveLength(count);
    h.onGroup([6]);
    h.onStage('evaluation', 0);
    expect(last()[0]).toEqual([[6, 0]]);
  });
});
