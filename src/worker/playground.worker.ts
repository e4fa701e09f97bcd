/// <reference lib="webworker" />
/**
 * The playground's engine worker: training runs, sweeps and the inspector's queries, exposed to the
 * page through comlink. Trained models stay here, keyed by id, until the page releases them.
 */
import * as Comlink from 'comlink';
import { HEARTBEAT_MS } from './heartbeat';
import { BROWSER_MEMORY_BUDGET, estimateCost } from '../core/experiment/cost';
import type { JudgedReferences } from '../core/eval/ranking';
import type { ExperimentConfig } from '../core/experiment/config';
import type { ReferenceSource, RunStage } from '../core/experiment/run';
import { initBackend, type BackendName } from '../core/engine/backends';
import { evaluateAtWeights, liveTensors, WorldKeeper } from '../core/experiment/run';
import { trainWithSeeds } from '../core/noise/seeds';
import type { TrainedModel } from '../core/experiment/trained';
import { readSection } from '../core/config/fields';
import { recommendFor } from '../core/inspect/recommend';
import { segmentReport } from '../core/inspect/segments';
import { rerankFor } from '../core/inspect/rerankFor';
import { knobGrid, RANKING_FIELDS, type RankingConfig } from '../core/rerank/config';
import { rerankTradeoff } from '../core/rerank/tradeoff';
import { pickShopper, searchShoppers } from '../core/inspect/shoppers';
import { TrainingControl, yieldToEventLoop } from '../core/train/control';
import type { TelemetrySnapshot, Trainer } from '../core/train/trainer';
import type { PlaygroundApi, RunEvents, SweepEvents, SweepOutcome, TradeoffEvents } from './playgroundApi';
import { runSweep } from './sweep';
import type { SecondWorker, SweepHelper, SweepHelperApi } from './sweepHelperApi';
import { WASM_PATHS } from './wasmPaths';

/** Least time between two telemetry calls to the page. */
const TELEMETRY_INTERVAL_MS = 100;

const models = new Map<string, TrainedModel>();
/** The last run's world and features: the next run on the same world starts from them. */
const worlds = new WorldKeeper();
let nextId = 1;
let control = new TrainingControl();
let trainer: Trainer | null = null;
let sweepCancelled = false;
/** Cancels the sweep in progress (nothing when none is). */
let cancelSweep: () => void = () => {};
let picks = 0;

function modelOf(id: string): TrainedModel {
  const m = models.get(id);
  if (!m) throw new Error(`Model ${id} is no longer in the worker; train it again.`);
  return m;
}

/** The ranking section sent by the page, validated (a ConfigError names each bad field). */
function rankingOf(input: unknown): RankingConfig {
  const { value, issues } = readSection(RANKING_FIELDS, input, 'ranking');
  if (issues.length) throw new Error(issues.map((i) => `${RANKING_FIELDS[i.field.split('.')[1] as keyof RankingConfig]?.label ?? i.field} ${i.message}`).join('; '));
  return value;
}

function keep(model: TrainedModel | null, prefix: string): string | null {
  if (!model) return null;
  const id = `${prefix}-${nextId++}`;
  models.set(id, model);
  return id;
}

/**
 * Forwards stage changes at once and a long stage's progress at most every 200 ms (world
 * generation and evaluation report per chunk; the page needs a few updates a second, not hundreds).
 */
function stageReporter(events: RunEvents): (stage: RunStage, fraction?: number) => void {
  let last: RunStage | null = null;
  let at = 0;
  return (stage, fraction) => {
    const now = performance.now();
    if (stage === last && now - at < 200) return;
    last = stage;
    at = now;
    void events.stage(stage, fraction ?? null);
  };
}

/** Frees a page callback object's message port once its run or sweep is over (queued calls still arrive). */
function release(callbacks: RunEvents | SweepEvents | TradeoffEvents): void {
  (callbacks as unknown as Comlink.Remote<object>)[Comlink.releaseProxy]?.();
}

