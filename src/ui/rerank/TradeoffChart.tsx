/**
 * One re-ranking trade-off chart: an accuracy measure (offline NDCG@K or online expected
 * purchases) against a beyond-accuracy measure, the curve joining the knob values in knob order,
 * the un-re-ranked model, popularity and random as reference markers, and the operating point
 * ringed. A click on a curve point makes it the operating point.
 */
import { memo } from 'react';
import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { PolicyOutcome, TradeoffResult } from '../../core/rerank/tradeoff';
import { ChartCard } from '../charts/ChartCard';
import { fmtNum } from '../format';
import { ACCURACY_AXES, BEYOND_AXES, type AccuracyAxis, type BeyondAxis } from './axes';

interface Pt {
  x: number;
  y: number;
  lo: number | null;
  hi: number | null;
  label: string;
  knob: number | null;
}

const REFERENCE_STYLE: Record<string, { fill: string; shape: 'star' | 'triangle' | 'cross' | 'diamond' | 'square' | 'wye' }> = {
  model: { fill: '#2e9e6a', shape: 'star' },
  popularity: { fill: '#d9822b', shape: 'triangle' },
  random: { fill: '#888', shape: 'cross' },
  mf: { fill: '#6a3d9a', shape: 'diamond' },
  'item-knn': { fill: '#1f78b4', shape: 'square' },
  content: { fill: '#b15928', shape: 'wye' },
};

function TradeoffChartImpl(props: {
  result: TradeoffResult;
  y: AccuracyAxis;
  yLabel: string;
  x: BeyondAxis;
  /** The operating point's knob value (ringed when it is on the curve). */
  operating: number;
  onSelect: (knob: number) => void;
  testId: string;
  title: string;
}) {
  const { result } = props;
  const ax = BEYOND_AXES[props.x];
  const ay = ACCURACY_AXES[props.y];
  const toPt = (p: PolicyOutcome): Pt => {
    const ci = ay.interval?.(p) ?? null;
    return { x: ax.read(p), y: ay.read(p), lo: ci?.[0] ?? null, hi: ci?.[1] ?? null, label: p.knob === null ? `${p.policy} (reference)` : `${result.symbol} = ${p.knob}`, knob: p.knob };
  };
  const curve = result.points.map(toPt).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const refs = result.references.map((r) => ({ policy: r.policy, pt: toPt(r) })).filter((r) => Number.isFinite(r.pt.x) && Number.isFinite(r.pt.y));
  const chosen = curve.filter((p) => p.knob === props.operating);
  const select = (entry: unknown) => {
    const e = entry as { payload?: Pt } & Partial<Pt>;
    const knob = e.payload?.knob ?? e.knob;
    if (typeof knob === 'number') props.onSelect(knob);
  };
  const xLabel = `${ax.label} (${ax.better} is better)`;
  return (
    <ChartCard
      title={props.title}
      testId={props.testId}
      glossary={props.y === 'ndcg' ? 'rankingNdcg' : 'online'}
      fileName={`${props.testId}.png`}
      table={() => ({
        caption: `${props.yLabel} against ${ax.label} per policy`,
        header: ['policy', ax.label, props.yLabel, ...(ay.interval ? ['95% low', '95% high'] : [])],
        rows: [...curve, ...refs.map((r) => r.pt)].map((p) => [p.label, p.x, p.y, ...(ay.interval ? [p.lo ?? Number.NaN, p.hi ?? Number.NaN] : [])]),
      })}
    >
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="#e6eaf0" />
          <XAxis dataKey="x" type="number" domain={['auto', 'auto']} name={ax.label} tickFormatter={(v: number) => fmtNum(v, 2)} label={{ value: xLabel, position: 'insideBottom', offset: -8 }} />
          <YAxis dataKey="y" type="number" domain={['auto', 'auto']} name={props.yLabel} tickFormatter={(v: number) => fmtNum(v, 3)} width={58} />
          <Tooltip
            cursor={{ strokeDasharray: '3 3' }}
            content={({ payload }) => {
              const p = payload?.[0]?.payload as Pt | undefined;
              if (!p) return null;
              return (
                <div className="tooltip">
                  <strong>{p.label}</strong>
                  <br />
                  {ax.label}: {fmtNum(p.x, 4)}
                  <br />
                  {props.yLabel}: {fmtNum(p.y, 4)}
                  {p.lo !== null && p.hi !== null && ` (95%: ${fmtNum(p.lo, 4)}–${fmtNum(p.hi, 4)})`}
                  {p.knob !== null && (
                    <>
                      <br />
                      <em>Click to make this the operating point</em>
                    </>
                  )}
                </div>
              );
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
          <Line name={`${result.method} curve`} data={curve} dataKey="y" stroke="#2f6fad" strokeWidth={2} dot={false} activeDot={false} isAnimationActive={false} legendType="line" />
          <Scatter name={`${result.symbol} values`} data={curve} fill="#2f6fad" onClick={select} cursor="pointer" isAnimationActive={false} className="tradeoff-points" />
          {refs.map((r) => (
            <Scatter key={r.policy} name={r.policy === 'model' ? 'no re-ranking' : `${r.policy} ranking`} data={[r.pt]} fill={REFERENCE_STYLE[r.policy]?.fill ?? '#555'} shape={REFERENCE_STYLE[r.policy]?.shape ?? 'circle'} isAnimationActive={false} className={`tradeoff-ref-${r.policy}`} />
          ))}
          {chosen.length > 0 && (
            <Scatter name="operating point" data={chosen} fill="none" stroke="#f0a500" strokeWidth={3} isAnimationActive={false} className="tradeoff-operating" />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export const TradeoffChart = memo(TradeoffChartImpl);
