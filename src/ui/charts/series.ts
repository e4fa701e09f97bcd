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

export const TASK_COLOURS = ['#2f6fad', '#d9822b', '#2e9e6a', '#9b59b6'];
export const PIN_COLOURS = ['#7f8c8d', '#b03a6b', '#8e7c1f'];
