/**
 * Task-weight sweeps: the configs of K models trained along the weights of two tasks, a single-task
 * reference, and the Pareto front of the results. Running them is the caller's job (the worker or
 * the runner), one after another.
 */
import { parseExperimentConfig, type ExperimentConfig } from './config';

export interface SweepPoint {
  /** Short label, e.g. "w = 0.33 / 1.67" or "single-task". */
  label: string;
  /** Share α ∈ [0, 1] of the total weight given to the second task; null for the reference. */
  alpha: number | null;
  config: ExperimentConfig;
  /** The separately trained single-task reference (one model per task, no sharing). */
  singleTask: boolean;
}

/** Default number of weightings in a sweep. */
export const DEFAULT_SWEEP_POINTS = 7;

/**
 * K configs whose fixed task weights are (2(1 − α), 2α) for α evenly spaced over [0, 1] — the total
 * stays 2, as with the default weights (1, 1), so the learning rate means the same at every point —
 * plus, unless the base model already is one, a single-task reference with weights (1, 1).
 * Everything else is taken from `base`.
 */
export function sweepPoints(base: ExperimentConfig, points = DEFAULT_SWEEP_POINTS, withReference = true): SweepPoint[] {
  if (!Number.isInteger(points) || points < 2 || points > 50) throw new Error(`A sweep needs 2 to 50 points, got ${points}.`);
  const out: SweepPoint[] = [];
  for (let j = 0; j < points; j++) {
    const alpha = j / (points - 1);
    const weights = [2 * (1 - alpha), 2 * alpha].map((w) => Math.round(w * 1000) / 1000);
    out.push({
      label: `w = ${weights[0].toFixed(2)} / ${weights[1].toFixed(2)}`,
      alpha,
      config: parseExperimentConfig({ ...base, weighting: { ...base.weighting, strategy: 'fixed', weights } }),
      singleTask: false,
    });
  }
  if (withReference && base.model.architecture !== 'single-task' && base.model.architecture !== 'esmm') {
    out.push({
      label: 'single-task',
      alpha: null,
      config: parseExperimentConfig({ ...base, model: { ...base.model, architecture: 'single-task' }, weighting: { ...base.weighting, strategy: 'fixed', weights: [1, 1] } }),
      singleTask: true,
    });
  }
  return out;
}

/**
 * Indices of the points on the Pareto front when both coordinates are to be maximised: no other
 * point is at least as good on both and better on one. Points with a non-finite coordinate are
 * never on it. Returned sorted by x, so joining them draws the front.
 */
export function paretoFront(points: ReadonlyArray<{ x: number; y: number }>): number[] {
  const ok = (p: { x: number; y: number }) => Number.isFinite(p.x) && Number.isFinite(p.y);
  const front: number[] = [];
  points.forEach((p, i) => {
    if (!ok(p)) return;
    const dominated = points.some((q, j) => j !== i && ok(q) && q.x >= p.x && q.y >= p.y && (q.x > p.x || q.y > p.y));
    if (!dominated) front.push(i);
  });
  return front.sort((a, b) => points[a].x - points[b].x || points[a].y - points[b].y);
}
