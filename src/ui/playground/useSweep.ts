/**
 * A task-weight sweep in the worker: progress with ETA, cancel, and the trained points as they
 * arrive. Models of the previous sweep are released when a new one starts.
 */
import * as Comlink from 'comlink';
import { useCallback, useRef, useState } from 'react';
import type { ExperimentConfig } from '../../core/experiment/config';
import type { SweepEvents, SweepOutcome, SweepPointResult, SweepProgress } from '../../worker/playgroundApi';
import type { WorkerClient } from './workerClient';

export interface SweepState {
  phase: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  progress: SweepProgress | null;
  points: SweepPointResult[];
  outcome: SweepOutcome | null;
  error: string | null;
  config: ExperimentConfig | null;
}

const IDLE: SweepState = { phase: 'idle', progress: null, points: [], outcome: null, error: null, config: null };

function mergePoint(points: SweepPointResult[], point: SweepPointResult): SweepPointResult[] {
  return [...points.filter((p) => p.index !== point.index), point].sort((a, b) => a.index - b.index);
}

export function useSweep(client: WorkerClient, isKept: (modelId: string) => boolean) {
  const [state, setState] = useState<SweepState>(IDLE);
  const sweepId = useRef(0);
  const models = useRef<string[]>([]);

  const start = useCallback(
    (config: ExperimentConfig, points: number) => {
      const id = ++sweepId.current;
      for (const m of models.current) if (!isKept(m)) client.send((api) => api.releaseModel(m));
      models.current = [];
      setState({ ...IDLE, phase: 'running', config });
      const mine = (fn: () => void) => (sweepId.current === id ? fn() : undefined);
      const events: SweepEvents = {
        // Callbacks travel on their own channel, so they can arrive after the sweep's result:
        // late progress is dropped and points are merged by index.
        progress: (progress) => mine(() => setState((s) => (s.phase === 'running' ? { ...s, progress } : s))),
        point: (point) =>
          mine(() => {
            if (point.modelId && !models.current.includes(point.modelId)) models.current.push(point.modelId);
            setState((s) => ({ ...s, points: mergePoint(s.points, point) }));
          }),
      };
      client
        .call((api) => api.sweep(config, points, Comlink.proxy(events)))
        .then(
          (outcome) =>
            mine(() => {
              for (const p of outcome.points) if (p.modelId && !models.current.includes(p.modelId)) models.current.push(p.modelId);
              setState((s) => ({ ...s, phase: outcome.cancelled ? 'cancelled' : 'done', outcome, points: outcome.points }));
            }),
          (e: unknown) => mine(() => setState((s) => ({ ...s, phase: 'error', error: e instanceof Error ? e.message : String(e) }))),
        );
    },
    [client, isKept],
  );

  const cancel = useCallback(() => client.send((api) => api.cancelSweep()), [client]);

  return { state, start, cancel };
}
