/** Negative sampling keeps what it says, and re-calibration undoes what a sample does to rates. */
import { describe, expect, it } from 'vitest';
import type { EncodedData } from '../features';
import { Rng } from '../random';
import { recalibrate, recalibratePurchase, sampleNegatives } from './sampling';

/** Encoded rows with click and purchase labels only (what sampling reads). */
function labelled(click: number[], purchase: number[]): EncodedData {
  const n = click.length;
  return {
    size: n,
    categorical: [],
    dense: new Float32Array(0),
    denseDim: 0,
    tasks: [
      { name: 'click', kind: 'binary' },
      { name: 'purchase', kind: 'binary' },
    ],
    labels: [Float32Array.from(click), Float32Array.from(purchase)],
    split: new Uint8Array(n),
    group: new Int32Array(n),
  };
}

describe('recalibratePurchase', () => {
  it('is q / (q + (1 − q)/s), by hand', () => {
    expect(recalibratePurchase(0.5, 0.1)).toBeCloseTo(0.5 / (0.5 + 0.5 / 0.1), 12); // 1/11
    expect(recalibratePurchase(0.2, 1)).toBeCloseTo(0.2, 12);
    expect(recalibratePurchase(0, 0.1)).toBe(0);
    expect(recalibratePurchase(1, 0.1)).toBe(1);
  });
});

describe('recalibrate', () => {
  it('inverts what a sample does to click and purchase rates (closed form, both directions)', () => {
    const rng = Rng.stream(3, 'recal');
    for (const s of [0.05, 0.1, 0.5, 0.9]) {
      for (let k = 0; k < 200; k++) {
        const pc = rng.float();
        const pb = pc * rng.float();
        // What a model trained on the sample learns: rates among the kept rows.
        const keep = pb + s * (1 - pb);
        const qb = pb / keep;
        const qc = (pb + s * (pc - pb)) / keep;
        const preds = [Float32Array.of(qc), Float32Array.of(qb)];
        recalibrate(preds, s);
        expect(preds[1][0]).toBeCloseTo(pb, 5);
        expect(preds[0][0]).toBeCloseTo(pc, 5);
      }
    }
  });

  it('matches a brute-force sample: rates among kept rows, undone, give the true rates', () => {
    // One kind of impression: P(click) 0.2, P(purchase) 0.05. Sample 400,000 of them at s = 0.1.
    const rng = Rng.stream(9, 'brute');
    const n = 400_000;
    const click: number[] = [];
    const buy: number[] = [];
    for (let r = 0; r < n; r++) {
      const u = rng.float();
      buy.push(u < 0.05 ? 1 : 0);
      click.push(u < 0.2 ? 1 : 0);
    }
    const data = labelled(click, buy);
    const kept = sampleNegatives(data, Int32Array.from({ length: n }, (_, i) => i), 0.1, 1, 5);
    const rate = (labels: Float32Array) => Array.from(kept).reduce((a, r) => a + labels[r], 0) / kept.length;
    const preds = [Float32Array.of(rate(data.labels[0])), Float32Array.of(rate(data.labels[1]))];
    expect(preds[1][0]).toBeGreaterThan(0.3); // 0.05 / (0.05 + 0.1 · 0.95) ≈ 0.345: inflated ~7×
    recalibrate(preds, 0.1);
    expect(preds[1][0]).toBeCloseTo(0.05, 2);
    expect(preds[0][0]).toBeCloseTo(0.2, 2);
  });

  it('leaves predictions alone at s = 1, and keeps click ≥ purchase', () => {
    const preds = [Float32Array.of(0.3), Float32Array.of(0.2)];
    recalibrate(preds, 1);
    expect(Array.from(preds[0])).toEqual([Float32Array.of(0.3)[0]]);
    // A model whose click is below its purchase (inconsistent): click is clamped to purchase.
    const odd = [Float32Array.of(0.01), Float32Array.of(0.5)];
    recalibrate(odd, 0.1);
    expect(odd[0][0]).toBeGreaterThanOrEqual(odd[1][0]);
  });
});

describe('sampleNegatives', () => {
  const n = 100_000;
  const rng = Rng.stream(4, 'rows');
  const buy: number[] = Array.from({ length: n }, () => (rng.float() < 0.04 ? 1 : 0));
  const data = labelled(buy, buy);
  const rows = Int32Array.from({ length: n }, (_, i) => i);

  it('keeps every purchase and a share s of the rest, the same rows for the same seed', () => {
    const kept = sampleNegatives(data, rows, 0.2, 1, 7);
    const positives = buy.reduce((a, b) => a + b, 0);
    const keptPositives = Array.from(kept).filter((r) => buy[r] === 1).length;
    expect(keptPositives).toBe(positives);
    const negatives = n - positives;
    const keptNegatives = kept.length - keptPositives;
    // Binomial(negatives, 0.2): within 4 standard deviations.
    expect(Math.abs(keptNegatives - 0.2 * negatives)).toBeLessThan(4 * Math.sqrt(negatives * 0.2 * 0.8));
    expect(Array.from(sampleNegatives(data, rows, 0.2, 1, 7))).toEqual(Array.from(kept));
    expect(Array.from(sampleNegatives(data, rows, 0.2, 1, 8))).not.toEqual(Array.from(kept));
    expect(sampleNegatives(data, rows, 1, 1, 7)).toBe(rows);
  });

  it('refuses a rate outside (0, 1] and a task that is not binary', () => {
    expect(() => sampleNegatives(data, rows, 0, 1, 1)).toThrow(/training\.negativeSampling must be in \(0, 1\], got 0/);
    expect(() => sampleNegatives(data, rows, 1.5, 1, 1)).toThrow(/training\.negativeSampling/);
    expect(() => sampleNegatives({ ...data, tasks: [data.tasks[0], { name: 'y2', kind: 'regression' }] }, rows, 0.5, 1, 1)).toThrow(/needs a binary task/);
  });
});
