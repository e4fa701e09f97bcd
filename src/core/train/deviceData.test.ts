/**
 * DeviceSplit's batches (deviceData.ts): a contiguous slice and a gathered batch hold exactly the
 * split's rows of the encoded data, on the host's values, labels task-major.
 */
import { describe, expect, it } from 'vitest';
import { tf } from '../engine/tf';
import { categoricalOffsets, encodeShopperWorld, splitRows } from '../features';
import { generateShopperWorld } from '../world';
import { DeviceSplit, disposeBatch } from './deviceData';
import { useWasmBackend } from '../../../test/unit/wasmBackend';

useWasmBackend();

describe('DeviceSplit', () => {
  const data = encodeShopperWorld(generateShopperWorld({ numShoppers: 40, numItems: 60, sessionsPerShopper: 3 }));
  const rows = splitRows(data, 'validation');
  const F = data.categorical.length;
  const D = data.denseDim;
  const { offsets } = categoricalOffsets(data.categorical.map((c) => c.vocab));
  /** What the split's example at position i should hold, from the host arrays. */
  const expected = (i: number) => ({
    categorical: data.categorical.map((c, f) => offsets[f] + c.values[rows[i]]),
    dense: Array.from(data.dense.subarray(rows[i] * D, (rows[i] + 1) * D)),
    labels: data.tasks.map((_, t) => data.labels[t][rows[i]]),
    position: data.position ? data.position[rows[i]] : null,
  });

  it.each(['wasm', 'cpu'])('slice(start, count) on %s: the rows start … start + count − 1', async (backend) => {
    await tf.setBackend(backend);
    const before = tf.memory().numTensors;
    const split = new DeviceSplit(data, rows);
    const [start, count] = [3, Math.min(17, rows.length - 3)];
    const b = split.slice(start, count);
    expect(b.inputs.categorical.shape).toEqual([count, F]);
    expect(b.labels.shape).toEqual([data.tasks.length, count]);
    const cat = b.inputs.categorical.arraySync() as number[][];
    const dense = b.inputs.dense.arraySync() as number[][];
    const labels = b.labels.arraySync() as number[][];
    const position = b.inputs.position ? (b.inputs.position.arraySync() as number[]) : null;
    for (let i = 0; i < count; i++) {
      const want = expected(start + i);
      expect(cat[i]).toEqual(want.categorical);
      expect(dense[i]).toEqual(want.dense.map((v) => Math.fround(v)));
      expect(labels.map((l) => l[i])).toEqual(want.labels);
      expect(position ? position[i] : null).toEqual(want.position);
    }
    disposeBatch(b);
    split.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gatherMembers: each member its own positions, labels [P, T, B]', () => {
    const split = new DeviceSplit(data, rows);
    const picks = [
      [0, 5, 2],
      [4, 4, 1],
    ];
    const idx = tf.tensor2d(picks, [2, 3], 'int32');
    const b = split.gatherMembers(idx);
    expect(b.labels.shape).toEqual([2, data.tasks.length, 3]);
    const cat = b.inputs.categorical.arraySync() as number[][][];
    const labels = b.labels.arraySync() as number[][][];
    picks.forEach((ps, p) =>
      ps.forEach((i, j) => {
        expect(cat[p][j]).toEqual(expected(i).categorical);
        expect(labels[p].map((l) => l[j])).toEqual(expected(i).labels);
      }),
    );
    tf.dispose(idx);
    disposeBatch(b);
    split.dispose();
  });
});
