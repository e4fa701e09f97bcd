/**
 * A re-ranking trade-off computed in the worker for one model and one ranking section: progress,
 * the result, and whether the settings have moved on since (a stale curve is kept and marked).
 */
import * as Comlink from 'comlink';
import { useCallback, useRef, useState } from 'react';
import { WorkClock } from '../../core/experiment/eta';
import type { RankingConfig } from '../../core/rerank/config';
import type { TradeoffResult } from '../../core/rerank/tradeoff';
import type { TradeoffEvents } from '../../worker/playgroundApi';
import type { WorkerClient } from '../playground/workerClient';

export interface TradeoffState {
  phase: 'idle' | 'running' | 'done' | 'error';
  fraction: number;
  /** Seconds left of the computation in progress (measured), null before there is a figure. */
  secondsLeft: number | null;
  result: TradeoffResult | null;
  error: string | null;
  /** What `result` was computed for (a failed attempt keeps the previous result and its key). */
  key: string | null;
}

const IDLE: TradeoffState = { phase: 'idle', fraction: 0, secondsLeft: null, result: null, error: null, key: null };

/**
 * What a curve depends on: the model, K, and the ranking fields except the knobs — moving the
 * operating point along a computed curve does not make it stale.
 */
export function tradeoffKey(modelId: string, ranking: RankingConfig, k: number): string {
  const rest: Partial<RankingConfig> = { ...ranking };
  delete rest.mmrLambda;
  delete rest.dppTheta;
  delete rest.calibrationLambda;
  delete rest.cap;
  return JSON.stringify({ modelId, k, ...rest });
}

export function useTradeoff(client: WorkerClient) {
  const [state, setState] = useState<TradeoffState>(IDLE);
  const runId = useRef(0);

  const start = useCallback(
    (modelId: string, ranking: RankingConfig, k: number) => {
      const id = ++runId.current;
      const key = tradeoffKey(modelId, ranking, k);
      setState((s) => ({ ...s, phase: 'running', fraction: 0, secondsLeft: null, error: null }));
      const mine = (fn: () => void) => (runId.current === id ? fn() : undefined);
      // One job of one phase: the time left is the measured time per unit of progress so far.
      const clock = new WorkClock([{ ranking: 1 }], performance.now());
      const events: TradeoffEvents = {
        progress: (fraction) =>
          mine(() => {
            clock.at(0, 'ranking', fraction, performance.now());
            const secondsLeft = clock.secondsLeft(performance.now());
            setState((s) => (s.phase === 'running' ? { ...s, fraction, secondsLeft } : s));
          }),
      };
      client
        .call((api) => api.tradeoff(modelId, ranking, k, Comlink.proxy(events)))
        .then(
          (result) => mine(() => setState({ phase: 'done', fraction: 1, secondsLeft: null, result, error: null, key })),
          (e: unknown) => mine(() => setState((s) => ({ ...s, phase: 'error', error: e instanceof Error ? e.message : String(e) }))),
        );
    },
    [client],
  );

  return { state, start };
}
