/**
 * The live training charts: loss per task (train per step, validation per epoch, pinned runs
 * overlaid), validation AUC per epoch, task weights, gradient conflict and the gate heat map. Each
 * takes a bounded RunView; none computes a metric.
 *
 * Cost matters here: these redraw while a model trains. Every chart gets explicit axis domains and
 * ticks (recharts' own tick search and text measuring dominated a redraw), an HTML legend, and a
 * number table built only when opened; and each chart applies a new view in its own task.
 */
import { memo, startTransition, useEffect, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesView } from '../../core/telemetry/history';
import type { PinnedRun } from '../playground/pins';
import type { RunView } from '../playground/runStore';
import { ChartCard } from './ChartCard';
import { FastLines } from './FastLines';
import { GateHeatmap } from './GateHeatmap';
import { extent, mergeSeries, niceScale, PIN_COLOURS, tableRows, TASK_COLOURS, type Row } from './series';

const HEIGHT = 220;
const fmtTick = (v: number) => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(+v.toPrecision(3)));
const fmtValue = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : String(v));

/**
 * `value`, applied `delayMs` after it changes, in its own task. Each chart gets a different delay,
 * so the five charts redraw in five short tasks rather than one long one (recharts lays a chart
 * out synchronously when it commits, which no transition can split).
 */
function useStaggered<T>(value: T, delayMs: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => startTransition(() => setShown(value)), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return shown;
}

interface Series {
  key: string;
  view: SeriesView;
  colour: string;
  dashed?: boolean;
  dot?: boolean;
}

/** Decade ticks (1, 10, 100 …, and their 2 and 5 multiples when few) over a positive range. */
function logScale(lo: number, hi: number): { domain: [number, number]; ticks: number[] } {
  if (!(lo > 0) || !Number.isFinite(hi)) return { domain: [0.01, 1], ticks: [0.01, 0.1, 1] };
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const ticks: number[] = [];
  for (let e = a; e <= Math.max(b, a + 1); e++) for (const m of b - a <= 1 ? [1, 2, 5] : [1]) ticks.push(Number((m * 10 ** e).toPrecision(6)));
  const kept = ticks.filter((t) => t >= 10 ** a && t <= 10 ** Math.max(b, a + 1));
  return { domain: [kept[0], kept[kept.length - 1]], ticks: kept };
}

/**
 * One live line chart: merged rows, explicit scales. While training runs (`running`) it is drawn
 * by FastLines; otherwise by recharts, with a shared tooltip for hover values.
 */
