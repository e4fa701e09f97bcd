/**
 * A trade-off scatter of sweep points with the Pareto front joined, single-task models marked,
 * optional reference policies, hover details, and a click that selects a point.
 */
import { memo } from 'react';
import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { SweepPointResult } from '../../worker/playgroundApi';
import { ChartCard } from './ChartCard';
import { FastScatter } from './FastLines';
import { placePoints, type Pt } from './paretoScale';
import { niceScale } from './series';

function ParetoChartImpl(props: {
  title: string;
  testId: string;
  points: SweepPointResult[];
  xKey: 'clickAuc' | 'purchaseAuc' | 'ndcg' | 'diversity' | 'truePurchase';
  xLabel: string;
  yKey: 'clickAuc' | 'purchaseAuc' | 'ndcg' | 'diversity' | 'truePurchase';
  yLabel: string;
  references?: Array<{ label: string; x: number; y: number }>;
  selected: number | null;
  onSelect: (p: SweepPointResult) => void;
  /** While the sweep trains, drawn by FastScatter (no hover or click); recharts once it ends. */
  running: boolean;
}) {
  const { raw, refs, xDomain, yDomain, front, pts, offScale } = placePoints(props.points, props.xKey, props.yKey, props.references ?? []);
  const sweep = pts.filter((p, i) => !props.points[i].singleTask && p.trueX === undefined);
  const single = pts.filter((p, i) => props.points[i].singleTask && p.trueX === undefined);
  const select = (entry: unknown) => {
    const e = entry as { payload?: Pt; index?: number } & Partial<Pt>;
    const idx = e.payload?.index ?? e.index;
    const p = props.points.find((q) => q.index === idx);
    if (p) props.onSelect(p);
  };
  const onFront = new Set(front.map((p) => p.index));
  return (
    <ChartCard
      title={props.title}
      testId={props.testId}
      glossary={props.yKey === 'ndcg' ? 'rankingNdcg' : 'auc'}
      fileName={`${props.testId}.png`}
      table={{
        caption: `${props.yLabel} against ${props.xLabel} per sweep point (Pareto-optimal: yes/no)`,
        header: ['point', props.xLabel, props.yLabel, 'Pareto-optimal'],
        rows: [...raw.map((p) => [p.label, p.x, p.y, onFront.has(p.index) ? 'yes' : 'no']), ...refs.map((r) => [r.label, r.x, r.y, 'reference'])],
      }}
    >
      {props.running ? (
        <FastScatter
          height={260}
          label={`${props.yLabel} against ${props.xLabel}`}
          x={niceScale(xDomain[0], xDomain[1], 5)}
          y={niceScale(yDomain[0], yDomain[1], 5)}
          fmtTick={(v) => v.toFixed(3)}
          groups={[
            { name: 'Pareto front', points: front, colour: '#2e9e6a', shape: 'line' },
            { name: 'weightings', points: sweep, colour: '#2f6fad', shape: 'circle' },
            { name: 'single-task models', points: single, colour: '#b85f14', shape: 'diamond' },
            { name: 'off the scale (true value in the table)', points: offScale, colour: '#8a2f62', shape: 'diamond' },
            { name: 'references', points: refs, colour: '#767676', shape: 'cross' },
          ]}
        />
      ) : (
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="#e6eaf0" />
          <XAxis dataKey="x" type="number" domain={xDomain} allowDataOverflow name={props.xLabel} tickFormatter={(v: number) => v.toFixed(3)} label={{ value: props.xLabel, position: 'insideBottom', offset: -8 }} />
          <YAxis dataKey="y" type="number" domain={yDomain} allowDataOverflow name={props.yLabel} tickFormatter={(v: number) => v.toFixed(3)} width={58} />
          <Tooltip
            cursor={{ strokeDasharray: '3 3' }}
            content={({ payload }) => {
              const p = payload?.[0]?.payload as (Pt & { isReference?: boolean }) | undefined;
              if (!p) return null;
              return (
                <div className="tooltip">
                  <strong>{p.label}</strong>
                  <br />
                  {props.xLabel}: {(p.trueX ?? p.x).toFixed(4)}
                  <br />
                  {props.yLabel}: {(p.trueY ?? p.y).toFixed(4)}
                  {p.trueX !== undefined && (
                    <>
                      <br />
                      <em>Drawn at the edge: off the scale</em>
                    </>
                  )}
                  {!p.isReference && <br />}
                  {!p.isReference && <em>Click to inspect this model</em>}
                </div>
              );
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
          <Line name="Pareto front" data={front} dataKey="y" stroke="#2e9e6a" strokeWidth={2} dot={false} activeDot={false} isAnimationActive={false} legendType="line" />
          <Scatter name="weightings" data={sweep} fill="#2f6fad" onClick={select} cursor="pointer" isAnimationActive={false} className="sweep-points" />
          {single.length > 0 && <Scatter name="single-task models" data={single} fill="#b85f14" shape="diamond" onClick={select} cursor="pointer" isAnimationActive={false} className="single-task-points" />}
          {offScale.length > 0 && (
            <Scatter name="off the scale (true value in the table)" data={offScale} fill="#8a2f62" shape="triangle" onClick={select} cursor="pointer" isAnimationActive={false} className="off-scale-points" />
          )}
          {refs.length > 0 && <Scatter name="references" data={refs.map((r) => ({ ...r, isReference: true }))} fill="#767676" shape="cross" isAnimationActive={false} />}
          {props.selected !== null && (
            <Scatter name="selected" data={pts.filter((p) => p.index === props.selected)} fill="none" stroke="#f0a500" strokeWidth={3} isAnimationActive={false} legendType="none" />
          )}
        </ComposedChart>
      </ResponsiveContainer>
      )}
    </ChartCard>
  );
}

export const ParetoChart = memo(ParetoChartImpl);
