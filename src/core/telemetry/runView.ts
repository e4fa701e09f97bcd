/**
 * What the charts draw of one run: plain arrays of a bounded number of points per series (the page
 * builds it from a live run's histories; a saved or pinned run keeps it as it was).
 */
import type { EpochSummary } from '../train/trainer';
import type { SeriesView } from './history';

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
