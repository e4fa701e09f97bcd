/**
 * The playground worker's RPC surface (called through comlink). The worker owns the engine and
 * every trained model; the page holds only plain-data results and model ids.
 */
import type { ReferencePolicy } from '../core/baselines';
import type { BackendChoice, BackendName } from '../core/engine/backends';
import type { ExperimentResult, RunStage } from '../core/experiment/run';
import type { Recommendations } from '../core/inspect/recommend';
import type { SegmentReport } from '../core/inspect/segments';
import type { RerankComparison } from '../core/inspect/rerankFor';
import type { ShopperHit } from '../core/inspect/shoppers';
import type { TradeoffResult } from '../core/rerank/tradeoff';
import type { ControlState } from '../core/train/control';
import type { EpochSummary, TelemetrySnapshot } from '../core/train/trainer';

/** Callbacks of one training run, invoked in the page (comlink proxies). */
export interface RunEvents {
  /** A stage starts (fraction null), or a long stage has done `fraction` (0..1) of its work. */
  stage(stage: RunStage, fraction: number | null): void;
  backend(choice: BackendChoice): void;
  /** Snapshots since the last call, batched so the page hears at most ~10 calls a second. */
  telemetry(batch: TelemetrySnapshot[], totalSteps: number): void;
  epoch(summary: EpochSummary): void;
  control(state: ControlState): void;
  /** Seed `index` of `count` starts training (index ≥ 2: the first seed is the run the charts show). */
  seed(index: number, count: number): void;
}

export interface RunOutcome {
  result: ExperimentResult;
  /** Id of the trained model kept in the worker, or null when the run left no usable model. */
  modelId: string | null;
  /**
   * Whether its evaluation adopted the reference policies the second worker judged while it
   * trained (false: judged here, or none to judge); absent for a model moved by `reweigh`.
   */
  referencesBeside?: boolean;
}

/** One trained point of a sweep, with the metrics its charts plot (test split). */
export interface SweepPointResult {
  index: number;
  label: string;
  /** Each swept task's share of the total weight (the simplex coordinates of a three-task sweep); null for the reference. */
  shares: number[] | null;
  weights: number[];
  /** Task names in head order (click, purchase[, cart][, interest]). */
  tasks: string[];
  /** Test AUC of every task in head order (negated MSE in the regression world); means over seeds with several. */
  taskScores: number[];
  singleTask: boolean;
  modelId: string | null;
  status: string;
  /** Test AUC of the first / second task; in the regression world, the negated test MSE. */
  clickAuc: number;
  purchaseAuc: number;
  /** Ranking NDCG@K and intra-list diversity@K over test shoppers (NaN in the regression world). */
  ndcg: number;
  diversity: number;
  truePurchase: number;
  /** Expected calibration error of each task (NaN in the regression world). */
  ece: [number, number];
  /** What one session of the model's top K brings (closed form, position bias); null in the regression world. */
  perSession: { clicks: number; purchases: number; revenue: number } | null;
  /**
   * With several seeds per run: the number of seeds and the 95% interval [lo, hi] of each plotted
   * metric (the plotted values are then the means over seeds); null for a one-seed point.
   */
  noise: { seeds: number; intervals: Record<'clickAuc' | 'purchaseAuc' | 'ndcg' | 'diversity' | 'truePurchase', [number, number]> } | null;
}

export interface SweepProgress {
  /** Index of the point training now (0-based) and the number of points. */
  index: number;
  total: number;
  label: string;
  /** Fraction of the whole sweep done, in [0, 1]. */
  fraction: number;
  /** Seconds left, estimated from the time per fraction so far; null until measurable. */
  etaSeconds: number | null;
}

export interface SweepEvents {
  progress(p: SweepProgress): void;
  point(p: SweepPointResult): void;
}

export interface SweepOutcome {
  points: SweepPointResult[];
  /** Ranking references of the world (popularity and random), from the first point's evaluation. */
  references: Array<{ policy: ReferencePolicy; ndcg: number; diversity: number }>;
  cancelled: boolean;
  k: number;
  seconds: number;
  /** Seconds from the sweep's start until each worker finished its share (two: this worker's, then the helper's); absent in sweeps saved before. */
  laneSeconds?: number[];
}

export interface TradeoffEvents {
  /** Fraction of the trade-off computed, in [0, 1]. */
  progress(fraction: number): void;
}

export interface PlaygroundApi {
  /** Initialises the backend the config names, so the page can show it before training. */
  prepareBackend(backend: BackendName): Promise<BackendChoice>;
  run(config: unknown, events: RunEvents): Promise<RunOutcome>;
  pause(): void;
  resume(): void;
  step(): void;
  stepEpoch(): void;
  cancel(): void;
  /** Milliseconds to wait between steps (0 = full speed). */
  setDelay(ms: number): void;
  /** New fixed task weights for the run in progress, read at its next step. */
  setWeights(weights: number[]): void;
  /**
   * A conditioned run's model (the weighting `conditioned`) at other task weights, no retraining:
   * `run` is that model's run result; returns the result at `weights` and a new kept model (the
   * one fixed there, for the inspector). Other models are refused by name.
   */
  reweigh(modelId: string, run: ExperimentResult, weights: number[]): Promise<RunOutcome>;
  sweep(config: unknown, points: number, events: SweepEvents): Promise<SweepOutcome>;
  cancelSweep(): void;
  inspect(modelId: string, shopper: number, k: number): Promise<Recommendations>;
  /** The model's shopper embeddings on a map, K-means segments of them, and the results per persona and segment. */
  segments(modelId: string, k: number): Promise<SegmentReport>;
  /** Re-ranking trade-off curve of a model at the config's ranking section (knob grid from `knobGrid`), with K = `k`. */
  tradeoff(modelId: string, ranking: unknown, k: number, events: TradeoffEvents): Promise<TradeoffResult>;
  /** One shopper's list before and after re-ranking at the ranking section's operating point. */
  rerankInspect(modelId: string, shopper: number, ranking: unknown, k: number): Promise<RerankComparison>;
  findShoppers(modelId: string, query: string): Promise<ShopperHit[]>;
  pickShopper(modelId: string, kind: 'random' | 'cold'): Promise<ShopperHit>;
  releaseModel(modelId: string): void;
  /** Live tensors in the worker (leak checks in the browser tests). */
  liveTensors(): number;
}
