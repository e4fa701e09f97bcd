/** Messages between the page and the engine worker, which runs `runExperiment`. */
import type { ExperimentResult } from '../core/experiment/run';
import type { TelemetrySnapshot } from '../core/train/trainer';

export type EngineRequest =
  | { type: 'run'; config: unknown }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step' }
  | { type: 'stepEpoch' }
  | { type: 'cancel' };

export type EngineResponse =
  | { type: 'stage'; stage: string }
  | { type: 'telemetry'; snapshot: TelemetrySnapshot }
  | { type: 'result'; result: ExperimentResult }
  | { type: 'error'; message: string };
