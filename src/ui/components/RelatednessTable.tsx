import type { CorrelationRow } from '../../core/world';
import { fmtNum } from '../format';

/** The MMoE world's task correlation p against the measured correlation of the two labels. */
export function RelatednessTable({ rows }: { rows: CorrelationRow[] }) {
  return (
    <section className="card" aria-labelledby="relatedness-title">
      <h2 id="relatedness-title">How related are two tasks? (the MMoE paper's world)</h2>
      <p className="muted">
        Two regression tasks whose weight vectors have cosine p. The sine terms make the labels less
        correlated than p says, and the gap grows as p falls.
      </p>
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
    </section>
  );
}
