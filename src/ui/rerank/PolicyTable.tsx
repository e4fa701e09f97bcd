/**
 * Every policy of a trade-off, offline beside online: NDCG@K and its rank, expected purchases per
 * session with its 95% interval and rank, and the beyond-accuracy measures. Rows whose offline and
 * online ranks differ are marked, and the clearest flips are spelled out.
 */
import type { DiscordantPair } from '../../core/rerank/disagreement';
import type { TradeoffResult } from '../../core/rerank/tradeoff';
import { fmtNum } from '../format';
import { MetricLabel } from '../glossary/MetricLabel';

export function PolicyTable(props: { result: TradeoffResult; operating: number; onUse: (knob: number) => void }) {
  const { result } = props;
  const d = result.disagreement;
  const rankOf = new Map(d.policies.map((p) => [p.policy, p]));
  const rows = [...result.points, ...result.references];
  const label = (policy: string, knob: number | null) => (knob === null ? (policy === 'model' ? 'no re-ranking' : `${policy} ranking`) : `${result.symbol} = ${knob}`);
  const nameOf = (policy: string) => {
    const r = rows.find((p) => p.policy === policy);
    return r ? label(r.policy, r.knob) : policy;
  };
  const clear = d.discordant.filter((p) => p.clear);
  // Clear flips grouped by the policy the test log favours (pairs arrive sorted by online gap).
  const byFavoured = new Map<string, DiscordantPair[]>();
  for (const p of clear) byFavoured.set(p.offlineFavours, [...(byFavoured.get(p.offlineFavours) ?? []), p]);
  const groups = [...byFavoured];
  return (
    <div data-testid="policy-table">
      <div className="table-scroll">
        <table>
          <caption>
            Offline (test-log NDCG@{result.k}) and online (simulated: {result.shoppers} shoppers × {result.sessions} sessions) results per policy
          </caption>
          <thead>
            <tr>
              <th scope="col">Policy</th>
              <th scope="col">
                <MetricLabel id="rankingNdcg" name="NDCG">NDCG@{result.k}</MetricLabel>
              </th>
              <th scope="col">Offline rank</th>
              <th scope="col">
                <MetricLabel id="online" name="purchases per session">Purchases / session</MetricLabel>
              </th>
              <th scope="col">Online rank</th>
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
              <th scope="col">
                <MetricLabel id="calibrationKl">Calibration KL</MetricLabel>
              </th>
              <th scope="col">
                <span className="sr-only">Operating point</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const r = rankOf.get(p.policy);
              const differs = r !== undefined && r.offlineRank !== r.onlineRank;
              const s = p.online.simulated.purchases;
              return (
                <tr key={p.policy} className={p.knob !== null && p.knob === props.operating ? 'selected' : undefined} data-differs={differs || undefined}>
                  <th scope="row">{label(p.policy, p.knob)}</th>
                  <td>{fmtNum(p.evaluation.ndcg.value, 4)}</td>
                  <td>{r?.offlineRank ?? '—'}</td>
                  <td>
                    <span title="Expected purchases per session, in closed form from the world's true probabilities">expected {fmtNum(p.online.expected.purchases, 3)}</span>
                    <br />
                    <span className="small muted" title="The mean of the simulated sessions and its 95% Monte-Carlo interval; it estimates the expected value and misses it about one time in twenty">
                      simulated {fmtNum(s.mean, 3)} ({fmtNum(s.lo, 3)}–{fmtNum(s.hi, 3)})
                    </span>
                  </td>
                  <td>
                    {r?.onlineRank ?? '—'}
                    {differs && <span className="tag warn-tag">differs</span>}
                  </td>
                  <td>{fmtNum(p.evaluation.diversity.value)}</td>
                  <td>{fmtNum(p.evaluation.coverage)}</td>
                  <td>{fmtNum(p.evaluation.novelty, 2)}</td>
                  <td>{fmtNum(p.evaluation.gini)}</td>
                  <td>{fmtNum(p.evaluation.calibrationKl.value)}</td>
                  <td>
                    {p.knob !== null && (
                      <button type="button" className="secondary small" disabled={p.knob === props.operating} onClick={() => props.onUse(p.knob!)}>
                        Use<span className="sr-only"> {label(p.policy, p.knob)} as the operating point</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div data-testid="disagreement">
        <h4>Where offline and online disagree</h4>
        <p className="small">
          <MetricLabel id="kendallTau" name="Kendall τ">Kendall τ</MetricLabel> between the offline and online orders: <strong>{fmtNum(d.kendallTau, 2)}</strong> (1: same order; −1: reversed).{' '}
          {d.discordant.length === 0
            ? 'Both evaluations order every pair of policies the same way.'
            : `${d.discordant.length} of ${(d.policies.length * (d.policies.length - 1)) / 2} pairs are ordered oppositely; ${clear.length} of them clearly (the online intervals do not overlap).`}
        </p>
        {clear.length > 0 && (
          <ul className="small">
            {groups.slice(0, 5).map(([favoured, pairs]) => (
              <li key={favoured}>
                The test log ranks <strong>{nameOf(favoured)}</strong> above {pairs.length === 1 ? '' : `${pairs.length} policies `}
                {pairs
                  .slice(0, 3)
                  .map((p) => nameOf(p.onlineFavours))
                  .join(', ')}
                {pairs.length > 3 ? ', …' : ''}, but shoppers buy more from {pairs.length === 1 ? 'it' : 'each of them'} (up to +{fmtNum(pairs[0].onlineGap, 3)} purchases per
                session; NDCG gap up to {fmtNum(Math.max(...pairs.map((p) => p.offlineGap)), 4)}).
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
