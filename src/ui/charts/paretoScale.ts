/**
 * Where a sweep's trade-off scatter puts its points: axes scaled to the weighted points that train
 * both tasks, so one degenerate point (an all-click model with a purchase AUC of 0.36) cannot
 * squash the rest; such a point is drawn on the edge and marked, keeping its true values.
 */
import { paretoFront } from '../../core/experiment/sweep';
import type { SweepPointResult } from '../../worker/playgroundApi';
import { extent } from './series';

export interface Pt {
  x: number;
  y: number;
  label: string;
  index: number;
  /** The true values when x or y was drawn at the edge of the scale (off-scale points). */
  trueX?: number;
  trueY?: number;
}

type Key = 'clickAuc' | 'purchaseAuc' | 'ndcg' | 'diversity' | 'truePurchase';

/**
 * The axes' range: from the weighted points that train both tasks (not a single-task model, not a
 * weighting with a zero weight), padded by a tenth; references count too. Falls back to all
 * points when fewer than two qualify.
 */
function scaleOf(basis: Pt[], all: Pt[], refs: Array<{ x: number; y: number }>, key: 'x' | 'y'): [number, number] {
  const [lo, hi] = extentOf([...(basis.length >= 2 ? basis : all), ...refs], key);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.01 || 0.01;
  return [lo - pad, hi + pad];
}

/** A point drawn inside the scale: off-scale coordinates sit on the edge and keep their true values. */
function clampTo(p: Pt, x: [number, number], y: [number, number]): Pt {
  const cx = Math.min(Math.max(p.x, x[0]), x[1]);
  const cy = Math.min(Math.max(p.y, y[0]), y[1]);
  return cx === p.x && cy === p.y ? p : { ...p, x: cx, y: cy, trueX: p.x, trueY: p.y };
}

/** Extent of the finite x or y values. */
function extentOf(points: Array<{ x: number; y: number }>, key: 'x' | 'y'): [number, number] {
  return extent(points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p) => ({ x: 0, v: p[key] })), ['v']);
}

/** The points of one scatter (x and y from the sweep's fields), its axes, its front and its off-scale points. */
export function placePoints<R extends { x: number; y: number }>(points: SweepPointResult[], xKey: Key, yKey: Key, references: R[]) {
  const raw: Pt[] = points.map((p) => ({ x: p[xKey], y: p[yKey], label: p.label, index: p.index }));
  const refs = references.filter((r) => Number.isFinite(r.x) && Number.isFinite(r.y));
  // Points that leave a task at weight 0 can fall far off; the scale is set by the others.
  const basis = raw.filter((_, i) => !points[i].singleTask && !(points[i].shares ?? []).some((a) => a === 0));
  const xDomain = scaleOf(basis, raw, refs, 'x');
  const yDomain = scaleOf(basis, raw, refs, 'y');
  // The front is found on the true values; every point is drawn inside the scale.
  const front = paretoFront(raw).map((i) => clampTo(raw[i], xDomain, yDomain));
  const pts = raw.map((p) => clampTo(p, xDomain, yDomain));
  const offScale = pts.filter((p) => p.trueX !== undefined);
  return { raw, refs, xDomain, yDomain, front, pts, offScale };
}