/** The second worker, once started (null: it could not start). */
let helperWorker: Promise<SecondWorker | null> | null = null;

/** The second worker, on a machine with at least two cores (null on one core, or when it cannot start). */
function helper(): Promise<SecondWorker | null> {
  if ((navigator.hardwareConcurrency ?? 1) < 2) return Promise.resolve(null);
  helperWorker ??= startHelper();
  return helperWorker;
}

/**
 * A second worker to share a sweep with: only on WASM or CPU (their kernels use one thread), on a
 * machine with at least two cores, when two copies of the run fit the memory budget together.
 */
async function sweepHelper(config: ExperimentConfig): Promise<SweepHelper | null> {
  const backend = await initBackend(config.training.backend, { wasmPaths: WASM_PATHS });
  if (backend.backend !== 'wasm' && backend.backend !== 'cpu') return null;
  if (2 * estimateCost(config).bytes > BROWSER_MEMORY_BUDGET) return null;
  return helper();
}

/** Longest an evaluation waits for references still being judged beside it before judging them itself. */
const REFERENCE_WAIT_MS = 5_000;

/**
 * Asks the second worker to judge a run's reference policies while this one trains it (see
 * core/experiment/references.ts). Asked once training has reported its first losses (`start`),
 * not with the run: the world, features and first steps this worker runs first would otherwise
 * share the machine with that work (asked as training started, `bench:ui`'s first loss point came
 * 1.52–1.83 s after Play, against 1.29–1.49 s without: within the noise, not worth the risk). The
 * hook hands them over as evaluation starts, waiting for them (at most
 * REFERENCE_WAIT_MS) when they are still on their way. Anything that goes wrong there (no second
 * worker, a bad config, a crash) leaves the evaluation to judge them itself, as without the hook.
 */
function referencesBeside(config: unknown): ReferenceSource & { start: () => void; adopted: boolean } {
  let judging: Promise<JudgedReferences | null> | null = null;
  return {
    adopted: false,
    start: () => {
      judging ??= helper()
        .then((h) => h?.judgeReferences(config) ?? null)
        .catch(() => null);
    },
    async take() {
      if (!judging) return null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), REFERENCE_WAIT_MS)));
      const judged = await Promise.race([judging, late]);
      clearTimeout(timer);
      return judged;
    },
    used(adopted) {
      this.adopted = adopted;
    },
  };
}

/** Starts the helper worker and waits (10 s at most) for it to answer; null when it does not. */
async function startHelper(): Promise<SecondWorker | null> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./sweepHelper.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      helperWorker = null; // the next sweep starts a new one
      reject(new Error(`the sweep helper stopped (${event.message || 'no details'})`));
    });
  });
  died.catch(() => {}); // observed through the calls below
  const remote = Comlink.wrap<SweepHelperApi>(worker);
  const answered = await Promise.race([remote.ping(), died, new Promise<false>((r) => setTimeout(() => r(false), 10_000))]).catch(() => false);
  if (!answered) {
    worker.terminate();
    return null;
  }
  return {
    train: (configs, budget, events) => Promise.race([remote.train(configs, budget, events), died]),
    cancel: () => void remote.cancel(),
    judgeReferences: (config) => Promise.race([remote.judgeReferences(config), died]),
  };
}

