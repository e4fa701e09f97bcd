import { fmtPct } from '../format';

/** Click rate at each position: the position bias the logging policy's lists carry. */
export function PositionTable({ rates }: { rates: number[] }) {
  const max = Math.max(...rates.filter(Number.isFinite), 1e-9);
  return (
    <section className="card" aria-labelledby="position-title">
      <h2 id="position-title">Click rate by position</h2>
      <table className="bars" data-testid="position-table">
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Click rate</th>
          </tr>
        </thead>
        <tbody>
          {rates.map((r, p) => (
            <tr key={p}>
              <th scope="row">{p + 1}</th>
              <td>
                <span className="bar" style={{ width: `${(100 * r) / max}%` }} aria-hidden="true" />
                <span className="bar-label">{fmtPct(r)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
