/**
 * Runs world generation in a Web Worker and exposes its latest snapshot as React state. The worker
 * lives for the component's lifetime; a crash shows as an error rather than a frozen page.
 */
import { useEffect, useState } from 'react';
import { WorkClock } from '../core/experiment/eta';
import type { CorrelationRow, ShopperWorldConfig } from '../core/world';
import type { WorkerRequest, WorkerResponse } from '../worker/protocol';

export type WorldState =
  | { status: 'generating'; fraction: number; stage: string; /** Measured time left, null before there is a figure. */ secondsLeft: number | null }
  | {
      status: 'ready';
      result: Extract<WorkerResponse, { type: 'world' }>;
      /** The MMoE relatedness table; null until the worker has computed it. */
      relatedness: CorrelationRow[] | null;
    }
  | { status: 'error'; message: string };

/** @param config must keep its identity between renders (memoise it), or the world regenerates. */
export function useWorldWorker(config: Partial<ShopperWorldConfig>): WorldState {
  const [state, setState] = useState<WorldState>({ status: 'generating', fraction: 0, stage: 'starting', secondsLeft: null });

  useEffect(() => {
    const worker = new Worker(new URL('../worker/world.worker.ts', import.meta.url), { type: 'module' });
    // Generation is one phase whose fraction the worker reports: time left from the time per fraction so far.
    const clock = new WorkClock([{ world: 1 }], performance.now());
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const msg = event.data;
      if (msg.type === 'progress') {
        clock.at(0, 'world', msg.fraction, performance.now());
        setState({ status: 'generating', fraction: msg.fraction, stage: msg.stage, secondsLeft: clock.secondsLeft(performance.now()) });
      } else if (msg.type === 'world') setState({ status: 'ready', result: msg, relatedness: null });
      else if (msg.type === 'relatedness') setState((prev) => (prev.status === 'ready' ? { ...prev, relatedness: msg.rows } : prev));
      else setState({ status: 'error', message: msg.message });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      setState({ status: 'error', message: `The world worker crashed: ${event.message || 'unknown error'}` });
    };
    const request: WorkerRequest = { type: 'generate', config };
    worker.postMessage(request);
    return () => {
      worker.terminate();
    };
  }, [config]);

  return state;
}