function LiveLineChart(props: { rows: Row[]; series: Series[]; xName: string; y?: { domain: [number, number]; ticks: number[] }; log?: boolean; zeroLine?: boolean; step?: boolean; running: boolean }) {
  const keys = props.series.map((s) => s.key);
  const x = niceScale(...extent(props.rows, ['x']), 6);
  const y = props.y ?? niceScale(...extent(props.rows, keys), 5);
  if (props.running) {
    return (
      <FastLines rows={props.rows} series={props.series} height={HEIGHT} x={x} y={props.log ? logScale(...extent(props.rows, keys)) : y} log={props.log} xName={props.xName} fmtTick={fmtTick} zeroLine={props.zeroLine} />
    );
  }
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart accessibilityLayer={false} data={props.rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e6eaf0" />
        <XAxis dataKey="x" type="number" domain={x.domain} ticks={x.ticks} interval={0} tickFormatter={fmtTick} label={{ value: props.xName, position: 'insideBottomRight', offset: -2 }} />
        {props.log ? (
          <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow tickFormatter={fmtTick} width={52} />
        ) : (
          <YAxis domain={y.domain} ticks={y.ticks} interval={0} tickFormatter={fmtTick} width={52} />
        )}
        {props.zeroLine && <ReferenceLine y={0} stroke="#999" />}
        <Tooltip formatter={fmtValue} labelFormatter={(v) => `${props.xName} ${v}`} />
        {props.series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            stroke={s.colour}
            strokeDasharray={s.dashed ? '5 3' : undefined}
            dot={s.dot ?? false}
            isAnimationActive={false}
            connectNulls
            type={props.step ? 'stepAfter' : 'linear'}
            strokeWidth={s.dot ? 2 : 1.5}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

function epochSeries(view: RunView, pick: (e: RunView['epochs'][number], t: number) => number | null, t: number, x: 'step' | 'epoch'): SeriesView {
  const pts = view.epochs.map((e) => ({ x: x === 'step' ? e.step : e.epoch, y: pick(e, t) ?? Number.NaN }));
  return { x: pts.map((p) => p.x), y: pts.map((p) => p.y) };
}

const legendOf = (series: Series[]) => series.map((s) => ({ label: s.key, colour: s.colour, dashed: s.dashed }));

function LossChartImpl({ view: live, pins, running }: { view: RunView; pins: PinnedRun[]; running: boolean }) {
  const view = useStaggered(live, 0);
  const [log, setLog] = useState(false);
  const series: Series[] = [
    ...view.tasks.map((t, i) => ({ key: `${t} train`, view: view.trainLoss[i], colour: TASK_COLOURS[i] })),
    ...view.tasks.map((t, i) => ({ key: `${t} validation`, view: epochSeries(view, (e, k) => e.validationLoss[k], i, 'step'), colour: TASK_COLOURS[i], dashed: true, dot: true })),
    ...pins.flatMap((p, j) => p.view.tasks.map((t, i) => ({ key: `${p.name} · ${t}`, view: p.view.trainLoss[i], colour: PIN_COLOURS[j % PIN_COLOURS.length], dashed: i === 1 }))),
  ];
  const rows = mergeSeries(series, log);
  const keys = series.map((s) => s.key);
  return (
    <ChartCard
      title="Loss per task"
      testId="chart-loss"
      glossary={view.tasks[0] === 'y1' ? undefined : 'logLoss'}
      fileName="loss.png"
      legend={legendOf(series)}
      table={() => ({ caption: 'Training loss per step and validation loss per epoch', header: ['step', ...keys], rows: tableRows(rows, keys) })}
      actions={
        <label className="inline">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> Log scale
        </label>
      }
    >
      <LiveLineChart rows={rows} series={series} xName="step" log={log} running={running} />
    </ChartCard>
  );
}

function AucChartImpl({ view: live, pins, running }: { view: RunView; pins: PinnedRun[]; running: boolean }) {
  const view = useStaggered(live, 20);
  const has = view.epochs.some((e) => e.validationAuc.some((a) => a !== null));
  const series: Series[] = [
    ...view.tasks.map((t, i) => ({ key: t, view: epochSeries(view, (e, k) => e.validationAuc[k], i, 'epoch'), colour: TASK_COLOURS[i], dot: true })),
    ...pins.flatMap((p, j) =>
      p.view.tasks.map((t, i) => ({ key: `${p.name} · ${t}`, view: epochSeries(p.view, (e, k) => e.validationAuc[k], i, 'epoch'), colour: PIN_COLOURS[j % PIN_COLOURS.length], dashed: i === 1 })),
    ),
  ];
  const rows = mergeSeries(series);
  const keys = series.map((s) => s.key);
  return (
    <ChartCard
      title="Validation AUC per epoch"
      testId="chart-auc"
      glossary="auc"
      fileName="validation-auc.png"
      legend={legendOf(series)}
      table={() => ({ caption: 'Validation AUC per task after each epoch', header: ['epoch', ...keys], rows: tableRows(rows, keys) })}
      note={!has && <p className="muted small">{view.tasks[0] === 'y1' ? 'Regression tasks have no AUC; see the validation loss.' : 'Appears after the first epoch.'}</p>}
    >
      <LiveLineChart rows={rows} series={series} xName="epoch" running={running} />
    </ChartCard>
  );
}

function WeightsChartImpl({ view: live, strategy, running }: { view: RunView; strategy: string; running: boolean }) {
  const view = useStaggered(live, 40);
  const series: Series[] = view.tasks.map((t, i) => ({ key: `${t} weight`, view: view.weights[i], colour: TASK_COLOURS[i] }));
  const rows = mergeSeries(series);
  const keys = series.map((s) => s.key);
  const [lo, hi] = extent(rows, keys);
  return (
    <ChartCard
      title="Task weights"
      testId="chart-weights"
      fileName="task-weights.png"
      legend={legendOf(series)}
      table={() => ({ caption: `Task weights over steps (${strategy})`, header: ['step', ...keys], rows: tableRows(rows, keys) })}
      note={<p className="muted small">{strategy === 'fixed' ? 'Fixed weights: they move only when you move the sliders.' : `Set by ${strategy} as training goes.`}</p>}
    >
      <LiveLineChart rows={rows} series={series} xName="step" y={niceScale(Math.min(0, lo), Math.max(hi, 1), 5)} step running={running} />
    </ChartCard>
  );
}

function CosineChartImpl({ view: live, running }: { view: RunView; running: boolean }) {
  const view = useStaggered(live, 60);
  const key = `cos(∇${view.tasks[0]}, ∇${view.tasks[1]})`;
  const series: Series[] = [{ key, view: view.cosine, colour: '#b03a2e' }];
  const rows = mergeSeries(series);
  return (
    <ChartCard
      title="Gradient conflict"
      testId="chart-cosine"
      glossary="gradientCosine"
      fileName="gradient-cosine.png"
      table={() => ({ caption: 'Cosine between the task gradients on the shared parameters', header: ['step', key], rows: tableRows(rows, [key]) })}
      note={
        <p className="muted small">
          {view.cosine.x.length === 0 && view.step > 0
            ? 'This model shares no parameters between tasks, so there is nothing to conflict.'
            : 'Cosine between the task gradients on the shared parameters: below 0 the tasks pull the shared layers in opposite directions.'}
        </p>
      }
    >
      <LiveLineChart rows={rows} series={series} xName="step" y={{ domain: [-1, 1], ticks: [-1, -0.5, 0, 0.5, 1] }} zeroLine running={running} />
    </ChartCard>
  );
}

function GateChartImpl({ view: live, architecture }: { view: RunView; architecture: string }) {
  const view = useStaggered(live, 80);
  const gates = view.gates;
  return (
    <ChartCard
      title="Gate utilisation"
      testId="chart-gates"
      fileName="gates.png"
      table={() => ({
        caption: 'Mean gate weight of each expert, per gate (latest telemetry batch)',
        header: ['gate', ...(gates?.[0]?.map((_, e) => `expert ${e + 1}`) ?? [])],
        rows: gates ? gates.map((g, i) => [`gate ${i + 1}`, ...g]) : [],
      })}
      note={!gates && <p className="muted small">{['omoe', 'mmoe', 'ple'].includes(architecture) ? 'Appears with the first telemetry.' : `${architecture} has no gates; choose OMoE, MMoE or PLE.`}</p>}
    >
      {gates && <GateHeatmap gates={gates} tasks={view.tasks} architecture={architecture} />}
    </ChartCard>
  );
}

export const LossChart = memo(LossChartImpl);
export const AucChart = memo(AucChartImpl);
export const WeightsChart = memo(WeightsChartImpl);
export const CosineChart = memo(CosineChartImpl);
export const GateChart = memo(GateChartImpl);
