import type { CorrelationRow } from '../../core/world';
import { fmtNum } from '../format';

/**
 * The MMoE world's task correlation p against the measured correlation of the two labels.
 * @param rows null while the worker is still computing them.
 */
export function RelatednessTable({ rows }: { rows: CorrelationRow[] | null }) {
  return (
    <section className="card" aria-labelledby="relatedness-title">
      <h2 id="relatedness-title">How related are two tasks? (the MMoE paper&apos;s world)</h2>
      <p className="muted">
        Two regression tasks whose weight vectors have cosine p (12,000 samples, d = 100, 10 sine
        terms). The sine terms make the labels less correlated than p says.
      </p>
      {rows === null ? (
        <p aria-live="polite">Measuring the label correlations…</p>
      ) : (
        <table data-testid="relatedness-table">
          <thead>
            <tr>
              <th scope="col">Task correlation p</th>
              <th scope="col">Measured Pearson correlation of y1, y2</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.p}>
                <th scope="row">{fmtNum(r.p, 2)}</th>
                <td>{fmtNum(r.measured)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
