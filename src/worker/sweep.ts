/**
 * The playground worker's weight sweep: the weighting points of a one-seed sweep train as one
 * population (one world, see core/experiment/population.ts); the single-task reference, and every
 * point of a multi-seed sweep (each seed has its own world), train as runs of their own. Where a
 * second worker is available the work is split in two lanes, one per worker (one per core on WASM).
 * Points go to the page as they land, with one clock per lane.
 */
import * as Comlink from 'comlink';
import { parseExperimentConfig, type ExperimentConfig } from '../core/experiment/config';
import { runPlan, stagePhase, WorkClock, type JobPlan } from '../core/experiment/eta';
import { REFERENCE_POLICIES, type ReferencePolicy } from '../core/baselines';
import { GroupProgress, trainPopulation, type MemberPositions, type PositionReport } from '../core/experiment/population';
import { evaluateAtWeights, purchaseModeOf, trainExperiment, WorldKeeper, type ExperimentResult, type PreparedData, type RunStage } from '../core/experiment/run';
import { sweepPoints, sweepTrainsOnce, type SweepPoint } from '../core/experiment/sweep';
import { TrainedModel } from '../core/experiment/trained';
import { trainWithSeeds } from '../core/noise/seeds';
import type { TrainingControl } from '../core/train/control';
import type { SweepEvents, SweepOutcome, SweepPointResult } from './playgroundApi';
import type { SweepHelper } from './sweepHelperApi';
import { WASM_PATHS } from './wasmPaths';

/** Least time between two progress calls to the page. */
const PROGRESS_INTERVAL_MS = 100;

export interface SweepContext {
  /** Keeps a trained model in the worker and returns its id (null for no model). */
  keep: (model: TrainedModel | null, prefix: string) => string | null;
  /** The control the page's cancel acts on (one for the whole sweep). */
  control: TrainingControl;
  isCancelled: () => boolean;
  /** Memory one worker's models may take (bytes). */
  memoryBudget: number;
  /** A second worker to share this sweep's training with, or null where there is none. */
  helper?: (config: ExperimentConfig) => Promise<SweepHelper | null>;
  /**
   * The worker's kept world (the last run's, usually the sweep's own): the sweep trains from it,
   * and rebuilds the helper's models on it. Absent: one kept for this sweep.
   */
  worlds?: WorldKeeper;
}

/** AUC of a binary task; the negated MSE of a regression task (so higher is better for both). */
function taskScore(t: { auc: number | null; mse: number | null } | undefined): number {
  if (!t) return Number.NaN;
  if (t.auc !== null) return t.auc;
  return t.mse !== null ? -t.mse : Number.NaN;
}

/** A point of the sweep as the page plots it. */
function pointResult(j: number, p: SweepPoint, result: ExperimentResult, modelId: string | null): SweepPointResult {
  const tasks = result.evaluation?.tasks ?? [];
  const mine = result.evaluation?.ranking?.policies.find((q) => q.policy === 'model');
  const point: SweepPointResult = {
    index: j,
    label: p.label,
    shares: p.shares,
    weights: p.config.weighting.weights,
    tasks: tasks.map((t) => t.task),
    taskScores: tasks.map((t) => taskScore(t)),
    singleTask: p.singleTask,
    modelId,
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
    // Every task's score as its mean over seeds too (the ternary plot colours by any of them).
    point.taskScores = tasks.map((t) => {
      const s = rep.summary[taskMetric(t.task)];
      return s ? (regression ? -s.mean : s.mean) : taskScore(t);
    });
  }
  return point;
}

/** Points one worker trains, in order: weight points as one population, then others alone. */
interface Lane {
  /** Indices into the sweep's points trained as one population (one world). */
  together: number[];
  /** Indices trained one by one (the reference; every point of a multi-seed sweep). */
  alone: number[];
  clock: WorkClock;
  /** First clock job of each of this lane's points. */
  firstJob: Map<number, number>;
}

/** Splits the sweep into lanes: two when a helper shares the work (weights alternate), else one. */
function lanes(points: SweepPoint[], two: boolean, t0: number): Lane[] {
  const seeds = points[0].config.training.seeds;
  const weights = seeds === 1 ? points.flatMap((p, j) => (p.singleTask ? [] : [j])) : [];
  const others = points.flatMap((_, j) => (weights.includes(j) ? [] : [j]));
  // A conditioned sweep trains its weightings as one model: they stay in one lane.
  const conditioned = sweepTrainsOnce(points[0].config);
  const split = two
    ? [
        { together: conditioned ? weights : weights.filter((_, i) => i % 2 === 0), alone: [] as number[] },
        { together: conditioned ? [] : weights.filter((_, i) => i % 2 === 1), alone: others },
      ]
    : [{ together: weights, alone: others }];
  return split.map(({ together, alone }) => {
    // A population generates its world once, for its first member; a conditioned model trains once
    // and is evaluated at every weighting.
    const order = [...together, ...alone];
    const plans: JobPlan[][] = order.map((j, i) => {
      const plan = runPlan(points[j].config);
      if (i === 0 || i >= together.length) return plan;
      return plan.map((job) => ({ world: 0, features: 0, training: conditioned ? 0 : job.training, evaluation: job.evaluation }));
    });
    const firstJob = new Map(order.map((j, i) => [j, plans.slice(0, i).reduce((n, q) => n + q.length, 0)]));
    return { together, alone, clock: new WorkClock(plans.flat(), t0), firstJob };
  });
}

