/** A run as files: everything as JSON, and the per-step history as CSV. */
import type { ExperimentResult } from '../../core/experiment/run';
import { configToQuery } from '../../core/experiment/url';
import { toCsv } from '../export';
import type { RunStore } from './runStore';

export function runJson(result: ExperimentResult, store: RunStore | null): string {
  return JSON.stringify(
    { exportedBy: 'Multi-task Recommender Playground', query: configToQuery(result.config), config: result.config, result, history: store?.full() ?? null },
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
    2,
  );
}

/**
 * One row per training step: each task's loss, and the weights and gradient cosine where a
 * telemetry snapshot fell on that step (empty otherwise); then one row per epoch's validation.
 */
export function runCsv(store: RunStore): string {
  const full = store.full();
  const tasks = store.tasks;
  const weightAt = full.weights.map((w) => new Map(w.x.map((x, i) => [x, w.y[i]])));
  const cosineAt = new Map(full.cosine.x.map((x, i) => [x, full.cosine.y[i]]));
  const steps = full.trainLoss[0]?.x ?? [];
  const rows: unknown[][] = steps.map((step, i) => [
    'train',
    step,
    '',
    ...tasks.map((_, t) => full.trainLoss[t].y[i]),
    ...tasks.map((_, t) => weightAt[t].get(step) ?? ''),
    cosineAt.get(step) ?? '',
    ...tasks.map(() => ''),
  ]);
  for (const e of full.epochs) {
    rows.push(['validation', e.step, e.epoch, ...e.validationLoss, ...tasks.map(() => ''), '', ...e.validationAuc.map((a) => a ?? '')]);
  }
  return toCsv(['kind', 'step', 'epoch', ...tasks.map((t) => `${t}_loss`), ...tasks.map((t) => `${t}_weight`), 'gradient_cosine', ...tasks.map((t) => `${t}_auc`)], rows);
}
