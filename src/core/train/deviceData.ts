/**
 * One split of the encoded data, uploaded to the device once. Batches are gathered on the device
 * from an index tensor, so a step uploads only its indices. Rows are gathered with GatherNd, not GatherV2: tfjs's
 * GatherV2 checks each index in JavaScript first (~0.7 ms per 1,024-row gather on WASM against
 * 0.1 ms); the indices are positions in this split, in range by construction.
 */
import { tf, type Tensor1D, type Tensor2D, type Tensor3D } from '../engine/tf';
import { categoricalOffsets, type EncodedData } from '../features';
import type { NetInputs } from '../model/network';

export interface Batch {
  inputs: NetInputs;
  /** Labels [T, B] (a batch every member reads) or [P, T, B] (one batch per member). */
  labels: Tensor2D | Tensor3D;
}

export class DeviceSplit {
  /** Examples in the split. */
  readonly size: number;
  /** The split's rows of the encoded data, in order. */
  readonly rows: Int32Array;
  /** Rows of the combined embedding table per example, int32 [N, F] (see categoricalOffsets). */
  private readonly categorical: Tensor2D;
  private readonly dense: Tensor2D;
  /** Labels example-major [N, T] (rows are gathered; a batch transposes them to [T, B]). */
  private readonly labels: Tensor2D;
  /** 1-based list position per example, int32 [N]; null when the data has none. */
  private readonly position: Tensor1D | null;

  constructor(data: EncodedData, rows: Int32Array) {
    this.size = rows.length;
    this.rows = rows;
    const n = rows.length;
    const F = data.categorical.length;
    const { offsets } = categoricalOffsets(data.categorical.map((c) => c.vocab));
    const idx = new Int32Array(n * F);
    data.categorical.forEach((c, f) => {
      for (let r = 0; r < n; r++) idx[r * F + f] = offsets[f] + c.values[rows[r]];
    });
    this.categorical = tf.tensor2d(idx, [n, F], 'int32');
    const D = data.denseDim;
    const dense = new Float32Array(n * D);
    for (let r = 0; r < n; r++) dense.set(data.dense.subarray(rows[r] * D, (rows[r] + 1) * D), r * D);
    this.dense = tf.tensor2d(dense, [n, D]);
    const T = data.tasks.length;
    const labels = new Float32Array(n * T);
    for (let t = 0; t < T; t++) for (let r = 0; r < n; r++) labels[r * T + t] = data.labels[t][rows[r]];
    this.labels = tf.tensor2d(labels, [n, T]);
    this.position = data.position ? tf.tensor1d(Int32Array.from(rows, (r) => data.position![r]), 'int32') : null;
  }

  /**
   * The examples at positions `idx` of this split: int32 [P, B], one row of positions per member
   * (each member's own data order); inputs come out [P, B, ...], labels [P, T, B].
   */
  gatherMembers(idx: Tensor2D): Batch {
    const [P, B] = idx.shape;
    const at = tf.reshape(idx, [P * B, 1]);
    try {
      return this.rowsAt(at as Tensor2D, [P, B]);
    } finally {
      at.dispose();
    }
  }

  /**
   * The contiguous examples [start, start + count), gathered like a training batch: tfjs-wasm's
   * slice copies its whole input to JavaScript first (the split's dense table, megabytes, for
   * every validation or test batch), where a gather reads only the rows it returns.
   */
  slice(start: number, count: number): Batch {
    const at = tf.tensor2d(Int32Array.from({ length: count }, (_, i) => start + i), [count, 1], 'int32');
    try {
      return this.rowsAt(at, [count]);
    } finally {
      at.dispose();
    }
  }

  /** The rows at positions `at` [n, 1], shaped `lead` ([B] or [P, B]) then each input's columns; labels [T, B] or [P, T, B]. */
  private rowsAt(at: Tensor2D, lead: number[]): Batch {
    const n = at.shape[0];
    const T = this.labels.shape[1];
    const [categorical, dense, labels, position] = tf.tidy(() => {
      // GatherNd refuses a table without columns (a world without categorical inputs).
      const rowsOf = (t: Tensor2D) => tf.reshape(t.shape[1] === 0 ? tf.zeros([n, 0], t.dtype) : tf.gatherND(t, at), [...lead, t.shape[1]]);
      const taskMajor = lead.length === 2 ? [0, 2, 1] : [1, 0];
      const out = [rowsOf(this.categorical), rowsOf(this.dense), tf.transpose(tf.reshape(tf.gatherND(this.labels, at), [...lead, T]), taskMajor)];
      if (this.position) out.push(tf.reshape(tf.gatherND(this.position, at), lead));
      return out;
    });
    return {
      inputs: { categorical: categorical as Tensor2D | Tensor3D, dense: dense as Tensor2D | Tensor3D, position: (position as Tensor1D | Tensor2D | undefined) ?? null },
      labels: labels as Tensor2D | Tensor3D,
    };
  }

  dispose(): void {
    tf.dispose([this.categorical, this.dense, this.labels, ...(this.position ? [this.position] : [])]);
  }
}

/** Disposes every tensor of a batch. */
export function disposeBatch(b: Batch): void {
  tf.dispose([b.inputs.categorical, b.inputs.dense, b.labels, ...(b.inputs.position ? [b.inputs.position] : [])]);
}
