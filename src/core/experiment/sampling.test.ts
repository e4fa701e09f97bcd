/**
 * Negative sampling end to end on a small world: training draws from the sample, the result says
 * what it kept and reports its predictions before and after re-calibration, and every scoring path
 * of the kept model re-calibrates. Class weights and focal loss train without sampling anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { encodePairs } from '../features';
import { recalibrate } from '../train/sampling';
import { predictPairsOnHost } from '../train/hostPredict';
import { liveTensors, trainExperiment, type ExperimentResult } from './run';
import type { TrainedModel } from './trained';

const WORLD = { kind: 'shopper', numShoppers: 300, numItems: 80, sessionsPerShopper: 4 };
const TRAINING = { epochs: 2, batchSize: 256, patience: 0, backend: 'wasm' };

describe('negative sampling', () => {
  let result: ExperimentResult;
  let model: TrainedModel;
  let start: number;

  beforeAll(async () => {
    start = liveTensors();
    const out = await trainExperiment({ world: WORLD, training: { ...TRAINING, negativeSampling: 0.2 }, evaluation: { rankShoppers: 20, k: 5 } }, {}, { wasmPaths: nodeWasmPaths() });
    result = out.result;
    model = out.model!;
  });
  afterAll(() => {
    model.dispose();
    expect(liveTensors()).toBe(start);
  });

  it('trains on every purchase and about a fifth of the other train impressions, and says so', () => {
    const s = result.evaluation!.sampling!;
    expect(s.rate).toBe(0.2);
    expect(result.world.trainExamples).toBe(s.keptRows);
    const world = model.world!;
    let purchases = 0;
    let train = 0;
    for (let r = 0; r < world.log.size; r++) {
      if (world.log.split[r] !== 0) continue;
      train++;
      purchases += world.log.purchase[r];
    }
    expect(s.trainRows).toBe(train);
    expect(s.keptShare).toBe(s.keptRows / train);
    const others = s.keptRows - purchases;
    expect(Math.abs(others - 0.2 * (train - purchases))).toBeLessThan(4 * Math.sqrt((train - purchases) * 0.2 * 0.8));
    // Steps follow the sample: ⌈kept / batch⌉ per epoch.
    expect(result.training.steps).toBe(2 * Math.ceil(s.keptRows / 256));
  });

  it('reports raw and re-calibrated test predictions: re-calibration lowers every mean, the AUC of purchases is unchanged', () => {
    const ev = result.evaluation!;
    const s = ev.sampling!;
    expect(s.raw).toHaveLength(2);
    for (const t of [0, 1]) expect(s.meanRecalibrated[t]).toBeLessThan(s.meanRaw[t]);
    // Re-calibrating the purchase prediction is monotone: its ranking (AUC) does not move.
    expect(ev.tasks[1].auc).toBeCloseTo(s.raw[1].auc!, 6);
  });

  it('re-calibrates every scoring path of the kept model (pairs, one task, the catalogue)', async () => {
    const world = model.world!;
    const shopper = Int32Array.from({ length: 80 }, () => 3);
    const item = Int32Array.from({ length: 80 }, (_, i) => i);
    const pairs = { size: 80, ...encodePairs(world, model.encoder!, shopper, item), split: new Uint8Array(80), group: shopper };
    const raw = await predictPairsOnHost(model.net, pairs, model.tasks, model.mode);
    const expected = raw.map((p) => p.slice());
    recalibrate(expected, 0.2);
    const both = await model.predictEncoded(pairs);
    const close = (a: Float32Array, b: Float32Array) => Array.from(a).forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
    close(both[0], expected[0]);
    close(both[1], expected[1]);
    close(await model.predictTask(pairs, 0), expected[0]);
    close(await model.predictTask(pairs, 1), expected[1]);
    close(await model.scoreCatalog([3], 1), expected[1]);
  });
});

describe('class weights and focal loss', () => {
  it('train on the whole train split and report no sampling', async () => {
    const out = await trainExperiment({ world: WORLD, training: { ...TRAINING, epochs: 1, positiveWeights: [1, 5], focalGamma: 1 }, evaluation: { rankShoppers: 10, k: 5 } }, {}, { wasmPaths: nodeWasmPaths() });
    expect(out.result.evaluation!.sampling).toBeUndefined();
    expect(out.result.training.status).toBe('completed');
    expect(Number.isFinite(out.result.evaluation!.tasks[1].logLoss!)).toBe(true);
    out.model?.dispose();
  });
});
