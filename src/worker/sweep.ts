/**
 * The playground worker's weight sweep: every weighting point of a one-seed sweep trains as one
 * population (one world, see core/experiment/population.ts); the single-task reference, and every
 * point of a multi-seed sweep (each seed has its own world), train as runs of their own. Points go
 * to the page as they land, with one clock over the whole sweep.
 */
import { BROWSER_MEMORY_BUDGET } from '../core/experiment/cost';
import { parseExperimentConfig } from '../core/experiment/config';
import { runPlan, stagePhase, WorkClock, type JobPlan } from '../core/experiment/eta';
import { trainPopulation } from '../core/experiment/population';
import type { ExperimentResult, RunStage } from '../core/experiment/run';
import { sweepPoints, type SweepPoint } from '../core/experiment/sweep';
import type { TrainedModel } from '../core/experiment/trained';
import { trainWithSeeds } from '../core/noise/seeds';
import { TrainingControl } from '../core/train/control';
import type { SweepEvents, SweepOutcome, SweepPointResult } from './playgroundApi';
import { WASM_PATHS } from './wasmPaths';

/** Least time between two progress calls to the page. */
const PROGRESS_INTERVAL_MS = 100;

export interface SweepContext {
  /** Keeps a trained model in the worker and returns its id (null for no model). */
  keep: (model: TrainedModel | null, prefix: string) => string | null;
  /** The control the page's cancel acts on (one for the whole sweep). */
  control: TrainingControl;
  isCancelled: () => boolean;
}

/** AUC of a binary task; the negated MSE of a regression task (so higher is better for both). */
export function taskScore(t: { auc: number | null; mse: number | null } | undefined): number {
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
    alpha: p.alpha,
    weights: p.config.weighting.weights,
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
  }
  return point;
}

/** Trains every point of a weight sweep, reporting progress and each point as it lands. */
export async function runSweep(config: unknown, count: number, events: SweepEvents, ctx: SweepContext): Promise<SweepOutcome> {
  const t0 = performance.now();
  const points = sweepPoints(parseExperimentConfig(config), count);
  const seeds = points[0].config.training.seeds;
  // Points trained together come first in sweepPoints' order: the weightings, then the reference.
  const together = seeds === 1 ? points.filter((p) => !p.singleTask) : [];
  const alone = points.slice(together.length);
  // One clock over every model of the sweep (each seed of each point), phases weighted by the cost
  // model and timed as they run. A population generates its world once, for its first member.
  const plans: JobPlan[][] = points.map((p, j) => {
    const plan = runPlan(p.config);
    return j > 0 && j < together.length ? plan.map((job) => ({ world: 0, features: 0, training: job.training, evaluation: job.evaluation })) : plan;
  });
  const firstJob = plans.map((_, j) => plans.slice(0, j).reduce((n, q) => n + q.length, 0));
  const clock = new WorkClock(plans.flat(), t0);
  const results: SweepPointResult[] = [];
  let references: SweepOutcome['references'] = [];
  let current = 0;
  let seed = 0;
  let lastProgress = 0;
  const progress = (phase: string, within: number, force = false) => {
    const now = performance.now();
    clock.at(firstJob[current] + seed, phase, within, now);
    if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now;
    void events.progress({ index: current, total: points.length, label: points[current].label, fraction: clock.fraction(), etaSeconds: clock.secondsLeft(now) });
  };
  const onStage = (stage: RunStage, fraction?: number) => {
    const phase = stagePhase(stage);
    if (phase) progress(phase, fraction ?? 0, true);
  };
  /** Sends a finished point; false when the sweep was cancelled during it. */
  const land = (j: number, result: ExperimentResult, model: TrainedModel | null): boolean => {
    if (result.training.status === 'cancelled') {
      model?.dispose();
      return false;
    }
    const ranking = result.evaluation?.ranking ?? null;
    if (ranking && references.length === 0) {
      references = ranking.policies
        .filter((q): q is typeof q & { policy: 'popularity' | 'random' } => q.policy === 'popularity' || q.policy === 'random')
        .map((q) => ({ policy: q.policy, ndcg: q.ndcg.value, diversity: q.diversity.value }));
    }
    const point = pointResult(j, points[j], result, ctx.keep(model, 'sweep'));
    results.push(point);
    void events.point(point);
    progress('evaluation', 1, true);
    return true;
  };

  let open = true;
  if (together.length > 0) {
    progress('world', 0, true);
    let total = 0;
    await trainPopulation(
      together.map((p) => p.config),
      {
        control: ctx.control,
        memoryBudget: BROWSER_MEMORY_BUDGET,
        membersField: 'the number of sweep points',
        onGroup: (members) => (current = members[0]),
        onTrainer: (t) => (total = t.totalSteps),
        onStage,
        onTelemetry: (s) => {
          if (total > 0) progress('training', Math.min(s.step / total, 1));
        },
        onResult: (j, result, model) => {
          open = land(j, result, model) && open;
        },
      },
      { wasmPaths: WASM_PATHS },
    );
  }
  for (let i = 0; i < alone.length && open && !ctx.isCancelled(); i++) {
    current = together.length + i;
    seed = 0;
    progress('world', 0, true);
    let total = 0;
    const { result, model } = await trainWithSeeds(
      alone[i].config,
      {
        control: ctx.control,
        memoryBudget: BROWSER_MEMORY_BUDGET,
        onTrainer: (t) => (total = t.totalSteps),
        onSeed: (index) => (seed = index - 1),
        onStage,
        onTelemetry: (s) => {
          if (total > 0) progress('training', Math.min(s.step / total, 1));
        },
      },
      { wasmPaths: WASM_PATHS },
    );
    open = land(current, result, model);
  }
  const k = parseExperimentConfig(config).evaluation.k;
  return { points: results, references, cancelled: ctx.isCancelled(), k, seconds: (performance.now() - t0) / 1000 };
}
