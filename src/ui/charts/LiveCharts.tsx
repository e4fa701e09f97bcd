/**
 * The live training charts: loss per task (train per step, validation per epoch, pinned runs
 * overlaid), validation AUC per epoch, task weights, gradient conflict and the gate heat map. Each
 * takes a bounded RunView; none computes a metric.
 */
import { startTransition, useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunView } from '../playground/runStore';
import type { PinnedRun } from '../playground/pins';
import { ChartCard } from './ChartCard';
import { mergeSeries, PIN_COLOURS, tableRows, TASK_COLOURS } from './series';
import { GateHeatmap } from './GateHeatmap';

const HEIGHT = 220;

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
const fmtTick = (v: number) => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(+v.toPrecision(3)));

function epochSeries(view: RunView, pick: (e: RunView['epochs'][number], t: number) => number | null, t: number) {
  const pts = view.epochs.map((e) => ({ x: e.step, y: pick(e, t) })).filter((p): p is { x: number; y: number } => p.y !== null);
  return { x: pts.map((p) => p.x), y: pts.map((p) => p.y) };
}

export function LossChart({ view: live, pins }: { view: RunView; pins: PinnedRun[] }) {
  const view = useStaggered(live, 0);
  const [log, setLog] = useState(false);
  const series = [
    ...view.tasks.map((t, i) => ({ key: `${t} train`, view: view.trainLoss[i], colour: TASK_COLOURS[i], dashed: false, dot: false })),
    ...view.tasks.map((t, i) => ({ key: `${t} validation`, view: epochSeries(view, (e, k) => e.validationLoss[k], i), colour: TASK_COLOURS[i], dashed: true, dot: true })),
    ...pins.flatMap((p, j) =>
      p.view.tasks.map((t, i) => ({ key: `${p.name} · ${t}`, view: p.view.trainLoss[i], colour: PIN_COLOURS[j % PIN_COLOURS.length], dashed: i === 1, dot: false })),
    ),
  ];
  const rows = mergeSeries(series, log);
  const keys = series.map((s) => s.key);
  return (
    <ChartCard
      title="Loss per task"
      testId="chart-loss"
      fileName="loss.png"
      table={{ caption: 'Training loss per step and validation loss per epoch', header: ['step', ...keys], rows: tableRows(rows, keys) }}
      actions={
        <label className="inline">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> Log scale
        </label>
      }
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e6eaf0" />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickFormatter={fmtTick} label={{ value: 'step', position: 'insideBottomRight', offset: -2 }} />
          <YAxis scale={log ? 'log' : 'auto'} domain={['auto', 'auto']} allowDataOverflow={log} tickFormatter={fmtTick} width={52} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(x) => `step ${x}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Line key={s.key} dataKey={s.key} stroke={s.colour} strokeDasharray={s.dashed ? '5 3' : undefined} dot={s.dot} isAnimationActive={false} connectNulls strokeWidth={s.dot ? 2 : 1.5} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function AucChart({ view: live, pins }: { view: RunView; pins: PinnedRun[] }) {
  const view = useStaggered(live, 20);
  const has = view.epochs.some((e) => e.validationAuc.some((a) => a !== null));
  const series = [
    ...view.tasks.map((t, i) => ({ key: t, view: { x: view.epochs.map((e) => e.epoch), y: view.epochs.map((e) => e.validationAuc[i] ?? Number.NaN) }, colour: TASK_COLOURS[i], dashed: false })),
    ...pins.flatMap((p, j) =>
      p.view.tasks.map((t, i) => ({ key: `${p.name} · ${t}`, view: { x: p.view.epochs.map((e) => e.epoch), y: p.view.epochs.map((e) => e.validationAuc[i] ?? Number.NaN) }, colour: PIN_COLOURS[j % PIN_COLOURS.length], dashed: i === 1 })),
    ),
  ];
  const rows = mergeSeries(series);
  const keys = series.map((s) => s.key);
  return (
    <ChartCard
      title="Validation AUC per epoch"
      testId="chart-auc"
      fileName="validation-auc.png"
      table={{ caption: 'Validation AUC per task after each epoch', header: ['epoch', ...keys], rows: tableRows(rows, keys) }}
      note={!has && <p className="muted small">{view.tasks[0] === 'y1' ? 'Regression tasks have no AUC; see the validation loss.' : 'Appears after the first epoch.'}</p>}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e6eaf0" />
          <XAxis dataKey="x" type="number" domain={[1, 'dataMax']} allowDecimals={false} label={{ value: 'epoch', position: 'insideBottomRight', offset: -2 }} />
          <YAxis domain={['auto', 'auto']} tickFormatter={fmtTick} width={52} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(x) => `epoch ${x}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Line key={s.key} dataKey={s.key} stroke={s.colour} strokeDasharray={s.dashed ? '5 3' : undefined} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function WeightsChart({ view: live, strategy }: { view: RunView; strategy: string }) {
  const view = useStaggered(live, 40);
  const keys = view.tasks.map((t) => `${t} weight`);
  const rows = mergeSeries(view.tasks.map((_, i) => ({ key: keys[i], view: view.weights[i] })));
  return (
    <ChartCard
      title="Task weights"
      testId="chart-weights"
      fileName="task-weights.png"
      table={{ caption: `Task weights over steps (${strategy})`, header: ['step', ...keys], rows: tableRows(rows, keys) }}
      note={<p className="muted small">{strategy === 'fixed' ? 'Fixed weights: they move only when you move the sliders.' : `Set by ${strategy} as training goes.`}</p>}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e6eaf0" />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickFormatter={fmtTick} />
          <YAxis domain={[0, 'auto']} tickFormatter={fmtTick} width={52} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} labelFormatter={(x) => `step ${x}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((k, i) => (
            <Line key={k} dataKey={k} stroke={TASK_COLOURS[i]} dot={false} isAnimationActive={false} connectNulls type="stepAfter" />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function CosineChart({ view: live }: { view: RunView }) {
  const view = useStaggered(live, 60);
  const key = `cos(∇${view.tasks[0]}, ∇${view.tasks[1]})`;
  const rows = mergeSeries([{ key, view: view.cosine }]);
  return (
    <ChartCard
      title="Gradient conflict"
      testId="chart-cosine"
      fileName="gradient-cosine.png"
      table={{ caption: 'Cosine between the task gradients on the shared parameters', header: ['step', key], rows: tableRows(rows, [key]) }}
      note={
        <p className="muted small">
          {view.cosine.x.length === 0 && view.step > 0
            ? 'This model shares no parameters between tasks, so there is nothing to conflict.'
            : 'Cosine between the task gradients on the shared parameters: below 0 the tasks pull the shared layers in opposite directions.'}
        </p>
      }
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e6eaf0" />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickFormatter={fmtTick} />
          <YAxis domain={[-1, 1]} width={52} />
          <ReferenceLine y={0} stroke="#999" />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} labelFormatter={(x) => `step ${x}`} />
          <Line dataKey={key} stroke="#b03a2e" dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function GateChart({ view: live, architecture }: { view: RunView; architecture: string }) {
  const view = useStaggered(live, 80);
  const gates = view.gates;
  const rows = gates ? gates.map((g, i) => [`gate ${i + 1}`, ...g]) : [];
  return (
    <ChartCard
      title="Gate utilisation"
      testId="chart-gates"
      fileName="gates.png"
      table={{ caption: 'Mean gate weight of each expert, per gate (latest telemetry batch)', header: ['gate', ...(gates?.[0]?.map((_, e) => `expert ${e + 1}`) ?? [])], rows }}
      note={!gates && <p className="muted small">{['omoe', 'mmoe', 'ple'].includes(architecture) ? 'Appears with the first telemetry.' : `${architecture} has no gates; choose OMoE, MMoE or PLE.`}</p>}
    >
      {gates && <GateHeatmap gates={gates} tasks={view.tasks} architecture={architecture} />}
    </ChartCard>
  );
}
