/// <reference lib="webworker" />
/**
 * The playground's engine worker: training runs, sweeps and the inspector's queries, exposed to the
 * page through comlink. Trained models stay here, keyed by id, until the page releases them.
 */
import * as Comlink from 'comlink';
import { HEARTBEAT_MS } from './heartbeat';
import { BROWSER_MEMORY_BUDGET } from '../core/experiment/cost';
import { runPlan, stagePhase, WorkClock } from '../core/experiment/eta';
import type { RunStage } from '../core/experiment/run';
import { initBackend, type BackendName } from '../core/engine/backends';
import { liveTensors } from '../core/experiment/run';
import { trainWithSeeds } from '../core/noise/seeds';
import { parseExperimentConfig } from '../core/experiment/config';
import { sweepPoints } from '../core/experiment/sweep';
import type { TrainedModel } from '../core/experiment/trained';
import { readSection } from '../core/config/fields';
import { recommendFor } from '../core/inspect/recommend';
import { rerankFor } from '../core/inspect/rerankFor';
import { knobGrid, RANKING_FIELDS, type RankingConfig } from '../core/rerank/config';
import { rerankTradeoff } from '../core/rerank/tradeoff';
import { pickShopper, searchShoppers } from '../core/inspect/shoppers';
import { TrainingControl, yieldToEventLoop } from '../core/train/control';
import type { TelemetrySnapshot, Trainer } from '../core/train/trainer';
import type { PlaygroundApi, RunEvents, SweepEvents, SweepOutcome, SweepPointResult, TradeoffEvents } from './playgroundApi';
import { WASM_PATHS } from './wasmPaths';

/** Least time between two telemetry calls to the page. */
const TELEMETRY_INTERVAL_MS = 100;

const models = new Map<string, TrainedModel>();
let nextId = 1;
let control = new TrainingControl();
let trainer: Trainer | null = null;
let sweepCancelled = false;
let sweepControl: TrainingControl | null = null;
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

