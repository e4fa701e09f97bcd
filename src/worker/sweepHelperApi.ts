/**
 * The sweep helper's RPC surface: a second worker, on the machine's second core, that trains part
 * of a sweep and sends back each model's result and parameter values (the playground worker
 * rebuilds the model from them, so the inspector can open it like any other), and that judges a
 * run's reference policies while the playground worker trains it.
 */
import type { JudgedReferences } from '../core/eval/ranking';
import type { ExperimentResult, RunStage } from '../core/experiment/run';
import type { ParamValues } from '../core/model/params';
import type { MemberPositions } from '../core/experiment/population';

/** Callbacks of the helper's work, invoked in the playground worker (comlink proxies). */
export interface HelperEvents {
  /** The members listed (indices into the configs, each with how far it is) are in `stage` (see GroupProgress). */
  progress(at: MemberPositions, stage: RunStage): void;
}

export interface HelperResult {
  result: ExperimentResult;
  /** The trained model's parameters; null when it left no usable model (cancelled, diverged early). */
  values: ParamValues | null;
}

export interface SweepHelperApi {
  /** Answers once the worker has loaded (a helper that cannot load never answers). */
  ping(): boolean;
  /** Trains the configs as one population (see core/experiment/population.ts). */
  train(configs: unknown[], memoryBudget: number, events: HelperEvents): Promise<HelperResult[]>;
  /** Cancels the training in progress; the models finished so far still come back. */
  cancel(): void;
  /** The reference policies of the config's evaluation (see core/experiment/references.ts). */
  judgeReferences(config: unknown): Promise<JudgedReferences | null>;
}

/** The helper as the playground worker uses it: a call fails when the helper worker dies. */
export interface SweepHelper {
  train(configs: unknown[], memoryBudget: number, events: HelperEvents): Promise<HelperResult[]>;
  cancel(): void;
}

/** The whole helper as the playground worker uses it: a sweep's share, and a run's references. */
export interface SecondWorker extends SweepHelper {
  judgeReferences(config: unknown): Promise<JudgedReferences | null>;
}
