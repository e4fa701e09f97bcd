import type { WorkerResponse } from '../../worker/protocol';
import { fmtInt, fmtNum, fmtPct } from '../format';
import { MetricLabel } from '../glossary/MetricLabel';

type WorldResult = Extract<WorkerResponse, { type: 'world' }>;

/** Headline counts and rates of the world, and its split sizes. */
export function WorldOverview({ result }: { result: WorldResult }) {
  const { summary: s, config, generationMs } = result;
  const stats: Array<[string, string]> = [
    ['Shoppers', fmtInt(s.counts.shoppers)],
    ['Items', fmtInt(s.counts.items)],
    ['Categories', fmtInt(s.counts.categories)],
    ['Sessions', fmtInt(s.counts.sessions)],
    ['Impressions', fmtInt(s.counts.impressions)],
    ['Click rate', fmtPct(s.rates.clickRate)],
    ['Purchase rate', fmtPct(s.rates.purchaseRate, 2)],
    ['Conversion (purchases / clicks)', fmtPct(s.rates.conversionRate)],
    ...(s.rates.cartRate !== null ? ([['Add-to-cart rate', fmtPct(s.rates.cartRate, 2)]] as Array<[string, string]>) : []),
    ['Exposure Gini', fmtNum(s.exposureGini)],
  ];
  return (
    <section className="card" aria-labelledby="overview-title" data-testid="world-overview">
      <h2 id="overview-title">The default world</h2>
      <p className="muted">
        Seed {config.seed}, click–purchase alignment {config.alignment}, position bias {config.positionBias},
        popularity skew {config.popularitySkew}. Generated in {fmtInt(Math.round(generationMs))} ms; fingerprint{' '}
        <code data-testid="world-hash">{s.hash}</code>.
      </p>
      <dl className="stats">
        {stats.map(([label, value]) => (
          <div key={label}>
            <dt>{label === 'Exposure Gini' ? <MetricLabel id="gini">{label}</MetricLabel> : label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <table>
        <caption>Splits (per shopper by time; cold-start shoppers and items only in test)</caption>
        <thead>
          <tr>
            <th scope="col">Split</th>
            <th scope="col">Impressions</th>
            <th scope="col">Shoppers</th>
            <th scope="col">Clicks</th>
            <th scope="col">Purchases</th>
          </tr>
        </thead>
        <tbody>
          {(['train', 'validation', 'test'] as const).map((name) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{fmtInt(s.splits[name].impressions)}</td>
              <td>{fmtInt(s.splits[name].shoppers)}</td>
              <td>{fmtInt(s.splits[name].clicks)}</td>
              <td>{fmtInt(s.splits[name].purchases)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {fmtInt(s.counts.coldShoppers)} cold-start shoppers and {fmtInt(s.counts.coldItems)} cold-start items.
      </p>
    </section>
  );
}