/** AUC of a binary task; the negated MSE of a regression task (so higher is better for both). */
function taskScore(t: { auc: number | null; mse: number | null } | undefined): number {
  if (!t) return Number.NaN;
  if (t.auc !== null) return t.auc;
  return t.mse !== null ? -t.mse : Number.NaN;
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

/** Trains each point of a weight sweep in turn, reporting progress and each point as it lands. */
async function sweepAll(config: unknown, count: number, events: SweepEvents): Promise<SweepOutcome> {
  sweepCancelled = false;
  const t0 = performance.now();
  const points = sweepPoints(parseExperimentConfig(config), count);
  const results: SweepPointResult[] = [];
  let references: SweepOutcome['references'] = [];
  // One clock over every model of the sweep (each seed of each point), phases weighted by the
  // cost model and timed as they run: the time left comes from measured phase times.
  const plans = points.map((p) => runPlan(p.config));
  const firstJob = plans.map((_, j) => plans.slice(0, j).reduce((n, q) => n + q.length, 0));
  const clock = new WorkClock(plans.flat(), t0);
  for (let j = 0; j < points.length && !sweepCancelled; j++) {
    const p = points[j];
    let seed = 0;
    let lastProgress = 0;
    const progress = (phase: string, within: number, force = false) => {
      const now = performance.now();
      clock.at(firstJob[j] + seed, phase, within, now);
      if (!force && now - lastProgress < TELEMETRY_INTERVAL_MS) return;
      lastProgress = now;
      void events.progress({ index: j, total: points.length, label: p.label, fraction: clock.fraction(), etaSeconds: clock.secondsLeft(now) });
    };
    progress('world', 0, true);
    sweepControl = new TrainingControl();
    let total = 0;
    const { result, model } = await trainWithSeeds(
      p.config,
      {
        control: sweepControl,
        memoryBudget: BROWSER_MEMORY_BUDGET,
        onTrainer: (t) => (total = t.totalSteps),
        onSeed: (index) => (seed = index - 1),
        onStage: (stage, fraction) => {
          const phase = stagePhase(stage);
          if (phase) progress(phase, fraction ?? 0, true);
        },
        onTelemetry: (s) => {
          if (total > 0) progress('training', Math.min(s.step / total, 1));
        },
      },
      { wasmPaths: WASM_PATHS },
    );
    if (result.training.status === 'cancelled') {
      model?.dispose();
      break;
    }
    const tasks = result.evaluation?.tasks ?? [];
    const ranking = result.evaluation?.ranking ?? null;
    const mine = ranking?.policies.find((q) => q.policy === 'model');
    if (ranking && references.length === 0) {
      references = ranking.policies
        .filter((q): q is typeof q & { policy: 'popularity' | 'random' } => q.policy === 'popularity' || q.policy === 'random')
        .map((q) => ({ policy: q.policy, ndcg: q.ndcg.value, diversity: q.diversity.value }));
    }
    const point: SweepPointResult = {
      index: j,
      label: p.label,
      alpha: p.alpha,
      weights: p.config.weighting.weights,
      singleTask: p.singleTask,
      modelId: keep(model, 'sweep'),
      status: result.training.status,
      clickAuc: taskScore(tasks[0]),
      purchaseAuc: taskScore(tasks[1]),
      ndcg: mine?.ndcg.value ?? Number.NaN,
      diversity: mine?.diversity.value ?? Number.NaN,
      truePurchase: mine?.truePurchase.value ?? Number.NaN,
      ece: [tasks[0]?.ece ?? Number.NaN, tasks[1]?.ece ?? Number.NaN],
      perSession: mine?.perSession ?? null,
      noise: null,
    };
    const rep = result.replicates;
    if (rep && rep.seeds.length > 1) {
      // Several seeds: plot the means, and keep each metric's interval for the table.
      const regression = tasks[0]?.kind === 'regression';
      const taskMetric = (t: string) => (regression ? `mse:${t}` : `auc:${t}`);
      const names = {
        clickAuc: taskMetric(tasks[0]?.task ?? 'click'),
        purchaseAuc: taskMetric(tasks[1]?.task ?? 'purchase'),
        ndcg: 'ranking:model:ndcg',
        diversity: 'ranking:model:diversity',
        truePurchase: 'ranking:model:truePurchase',
      } as const;
      const sign = (key: keyof typeof names) => (regression && (key === 'clickAuc' || key === 'purchaseAuc') ? -1 : 1);
      const intervals = {} as NonNullable<SweepPointResult['noise']>['intervals'];
      for (const key of Object.keys(names) as Array<keyof typeof names>) {
        const s = rep.summary[names[key]];
        if (!s) continue;
        point[key] = sign(key) * s.mean;
        const ends: [number, number] = [sign(key) * s.lo, sign(key) * s.hi];
        intervals[key] = ends[0] <= ends[1] ? ends : [ends[1], ends[0]];
      }
      point.noise = { seeds: rep.seeds.length, intervals };
    }
    results.push(point);
    void events.point(point);
    progress('evaluation', 1, true);
  }
  const k = parseExperimentConfig(config).evaluation.k;
  return { points: results, references, cancelled: sweepCancelled, k, seconds: (performance.now() - t0) / 1000 };
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
    try {
      const { result, model } = await trainWithSeeds(
        config,
        {
          onSeed: (index, count) => void events.seed(index, count),
          onStage: stageReporter(events),
          memoryBudget: BROWSER_MEMORY_BUDGET,
          onBackend: (choice) => void events.backend(choice),
          onTrainer: (t) => (trainer = t),
          onTelemetry: (snapshot) => {
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
      return { result, modelId: keep(model, 'run') };
    } finally {
      trainer = null;
      unsubscribe();
      release(events);
    }
  },

  pause: () => control.pause(),
  resume: () => control.resume(),
  step: () => control.step(),
  stepEpoch: () => control.stepEpoch(),
  cancel: () => control.cancel(),
  setDelay: (ms) => control.setDelay(ms),
  setWeights: (weights) => trainer?.setWeights(weights),

  async sweep(config, count, events: SweepEvents): Promise<SweepOutcome> {
    try {
      return await sweepAll(config, count, events);
    } finally {
      sweepControl = null;
      release(events);
    }
  },

  cancelSweep() {
    sweepCancelled = true;
    sweepControl?.cancel();
  },

  inspect: (modelId, shopper, k) => recommendFor(modelOf(modelId), shopper, k),

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