const api: PlaygroundApi = {
  async prepareBackend(backend: BackendName) {
    return initBackend(backend, { wasmPaths: WASM_PATHS });
  },

  async run(config, events: RunEvents) {
    control.cancel();
    control = new TrainingControl();
    // Unsubscribed when the run ends: the next run cancels this control, and the callbacks are released by then.
    const unsubscribe = control.subscribe((s) => void events.control(s));
    let buffer: TelemetrySnapshot[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (buffer.length === 0) return;
      void events.telemetry(buffer, trainer?.totalSteps ?? 0);
      buffer = [];
    };
    const beside = referencesBeside(config);
    try {
      const { result, model } = await trainWithSeeds(
        config,
        {
          onSeed: (index, count) => void events.seed(index, count),
          onStage: stageReporter(events),
          memoryBudget: BROWSER_MEMORY_BUDGET,
          onBackend: (choice) => void events.backend(choice),
          onTrainer: (t) => (trainer = t),
          worlds,
          references: beside,
          onTelemetry: (snapshot) => {
            beside.start();
            buffer.push(snapshot);
            timer ??= setTimeout(flush, TELEMETRY_INTERVAL_MS);
          },
          onEpoch: (summary) => {
            flush();
            void events.epoch(summary);
          },
          control,
        },
        { wasmPaths: WASM_PATHS },
      );
      if (timer) clearTimeout(timer);
      flush();
      return { result, modelId: keep(model, 'run'), referencesBeside: beside.adopted };
    } finally {
      trainer = null;
      unsubscribe();
      release(events);
    }
  },

  async reweigh(modelId, run, weights) {
    const { result, model } = await evaluateAtWeights(modelOf(modelId), run, weights, { worlds });
    return { result, modelId: keep(model, 'reweighed') };
  },

  pause: () => control.pause(),
  resume: () => control.resume(),
  step: () => control.step(),
  stepEpoch: () => control.stepEpoch(),
  cancel: () => control.cancel(),
  setDelay: (ms) => control.setDelay(ms),
  setWeights: (weights) => trainer?.setWeights(weights),

  async sweep(config, count, events: SweepEvents): Promise<SweepOutcome> {
    sweepCancelled = false;
    const sweepControl = new TrainingControl();
    cancelSweep = () => {
      sweepCancelled = true;
      sweepControl.cancel();
    };
    try {
      return await runSweep(config, count, events, { keep, control: sweepControl, isCancelled: () => sweepCancelled, memoryBudget: BROWSER_MEMORY_BUDGET, helper: sweepHelper, worlds });
    } finally {
      cancelSweep = () => {};
      release(events);
    }
  },

  cancelSweep() {
    cancelSweep();
  },

  inspect: (modelId, shopper, k) => recommendFor(modelOf(modelId), shopper, k),

  segments(modelId, k) {
    const model = modelOf(modelId);
    const { evaluation, world } = model.config;
    return segmentReport(model, k, { listLength: evaluation.k, maxShoppers: evaluation.rankShoppers, seed: world.seed });
  },

  async tradeoff(modelId, ranking, k, events) {
    const model = modelOf(modelId);
    const r = rankingOf(ranking);
    let last = 0;
    try {
      return await rerankTradeoff(model, {
        ranking: r,
        knobs: knobGrid(r, k),
        k,
        seed: model.config.world.seed,
        onProgress: async (fraction) => {
          const now = performance.now();
          if (fraction === 1 || now - last > TELEMETRY_INTERVAL_MS) {
            last = now;
            void events.progress(fraction);
          }
          // Lets the inspector's queries and a release through between chunks.
          await yieldToEventLoop();
        },
      });
    } finally {
      release(events);
    }
  },

  rerankInspect: (modelId, shopper, ranking, k) => rerankFor(modelOf(modelId), shopper, rankingOf(ranking), k),


  async findShoppers(modelId, query) {
    const world = modelOf(modelId).world;
    return world ? searchShoppers(world, query) : [];
  },

  async pickShopper(modelId, kind) {
    const world = modelOf(modelId).world;
    if (!world) throw new Error('The MMoE regression world has no shoppers to inspect.');
    return pickShopper(world, kind, ++picks);
  },

  releaseModel(modelId) {
    models.get(modelId)?.dispose();
    models.delete(modelId);
  },

  liveTensors,
};

Comlink.expose(api);

// A sign of life for the page (workerClient.ts): a worker that stops without an error event (closed,
// or killed by the browser) goes quiet, and the page notices. Comlink ignores messages without an id.
setInterval(() => self.postMessage({ heartbeat: true }), HEARTBEAT_MS);
