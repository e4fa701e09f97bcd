/**
 * One shopper's list before and after re-ranking at the operating point: the top K by fused score
 * beside the re-ranked top K, each item's move (up, down, new, left out) and the engine's reason,
 * and both lists' diversity, novelty, calibration and expected outcome of one session.
 */
import type { ListSummary, RerankComparison } from '../../core/inspect/rerankFor';
import type { Move } from '../../core/rerank/explain';
import { MetricLabel } from '../glossary/MetricLabel';
import { fmtNum } from '../format';

function moveTag(m: Move) {
  switch (m.kind) {
    case 'same':
      return <span className="tag">same place</span>;
    case 'up':
      return <span className="tag">↑ {m.before - (m.after ?? 0)} (was #{m.before})</span>;
    case 'down':
      return <span className="tag alt">↓ {(m.after ?? 0) - m.before} (was #{m.before})</span>;
    case 'new':
      return <span className="tag alt">new (was #{m.before})</span>;
    case 'dropped':
      return <span className="tag alt">left out</span>;
  }
}

function Stats({ list }: { list: ListSummary }) {
  return (
    <dl className="stats compact">
      <div>
        <dt>
            <MetricLabel id="diversity">Diversity</MetricLabel>
          </dt>
        <dd>{fmtNum(list.diversity)}</dd>
      </div>
      <div>
        <dt>
            <MetricLabel id="novelty">Novelty</MetricLabel>
          </dt>
        <dd>{fmtNum(list.novelty, 2)}</dd>
      </div>
      <div>
        <dt>
            <MetricLabel id="calibrationKl">Calibration KL</MetricLabel>
          </dt>
        <dd>{fmtNum(list.calibrationKl)}</dd>
      </div>
      <div>
        <dt>
            <MetricLabel id="online">Expected purchases</MetricLabel>
          </dt>
        <dd>{fmtNum(list.online.purchases)}</dd>
      </div>
      <div>
        <dt>
            <MetricLabel id="online">Expected clicks</MetricLabel>
          </dt>
        <dd>{fmtNum(list.online.clicks, 2)}</dd>
      </div>
    </dl>
  );
}

export function RerankCompare({ cmp }: { cmp: RerankComparison }) {
  const moveOf = new Map(cmp.moves.map((m) => [m.item, m]));
  const listed = new Set(cmp.reranked.items.map((i) => i.item));
  const dropped = cmp.moves.filter((m) => m.kind === 'dropped');
  const f = cmp.fusion;
  return (
    <div className="rerank-compare" data-testid="rerank-compare">
      <h4>
        Before and after re-ranking: {cmp.method.toUpperCase()} {cmp.symbol} = {cmp.knob}
      </h4>
      <p className="small muted">
        Before: the top {cmp.k} by P(click)<sup>{f.a}</sup> · P(purchase)<sup>{f.b}</sup> · price<sup>{f.c}</sup>. After: the re-ranker’s pick from the top candidates.
        Expected purchases and clicks are of one session, position bias included.
      </p>
      <div className="grid two-even">
        <div data-testid="list-before">
          <h5>Before (fused score)</h5>
          <Stats list={cmp.original} />
          <ol className="items compact-items">
            {cmp.original.items.map((it) => (
              <li key={it.item} className="item" data-testid="before-item">
                <span className="rank">#{it.position}</span> <strong>{it.category}</strong> · {it.brand} · ${it.price.toFixed(2)}
                {!listed.has(it.item) && <span className="tag alt">left out after</span>}
              </li>
            ))}
          </ol>
        </div>
        <div data-testid="list-after">
          <h5>After ({cmp.method.toUpperCase()})</h5>
          <Stats list={cmp.reranked} />
          <ol className="items compact-items">
            {cmp.reranked.items.map((it) => {
              const m = moveOf.get(it.item);
              return (
                <li key={it.item} className="item" data-testid="after-item">
                  <span className="rank">#{it.position}</span> <strong>{it.category}</strong> · {it.brand} · ${it.price.toFixed(2)}
                  {m && moveTag(m)}
                  {m && m.kind !== 'same' && <p className="small reason">{m.reason}</p>}
                </li>
              );
            })}
          </ol>
        </div>
      </div>
      {dropped.length > 0 && (
        <div data-testid="dropped">
          <h5>Left out by the re-ranker</h5>
          <ul className="small">
            {dropped.map((m) => {
              const it = cmp.original.items.find((i) => i.item === m.item);
              return (
                <li key={m.item}>
                  <strong>
                    #{m.before} {it?.category} · {it?.brand}
                  </strong>
                  : {m.reason}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
