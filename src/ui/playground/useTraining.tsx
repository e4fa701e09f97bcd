/**
 * One training run at a time in the worker: play, pause, step (a batch or an epoch), reset, speed
 * and live weights. Telemetry goes into a RunStore outside React; React state changes only on
 * phase changes, never per step.
 */
import * as Comlink from 'comlink';
import { startTransition, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BackendChoice } from '../../core/engine/backends';
import { taskNames, type ExperimentConfig } from '../../core/experiment/config';
import type { ExperimentResult, RunStage } from '../../core/experiment/run';
import { runPlan, stagePhase } from '../../core/experiment/eta';
import type { ControlState } from '../../core/train/control';
import type { RunEvents, RunOutcome } from '../../worker/playgroundApi';
import { RunStore, type RunView } from './runStore';
import type { WorkerClient } from './workerClient';

export type Phase = 'idle' | 'running' | 'paused' | 'finished' | 'error';

export interface TrainingState {
  phase: Phase;
  stage: RunStage | null;
  /** How far a long stage (world, evaluation) is, 0..1; null when it has not said. */
  stageFraction: number | null;
  backend: BackendChoice | null;
  outcome: RunOutcome | null;
  error: string | null;
  /** The config of the run shown (null before the first run). */
  config: ExperimentConfig | null;
  /** With several seeds per run: which seed is training now (the charts show seed 1); else null. */
  seed: { index: number; count: number } | null;
  /** A conditioned run being evaluated at these weights (no retraining); null otherwise. */
  reweighing: number[] | null;
  /** Why the last move of a conditioned run's weights failed (its results stay as they were); null otherwise. */
  reweighError: string | null;
}

const IDLE: TrainingState = { phase: 'idle', stage: null, stageFraction: null, backend: null, outcome: null, error: null, config: null, seed: null, reweighing: null, reweighError: null };

/** Redraw interval of live charts: at most ~10 frames a second, whatever the training rate. */
export const RENDER_INTERVAL_MS = 100;

/**
 * The store's published view. A clock publishes a new one at most every RENDER_INTERVAL_MS, and
 * only when the store changed, so React renders at ≤ 10 Hz whatever the training rate. The render
 * is a transition: React splits it into short slices, so drawing charts never holds the main
 * thread for long and a click always gets through first.
 */
