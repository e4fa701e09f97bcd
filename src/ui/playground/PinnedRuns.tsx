/** Pinned runs: how their configs differ from the current one, and their test metrics. */
import { memo } from 'react';
import type { ExperimentConfig } from '../../core/experiment/config';
import type { ExperimentResult } from '../../core/experiment/run';
import { compareRuns, describeDifference } from '../../core/noise/compare';
import { signed } from '../../core/teach/runs';
import { fmtNum } from '../format';
import { differingFields, flattenConfig, type PinnedRun } from './pins';

function PinnedRunsImpl({ pins, current, currentResult, onUnpin }: { pins: PinnedRun[]; current: ExperimentConfig; currentResult: ExperimentResult | null; onUnpin: (id: number) => void }) {
  if (pins.length === 0) return null;
  // Against the latest run, per task: the paired difference over seeds when both runs have them.
  const latestRep = currentResult?.replicates ?? null;
  const comparisons = pins.map((p) => {
    const rep = p.result.replicates;
    if (!rep || !latestRep || p.result === currentResult) return null;
    const names = (currentResult?.evaluation?.tasks ?? []).map((t) => `${t.kind === 'binary' ? 'auc' : 'mse'}:${t.task}`);
    const lines = names.map((m) => {
      const d = compareRuns(rep, latestRep, m);
      return d ? `${m.replace(':', ' ')} ${describeDifference(d, (x) => signed(x))}` : null;
    });
    return lines.every((l) => l === null) ? 'seeds differ from the latest run’s, so no paired comparison' : lines.filter(Boolean).join('; ');
  });
  const fields = differingFields([current, ...pins.map((p) => p.config)]);
  const flat = pins.map((p) => flattenConfig(p.config));
  const currentFlat = flattenConfig(current);
  const metric = (p: PinnedRun, f: (r: NonNullable<PinnedRun['result']['evaluation']>) => number | null | undefined) =>
    p.result.evaluation ? fmtNum(f(p.result.evaluation) ?? NaN) : '—';
  return (
    <section className="card" aria-labelledby="pins-title" data-testid="pinned-runs">
      <h3 id="pins-title">Pinned runs</h3>
      <p className="muted small">Pinned runs are drawn in grey and red on the loss and AUC charts. Only settings that differ are listed.</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Run</th>
              {fields.map((f) => (
                <th key={f} scope="col">
                  {f}
                </th>
              ))}
              <th scope="col">click/y1 AUC or MSE</th>
              <th scope="col">purchase/y2 AUC or MSE</th>
              <th scope="col">ECE click / purchase</th>
              <th scope="col">NDCG@K</th>
              <th scope="col">True P(buy) per listed item</th>
              <th scope="col">Per session: clicks / purchases / revenue</th>
              <th scope="col">Diversity</th>
              <th scope="col">Latest run against this pin (over seeds)</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pins.map((p, j) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                {fields.map((f) => (
                  <td key={f}>{flat[j].get(f) ?? '—'}</td>
                ))}
                <td>{metric(p, (e) => e.tasks[0]?.auc ?? e.tasks[0]?.mse)}</td>
                <td>{metric(p, (e) => e.tasks[1]?.auc ?? e.tasks[1]?.mse)}</td>
                <td>
                  {metric(p, (e) => e.tasks[0]?.ece)} / {metric(p, (e) => e.tasks[1]?.ece)}
                </td>
                <td>{metric(p, (e) => e.ranking?.policies[0].ndcg.value)}</td>
                <td>{metric(p, (e) => e.ranking?.policies[0].truePurchase.value)}</td>
                <td>
                  {metric(p, (e) => e.ranking?.policies[0].perSession.clicks)} / {metric(p, (e) => e.ranking?.policies[0].perSession.purchases)} /{' '}
                  {metric(p, (e) => e.ranking?.policies[0].perSession.revenue)}
                </td>
                <td>{metric(p, (e) => e.ranking?.policies[0].diversity.value)}</td>
                <td className="small" data-testid="pin-noise">
                  {comparisons[j] ?? (p.result.replicates ? '—' : 'one seed: no interval')}
                </td>
                <td>
                  <button type="button" className="secondary small" onClick={() => onUnpin(p.id)}>
                    Unpin<span className="sr-only"> {p.name}</span>
                  </button>
                </td>
              </tr>
            ))}
            {fields.length > 0 && (
              <tr className="muted">
                <th scope="row">Current settings</th>
                {fields.map((f) => (
                  <td key={f}>{currentFlat.get(f) ?? '—'}</td>
                ))}
                <td colSpan={9} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export const PinnedRuns = memo(PinnedRunsImpl);
