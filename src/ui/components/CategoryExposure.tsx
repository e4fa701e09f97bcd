import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CategorySummary } from '../../core/world';
import { fmtInt, fmtPct } from '../format';

/** Impressions per category as a chart, with the same numbers as a table for screen readers. */
export function CategoryExposure({ categories }: { categories: CategorySummary[] }) {
  return (
    <section className="card" aria-labelledby="categories-title">
      <h2 id="categories-title">Impressions per category</h2>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          <BarChart accessibilityLayer={false} data={categories} margin={{ top: 8, right: 8, bottom: 48, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" angle={-35} textAnchor="end" interval={0} tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="impressions" fill="#2f6fad" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>Show as a table</summary>
        <table data-testid="category-table">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Items</th>
              <th scope="col">Impressions</th>
              <th scope="col">Click rate</th>
              <th scope="col">Purchases</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>{fmtInt(c.items)}</td>
                <td>{fmtInt(c.impressions)}</td>
                <td>{fmtPct(c.clickRate)}</td>
                <td>{fmtInt(c.purchases)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