export function useRunView(store: RunStore | null): RunView | null {
  const [shown, setShown] = useState<{ store: RunStore; view: RunView } | null>(null);
  useEffect(() => {
    if (!store) return;
    const timer = setInterval(() => {
      // Several components may watch one store: whoever ticks first publishes, each one then
      // shows the published view if it is not already showing it (same object: no render).
      store.publishIfChanged();
      const view = store.published;
      startTransition(() => setShown((s) => (s && s.store === store && s.view === view ? s : { store, view })));
    }, RENDER_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [store]);
  if (!store) return null;
  return shown?.store === store ? shown.view : store.published;
}

/** Renders `children(view)` with the store's live view; only this subtree redraws as training goes. */
export function LiveView({ store, children }: { store: RunStore | null; children: (view: RunView | null) => ReactNode }) {
  return children(useRunView(store));
}

export function useTraining(client: WorkerClient, isKept: (modelId: string) => boolean) {
  const [state, setState] = useState<TrainingState>(IDLE);
  const [store, setStore] = useState<RunStore | null>(null);
  const runId = useRef(0);
  const lastModel = useRef<string | null>(null);
  /** A finished conditioned run: its model (the one that moves) and its result. */
  const conditioned = useRef<{ modelId: string; result: ExperimentResult } | null>(null);
  /** Weights asked for while a move was being evaluated: the latest wins. */
  const pendingWeights = useRef<number[] | null>(null);
  const moving = useRef(false);

  const release = useCallback((id: string | null) => {
    if (id && !isKept(id)) client.send((api) => api.releaseModel(id));
  }, [client, isKept]);

  const releaseLast = useCallback(() => {
    release(lastModel.current);
    if (conditioned.current && conditioned.current.modelId !== lastModel.current) release(conditioned.current.modelId);
    lastModel.current = null;
    conditioned.current = null;
    pendingWeights.current = null;
  }, [release]);

  /**
   * Moves a finished conditioned run to other weights, no retraining: the worker evaluates its
   * one model there and the results on screen become those. Moves asked for while one is being
   * evaluated collapse into the latest. False when the run on screen is not a conditioned one.
   */
  const reweigh = useCallback(
    (weights: number[]): boolean => {
      const base = conditioned.current;
      if (!base) return false;
      pendingWeights.current = weights;
      if (moving.current) return true;
      const id = runId.current;
      const next = () => {
        const w = pendingWeights.current;
        pendingWeights.current = null;
        if (!w || runId.current !== id) {
          moving.current = false;
          if (runId.current === id) setState((s) => ({ ...s, reweighing: null }));
          return;
        }
        moving.current = true;
        setState((s) => ({ ...s, reweighing: w, reweighError: null }));
        client.call((api) => api.reweigh(base.modelId, base.result, w)).then(
          (outcome) => {
            if (runId.current !== id) {
              release(outcome.modelId);
              moving.current = false;
              return;
            }
            if (lastModel.current !== base.modelId) release(lastModel.current);
            lastModel.current = outcome.modelId;
            setState((s) => ({ ...s, outcome, config: outcome.result.config }));
            next();
          },
          (e: unknown) => {
            moving.current = false;
            if (runId.current === id) setState((s) => ({ ...s, reweighing: null, reweighError: e instanceof Error ? e.message : String(e) }));
          },
        );
      };
      next();
      return true;
    },
    [client, release],
  );

  const start = useCallback(
    (config: ExperimentConfig, opts: { paused?: boolean; delayMs?: number } = {}) => {
      const id = ++runId.current;
      releaseLast();
      const runStore = new RunStore(taskNames(config.world, config.model.auxiliaryTask));
      runStore.plan(runPlan(config));
      let seedIndex = 0;
      // Mounting the charts is the heaviest render; as a transition it is time-sliced.
      startTransition(() => setStore(runStore));
      setState({ ...IDLE, phase: opts.paused ? 'paused' : 'running', stage: 'backend', config });
      const mine = (fn: () => void) => () => (runId.current === id ? fn() : undefined);
      const events: RunEvents = {
        stage: (stage, fraction) =>
          mine(() => {
            const phase = stagePhase(stage);
            if (phase) runStore.progress(seedIndex, phase, fraction ?? 0);
            setState((s) => ({ ...s, stage, stageFraction: fraction }));
          })(),
        backend: (backend) => mine(() => setState((s) => ({ ...s, backend })))(),
        telemetry: (batch, total) => mine(() => runStore.addTelemetry(batch, total))(),
        epoch: (summary) => mine(() => runStore.addEpoch(summary))(),
        seed: (index, count) =>
          mine(() => {
            seedIndex = index - 1;
            setState((s) => ({ ...s, seed: { index, count } }));
          })(),
        control: (c: ControlState) =>
          mine(() => setState((s) => (s.phase === 'running' || s.phase === 'paused' ? { ...s, phase: c === 'paused' ? 'paused' : c === 'running' ? 'running' : s.phase } : s)))(),
      };
      const promise = client.call((api) => api.run(config, Comlink.proxy(events)));
      if (opts.paused) client.send((api) => api.pause());
      if (opts.delayMs) client.send((api) => api.setDelay(opts.delayMs ?? 0));
      promise.then(
        (outcome) => {
          if (runId.current !== id) {
            if (outcome.modelId) client.send((api) => api.releaseModel(outcome.modelId!));
            return;
          }
          lastModel.current = outcome.modelId;
          if (outcome.modelId && outcome.result.config.weighting.strategy === 'conditioned') conditioned.current = { modelId: outcome.modelId, result: outcome.result };
          setState((s) => ({ ...s, phase: 'finished', stage: 'done', outcome, backend: outcome.result.backend }));
        },
        (e: unknown) => {
          if (runId.current !== id) return;
          setState((s) => ({ ...s, phase: 'error', error: e instanceof Error ? e.message : String(e) }));
        },
      );
    },
    [client, releaseLast],
  );

  const reset = useCallback(() => {
    runId.current++;
    client.send((api) => api.cancel());
    releaseLast();
    setStore(null);
    setState(IDLE);
  }, [client, releaseLast]);

  /** Shows a finished run kept from an earlier visit: its results and charts, with no model behind them. */
  const restore = useCallback((result: ExperimentResult, view: RunView) => {
    runId.current++;
    releaseLast(); // the restored run has no model behind it: the sliders must not move the last one
    setStore(RunStore.fromView(view));
    setState({ ...IDLE, phase: 'finished', stage: 'done', outcome: { result, modelId: null }, backend: result.backend, config: result.config });
  }, [releaseLast]);

  return {
    state,
    store,
    start,
    reset,
    restore,
    pause: () => client.send((api) => api.pause()),
    resume: () => client.send((api) => api.resume()),
    step: () => client.send((api) => api.step()),
    stepEpoch: () => client.send((api) => api.stepEpoch()),
    setDelay: (ms: number) => client.send((api) => api.setDelay(ms)),
    setWeights: (w: number[]) => client.send((api) => api.setWeights(w)),
    reweigh,
  };
}

export type Training = ReturnType<typeof useTraining>;
