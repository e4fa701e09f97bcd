/**
 * The task-weight sweep: K models along the weights of the two tasks (or over the weight simplex of
 * three), trained in the worker with a progress bar, ETA and cancel; the trade-off charts (and the
 * simplex plot for three tasks); a click on a point inspects that model.
 */
import { useMemo, useState } from 'react';
import { formatLeft } from '../../core/experiment/eta';
import { DEFAULT_SWEEP_POINTS, simplexDivisions } from '../../core/experiment/sweep';
import type { SweepPointResult } from '../../worker/playgroundApi';
import { ParetoChart } from '../charts/ParetoChart';
import { TernaryChart, type TernaryMetric } from '../charts/TernaryChart';
import { fmtNum } from '../format';
import { MetricLabel } from '../glossary/MetricLabel';
import { WithInterval } from '../components/WithInterval';
import type { SweepState } from './useSweep';

export function SweepPanel(props: {
  state: SweepState;
  tasks: string[];
  disabled: boolean;
  /** The settings train one conditioned model (one seed): the sweep evaluates it at each weighting instead of training each. */
  conditioned?: boolean;
  onStart: (points: number) => void;
  onCancel: () => void;
  selected: number | null;
  onSelect: (p: SweepPointResult) => void;
}) {
  const [count, setCount] = useState(DEFAULT_SWEEP_POINTS);
  const { state } = props;
  const running = state.phase === 'running';
  const valid = Number.isInteger(count) && count >= 2 && count <= 50;
  const k = state.outcome?.k ?? state.config?.evaluation.k ?? 10;
  const shopper = state.config?.world.kind !== 'mmoe';
  const outcomeRefs = state.outcome?.references;
  const references = useMemo(() => outcomeRefs?.map((r) => ({ label: `${r.policy} ranking`, x: r.diversity, y: r.ndcg })), [outcomeRefs]);
  // Three funnel tasks (click, purchase, cart): the sweep covers their weight simplex.
  const simplex = shopper && props.tasks[2] === 'cart';
  const n = simplexDivisions(count);
  // The points' own tasks (the settings may have changed since the sweep ran).
  const pointTasks = state.points[0]?.tasks ?? props.tasks;
  const extraTasks = pointTasks.slice(2);
  const ternaryMetrics = useMemo<TernaryMetric[]>(
    () => [
      ...pointTasks.slice(0, 3).map((t, k) => ({ key: `auc-${t}`, label: `${t} AUC`, value: (p: SweepPointResult) => p.taskScores[k] ?? Number.NaN, digits: 3 })),
      { key: 'truePurchase', label: `true P(buy) per item of the top ${k}`, value: (p: SweepPointResult) => p.truePurchase, digits: 3 },
      { key: 'ndcg', label: `NDCG@${k}`, value: (p: SweepPointResult) => p.ndcg, digits: 3 },
    ],
    [pointTasks, k],
  );
  const how = props.conditioned ? 'Trains one conditioned model once and evaluates it at each weighting (no retraining)' : 'Trains one model per weighting';
  return (
    <section className="card" aria-labelledby="sweep-title" data-testid="sweep">
      <h2 id="sweep-title">Task-weight trade-off</h2>
      {simplex ? (
        <p className="muted">
          {how} of {props.tasks.slice(0, 3).join(', ')} over the whole weight simplex (total kept at 3): {valid ? ((n + 1) * (n + 2)) / 2 : '—'} weightings
          for {count} (each edge cut in {n}), from one task alone at each corner to equal weights in the centre, plus a single-task reference, with the other settings as set on the left.
        </p>
      ) : (
        <p className="muted">
          {how}, from all weight on {props.tasks[0]} to all weight on {props.tasks[1]} (total kept at 2), plus a
          single-task reference, with the other settings as set on the left.
        </p>
      )}
      <div className="row wrap">
        <label htmlFor="sweep-points">Weightings</label>
        <input id="sweep-points" type="number" min={2} max={50} step={1} value={count} onChange={(e) => setCount(Number(e.target.value))} aria-invalid={!valid || undefined} />
        <button type="button" onClick={() => props.onStart(count)} disabled={running || props.disabled || !valid}>
          Run sweep
        </button>
        {running && (
          <button type="button" className="secondary" onClick={props.onCancel}>
            Cancel sweep
          </button>
        )}
        {!valid && <span className="field-error">Choose 2 to 50 weightings.</span>}
      </div>
      {running && state.progress && (
        <div data-testid="sweep-progress">
          <progress max={1} value={state.progress.fraction} aria-label="Sweep progress" />
          {/* Screen readers hear which model is training, not every tick of the time left. */}
          <p className="small">
            <span aria-live="polite">
              Training {state.progress.index + 1} of {state.progress.total} ({state.progress.label})
            </span>
            , <span data-testid="sweep-eta" data-seconds={state.progress.etaSeconds ?? undefined}>
              {formatLeft(state.progress.etaSeconds)}
            </span>
          </p>
        </div>
      )}
      {state.phase === 'cancelled' && <p className="muted">Sweep cancelled; the finished points are kept.</p>}
      {state.phase === 'error' && (
        <p role="alert" className="error-text">
          The sweep stopped: {state.error}
        </p>
      )}
      {state.phase === 'done' && state.outcome && (
        <p className="small muted" data-testid="sweep-done">
          {state.outcome.points.length} models trained in {state.outcome.seconds.toFixed(0)} s
          {state.outcome.laneSeconds?.length === 2 && ` (two workers, one per core: ${state.outcome.laneSeconds.map((s) => s.toFixed(0)).join(' s and ')} s)`}. Click a point (or a row's Inspect button) to see its recommendations.
        </p>
      )}
      {state.points.length > 0 && state.points.some((p) => p.shares?.length === 3) && (
        <TernaryChart points={state.points} tasks={pointTasks} metrics={ternaryMetrics} selected={props.selected} onSelect={props.onSelect} />
      )}
      {state.points.length > 0 && (
        <div className="grid two-even">
          <ParetoChart
            title={shopper ? 'Click AUC vs purchase AUC' : 'y1 vs y2 (negative MSE)'}
            testId="pareto-auc"
            points={state.points}
            xKey="clickAuc"
            xLabel={shopper ? 'click AUC' : 'y1 −MSE'}
            yKey="purchaseAuc"
            yLabel={shopper ? 'purchase AUC' : 'y2 −MSE'}
            selected={props.selected}
            onSelect={props.onSelect}
            running={running}
          />
          {shopper && (
            <ParetoChart
              title={`NDCG@${k} vs diversity`}
              testId="pareto-ndcg"
              points={state.points}
              xKey="diversity"
              xLabel={`intra-list diversity@${k}`}
              yKey="ndcg"
              yLabel={`NDCG@${k}`}
              references={references}
              selected={props.selected}
              onSelect={props.onSelect}
              running={running}
            />
          )}
        </div>
      )}
      {state.points.length > 0 && (
        <div className="table-scroll">
          <table data-testid="sweep-table">
            <caption>Sweep points (test split)</caption>
            <thead>
              <tr>
                <th scope="col">Weights</th>
                <th scope="col">{pointTasks[0]} {shopper ? 'AUC' : 'MSE'}</th>
                <th scope="col">{pointTasks[1]} {shopper ? 'AUC' : 'MSE'}</th>
                {extraTasks.map((t) => (
                  <th scope="col" key={t}>
                    {t} AUC
                  </th>
                ))}
                {shopper && (
                  <th scope="col">
                    <MetricLabel id="rankingNdcg" name="NDCG">NDCG@{k}</MetricLabel>
                  </th>
                )}
                {shopper && (
                  <th scope="col">
                    <MetricLabel id="diversity">Diversity</MetricLabel>
                  </th>
                )}
                {shopper && <th scope="col">True P(buy) per listed item</th>}
                {shopper && <th scope="col">ECE click / purchase</th>}
                {shopper && <th scope="col">Per session: clicks / purchases / revenue</th>}
                <th scope="col">
                  <span className="sr-only">Inspect</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.points.map((p) => (
                <tr key={p.index} className={p.index === props.selected ? 'selected' : undefined}>
                  <th scope="row">{p.label}</th>
                  <td>{withNoise(p, 'clickAuc', shopper ? p.clickAuc : -p.clickAuc, 4)}</td>
                  <td>{withNoise(p, 'purchaseAuc', shopper ? p.purchaseAuc : -p.purchaseAuc, 4)}</td>
                  {extraTasks.map((t, j) => (
                    <td key={t}>{fmtNum(p.taskScores[2 + j] ?? Number.NaN, 4)}</td>
                  ))}
                  {shopper && <td>{withNoise(p, 'ndcg', p.ndcg, 4)}</td>}
                  {shopper && <td>{withNoise(p, 'diversity', p.diversity)}</td>}
                  {shopper && <td>{withNoise(p, 'truePurchase', p.truePurchase)}</td>}
                  {shopper && (
                    <td>
                      {fmtNum(p.ece[0])} / {fmtNum(p.ece[1])}
                    </td>
                  )}
                  {shopper && (
                    <td>
                      {p.perSession ? `${fmtNum(p.perSession.clicks)} / ${fmtNum(p.perSession.purchases)} / ${fmtNum(p.perSession.revenue, 2)}` : '—'}
                    </td>
                  )}
                  <td>
                    <button type="button" className="secondary small" disabled={!p.modelId || !shopper} onClick={() => props.onSelect(p)}>
                      Inspect<span className="sr-only"> {p.label}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A point's value, with ± the half-width of its 95% interval when it was trained on several seeds. */
function withNoise(p: SweepPointResult, key: keyof NonNullable<SweepPointResult['noise']>['intervals'], value: number, digits = 3) {
  const i = p.noise?.intervals[key];
  if (!i) return fmtNum(value, digits);
  return <WithInterval value={value} lo={i[0]} hi={i[1]} seeds={p.noise!.seeds} digits={digits} />;
}
