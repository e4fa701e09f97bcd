/** Shaping decimated series for recharts and for the charts' number tables (no metrics here). */
import type { SeriesView } from '../../core/telemetry/history';

export type Row = { x: number } & Record<string, number | undefined>;

/**
 * Rows keyed by x holding every series' value at that x (undefined where a series has no point),
 * sorted by x: one data array for a chart with a shared tooltip. Non-finite values are dropped, and
 * with `positiveOnly` (log scales) so are values ≤ 0, since a log axis cannot place them.
 */
export function mergeSeries(series: Array<{ key: string; view: SeriesView }>, positiveOnly = false): Row[] {
  const byX = new Map<number, Row>();
  for (const { key, view } of series) {
    view.x.forEach((x, i) => {
      const y = view.y[i];
      // A non-finite loss (divergence) cannot be placed on an axis; the banner reports it instead.
      if (!Number.isFinite(y) || (positiveOnly && !(y > 0))) return;
      let row = byX.get(x);
      if (!row) byX.set(x, (row = { x } as Row));
      row[key] = y;
    });
  }
  return [...byX.values()].sort((a, b) => a.x - b.x);
}

/** The merged rows as table rows: x first, then each key in order. */
export function tableRows(rows: Row[], keys: string[]): Array<Array<string | number>> {
  return rows.map((r) => [r.x, ...keys.map((k) => r[k] ?? Number.NaN)]);
}

// Each at least 3:1 against white (WCAG 1.4.11 for graphics): the purchase orange was 2.93:1.
export const TASK_COLOURS = ['#2f6fad', '#b85f14', '#2e9e6a', '#9b59b6'];
export const PIN_COLOURS = ['#7f8c8d', '#b03a6b', '#8e7c1f'];

/**
 * A "nice" axis over [min, max]: about `count` ticks at a step of 1, 2 or 5 × 10^k, and the domain
 * they span. Given to recharts explicitly, it spares recharts its own tick search and text
 * measuring on every redraw — the costliest part of a live chart update.
 */
export function niceScale(min: number, max: number, count = 5): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 0.5, 1] };
  if (max - min < 1e-12) {
    const pad = Math.abs(min) > 1e-12 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(count - 1, 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}

/** The smallest and largest finite value under `keys` in `rows` (or of x with key "x"). */
export function extent(rows: Row[], keys: string[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    for (const k of keys) {
      const v = r[k];
      if (v !== undefined && Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return [lo, hi];
}
