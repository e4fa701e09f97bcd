/**
 * Full-resolution telemetry histories with bounded views for charts. A run's loss series grows by
 * one point per step forever; the charts must not (a chart of 100,000 points redraws slowly and a
 * growing React array re-renders everything). So the history lives here, in growable typed arrays,
 * and a chart asks for `view(500)`: min–max decimation, which keeps every spike (a divergence, a
 * weight jump) that a plain stride would skip.
 */

export interface SeriesView {
  x: number[];
  y: number[];
}

export class SeriesHistory {
  private xs = new Float64Array(256);
  private ys = new Float64Array(256);
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(x: number, y: number): void {
    if (this.n === this.xs.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.xs = grow(this.xs);
      this.ys = grow(this.ys);
    }
    this.xs[this.n] = x;
    this.ys[this.n] = y;
    this.n++;
  }

  /** Every point, for export. */
  all(): SeriesView {
    return { x: Array.from(this.xs.subarray(0, this.n)), y: Array.from(this.ys.subarray(0, this.n)) };
  }

  /**
   * At most `maxPoints` points (≥ 4): the first and last points, and for each of ⌊(maxPoints − 2)/2⌋
   * equal index buckets in between, its lowest and highest finite y in x order (+∞ counts as highest,
   * so an overflow stays visible). Series short enough are returned whole.
   */
  view(maxPoints = 500): SeriesView {
    if (maxPoints < 4) throw new Error(`view needs at least 4 points, got ${maxPoints}`);
    const n = this.n;
    if (n <= maxPoints) return this.all();
    const out: SeriesView = { x: [this.xs[0]], y: [this.ys[0]] };
    const buckets = Math.floor((maxPoints - 2) / 2);
    const inner = n - 2;
    for (let b = 0; b < buckets; b++) {
      const from = 1 + Math.floor((b * inner) / buckets);
      const to = 1 + Math.floor(((b + 1) * inner) / buckets);
      let lo = -1;
      let hi = -1;
      for (let i = from; i < to; i++) {
        const y = this.ys[i];
        if (Number.isNaN(y)) continue;
        if (lo < 0 || y < this.ys[lo]) lo = i;
        if (hi < 0 || y > this.ys[hi]) hi = i;
      }
      if (lo < 0) continue; // an all-NaN bucket adds nothing
      for (const i of lo === hi ? [lo] : lo < hi ? [lo, hi] : [hi, lo]) {
        out.x.push(this.xs[i]);
        out.y.push(this.ys[i]);
      }
    }
    out.x.push(this.xs[n - 1]);
    out.y.push(this.ys[n - 1]);
    return out;
  }
}
