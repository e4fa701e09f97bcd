/** A finished run's test metrics, as the engine computed them: per task, and the ranking. */
import { offlineTruthCaption } from '../../core/teach/captions';
import { REFERENCE_DESCRIPTIONS, type ReferencePolicy } from '../../core/baselines';
import { COLD_FALLBACK, ORACLE } from '../../core/eval/ranking';
import { conditionDim } from '../../core/experiment/config';
import { weightShares } from '../../core/train/conditioned';
import type { ExperimentResult } from '../../core/experiment/run';
import { signed } from '../../core/teach/runs';
import { fmtInt, fmtNum, fmtPct } from '../format';
import { WithInterval } from '../components/WithInterval';
import { MetricLabel } from '../glossary/MetricLabel';
import { SamplingTable } from './SamplingTable';

/** A conditioned run's results follow the weight sliders; this note says so, and what is being evaluated. */
function ConditionedNote({ result, moving }: { result: ExperimentResult; moving?: { weights: number[] | null; error: string | null } }) {
  const w = result.config.weighting.weights;
  const names = (result.evaluation?.tasks ?? []).map((t) => t.task);
  // The shares the model was fixed at (none shown for a stored result whose weights cannot give them).
  const shares = (() => {
    try {
      return weightShares(w, conditionDim(result.config));
    } catch {
      return [];
    }
  })();
  return (
    <div data-testid="conditioned-note">
      <p className="small">
        One model for every weighting: trained once on task weights drawn afresh for every batch, with the weights as inputs. These results are that model at
        weights {w.map((v) => fmtNum(v, 2)).join(' / ')}
        {shares.length > 0 && names.length >= shares.length ? ` (${shares.map((v, t) => `${names[t]} ${fmtPct(v)}`).join(', ')})` : ''}, evaluated without retraining:{' '}
        {moving ? 'move the weight sliders to see another weighting.' : 'its model is not kept in this page, so train it again to move it.'} On the default world
        such a model’s metrics barely move across weightings (it serves them all about equally; a fixed-weight sweep does better where clicks weigh more).
      </p>
      <p className="small" role="status" aria-live="polite">
        {moving?.weights ? `Evaluating the model at ${moving.weights.map((v) => fmtNum(v, 2)).join(' / ')}…` : ''}
      </p>
      {moving?.error && (
        <p className="small error" role="alert">
          Could not move the model: {moving.error}
        </p>
      )}
    </div>
  );
}

