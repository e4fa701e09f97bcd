/**
 * The three-task sweep on its weight simplex: each weighting drawn where its weight shares put it in
 * a triangle (a corner trains one task alone; the centre weighs all three equally), coloured by a
 * metric the reader picks, its value printed beside it. A click (or Enter) on a point inspects that
 * model. The plot only places and colours what the worker measured.
 */
import { memo, useState } from 'react';
import type { SweepPointResult } from '../../worker/playgroundApi';
import { ChartCard } from './ChartCard';

const W = 320;
const H = 290;
const PAD = 34;
/** Room above the top corner for its name and its point's value, one above the other. */
const TOP = 50;
/** Corners: first task bottom left, second top, third bottom right. */
const CORNERS: ReadonlyArray<readonly [number, number]> = [
  [PAD, H - PAD],
  [W / 2, TOP],
  [W - PAD, H - PAD],
];

/** Where shares (a, b, c), a + b + c = 1, fall in the triangle: a·A + b·B + c·C. */
export function ternaryXY(shares: readonly number[]): [number, number] {
  let x = 0;
  let y = 0;
  shares.forEach((a, k) => {
    x += a * CORNERS[k][0];
    y += a * CORNERS[k][1];
  });
  return [x, y];
}

/** A colour from light to dark blue for t ∈ [0, 1] (darker = higher). */
function shade(t: number): string {
  const c = Math.min(1, Math.max(0, t));
  const from = [222, 235, 247];
  const to = [8, 48, 107];
  const mix = from.map((f, k) => Math.round(f + (to[k] - f) * c));
  return `rgb(${mix.join(',')})`;
}

export interface TernaryMetric {
  /** Select value and the name shown. */
  key: string;
  label: string;
  value: (p: SweepPointResult) => number;
  digits: number;
}

function TernaryChartImpl(props: { points: SweepPointResult[]; tasks: string[]; metrics: TernaryMetric[]; selected: number | null; onSelect: (p: SweepPointResult) => void }) {
  const [key, setKey] = useState(props.metrics[0]?.key ?? '');
  const metric = props.metrics.find((m) => m.key === key) ?? props.metrics[0];
  const placed = props.points.filter((p) => p.shares && p.shares.length === 3 && !p.singleTask);
  const values = placed.map((p) => metric.value(p));
  const finite = values.filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  const best = finite.length ? placed[values.indexOf(hi)]?.index : undefined;
  const names = props.tasks.slice(0, 3);
  const shareText = (p: SweepPointResult) => p.shares!.map((a, k) => `${names[k]} ${(100 * a).toFixed(0)}%`).join(', ');
  return (
    <ChartCard
      title={`${metric.label} over the weight simplex`}
      testId="sweep-ternary"
      fileName="sweep-ternary.png"
      table={() => ({
        caption: `${metric.label} per weighting, by each task's share of the total weight`,
        header: [...names.map((n) => `${n} share`), metric.label],
        rows: placed.map((p, j) => [...p.shares!.map((a) => a.toFixed(3)), values[j]]),
      })}
      actions={
        <label className="small">
          Colour by{' '}
          <select value={metric.key} onChange={(e) => setKey(e.target.value)} data-testid="ternary-metric">
            {props.metrics.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W * 1.4 }} role="group" aria-label={`${metric.label} at each weighting of ${names.join(', ')}; darker is higher`}>
        <polygon points={CORNERS.map(([x, y]) => `${x},${y}`).join(' ')} fill="none" stroke="#9aa5b4" />
        {/* Mid-lines: where one task's share is a third. */}
        {[0, 1, 2].map((k) => {
          const [x1, y1] = ternaryXY([0, 1, 2].map((j) => (j === k ? 1 / 3 : j === (k + 1) % 3 ? 2 / 3 : 0)));
          const [x2, y2] = ternaryXY([0, 1, 2].map((j) => (j === k ? 1 / 3 : j === (k + 2) % 3 ? 2 / 3 : 0)));
          return <line key={k} x1={x1} y1={y1} x2={x2} y2={y2} stroke="#e1e6ee" strokeDasharray="3 3" />;
        })}
        <text x={CORNERS[0][0] - 4} y={CORNERS[0][1] + 18} fontSize="12" textAnchor="start">
          {names[0]} only
        </text>
        <text x={CORNERS[1][0]} y={CORNERS[1][1] - 30} fontSize="12" textAnchor="middle">
          {names[1]} only
        </text>
        <text x={CORNERS[2][0] + 4} y={CORNERS[2][1] + 18} fontSize="12" textAnchor="end">
          {names[2]} only
        </text>
        {placed.map((p, j) => {
          const [x, y] = ternaryXY(p.shares!);
          const v = values[j];
          const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
          const label = `${p.label} (${shareText(p)}): ${metric.label} ${Number.isFinite(v) ? v.toFixed(metric.digits) : 'not measured'}`;
          return (
            <g
              key={p.index}
              role="button"
              tabIndex={p.modelId ? 0 : -1}
              aria-label={`${label}${p.modelId ? '; inspect this model' : ''}`}
              aria-pressed={p.index === props.selected}
              style={{ cursor: p.modelId ? 'pointer' : 'default' }}
              onClick={() => p.modelId && props.onSelect(p)}
              onKeyDown={(e) => {
                if ((e.key === 'Enter' || e.key === ' ') && p.modelId) {
                  e.preventDefault();
                  props.onSelect(p);
                }
              }}
              data-testid="ternary-point"
            >
              <title>{label}</title>
              <circle cx={x} cy={y} r={p.index === props.selected ? 11 : 9} fill={Number.isFinite(v) ? shade(t) : '#fff'} stroke={p.index === best ? '#b85f14' : '#3c4858'} strokeWidth={p.index === best ? 3 : 1} />
              <text x={x} y={y - 13} fontSize="10" textAnchor="middle" fill="#1f2933">
                {Number.isFinite(v) ? v.toFixed(metric.digits) : '—'}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="small muted">
        Darker is higher ({Number.isFinite(lo) ? lo.toFixed(metric.digits) : '—'} to {Number.isFinite(hi) ? hi.toFixed(metric.digits) : '—'}); the orange ring marks the highest. Each corner gives one
        task all the weight; the centre weighs the three equally.
      </p>
    </ChartCard>
  );
}

export const TernaryChart = memo(TernaryChartImpl);