/**
 * Trains every point of a weight sweep, reporting progress and each point as it lands. With a
 * helper (a second worker, on WASM or CPU where kernels use one thread) the weightings alternate
 * between the two workers and the helper also trains the reference; the helper's models are
 * rebuilt here from their parameters. A helper that fails leaves its points to this worker.
 */
export async function runSweep(config: unknown, count: number, events: SweepEvents, ctx: SweepContext): Promise<SweepOutcome> {
  const t0 = performance.now();
  const base = parseExperimentConfig(config);
  const points = sweepPoints(base, count);
  const helper = points[0].config.training.seeds === 1 && ctx.helper ? await ctx.helper(points[0].config) : null;
  const worlds = ctx.worlds ?? new WorldKeeper();
  const plan = lanes(points, helper !== null, t0);
  const results: SweepPointResult[] = [];
  let references: SweepOutcome['references'] = [];
  /** Points already sent (a failed helper's landed points are not trained again). */
  const landed = new Set<number>();
  let lastProgress = 0;
  let shown = 0;
  /** Lane `l` is at points `at` (each with how far it is; several when they train together), their seed `seed`, in `phase`. */
  const progressAt = (l: number, at: MemberPositions, seed: number, phase: string, force = false) => {
    if (at.length === 0) return;
    const now = performance.now();
    const lane = plan[l];
    lane.clock.atAll(at.map(([j, within]) => ({ job: (lane.firstJob.get(j) ?? 0) + seed, phase, within })), now);
    if (l === 0 || plan.length === 1) shown = at[0][0];
    if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now;
    const total = plan.reduce((s, x) => s + x.clock.planned, 0);
    const fraction = total > 0 ? plan.reduce((s, x) => s + x.clock.fraction() * x.clock.planned, 0) / total : 0;
    const lefts = plan.map((x) => (x.clock.fraction() >= 1 ? 0 : x.clock.secondsLeft(now)));
    const etaSeconds = lefts.some((x) => x === null) ? null : Math.max(...(lefts as number[]));
    void events.progress({ index: shown, total: points.length, label: points[shown].label, fraction, etaSeconds });
  };
  /** Lane `l` is at point j (its seed `seed`), in `phase`, `within` of the way. */
  const progress = (l: number, j: number, seed: number, phase: string, within: number, force = false) => progressAt(l, [[j, within]], seed, phase, force);
  /** Lane `l`'s reports of a population of points `js` (its positions index into `js`). */
  const populationReport = (l: number, js: number[]): PositionReport => (at, stage, force) => {
    const phase = stagePhase(stage);
    if (phase) progressAt(l, at.map(([i, within]): [number, number] => [js[i], within]), 0, phase, force);
  };
  /** Sends a finished point; false when the sweep was cancelled during it. */
  const land = (l: number, j: number, result: ExperimentResult, model: TrainedModel | null): boolean => {
    if (result.training.status === 'cancelled') {
      model?.dispose();
      return false;
    }
    const ranking = result.evaluation?.ranking ?? null;
    if (ranking && references.length === 0) {
      references = ranking.policies
        .filter((q): q is typeof q & { policy: ReferencePolicy } => (REFERENCE_POLICIES as readonly string[]).includes(q.policy))
        .map((q) => ({ policy: q.policy, ndcg: q.ndcg.value, diversity: q.diversity.value }));
    }
    const point = pointResult(j, points[j], result, ctx.keep(model, 'sweep'));
    landed.add(j);
    results.push(point);
    void events.point(point);
    progress(l, j, 0, 'evaluation', 1, true);
    return true;
  };

  /** Trains the conditioned model once here and evaluates it at the weightings of indices `js`; false once cancelled. */
  const localConditioned = async (l: number, js: number[]): Promise<boolean> => {
    let total = 0;
    let current = js[0];
    progress(l, current, 0, 'world', 0, true);
    const onStage = (stage: RunStage, fraction?: number) => {
      const phase = stagePhase(stage);
      if (phase) progress(l, current, 0, phase, fraction ?? 0, true);
    };
    const run = await trainExperiment(
      base,
      {
        control: ctx.control,
        isCancelled: ctx.isCancelled,
        memoryBudget: ctx.memoryBudget,
        worlds,
        onTrainer: (t) => (total = t.totalSteps),
        onStage,
        onTelemetry: (s) => {
          if (total > 0) progress(l, current, 0, 'training', Math.min(s.step / total, 1));
        },
      },
      { wasmPaths: WASM_PATHS },
    );
    if (!run.model) {
      // Cancelled, or no usable weights: every weighting lands with the run's status.
      return js.every((j) => land(l, j, run.result, null));
    }
    try {
      for (const j of js) {
        if (ctx.isCancelled()) return false;
        current = j;
        const moved = await evaluateAtWeights(run.model, run.result, points[j].config.weighting.weights, { worlds, onStage });
        if (!land(l, j, moved.result, moved.model)) return false;
      }
      return true;
    } finally {
      run.model.dispose();
    }
  };

  /** Trains indices `js` here as one population; false once cancelled. */
  const localTogether = async (l: number, js: number[]): Promise<boolean> => {
    if (js.length === 0) return true;
    if (sweepTrainsOnce(base)) return localConditioned(l, js);
    let open = true;
    const where = new GroupProgress().hooks(populationReport(l, js));
    progress(l, js[0], 0, 'world', 0, true);
    await trainPopulation(
      js.map((j) => points[j].config),
      {
        control: ctx.control,
        memoryBudget: ctx.memoryBudget,
        worlds,
        membersField: 'the number of sweep points',
        ...where,
        onResult: (i, result, model) => {
          where.onResult(i, result, model);
          open = land(l, js[i], result, model) && open;
        },
      },
      { wasmPaths: WASM_PATHS },
    );
    return open;
  };

  /** Trains indices `js` here one by one (each with its seeds); false once cancelled. */
  const localAlone = async (l: number, js: number[]): Promise<boolean> => {
    for (const j of js) {
      if (ctx.isCancelled()) return false;
      let seed = 0;
      let total = 0;
      progress(l, j, 0, 'world', 0, true);
      const { result, model } = await trainWithSeeds(
        points[j].config,
        {
          control: ctx.control,
          memoryBudget: ctx.memoryBudget,
          worlds,
          onTrainer: (t) => (total = t.totalSteps),
          onSeed: (index) => (seed = index - 1),
          onStage: (stage, fraction) => {
            const phase = stagePhase(stage);
            if (phase) progress(l, j, seed, phase, fraction ?? 0, true);
          },
          onTelemetry: (s) => {
            if (total > 0) progress(l, j, seed, 'training', Math.min(s.step / total, 1));
          },
        },
        { wasmPaths: WASM_PATHS },
      );
      if (!land(l, j, result, model)) return false;
    }
    return true;
  };

  /** Trains indices `js` (one population) in the helper and rebuilds its models here. */
  const remote = async (l: number, h: SweepHelper, js: number[]): Promise<boolean> => {
    if (js.length === 0) return true;
    const trained = await h.train(
      js.map((j) => points[j].config),
      ctx.memoryBudget,
      Comlink.proxy({ progress: (at: MemberPositions, stage: RunStage) => populationReport(l, js)(at, stage, stage !== 'training') }),
    );
    let open = true;
    trained.forEach(({ result, values }, i) => {
      const c = points[js[i]].config;
      const model = values ? TrainedModel.fromValues(c, preparedFor(c), values, purchaseModeOf(c)) : null;
      open = land(l, js[i], result, model) && open;
    });
    return open;
  };
  /** The world and features of a config (for rebuilt models): the kept ones, the sweep's own. */
  const preparedFor = (c: ExperimentConfig): PreparedData => worlds.prepare(c);

  const [mine, theirs] = plan;
  const local = async (lane: Lane, l: number) => (await localTogether(l, lane.together)) && (await localAlone(l, lane.alone));
  /** The helper's lane: 'failed' leaves its points to this worker. */
  const helped = async (lane: Lane): Promise<'done' | 'cancelled' | 'failed'> => {
    try {
      for (const js of [lane.together, ...lane.alone.map((j) => [j])]) {
        if (ctx.isCancelled() || !(await remote(1, helper!, js))) return 'cancelled';
      }
      return 'done';
    } catch (e) {
      // The helper failed (it crashed, or ran out of memory): its points train here, after ours.
      console.warn('The sweep helper failed; its points train in the main worker.', e);
      return 'failed';
    }
  };
  let laneSeconds: number[] = [];
  const cancelHelper = ctx.control.subscribe((s) => {
    if (s === 'cancelled') helper?.cancel();
  });
  try {
    const timed = async <T>(l: number, work: Promise<T>): Promise<T> => {
      const out = await work;
      laneSeconds[l] = (performance.now() - t0) / 1000;
      return out;
    };
    const [, other] = await Promise.all([timed(0, local(mine, 0)), theirs ? timed(1, helped(theirs)) : Promise.resolve('done' as const)]);
    if (theirs && other === 'failed' && !ctx.isCancelled()) {
      const left = (js: number[]) => js.filter((j) => !landed.has(j));
      await local({ ...theirs, together: left(theirs.together), alone: left(theirs.alone) }, 1);
      laneSeconds = [(performance.now() - t0) / 1000];
    }
  } finally {
    cancelHelper();
  }
  results.sort((a, b) => a.index - b.index);
  const k = parseExperimentConfig(config).evaluation.k;
  return { points: results, references, cancelled: ctx.isCancelled(), k, seconds: (performance.now() - t0) / 1000, laneSeconds };
}
