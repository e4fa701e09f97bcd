/** One model's top K for one shopper: item cards, predicted vs true probabilities, list metrics. */
import type { Recommendations } from '../../core/inspect/recommend';
import { MetricLabel } from '../glossary/MetricLabel';
import { fmtNum, fmtPct } from '../format';

export function RecommendationList({ title, rec, testId, compareTo }: { title: string; rec: Recommendations; testId: string; compareTo?: Recommendations }) {
  const other = compareTo ? new Set(compareTo.items.map((i) => i.item)) : null;
  return (
    <div className="recs" data-testid={testId}>
      <h4>
        Top {rec.k} from {title}
      </h4>
      <dl className="stats compact">
        <div>
          <dt>
            <MetricLabel id="diversity">Diversity</MetricLabel>
          </dt>
          <dd>{fmtNum(rec.metrics.diversity)}</dd>
        </div>
        <div>
          <dt>
            <MetricLabel id="novelty">Novelty</MetricLabel>
          </dt>
          <dd>{fmtNum(rec.metrics.novelty, 2)}</dd>
        </div>
        <div>
          <dt>
            <MetricLabel id="calibrationKl">Calibration KL</MetricLabel>
          </dt>
          <dd>{fmtNum(rec.metrics.calibrationKl)}</dd>
        </div>
        <div>
          <dt>Mean true P(buy) per listed item, this shopper</dt>
          <dd>{fmtPct(rec.metrics.truePurchase, 2)}</dd>
        </div>
      </dl>
      <ol className="items">
        {rec.items.map((it) => (
          <li key={it.item} className="item" data-testid="rec-item">
            <div className="item-head">
              <span className="rank">#{it.position}</span> <strong>{it.category}</strong> · {it.brand} · ${it.price.toFixed(2)}
              {it.cold && <span className="tag">new item</span>}
              {other && !other.has(it.item) && <span className="tag alt">only here</span>}
            </div>
            <table className="probs">
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Predicted</th>
                  <th scope="col">True</th>
                </tr>
              </thead>
              <tbody>
                {rec.tasks.map((t, k) => (
                  <tr key={t}>
                    <th scope="row">P({t})</th>
                    <td>{fmtPct(it.predicted[k], 1)}</td>
                    <td>{fmtPct(it.truth[k], 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ol>
    </div>
  );
}
