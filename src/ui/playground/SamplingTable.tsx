/** What negative sampling did to a finished run: its predictions before and after re-calibration. */
import type { SamplingReport } from '../../core/experiment/run';
import type { TaskEvaluation } from '../../core/eval/pointwise';
import { fmtInt, fmtNum, fmtPct } from '../format';
import { MetricLabel } from '../glossary/MetricLabel';

export function SamplingTable({ sampling, tasks }: { sampling: SamplingReport; tasks: TaskEvaluation[] }) {
  const pair = (raw: number | null | undefined, recal: number | null | undefined, digits = 3) => (
    <>
      {fmtNum(raw ?? NaN, digits)} → <strong>{fmtNum(recal ?? NaN, digits)}</strong>
    </>
  );
  return (
    <div className="table-wide" data-testid="sampling-report">
      <p className="small">
        <strong>
          <MetricLabel id="negativeSampling">Negative sampling</MetricLabel>
        </strong>
        : trained on {fmtInt(sampling.keptRows)} of {fmtInt(sampling.trainRows)} train impressions (
        {fmtPct(sampling.keptShare ?? Number.NaN, 0)}): every purchase and a share s = {sampling.rate} of the rest. The model learned the sample’s rates,
        so its predictions were re-calibrated, p = q / (q + (1 − q)/s) for purchases and the click from it; the table above shows the re-calibrated ones.
      </p>
      <table>
        <caption>Before → after re-calibration, test split</caption>
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Mean prediction</th>
            <th scope="col">Observed rate</th>
            <th scope="col">
              <MetricLabel id="logLoss">Log loss</MetricLabel>
            </th>
            <th scope="col">
              <MetricLabel id="ece">ECE</MetricLabel>
            </th>
            <th scope="col">
              <MetricLabel id="auc">AUC</MetricLabel>
            </th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t, j) => {
            const raw = sampling.raw[j];
            return (
              <tr key={t.task}>
                <th scope="row">{t.task}</th>
                <td>{pair(sampling.meanRaw[j], sampling.meanRecalibrated[j], 4)}</td>
                <td>{fmtNum(t.positiveRate ?? NaN, 4)}</td>
                <td>{pair(raw?.logLoss, t.logLoss)}</td>
                <td>{pair(raw?.ece, t.ece)}</td>
                <td>{pair(raw?.auc, t.auc)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
