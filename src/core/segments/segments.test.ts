/** K-means (k-means++ seeding, Lloyd's iterations) and PCA against hand-computed answers. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { kmeans, kmeansPlusPlus } from './kmeans';
import { pca } from './pca';

describe('kmeans', () => {
  it('a fixed set by hand: two pairs of points, two centres at their means, inertia 1', () => {
    const pts = [0, 0, 0, 1, 10, 0, 10, 1];
    const r = kmeans(pts, 4, 2, 2, 1);
    const centres = [0, 1].map((c) => [r.centroids[c * 2], r.centroids[c * 2 + 1]]).sort((a, b) => a[0] - b[0]);
    expect(centres).toEqual([
      [0, 0.5],
      [10, 0.5],
    ]);
    expect(r.assignment[0]).toBe(r.assignment[1]);
    expect(r.assignment[2]).toBe(r.assignment[3]);
    expect(r.assignment[0]).not.toBe(r.assignment[2]);
    expect(r.inertia.at(-1)).toBeCloseTo(1, 12);
  });

  it('k-means++ draws by squared distance: a point on an existing centre is never drawn again', () => {
    // Nine copies of one point and one other point: whichever comes first, the second centre is the other.
    const pts = [...new Array<number>(9).fill(0), 10];
    for (let seed = 1; seed <= 20; seed++) {
      const c = Array.from(kmeansPlusPlus(pts, 10, 1, 2, Rng.stream(seed, 'test'))).sort((a, b) => a - b);
      expect(c).toEqual([0, 10]);
    }
  });

  it('recovers three well-separated blobs, the inertia never rising, the same for the same seed', () => {
    const rng = Rng.stream(4, 'blobs');
    const centres = [
      [0, 0],
      [20, 0],
      [0, 20],
    ];
    const n = 90;
    const pts = new Float64Array(n * 2);
    const truth: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      truth.push(c);
      pts[i * 2] = centres[c][0] + rng.float() - 0.5;
      pts[i * 2 + 1] = centres[c][1] + rng.float() - 0.5;
    }
    const r = kmeans(pts, n, 2, 3, 7);
    for (let j = 1; j < r.inertia.length; j++) expect(r.inertia[j]).toBeLessThanOrEqual(r.inertia[j - 1] + 1e-9);
    // The same partition as the truth, whatever the labels.
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(r.assignment[i] === r.assignment[j]).toBe(truth[i] === truth[j]);
    expect(Array.from(kmeans(pts, n, 2, 3, 7).assignment)).toEqual(Array.from(r.assignment));
    // K = 1: the one centre is the mean.
    const one = kmeans(pts, n, 2, 1, 1);
    expect(one.centroids[0]).toBeCloseTo(pts.filter((_, j) => j % 2 === 0).reduce((a, b) => a + b, 0) / n, 10);
  });

  it('refuses K outside 1..n', () => {
    expect(() => kmeans([0, 1], 2, 1, 3, 1)).toThrow(/K must be an integer from 1 to the number of points \(2\), got 3/);
    expect(() => kmeans([0, 1], 2, 1, 0, 1)).toThrow(/got 0/);
    expect(() => kmeans([0, 1], 2, 1, 1.5, 1)).toThrow(/got 1.5/);
  });
});

describe('pca', () => {
  it('finds the direction of points on a line, with all the variance on it', () => {
    // Points t·(1, 2, 0) + (3, 3, 3): one direction, (1, 2, 0)/√5.
    const ts = [-2, -1, 0, 1, 2, 5];
    const rows = ts.flatMap((t) => [3 + t, 3 + 2 * t, 3]);
    const p = pca(rows, ts.length, 3, 2);
    expect(Array.from(p.components.subarray(0, 3))).toEqual([1 / Math.sqrt(5), 2 / Math.sqrt(5), 0].map((v) => expect.closeTo(v, 8)));
    expect(p.explained[0]).toBeCloseTo(1, 10);
    // Coordinates: (t − mean t)·√5.
    const mean = ts.reduce((a, b) => a + b, 0) / ts.length;
    ts.forEach((t, i) => expect(p.coordinates[i * 2]).toBeCloseTo((t - mean) * Math.sqrt(5), 8));
  });

  it('gives orthogonal unit components in decreasing variance, explaining all of a 2-D cloud', () => {
    const rng = Rng.stream(2, 'pca');
    const rows: number[] = [];
    for (let i = 0; i < 200; i++) {
      const a = 3 * (rng.float() - 0.5);
      const b = rng.float() - 0.5;
      rows.push(a + b, a - b);
    }
    const p = pca(rows, 200, 2, 2);
    const c = p.components;
    expect(c[0] * c[0] + c[1] * c[1]).toBeCloseTo(1, 8);
    expect(c[0] * c[2] + c[1] * c[3]).toBeCloseTo(0, 6);
    expect(p.variance[0]).toBeGreaterThan(p.variance[1]);
    expect(p.explained[0] + p.explained[1]).toBeCloseTo(1, 6);
    // The sign rule: each component's largest loading is positive.
    expect(Math.max(Math.abs(c[0]), Math.abs(c[1]))).toBe(Math.abs(c[0]) > Math.abs(c[1]) ? c[0] : c[1]);
  });
});
