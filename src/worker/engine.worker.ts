/// <reference lib="webworker" />
/**
 * Runs experiments off the main thread. Telemetry is forwarded at most ~10 times a second; the
 * page never waits on training.
 */
import { runExperiment } from '../core/experiment/run';
import type { EngineRequest, EngineResponse } from './engineProtocol';
import { WASM_PATHS } from './wasmPaths';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: EngineResponse) => scope.postMessage(msg);
let cancelled = false;

scope.onmessage = async (event: MessageEvent<EngineRequest>) => {
  const req = event.data;
  if (req.type === 'cancel') {
    cancelled = true;
    return;
  }
  cancelled = false;
  let lastPost = 0;
  try {
    const result = await runExperiment(
      req.config,
      {
        onStage: (stage) => post({ type: 'stage', stage }),
        onTelemetry: (snapshot) => {
          const now = performance.now();
          if (now - lastPost > 100) {
            lastPost = now;
            post({ type: 'telemetry', snapshot });
          }
        },
        isCancelled: () => cancelled,
      },
      { wasmPaths: WASM_PATHS },
    );
    post({ type: 'result', result });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
