/**
 * The model-ready form of a world: categorical inputs (indices into embedding tables), dense inputs
 * and one label array per task, all typed arrays with one row per example.
 */
import type { SplitName } from '../world';

/** A categorical input: an embedding table with `vocab` rows, index 0 = unknown (cold start). */
export interface CategoricalInput {
  name: string;
  /** Rows of the embedding table, including the shared unknown row 0. */
  vocab: number;
  /** Index per example. */
  values: Int32Array;
}

/** One task the model learns. */
export interface TaskSpec {
  /** Short name, e.g. `click`, `purchase`, `y1`. */
  name: string;
  /** `binary`: sigmoid output with binary cross-entropy; `regression`: linear output with MSE. */
  kind: 'binary' | 'regression';
}

/** Head of the add-to-cart task (three-step funnel) among `tasks`, or −1 when there is none. */
export function cartIndex(tasks: ReadonlyArray<Pick<TaskSpec, 'name'>>): number {
  return tasks.findIndex((t) => t.name === 'cart');
}

export interface EncodedData {
  /** Number of examples. */
  size: number;
  categorical: CategoricalInput[];
  /** Dense inputs, row-major size × denseDim. */
  dense: Float32Array;
  denseDim: number;
  tasks: TaskSpec[];
  /** Label per task per example (0/1 for binary tasks). */
  labels: Float32Array[];
  /** Split code per example (SPLIT). */
  split: Uint8Array;
  /** Group per example for GAUC (the shopper); for the regression world, the example itself. */
  group: Int32Array;
  /**
   * 1-based list position per example where the world has one (the shopper world's log): what a
   * position-aware model reads while training. Pairs scored for ranking all carry position 1 (the
   * fixed position ranking assumes). Absent in the regression world.
   */
  position?: Int32Array;
}

/**
 * Where each categorical input's rows start in one combined embedding table: all inputs share one
 * table (one gather, one scatter-add, one optimizer slot per step instead of one per input).
 */
export function categoricalOffsets(vocabs: readonly number[]): { offsets: number[]; rows: number } {
  const offsets: number[] = [];
  let rows = 0;
  for (const v of vocabs) {
    offsets.push(rows);
    rows += v;
  }
  return { offsets, rows };
}

/** Row indices of one split. */
export function splitRows(data: EncodedData, split: SplitName): Int32Array {
  const code = split === 'train' ? 0 : split === 'validation' ? 1 : 2;
  let n = 0;
  for (let r = 0; r < data.size; r++) if (data.split[r] === code) n++;
  const rows = new Int32Array(n);
  let k = 0;
  for (let r = 0; r < data.size; r++) if (data.split[r] === code) rows[k++] = r;
  return rows;
}
