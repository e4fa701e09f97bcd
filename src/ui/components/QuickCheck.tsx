/**
 * A first taste of training: a small MMoE on a small world, trained in a Web Worker on the backend
 * the person picks, with the engine's own report of which backend ran and why. The playground
 * replaces it.
 */
import { useEffect, useRef, useState } from 'react';
import type { ExperimentResult } from '../../core/experiment/run';
import type { EngineRequest, EngineResponse } from '../../worker/engineProtocol';
import { fmtInt, fmtNum } from '../format';

const BACKEND_OPTIONS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;

/** Small enough to finish in seconds even on a software WebGPU adapter. */
function quickConfig(backend: string) {
  return {
    world: { numShoppers: 400, numItems: 200, sessionsPerShopper: 4 },
    model: { architecture: 'mmoe', numExperts: 3, expertUnits: 16, towerUnits: 8 },
    training: { epochs: 2, batchSize: 256, backend, telemetryEvery: 5, patience: 0 },
    evaluation: { k: 10, rankShoppers: 30 },
  };
}

type State =
  | { status: 'idle' }
  | { status: 'running'; stage: string; step: number; loss: string }
  | { status: 'done'; result: ExperimentResult }
  | { status: 'error'; message: string };

export function QuickCheck() {
  const [backend, setBackend] = useState<(typeof BACKEND_OPTIONS)[number]>('auto');
  const [state, setState] = useState<State>({ status: 'idle' });
  const workerRef = useRef<Worker | null>(null);

  useEffect(() => () => workerRef.current?.terminate(), []);

  const start = () => {
    if (!workerRef.current) {
      const worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<EngineResponse>) => {
        const msg = event.data;
        if (msg.type === 'stage') setState((s) => ({ status: 'running', stage: msg.stage, step: s.status === 'running' ? s.step : 0, loss: s.status === 'running' ? s.loss : '' }));
        else if (msg.type === 'telemetry') {
          const last = msg.snapshot.losses.at(-1)?.values.map((v) => v.toFixed(3)).join(' / ') ?? '';
          setState((s) => ({ status: 'running', stage: s.status === 'running' ? s.stage : 'training', step: msg.snapshot.step, loss: last }));
        } else if (msg.type === 'result') setState({ status: 'done', result: msg.result });
        else setState({ status: 'error', message: msg.message });
      };
      worker.onerror = (event) => {
        event.preventDefault();
        setState({ status: 'error', message: `The training worker crashed: ${event.message || 'unknown error'}` });
        workerRef.current = null;
      };
      workerRef.current = worker;
    }
    setState({ status: 'running', stage: 'starting', step: 0, loss: '' });
    workerRef.current.postMessage({ type: 'run', config: quickConfig(backend) } satisfies EngineRequest);
  };

  const running = state.status === 'running';
  return (
    <section className="card" aria-labelledby="quick-title" data-testid="quick-check">
      <h2 id="quick-title">Quick check: train a small model here</h2>
      <p className="muted">
        A small MMoE on a 400-shopper world, two epochs, trained in a Web Worker with TensorFlow.js.
      </p>
      <div className="row">
        <label htmlFor="quick-backend">Backend</label>
        <select id="quick-backend" value={backend} disabled={running} onChange={(e) => setBackend(e.target.value as typeof backend)}>
          {BACKEND_OPTIONS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
        <button type="button" onClick={start} disabled={running}>
          Train
        </button>
      </div>
      {running && (
        <p aria-live="polite" data-testid="quick-status">
          {state.stage}… {state.step > 0 && `step ${state.step}, loss ${state.loss}`}
        </p>
      )}
      {state.status === 'error' && (
        <p role="alert" className="error-text">
          {state.message}
        </p>
      )}
      {state.status === 'done' && <QuickResult result={state.result} />}
    </section>
  );
}

function QuickResult({ result }: { result: ExperimentResult }) {
  const { backend, training, evaluation } = result;
  const model = evaluation?.ranking?.policies.find((p) => p.policy === 'model');
  const popular = evaluation?.ranking?.policies.find((p) => p.policy === 'popularity');
  return (
    <div data-testid="quick-result">
      <p>
        Ran on <strong data-testid="quick-backend-used">{backend.backend}</strong> ({backend.reason}).
        {backend.fallbacks.map((f) => (
          <span key={f.backend} className="muted">
            {' '}
            Not {f.backend}: {f.reason}.
          </span>
        ))}
      </p>
      <p>
        {training.status}, {fmtInt(training.steps)} steps at {fmtInt(Math.round(training.samplesPerSecond))} samples/s.
      </p>
      {evaluation && (
        <table>
          <caption>Test split</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">AUC</th>
              <th scope="col">GAUC</th>
              <th scope="col">Log loss</th>
            </tr>
          </thead>
          <tbody>
            {evaluation.tasks.map((t) => (
              <tr key={t.task}>
                <th scope="row">{t.task}</th>
                <td>{fmtNum(t.auc ?? NaN)}</td>
                <td>{fmtNum(t.gauc?.value ?? NaN)}</td>
                <td>{fmtNum(t.logLoss ?? NaN)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {model && popular && evaluation?.ranking && (
        <p>
          True purchase probability of the top {evaluation.ranking.k}: model {fmtNum(model.truePurchase.value)}, popularity{' '}
          {fmtNum(popular.truePurchase.value)} ({evaluation.ranking.shoppers} test shoppers).
        </p>
      )}
    </div>
  );
}
