/**
 * Plain SVG line and scatter charts for data that changes while models train. recharts 3 spends 60–100 ms
 * of main-thread time per chart per redraw on a slow machine (its store dispatches, selectors and a
 * synchronous re-render), enough to make the page stutter ten times a second; these draw the same
 * rows, scales and colours in a few milliseconds. They have no tooltip: when training pauses or
 * ends, the charts switch back to recharts, with hover values and clicks.
 */
import { useEffect, useRef, useState } from 'react';
import type { Row } from './series';

export interface FastSeries {
  key: string;
  colour: string;
  dashed?: boolean;
  dot?: boolean;
}

const M = { left: 52, right: 16, top: 8, bottom: 24 };

/** Width of an element, followed with a ResizeObserver. */
function useWidth(fallback: number): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.max(120, Math.floor(entries[0].contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function FastLines(props: {
  rows: Row[];
  series: FastSeries[];
  height: number;
  x: { domain: [number, number]; ticks: number[] };
  y: { domain: [number, number]; ticks: number[] };
  /** Plots log10 of y (the ticks are then in y's own units). */
  log?: boolean;
  xName: string;
  fmtTick: (v: number) => string;
  zeroLine?: boolean;
}) {
  const [ref, width] = useWidth(440);
  const { height, rows } = props;
  const f = props.log ? (v: number) => Math.log10(v) : (v: number) => v;
  const [x0, x1] = props.x.domain;
  const [y0, y1] = props.y.domain.map(f);
  const sx = (v: number) => M.left + ((v - x0) / (x1 - x0 || 1)) * (width - M.left - M.right);
  const sy = (v: number) => M.top + (1 - (f(v) - y0) / (y1 - y0 || 1)) * (height - M.top - M.bottom);
  return (
    <div ref={ref} className="fast-lines">
      <svg width={width} height={height} role="img" aria-label={`${props.series.map((s) => s.key).join(', ')} against ${props.xName}`}>
        <Grid xTicks={props.x.ticks} yTicks={props.y.ticks} sx={sx} sy={sy} width={width} height={height} fmtTick={props.fmtTick} />
        {props.zeroLine && <line x1={M.left} x2={width - M.right} y1={sy(0)} y2={sy(0)} stroke="#999" />}
        {props.series.map((s) => {
          let d = '';
          const dots: Array<[number, number]> = [];
          for (const r of rows) {
            const v = r[s.key];
            if (v === undefined || !Number.isFinite(v) || (props.log && v <= 0)) continue;
            const px = sx(r.x);
            const py = sy(v);
            d += `${d ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
            if (s.dot) dots.push([px, py]);
          }
          return (
            <g key={s.key} className="fast-line">
              <path d={d} fill="none" stroke={s.colour} strokeWidth={s.dot ? 2 : 1.5} strokeDasharray={s.dashed ? '5 3' : undefined} />
              {dots.map(([px, py], i) => (
                <circle key={i} cx={px} cy={py} r={3} fill="#fff" stroke={s.colour} />
              ))}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Grid lines and tick labels at the given ticks. */
function Grid(props: { xTicks: number[]; yTicks: number[]; sx: (v: number) => number; sy: (v: number) => number; width: number; height: number; fmtTick: (v: number) => string }) {
  const { sx, sy, width, height } = props;
  return (
    <>
      {props.yTicks.map((t) => (
        <g key={`y${t}`}>
          <line x1={M.left} x2={width - M.right} y1={sy(t)} y2={sy(t)} stroke="#e6eaf0" />
          <text x={M.left - 6} y={sy(t) + 4} textAnchor="end" fontSize={12} fill="#666">
            {props.fmtTick(t)}
          </text>
        </g>
      ))}
      {props.xTicks.map((t) => (
        <g key={`x${t}`}>
          <line x1={sx(t)} x2={sx(t)} y1={M.top} y2={height - M.bottom} stroke="#e6eaf0" />
          <text x={sx(t)} y={height - M.bottom + 16} textAnchor="middle" fontSize={12} fill="#666">
            {props.fmtTick(t)}
          </text>
        </g>
      ))}
    </>
  );
}

export interface ScatterGroup {
  name: string;
  points: Array<{ x: number; y: number }>;
  colour: string;
  shape: 'circle' | 'diamond' | 'cross' | 'line';
}

/** A scatter of point groups (a "line" group is joined in order, e.g. a Pareto front). */
export function FastScatter(props: { groups: ScatterGroup[]; height: number; x: { domain: [number, number]; ticks: number[] }; y: { domain: [number, number]; ticks: number[] }; fmtTick: (v: number) => string; label: string }) {
  const [ref, width] = useWidth(440);
  const { height } = props;
  const [x0, x1] = props.x.domain;
  const [y0, y1] = props.y.domain;
  const sx = (v: number) => M.left + ((v - x0) / (x1 - x0 || 1)) * (width - M.left - M.right);
  const sy = (v: number) => M.top + (1 - (v - y0) / (y1 - y0 || 1)) * (height - M.top - M.bottom);
  return (
    <div ref={ref} className="fast-lines">
      <svg width={width} height={height} role="img" aria-label={props.label}>
        <Grid xTicks={props.x.ticks} yTicks={props.y.ticks} sx={sx} sy={sy} width={width} height={height} fmtTick={props.fmtTick} />
        {props.groups.map((g) => (
          <g key={g.name} className={`fast-points fast-${g.shape}`}>
            {g.shape === 'line' ? (
              <path d={g.points.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join('')} fill="none" stroke={g.colour} strokeWidth={2} />
            ) : (
              g.points.map((p, i) => {
                const cx = sx(p.x);
                const cy = sy(p.y);
                if (g.shape === 'circle') return <circle key={i} cx={cx} cy={cy} r={5} fill={g.colour} />;
                if (g.shape === 'diamond') return <path key={i} d={`M${cx},${cy - 7}L${cx + 6},${cy}L${cx},${cy + 7}L${cx - 6},${cy}Z`} fill={g.colour} />;
                return <path key={i} d={`M${cx - 5},${cy}H${cx + 5}M${cx},${cy - 5}V${cy + 5}`} stroke={g.colour} strokeWidth={3} />;
              })
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}
