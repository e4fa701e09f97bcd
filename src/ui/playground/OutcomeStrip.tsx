/**
 * The product manager's answer after every run: what one session showing the model's list would
 * bring (clicks, purchases, revenue: the world's probabilities with position bias, the expectation
 * of the simulated online test), and the change against the pinned run or the run before, with its
 * noise when both runs have seeds. Formatting only: every number comes from the engine.
 */
import type { ExperimentResult } from '../../core/experiment/run';
import { readResultMetric } from '../../core/experiment/metrics';
import { compareRuns, describeDifference, pairedDifference } from '../../core/noise/compare';
import { pct } from '../../core/teach/runs';
import { fmtNum } from '../format';

const OUTCOMES = [
  { key: 'clicks', label: 'Clicks', digits: 3 },
  { key: 'purchases', label: 'Purchases', digits: 3 },
  { key: 'revenue', label: 'Revenue', digits: 2 },
] as const;

export function OutcomeStrip(props: { result: ExperimentResult; against: { name: string; result: ExperimentResult } | null }) {
  const { result, against } = props;
  if (!result.evaluation?.ranking) return null;
  return (
    <section className="outcome-strip" aria-label="Outcomes per session" data-testid="outcome-strip">
      <p className="small muted">
        Per session of the model’s top {result.evaluation.ranking.k} (expected, with position bias){against ? `; change against ${against.name}` : ''}:
      </p>
      <dl className="stats compact">
        {OUTCOMES.map(({ key, label, digits }) => {
          const metric = `ranking:model:${key}PerSession`;
          const now = readResultMetric(result, metric);
          const before = against ? readResultMetric(against.result, metric) : Number.NaN;
          const a = against?.result.replicates;
          const b = result.replicates;
          // With seeds on both sides: the paired change with its interval; else one seed each.
          const change = a && b ? compareRuns(a, b, metric, true) : against ? pairedDifference([before], [now], true) : null;
          return (
            <div key={key} data-outcome={key}>
              <dt>{label}</dt>
              <dd>{fmtNum(now, digits)}</dd>
              {against && (
                <dd className="small" data-testid={`outcome-change-${key}`}>
                  {change && change.n > 0 ? describeDifference(change, (x) => pct(x)) : '—'}
                </dd>
              )}
            </div>
          );
        })}
      </dl>
    </section>
  );
}