export function ResultSummary({
  result,
  actions,
  moving,
  referencesBeside,
}: {
  result: ExperimentResult;
  actions?: React.ReactNode;
  moving?: { weights: number[] | null; error: string | null };
  /** Whether the reference baselines were judged in the second worker while the run trained (a data attribute for the tests and benches). */
  referencesBeside?: boolean;
}) {
  const { training, evaluation } = result;
  const ranking = evaluation?.ranking;
  const disagreement = ranking ? offlineTruthCaption(ranking) : null;
  const rep = result.replicates && result.replicates.seeds.length > 1 ? result.replicates : null;
  /** A metric as mean ± half-width over the seeds when the run has several, else the one value. */
  const cell = (metric: string, value: number | null | undefined, digits = 3) => {
    const s = rep?.summary[metric];
    if (!s || s.n < 2) return fmtNum(value ?? NaN, digits);
    return <WithInterval value={s.mean} lo={s.lo} hi={s.hi} seeds={s.n} digits={digits} />;
  };
  return (
    <section className="card" aria-labelledby="result-title" data-testid="result-summary" data-references={referencesBeside === undefined ? undefined : referencesBeside ? 'beside' : 'here'}>
      <div className="chart-head">
        <h3 id="result-title">Test results</h3>
        <div className="chart-actions">{actions}</div>
      </div>
      <p>
        {training.status === 'early-stopped' ? `Stopped early; the model keeps epoch ${training.bestEpoch}'s weights.` : `Status: ${training.status}.`}{' '}
        {fmtInt(training.steps)} steps in {training.seconds.toFixed(1)} s ({fmtInt(Math.round(training.samplesPerSecond))} samples/s on {result.backend.backend})
        {result.evaluationSeconds !== undefined && `, evaluated in ${result.evaluationSeconds.toFixed(2)} s`}.
      </p>
      {!evaluation && <p className="muted">No evaluation: the run stopped before its first epoch was validated.</p>}
      {result.config.weighting.strategy === 'conditioned' && <ConditionedNote result={result} moving={moving} />}
      {rep && (
        <p className="small" data-testid="seed-note">
          Mean ± 95% interval over {rep.seeds.length} seeds (world seeds {rep.seeds[0].worldSeed}–{rep.seeds[rep.seeds.length - 1].worldSeed}, initialisation
          seeds {rep.seeds[0].trainingSeed}–{rep.seeds[rep.seeds.length - 1].trainingSeed}
          {rep.seeds.length < rep.requested ? `; ${rep.requested - rep.seeds.length} of the ${rep.requested} seeds asked for did not finish` : ''}). The charts, the
          inspector and the columns without an interval show seed 1.
        </p>
      )}
      {evaluation && (
        <div className="table-wide">
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
                <td>{cell(`auc:${t.task}`, t.auc)}</td>
                <td>{cell(`gauc:${t.task}`, t.gauc?.value)}</td>
                <td>{cell(`logLoss:${t.task}`, t.logLoss)}</td>
                <td>{fmtNum(t.baseRateLogLoss ?? NaN)}</td>
                <td>{cell(`ece:${t.task}`, t.ece)}</td>
                <td>{cell(`mse:${t.task}`, t.mse)}</td>
                <td title={t.kind === 'binary' ? 'AUC of the world’s true probabilities on the same impressions' : 'MSE of the noise-free labels: the noise variance'}>
                  {fmtNum((t.kind === 'binary' ? evaluation.truth[j]?.auc : evaluation.truth[j]?.mse) ?? NaN)}
                </td>
                <td>{fmtPct(evaluation.truth[j]?.modelShare ?? NaN, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {evaluation?.sampling && <SamplingTable sampling={evaluation.sampling} tasks={evaluation.tasks} />}
      {evaluation?.unlearned && evaluation.unlearned.length > 0 && (
        <div role="alert" className="banner warn" data-testid="unlearned">
          <p>
            <strong>This run completed but learned nothing useful.</strong> {evaluation.unlearned.map((u) => u.message).join(' ')} Its AUCs and rankings are
            no better than chance; try a lower learning rate (now {result.config.training.learningRate}) or fewer epochs.
          </p>
        </div>
      )}
      {evaluation?.conversion && (
        <p data-testid="conversion-check">
          <strong>Conversion check</strong> (this model’s P(purchase | click) against the world’s): off by {signed(evaluation.conversion.clickedBias, 3)} on
          clicked test impressions, where it had labels, and by {signed(evaluation.conversion.unclickedBias, 3)} on the impressions nobody clicked (true
          conversion there: {fmtNum(evaluation.conversion.unclickedTruth)}).
        </p>
      )}
      {evaluation?.funnelViolations != null && (
        <p data-testid="funnel-order">
          <strong>Funnel order</strong> (no purchase without a cart, no cart without a click): this model predicts P(purchase) &gt; P(cart) or P(cart) &gt; P(click) on{' '}
          {fmtPct(evaluation.funnelViolations, 1)} of test impressions.{' '}
          {evaluation.funnelViolations === 0 ? 'Its predictions keep the funnel’s order everywhere.' : 'A model of the path (ESM², the esmm architecture) cannot break it.'}
        </p>
      )}
      {ranking && (
        <div className="table-wide">
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
                <span className="small muted"> per listed item, mean of shoppers</span>
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
                <th scope="row" title={Object.hasOwn(REFERENCE_DESCRIPTIONS, p.policy) ? REFERENCE_DESCRIPTIONS[p.policy as ReferencePolicy] : undefined}>
                  {policyLabel(p.policy)}
                </th>
                <td>{cell(`ranking:${p.policy}:ndcg`, p.ndcg.value)}</td>
                <td>{fmtNum(p.recall.value)}</td>
                <td>{cell(`ranking:${p.policy}:truePurchase`, p.truePurchase.value)}</td>
                <td>{fmtPct(p.truePurchaseShare ?? NaN, 0)}</td>
                <td>{fmtNum(p.diversity.value)}</td>
                <td>{fmtNum(p.coverage)}</td>
                <td>{fmtNum(p.novelty, 2)}</td>
                <td>{fmtNum(p.gini)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {disagreement && (
        <p className="caption" data-testid="offline-truth">
          {disagreement}
        </p>
      )}
    </section>
  );
}

/** How a ranking policy is named in the table. */
function policyLabel(policy: string): string {
  if (policy === COLD_FALLBACK) return 'model, popularity for cold-start shoppers';
  if (policy === ORACLE) return 'oracle (the true probabilities)';
  if (policy === 'mf') return 'mf (matrix factorisation)';
  if (policy === 'item-knn') return 'item-kNN';
  return policy;
}
