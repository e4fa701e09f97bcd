/**
 * The worker's sweep split between two lanes: with a helper the weightings alternate between the
 * lanes, the helper also trains the reference, every point lands once with a model the inspector
 * can score (helper models rebuilt from their parameters score exactly as the helper's did), and
 * a helper that fails leaves its points to the main worker. The helper here is a stand-in that
 * trains in-process through the same code the helper worker runs.
 */
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../core/experiment/config';
import { trainPopulation } from '../core/experiment/population';
import { liveTensors, trainExperiment, WorldKeeper } from '../core/experiment/run';
import type { TrainedModel } from '../core/experiment/trained';
import { TrainingControl } from '../core/train/control';
import type { SweepEvents, SweepPointResult } from './playgroundApi';
import { runSweep } from './sweep';
import type { SweepHelper } from './sweepHelperApi';

const config = parseExperimentConfig({
  world: { numShoppers: 100, numItems: 40, sessionsPerShopper: 4 },
  model: { architecture: 'mmoe', embeddingDim: 4, expertUnits: 8, towerUnits: 4, numExperts: 2 },
  training: { backend: 'cpu', batchSize: 256, epochs: 1, telemetryEvery: 5 },
  evaluation: { rankShoppers: 20 },
});

/** A helper that trains in this process; call number `failAt` (1-based) throws. */
function standIn(failAt = 0): SweepHelper & { calls: number[][]; scores: Map<string, number> } {
  const calls: number[][] = [];
  const scores = new Map<string, number>();
  return {
    calls,
    scores,
    async train(configs) {
      calls.push(configs.map((c) => (c as { weighting: { weights: number[] } }).weighting.weights[1]));
      if (calls.length === failAt) throw new Error('the sweep helper stopped (test)');
      const trained = await trainPopulation(configs);
      return Promise.all(
        trained.map(async ({ result, model }) => {
          // What the helper's own model scores for one pair, to compare with the rebuilt one.
          if (model) scores.set(JSON.stringify(result.config.weighting.weights) + result.config.model.architecture, (await model.predictPairs(Int32Array.of(3), Int32Array.of(5)))[1][0]);
          const values = model ? model.exportValues() : null;
          model?.dispose();
          return { result, values };
        }),
      );
    },
    cancel() {},
  };
}

/** A control that counts the epochs trained under it (every training here starts its epochs through it). */
class CountingControl extends TrainingControl {
  epochs = 0;
  override async beforeStep(epochStart: boolean): Promise<void> {
    if (epochStart) this.epochs++;
    return super.beforeStep(epochStart);
  }
}

async function sweep(helper: SweepHelper | null, input: unknown = config, worlds?: WorldKeeper) {
  const control = new CountingControl();
  const models = new Map<string, TrainedModel>();
  const landed: SweepPointResult[] = [];
  const events: SweepEvents = { progress: () => {}, point: (p) => void landed.push(p) };
  const outcome = await runSweep(input, 4, events, {
    keep: (m, prefix) => {
      if (!m) return null;
      const id = `${prefix}-${models.size + 1}`;
      models.set(id, m);
      return id;
    },
    control,
    isCancelled: () => false,
    memoryBudget: 2 ** 30,
    helper: helper ? async () => helper : undefined,
    worlds,
  });
  return { outcome, landed, models, epochs: control.epochs };
}

describe('runSweep', () => {
  it('shares the weightings with a helper and rebuilds its models here', async () => {
    const before = liveTensors();
    const helper = standIn();
    const { outcome, landed, models, epochs } = await sweep(helper);
    expect(epochs).toBe(2); // the 1st and 3rd weighting train here, one epoch each
    // 4 weightings + the single-task reference; the helper gets the 2nd and 4th weighting, then the reference.
    expect(outcome.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(landed).toHaveLength(5);
    expect(helper.calls.length).toBe(2);
    expect(helper.calls[0]).toEqual([outcome.points[1].weights[1], outcome.points[3].weights[1]]);
    expect(outcome.points[4].singleTask).toBe(true);
    for (const p of outcome.points) {
      expect(p.modelId).not.toBeNull();
      const model = models.get(p.modelId!)!;
      const score = (await model.predictPairs(Int32Array.of(3), Int32Array.of(5)))[1][0];
      const theirs = helper.scores.get(JSON.stringify(p.weights) + model.config.model.architecture);
      if (p.index % 2 === 1 || p.singleTask) expect(score).toBeCloseTo(theirs!, 6);
      else expect(theirs).toBeUndefined();
    }
    for (const m of models.values()) m.dispose();
    expect(liveTensors()).toBe(before);
  });

  it('a conditioned sweep trains its one model once and evaluates it at every weighting; the helper trains the reference', async () => {
    const before = liveTensors();
    const helper = standIn();
    const { outcome, models, epochs } = await sweep(helper, { ...config, weighting: { ...config.weighting, strategy: 'conditioned' } });
    expect(outcome.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(helper.calls).toHaveLength(1); // the reference only
    expect(outcome.points[4].singleTask).toBe(true);
    // One training here (one epoch each): four weightings, one epoch trained.
    expect(epochs).toBe(1);
    const moved = outcome.points.slice(0, 4);
    const kept = moved.map((p) => models.get(p.modelId!)!);
    expect(new Set(kept.map((m) => m.config.weighting.weights.join('/'))).size).toBe(4);
    expect(kept.map((m) => m.config.weighting.weights)).toEqual(moved.map((p) => p.weights));
    expect(kept.every((m) => m.conditioned === null)).toBe(true); // each a fixed copy; the trained one is let go
    // The predictions follow the weights (the model reads them), from one trained network.
    const scores = await Promise.all(kept.map(async (m) => (await m.predictPairs(Int32Array.of(3), Int32Array.of(5)))[1][0]));
    expect(new Set(scores).size).toBe(4);
    for (const m of models.values()) m.dispose();
    expect(liveTensors()).toBe(before);
  });

  it('trains from the worker’s kept world (the last run’s) and rebuilds the helper’s models on it, with the points of a sweep that generates its own', async () => {
    const worlds = new WorldKeeper();
    const run = await trainExperiment(config, { worlds });
    run.model?.dispose();
    const kept = await sweep(standIn(), config, worlds);
    // No world generated: the main worker's population, and the world of each model rebuilt from
    // the helper (its two weightings and the reference).
    expect(worlds.reused).toBe(4);
    const own = await sweep(standIn());
    const metrics = (o: typeof kept) => o.outcome.points.map(({ modelId: _m, ...rest }) => rest);
    expect(metrics(kept)).toEqual(metrics(own));
    for (const m of [...kept.models.values(), ...own.models.values()]) m.dispose();
  });

  it.each([[1], [2]])('a helper that fails at its call %i leaves the points it has not sent to the main worker', async (failAt) => {
    const helper = standIn(failAt);
    const { outcome, landed, models } = await sweep(helper);
    expect(helper.calls.length).toBe(failAt);
    expect(outcome.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    // Each point lands once: what the helper sent before failing is not trained again.
    expect(landed.map((p) => p.index).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(models.size).toBe(5);
    expect(outcome.points.every((p) => p.modelId !== null)).toBe(true);
    for (const m of models.values()) m.dispose();
  });
});
