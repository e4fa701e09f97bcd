/**
 * Saved sessions: real engine results (shopper world with seeds, regression world, a trade-off)
 * survive a structured-clone round trip unchanged; damaged entries are left out one by one with
 * the path of what is wrong; sessions are bounded and their counts and run numbers repaired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { readSection } from '../config/fields';
import { runExperiment, trainExperiment, type ExperimentResult } from '../experiment/run';
import type { TrainedModel } from '../experiment/trained';
import { trainWithSeeds } from '../noise/seeds';
import { RANKING_FIELDS } from '../rerank/config';
import { rerankTradeoff, type TradeoffResult } from '../rerank/tradeoff';
import type { RunView } from '../telemetry/runView';
import { describeSession, emptySession, KEEP_PINS, KEEP_RUNS, KEEP_TRADEOFFS, readSavedSession, SAVED_VERSION, trimSession, type SavedSession } from './saved';

const wasm = { wasmPaths: nodeWasmPaths() };
let shopper: ExperimentResult;
let seeded: ExperimentResult;
let regression: ExperimentResult;
let tradeoff: TradeoffResult;
let model: TrainedModel;

beforeAll(async () => {
  const tiny = {
    world: { numShoppers: 60, numItems: 40, sessionsPerShopper: 3 },
    model: { architecture: 'mmoe', numExperts: 2, expertUnits: 8, towerUnits: 4 },
    training: { epochs: 1, batchSize: 256, patience: 0, backend: 'wasm' },
    evaluation: { rankShoppers: 10, k: 5 },
  };
  const trained = await trainExperiment(tiny, {}, wasm);
  shopper = trained.result;
  model = trained.model!;
  const withSeeds = await trainWithSeeds({ ...tiny, training: { ...tiny.training, seeds: 2 } }, {}, wasm);
  seeded = withSeeds.result;
  withSeeds.model?.dispose();
  regression = await runExperiment({ world: { kind: 'mmoe', numSamples: 400, inputDim: 8 }, training: { epochs: 1, batchSize: 128, backend: 'wasm', earlyStoppingMetric: 'loss' } }, {}, wasm);
  const ranking = { ...readSection(RANKING_FIELDS, {}, 'ranking').value, candidates: 20, shoppers: 8, sessions: 5 };
  tradeoff = await rerankTradeoff(model, { ranking, k: 5, seed: 1, knobs: [1, 0] });
}, 120_000);
afterAll(() => model?.dispose());

function view(tasks: string[]): RunView {
  const series = { x: [0, 1, 2], y: [0.7, 0.6, Number.NaN] };
  return { tasks, step: 2, epoch: 1, totalSteps: 2, samplesPerSecond: 100, trainLoss: tasks.map(() => series), weights: tasks.map(() => series), cosine: { x: [], y: [] }, gates: [[0.5, 0.5]], epochs: shopper.training.epochs };
}

function session(): SavedSession {
  return {
    version: SAVED_VERSION,
    savedAt: '2026-12-01T18:00:00.000Z',
    lastRun: 4,
    runs: [
      { id: 1, name: 'Run 1: mmoe, fixed 1/1', result: shopper },
      { id: 2, name: 'Run 2', result: seeded },
      { id: 4, name: 'Run 4', result: regression },
    ],
    runCount: 7,
    tradeoffs: [tradeoff],
    tradeoffCount: 1,
    pins: [{ id: 2, name: 'Run 2', result: seeded, view: view(['click', 'purchase']) }],
    latest: { id: 4, view: view(['y1', 'y2']) },
  };
}

describe('saved sessions', () => {
  it('real results, replicates, a regression run, a trade-off and chart views come back unchanged', () => {
    expect(seeded.replicates).toBeTruthy();
    const s = session();
    const read = readSavedSession(structuredClone(s));
    expect(read.problems).toEqual([]);
    expect(read.session).toEqual(s);
    expect(describeSession(read.session)).toBe('3 runs, 1 pinned, 1 trade-off');
  });

  it('nothing stored is an empty session; another version is not read, and says so', () => {
    expect(readSavedSession(undefined)).toEqual({ session: emptySession(), problems: [] });
    for (const raw of [{ ...session(), version: 2 }, { runs: [] }, 5, 'x', []]) {
      const read = readSavedSession(raw);
      expect(read.session).toEqual(emptySession());
      expect(read.problems).toHaveLength(1);
    }
  });

  it('a damaged entry is left out alone, with the path of what is wrong', () => {
    const s = structuredClone(session()) as unknown as { runs: Array<Record<string, any>>; pins: Array<Record<string, any>>; tradeoffs: Array<Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test surgery on clones
    s.runs[0].result.training.status = 'exploded';
    s.runs[1].result.config.model.architecture = 'transformer';
    // A clone keeps shared objects shared: the pin gets its own copy so only its view is damaged.
    s.pins = structuredClone(session().pins) as typeof s.pins;
    s.pins[0].view.trainLoss[0].y.pop();
    s.tradeoffs[0].points[0].online.simulated.revenue = { mean: 1 };
    const read = readSavedSession(s);
    expect(read.session.runs.map((r) => r.id)).toEqual([4]);
    expect(read.session.pins).toEqual([]);
    expect(read.session.tradeoffs).toEqual([]);
    expect(read.problems).toEqual([
      'runs[0].result.training.status: expected one of completed, early-stopped, cancelled, diverged',
      expect.stringMatching(/^runs\[1\]\.result\.config: model\.architecture /),
      'pinned runs[0].view.trainLoss[0]: x and y differ in length',
      'trade-offs[0].points[0].online.simulated.revenue.lo: expected a number',
    ]);
    // The run on screen was kept, so it is still restored.
    expect(read.session.latest?.id).toBe(4);
  });

  it('repairs counts, run numbers and duplicates; drops a latest run that is not kept', () => {
    const s = { ...session(), runCount: 1, lastRun: 2, runs: [...session().runs, { ...session().runs[0] }], latest: { id: 9, view: view(['y1']) } };
    const read = readSavedSession(structuredClone(s));
    expect(read.session.runs.map((r) => r.id)).toEqual([1, 2, 4]);
    expect(read.problems).toEqual(['run 1 appears twice']);
    expect(read.session.runCount).toBe(3);
    expect(read.session.lastRun).toBe(4);
    expect(read.session.latest).toBeNull();
    const bad = readSavedSession({ ...session(), runCount: -1, tradeoffCount: 1.5, savedAt: 'yesterday', latest: { id: 'x' } });
    expect(bad.session.runCount).toBe(3);
    expect(bad.session.tradeoffCount).toBe(1);
    expect(bad.session.savedAt).toBe(new Date(0).toISOString());
    expect(bad.problems).toEqual(['latest.id: expected an integer']);
  });

  it('keeps the newest runs, trade-offs and pins only', () => {
    const s = session();
    const many: SavedSession = {
      ...s,
      runs: Array.from({ length: KEEP_RUNS + 5 }, (_, i) => ({ id: i + 1, name: `Run ${i + 1}`, result: shopper })),
      tradeoffs: Array.from({ length: KEEP_TRADEOFFS + 3 }, () => tradeoff),
      pins: Array.from({ length: KEEP_PINS + 2 }, (_, i) => ({ ...s.pins[0], id: i + 1 })),
      latest: { id: 2, view: s.latest!.view },
    };
    const t = trimSession(many);
    expect(t.runs[0].id).toBe(6);
    expect(t.runs).toHaveLength(KEEP_RUNS);
    expect(t.tradeoffs).toHaveLength(KEEP_TRADEOFFS);
    expect(t.pins.map((p) => p.id)[0]).toBe(3);
    expect(t.latest).toBeNull();
    // Reading an oversized record keeps the newest of each, too.
    const read = readSavedSession(structuredClone(many));
    expect(read.session.runs).toHaveLength(KEEP_RUNS);
    expect(read.session.runs.at(-1)?.id).toBe(KEEP_RUNS + 5);
  });
});
