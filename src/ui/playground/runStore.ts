/**
 * The live run's full histories, outside React. Telemetry batches from the worker are appended
 * here as they arrive (any rate); the page reads a bounded, decimated `view()` at most ~10 times a
 * second, so rendering never follows the training rate and chart arrays never grow without bound.
 */
import { SeriesHistory, type SeriesView } from '../../core/telemetry/history';
import type { RunView } from '../../core/telemetry/runView';
import { WorkClock, type JobPlan } from '../../core/experiment/eta';

export type { RunView };
import type { EpochSummary, TelemetrySnapshot } from '../../core/train/trainer';

/** Points per chart series. */
export const MAX_POINTS = 500;

export class RunStore {
  private trainLoss: SeriesHistory[] = [];
  private weights: SeriesHistory[] = [];
  private cosine = new SeriesHistory();
  private gates: number[][] | null = null;
  private epochs: EpochSummary[] = [];
  private step = 0;
  private epoch = 0;
  private totalSteps = 0;
  private samplesPerSecond = 0;
  /** Bumped on every change; the render loop compares it to decide whether to redraw. */
  version = 0;
  private publishedVersion = 0;
  /** The view the page shows; replaced only by `publishIfChanged` (the render clock). */
  published: RunView;

  /** A finished run's view kept as it was (a run restored after a reload); null for a live run. */
  private frozen: RunView | null = null;
  /** Times the run's phases for its time left (null until a plan is given). */
  private clock: WorkClock | null = null;
  /** The job (seed) the clock is in. */
  private job = 0;
  private phase = 'world';

  constructor(readonly tasks: string[]) {
    this.trainLoss = tasks.map(() => new SeriesHistory());
    this.weights = tasks.map(() => new SeriesHistory());
    this.published = this.view();
  }

  /** A store that only shows a kept view: its full history is that view's (already decimated) points. */
  static fromView(view: RunView): RunStore {
    const store = new RunStore(view.tasks);
    store.frozen = view;
    store.published = view;
    return store;
  }

  /** Makes a fresh view the published one if anything changed since; returns whether it did. */
  publishIfChanged(): boolean {
    if (this.version === this.publishedVersion) return false;
    this.publishedVersion = this.version;
    this.published = this.view();
    return true;
  }

  /** Starts timing the run against its plan (one job per seed; see core/experiment/eta.ts). */
  plan(plan: JobPlan[]): void {
    this.clock = new WorkClock(plan, performance.now());
  }

  /** The run is in `phase` of seed `job` (0-based), `within` of the way through it. */
  progress(job: number, phase: string, within: number): void {
    this.job = job;
    this.phase = phase;
    this.clock?.at(job, phase, within, performance.now());
    this.version++;
  }

  /** Seconds left of the whole run (every seed), from the phase times measured so far; null before there is a figure. */
  secondsLeft(): number | null {
    return this.clock?.secondsLeft(performance.now()) ?? null;
  }

  addTelemetry(batch: TelemetrySnapshot[], totalSteps: number): void {
    for (const snap of batch) {
      for (const { step, values } of snap.losses) values.forEach((v, t) => this.trainLoss[t]?.push(step, v));
      snap.weights.forEach((w, t) => this.weights[t]?.push(snap.step, w));
      if (snap.gradientCosine && snap.gradientCosine.length > 1) this.cosine.push(snap.step, snap.gradientCosine[0][1]);
      if (snap.gates) this.gates = snap.gates;
      this.step = snap.step;
      this.epoch = snap.epoch;
      this.samplesPerSecond = snap.samplesPerSecond;
    }
    if (totalSteps > 0) this.totalSteps = totalSteps;
    if (this.totalSteps > 0 && this.phase === 'training') this.clock?.at(this.job, 'training', Math.min(1, this.step / this.totalSteps), performance.now());
    this.version++;
  }

  addEpoch(summary: EpochSummary): void {
    this.epochs = [...this.epochs, summary];
    this.version++;
  }

  view(): RunView {
    if (this.frozen) return this.frozen;
    return {
      tasks: this.tasks,
      step: this.step,
      epoch: this.epoch,
      totalSteps: this.totalSteps,
      samplesPerSecond: this.samplesPerSecond,
      trainLoss: this.trainLoss.map((h) => h.view(MAX_POINTS)),
      weights: this.weights.map((h) => h.view(MAX_POINTS)),
      cosine: this.cosine.view(MAX_POINTS),
      gates: this.gates,
      epochs: this.epochs,
    };
  }

  /** Every recorded point, for export: per step, each task's loss; per snapshot, weights and cosine. */
  full(): { trainLoss: SeriesView[]; weights: SeriesView[]; cosine: SeriesView; epochs: EpochSummary[] } {
    if (this.frozen) return { trainLoss: this.frozen.trainLoss, weights: this.frozen.weights, cosine: this.frozen.cosine, epochs: this.frozen.epochs };
    return { trainLoss: this.trainLoss.map((h) => h.all()), weights: this.weights.map((h) => h.all()), cosine: this.cosine.all(), epochs: this.epochs };
  }
}
