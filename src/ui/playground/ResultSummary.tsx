/** A finished run's test metrics, as the engine computed them: per task, and the ranking. */
import { COLD_FALLBACK, ORACLE } from '../../core/eval/ranking';
import type { ExperimentResult } from '../../core/experiment/run';
import { fmtInt, fmtNum } from '../format';
import { MetricLabel } from '../glossary/MetricLabel';

export function ResultSummary({ result, actions }: { result: ExperimentResult; actions?: React.ReactNode }) {
  const { training, evaluation } = result;
  const ranking = evaluation?.ranking;
  return (
    <section className="card" aria-labelledby="result-title" data-testid="result-summary">
      <div className="chart-head">
        <h3 id="result-title">Test results</h3>
        <div className="chart-actions">{actions}</div>
      </div>
      <p>
        {training.status === 'early-stopped' ? `Stopped early; the model keeps epoch ${training.bestEpoch}'s weights.` : `Status: ${training.status}.`}{' '}
        {fmtInt(training.steps)} steps in {training.seconds.toFixed(1)} s ({fmtInt(Math.round(training.samplesPerSecond))} samples/s on {result.backend.backend}).
      </p>
      {!evaluation && <p className="muted">No evaluation: the run stopped before its first epoch was validated.</p>}
      {evaluation && (
        <table data-testid="task-metrics">
          <caption>Per task, test split</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">
                <MetricLabel id="auc">AUC</MetricLabel>
              </th>
              <th scope="col">
                <MetricLabel id="gauc">GAUC</MetricLabel>
              </th>
              <th scope="col">
                <MetricLabel id="logLoss">Log loss</MetricLabel>
              </th>
              <th scope="col">Base-rate log loss</th>
              <th scope="col">
                <MetricLabel id="ece">ECE</MetricLabel>
              </th>
              <th scope="col">MSE</th>
              <th scope="col">
                <MetricLabel id="ceiling" name="the truth's score">Truth</MetricLabel>
              </th>
              <th scope="col">
                <MetricLabel id="gapShare" name="share of the gap closed">Gap closed</MetricLabel>
              </th>
            </tr>
          </thead>
          <tbody>
            {evaluation.tasks.map((t, j) => (
              <tr key={t.task}>
                <th scope="row">{t.task}</th>
                <td>{fmtNum(t.auc ?? NaN)}</td>
                <td>{fmtNum(t.gauc?.value ?? NaN)}</td>
                <td>{fmtNum(t.logLoss ?? NaN)}</td>
                <td>{fmtNum(t.baseRateLogLoss ?? NaN)}</td>
                <td>{fmtNum(t.ece ?? NaN)}</td>
                <td>{fmtNum(t.mse ?? NaN)}</td>
                <td title={t.kind === 'binary' ? 'AUC of the world’s true probabilities on the same impressions' : 'MSE of the noise-free labels: the noise variance'}>
                  {fmtNum((t.kind === 'binary' ? evaluation.truth[j]?.auc : evaluation.truth[j]?.mse) ?? NaN)}
                </td>
                <td>{pct(evaluation.truth[j]?.modelShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {evaluation?.conversion && (
        <p data-testid="conversion-check">
          <strong>Conversion check</strong> (this model’s P(purchase | click) against the world’s): off by {signed(evaluation.conversion.clickedBias)} on
          clicked test impressions, where it had labels, and by {signed(evaluation.conversion.unclickedBias)} on the impressions nobody clicked (true
          conversion there: {fmtNum(evaluation.conversion.unclickedTruth)}).
        </p>
      )}
      {ranking && (
        <table data-testid="ranking-metrics">
          <caption>
            Whole-catalogue top {ranking.k} for {fmtInt(ranking.shoppers)} test shoppers (ranked by predicted purchase probability)
          </caption>
          <thead>
            <tr>
              <th scope="col">Policy</th>
              <th scope="col">
                <MetricLabel id="rankingNdcg" name="NDCG">NDCG@{ranking.k}</MetricLabel>
              </th>
              <th scope="col">
                <MetricLabel id="recall" name="recall">Recall@{ranking.k}</MetricLabel>
              </th>
              <th scope="col">
                <MetricLabel id="online" name="true P(buy)">True P(buy)</MetricLabel>
              </th>
              <th scope="col">
                <MetricLabel id="gapShare" name="share of the gap closed">Gap closed</MetricLabel>
              </th>
              <th scope="col">
                <MetricLabel id="diversity">Diversity</MetricLabel>
              </th>
              <th scope="col">
                <MetricLabel id="coverage">Coverage</MetricLabel>
              </th>
              <th scope="col">
                <MetricLabel id="novelty">Novelty</MetricLabel>
              </th>
              <th scope="col">
                <MetricLabel id="gini">Gini</MetricLabel>
              </th>
            </tr>
          </thead>
          <tbody>
            {ranking.policies.map((p) => (
              <tr key={p.policy}>
                <th scope="row">{policyLabel(p.policy)}</th>
                <td>{fmtNum(p.ndcg.value)}</td>
                <td>{fmtNum(p.recall.value)}</td>
                <td>{fmtNum(p.truePurchase.value)}</td>
                <td>{pct(p.truePurchaseShare)}</td>
                <td>{fmtNum(p.diversity.value)}</td>
                <td>{fmtNum(p.coverage)}</td>
                <td>{fmtNum(p.novelty, 2)}</td>
                <td>{fmtNum(p.gini)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** How a ranking policy is named in the table. */
function policyLabel(policy: string): string {
  if (policy === COLD_FALLBACK) return 'model, popularity for cold-start shoppers';
  if (policy === ORACLE) return 'oracle (the true probabilities)';
  return policy;
}

/** A share of the gap as a percentage (the engine computed it; this only formats). */
function pct(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)}%`;
}

/** A signed difference with three decimals, e.g. "+0.043" (formatting only). */
function signed(x: number): string {
  return Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}` : '—';
}
