/** What the reference baselines would show the inspected shopper, beside the model's list (computed in the worker). */
import { REFERENCE_DESCRIPTIONS } from '../../core/baselines';
import type { Recommendations } from '../../core/inspect/recommend';
import { fmtPct } from '../format';

export function BaselineLists({ rec, title }: { rec: Recommendations; title: string }) {
  return (
    <div className="table-wide" data-testid="baseline-lists">
      <table>
        <caption>
          The same shopper’s top {rec.k} from the baselines, beside {title} (true P(buy) per listed item {fmtPct(rec.metrics.truePurchase, 2)})
        </caption>
        <thead>
          <tr>
            <th scope="col">Baseline</th>
            <th scope="col">Also in the model’s list</th>
            <th scope="col">Mean true P(buy)</th>
            <th scope="col">Its first three</th>
          </tr>
        </thead>
        <tbody>
          {rec.references.map((r) => (
            <tr key={r.policy}>
              <th scope="row" title={REFERENCE_DESCRIPTIONS[r.policy]}>
                {r.policy}
              </th>
              <td>
                {r.shared} of {rec.k}
              </td>
              <td>{fmtPct(r.truePurchase, 2)}</td>
              <td className="small">{r.items.slice(0, 3).map((it) => `${it.category} · ${it.brand}${it.cold ? ' (new)' : ''}`).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
