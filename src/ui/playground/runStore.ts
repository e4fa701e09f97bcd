/**
 * The live run's full histories, outside React. Telemetry batches from the worker are appended
 * here as they arrive (any rate); the page reads a bounded, decimated `view()` at most ~10 times a
 * second, so rendering never follows the training rate and chart arrays never grow without bound.
 */
import { SeriesHistory, type SeriesView } from '../../core/telemetry/history';
import type { EpochSummary, TelemetrySnapshot } from '../../core/train/trainer';

/** Points per chart series. */
export const MAX_POINTS = 500;

/** Everything the charts draw, as plain arrays of at most MAX_POINTS points per series. */
export interface RunView {
  tasks: string[];
  step: number;
  epoch: number;
  totalSteps: number;
  samplesPerSecond: number;
  /** Training loss per task over steps. */
  trainLoss: SeriesView[];
  /** Task weights over steps (one series per task). */
  weights: SeriesView[];
  /** Cosine between the two task gradients over steps (empty without shared parameters). */
  cosine: SeriesView;
  /** Latest gate means [gate][expert], or null. */
  gates: number[][] | null;
  epochs: EpochSummary[];
}

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

  constructor(readonly tasks: string[]) {
    this.trainLoss = tasks.map(() => new SeriesHistory());
    this.weights = tasks.map(() => new SeriesHistory());
    this.published = this.view();
  }

  /** Makes a fresh view the published one if anything changed since; returns whether it did. */
  publishIfChanged(): boolean {
    if (this.version === this.publishedVersion) return false;
    this.publishedVersion = this.version;
    this.published = this.view();
    return true;
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
    this.version++;
  }

  addEpoch(summary: EpochSummary): void {
    this.epochs = [...this.epochs, summary];
    this.version++;
  }

  view(): RunView {
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
    return { trainLoss: this.trainLoss.map((h) => h.all()), weights: this.weights.map((h) => h.all()), cosine: this.cosine.all(), epochs: this.epochs };
  }
}
