/// <reference lib="webworker" />
/**
 * Runs experiments off the main thread. Telemetry is forwarded at most ~10 times a second; the
 * page never waits on training.
 */
import { runExperiment } from '../core/experiment/run';
import { TrainingControl } from '../core/train/control';
import type { EngineRequest, EngineResponse } from './engineProtocol';
import { WASM_PATHS } from './wasmPaths';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: EngineResponse) => scope.postMessage(msg);
let control = new TrainingControl();

scope.onmessage = async (event: MessageEvent<EngineRequest>) => {
  const req = event.data;
  if (req.type === 'cancel') return control.cancel();
  if (req.type === 'pause') return control.pause();
  if (req.type === 'resume') return control.resume();
  if (req.type === 'step') return control.step();
  if (req.type === 'stepEpoch') return control.stepEpoch();
  control = new TrainingControl();
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
        control,
      },
      { wasmPaths: WASM_PATHS },
    );
    post({ type: 'result', result });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
