/**
 * Task-weight sweeps: the configs of K models trained along the weights of two tasks (or over the
 * weight simplex of three), a single-task reference, and the Pareto front of the results. Running
 * them is the caller's job (the worker or the runner).
 */
import { parseExperimentConfig, sweptTasks, type ExperimentConfig } from './config';

export interface SweepPoint {
  /** Short label, e.g. "w = 0.33 / 1.67" or "single-task". */
  label: string;
  /** Each swept task's share of the total weight (sums to 1: α, 1 − α for two tasks, the simplex coordinates for three); null for the reference. */
  shares: number[] | null;
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
  const swept = sweptTasks(base);
  const out: SweepPoint[] =
    swept === 3
      ? simplexGrid(simplexDivisions(points)).map((shares) => {
          const weights = shares.map((a) => Math.round(3 * a * 1000) / 1000);
          return { label: `w = ${weights.map((w) => w.toFixed(2)).join(' / ')}`, shares, config: withWeights(base, weights), singleTask: false };
        })
      : Array.from({ length: points }, (_, j) => {
          const alpha = j / (points - 1);
          const weights = [2 * (1 - alpha), 2 * alpha].map((w) => Math.round(w * 1000) / 1000);
          return { label: `w = ${weights[0].toFixed(2)} / ${weights[1].toFixed(2)}`, shares: [1 - alpha, alpha], config: withWeights(base, weights), singleTask: false };
        });
  if (withReference && base.model.architecture !== 'single-task' && base.model.architecture !== 'esmm') {
    out.push({
      label: 'single-task',
      shares: null,
      config: parseExperimentConfig({ ...base, model: { ...base.model, architecture: 'single-task' }, weighting: { ...base.weighting, strategy: 'fixed', weights: new Array<number>(swept).fill(1) } }),
      singleTask: true,
    });
  }
  return out;
}

/**
 * Whether a sweep of `base` trains its weightings as one model: one seed and the `conditioned`
 * weighting, trained once at the settings' weights and evaluated at each weighting, no retraining.
 */
export function sweepTrainsOnce(base: Pick<ExperimentConfig, 'weighting' | 'training'>): boolean {
  return base.training.seeds === 1 && base.weighting.strategy === 'conditioned';
}

/** `base` with fixed task weights (an interest head left out of the list keeps weight 1). */
function withWeights(base: ExperimentConfig, weights: number[]): ExperimentConfig {
  // Fixed weights, except under the conditioned weighting: there each point is where its one model is evaluated.
  const strategy = base.weighting.strategy === 'conditioned' ? 'conditioned' : 'fixed';
  return parseExperimentConfig({ ...base, weighting: { ...base.weighting, strategy, weights } });
}

/**
 * Divisions n of each edge of the three-task weight simplex for a sweep of `points`: a grid of
 * (n + 1)(n + 2)/2 points, n = round((points − 1)/2), so the default 7 gives n = 3, ten weightings
 * (the corners, two points on each edge, the centre), and a longer sweep a finer grid.
 */
export function simplexDivisions(points: number): number {
  return Math.max(1, Math.round((points - 1) / 2));
}

/**
 * Every point (a, b, c) with a + b + c = 1 and each coordinate a multiple of 1/n, ordered by
 * the second coordinate, then the third: (n + 1)(n + 2)/2 points, the corners included.
 */
export function simplexGrid(n: number): number[][] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`A simplex grid needs a whole number of divisions ≥ 1, got ${n}.`);
  const out: number[][] = [];
  for (let j = 0; j <= n; j++) {
    for (let k = 0; k <= n - j; k++) out.push([(n - j - k) / n, j / n, k / n]);
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
