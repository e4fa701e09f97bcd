/**
 * Predictions for many encoded pairs with the input rows built on the host. Scoring a whole
 * catalogue (every ranked shopper × every item) is most of an evaluation, and on the device its
 * most expensive op was the embedding gather: tfjs's gather checks each index in JavaScript with a
 * fresh closure, ~0.6 µs per looked-up row on WASM, more than the expert matmul that follows. A
 * trained model's tables do not change, so they are read back once and each input row (the
 * embeddings of its categorical inputs, then its dense inputs, exactly as `embed` lays them out)
 * is copied on the host and uploaded as one dense tensor per batch.
 */
import { tf, type Tensor, type Tensor1D, type Tensor2D } from '../engine/tf';
import { categoricalOffsets, type CatalogBlock, type ColumnSide, type EncodedData, type TaskSpec } from '../features';
import type { MultiTaskNet } from '../model/network';
import { isFunnelReadout, predictions, type PurchaseMode } from './losses';
import { PREDICT_BATCH } from './predict';

/** What scoring reads of encoded pairs (labels and splits are not needed). */
export type PairInputs = Pick<EncodedData, 'size' | 'categorical' | 'dense' | 'denseDim' | 'position'>;

/** A trained network's embedding tables on the host, and the input rows they make. */
export class HostEmbedder {
  private constructor(
    private readonly net: MultiTaskNet,
    /** One table per `net.embeddingTables()`, row-major [rows, k]. */
    private readonly tables: Float32Array[],
  ) {}

  /** Reads the tables back once (a few thousand rows × k floats). */
  static async of(net: MultiTaskNet): Promise<HostEmbedder> {
    const tables = await Promise.all(net.embeddingTables().map(async (name) => (await net.params.get(name).data()) as Float32Array));
    return new HostEmbedder(net, tables);
  }

  /** Input rows of pairs [from, from + count): one Float32Array [count, inputDim] per table (one when there are no tables). */
  rows(pairs: PairInputs, from: number, count: number): Float32Array[] {
    const k = this.net.spec.embeddingDim;
    const F = pairs.categorical.length;
    const Dd = pairs.denseDim;
    const D = F * k + Dd;
    if (D !== this.net.inputDim) throw new Error(`pairs give ${D} input columns, the network reads ${this.net.inputDim}`);
    const { offsets } = categoricalOffsets(pairs.categorical.map((c) => c.vocab));
    const tables = this.tables.length ? this.tables : [null];
    return tables.map((table) => {
      const x = new Float32Array(count * D);
      for (let r = 0; r < count; r++) {
        const src = from + r;
        let o = r * D;
        for (let f = 0; f < F; f++) {
          const base = (offsets[f] + pairs.categorical[f].values[src]) * k;
          for (let j = 0; j < k; j++) x[o++] = table![base + j];
        }
        const d0 = src * Dd;
        for (let j = 0; j < Dd; j++) x[o++] = pairs.dense[d0 + j];
      }
      return x;
    });
  }
}

/**
 * Runs `score` on every batch of PREDICT_BATCH pairs (input rows built on the host, positions when
 * the model reads them) and hands each batch's read-back values to `take`.
 */
async function eachBatch(
  net: MultiTaskNet,
  pairs: PairInputs,
  embedder: HostEmbedder | undefined,
  score: (rows: Tensor2D[], position: Tensor1D | null) => Tensor,
  take: (values: Float32Array, start: number, count: number) => void,
): Promise<void> {
  const host = embedder ?? (await HostEmbedder.of(net));
  const D = net.inputDim;
  const usesPosition = net.spec.numPositions > 0;
  if (usesPosition && !pairs.position) throw new Error('This model reads list positions, but the pairs carry none.');
  for (let start = 0; start < pairs.size; start += PREDICT_BATCH) {
    const count = Math.min(PREDICT_BATCH, pairs.size - start);
    const rows = host.rows(pairs, start, count);
    const out = tf.tidy(() =>
      score(
        rows.map((x) => tf.tensor2d(x, [count, D])),
        usesPosition ? tf.tensor1d(pairs.position!.subarray(start, start + count), 'int32') : null,
      ),
    );
    const values = (await out.data()) as Float32Array;
    out.dispose();
    take(values, start, count);
  }
}

/** Predictions per task (see `predictions`) for every pair, in batches of PREDICT_BATCH, read back once per batch. */
export async function predictPairsOnHost(net: MultiTaskNet, pairs: PairInputs, tasks: readonly TaskSpec[], mode: PurchaseMode, embedder?: HostEmbedder): Promise<Float32Array[]> {
  const preds = tasks.map(() => new Float32Array(pairs.size));
  await eachBatch(
    net,
    pairs,
    embedder,
    (rows, position) => predictions(net.forwardEmbedded(rows, position, { training: false, dropout: 0, seed: 0 }).logits, tasks, mode),
    (pv, start, count) => preds.forEach((p, t) => p.set(pv.subarray(t * count, (t + 1) * count), start)),
  );
  return preds;
}

/**
 * Predictions of one task for every pair, computing only that task's head where it can (see
 * `MultiTaskNet.taskLogits`): what ranking needs, P(purchase | impression), at about half the cost
 * of both heads for MMoE. A funnel read-out of the purchase task (σ(z_click)·σ(z_cvr)) needs both
 * heads and takes the full pass.
 */
export async function predictTaskOnHost(net: MultiTaskNet, pairs: PairInputs, tasks: readonly TaskSpec[], mode: PurchaseMode, task: number, embedder?: HostEmbedder): Promise<Float32Array> {
  if (isFunnelReadout(tasks, mode, task)) return (await predictPairsOnHost(net, pairs, tasks, mode, embedder))[task];
  const out = new Float32Array(pairs.size);
  const binary = tasks[task]?.kind === 'binary';
  await eachBatch(
    net,
    pairs,
    embedder,
    (rows, position) => {
      const z = net.taskLogits(rows, position, task);
      return binary ? tf.sigmoid(z) : z;
    },
    (values, start) => out.set(values, start),
  );
  return out;
}

/** Side of each column of an input row (embeddings then dense inputs, as `HostEmbedder.rows` lays them out). */
function rowSides(block: CatalogBlock, k: number): ColumnSide[] {
  return [...block.categoricalSides.flatMap((side) => new Array<ColumnSide>(k).fill(side)), ...block.denseSides];
}

/** Input rows of one side with every column of the other sides set to zero. */
function sideRows(host: HostEmbedder, rows: CatalogBlock['shopperRows'], sides: ColumnSide[], keep: ColumnSide): Float32Array {
  const x = host.rows(rows, 0, rows.size)[0];
  const D = sides.length;
  for (let c = 0; c < D; c++) if (sides[c] !== keep) for (let r = 0; r < rows.size; r++) x[r * D + c] = 0;
  return x;
}

/**
 * One task's predictions for a shopper × catalogue block (see `CatalogBlock`), shopper-major
 * [shoppers · items], with each first layer (`MultiTaskNet.firstLayers`) computed in parts:
 * x·W + b = (x_shopper·W)[s] + (x_item·W + b)[i] + x_pair·W_pair, a broadcast add and a matmul over
 * the pair columns instead of a full matmul per pair. The same numbers as `predictTaskOnHost` on
 * the block's pairs to float rounding (the sum runs in another order). Null where the model has
 * no first layers to split (PLE, ESMM, single-task) or the task's prediction needs two heads (a
 * funnel read-out): the caller then scores the pairs whole.
 */
export async function predictCatalogTask(net: MultiTaskNet, block: CatalogBlock, tasks: readonly TaskSpec[], mode: PurchaseMode, task: number, embedder?: HostEmbedder): Promise<Float32Array | null> {
  if (isFunnelReadout(tasks, mode, task)) return null;
  if (net.embeddingTables().length > 1) return null;
  const probe = tf.tidy(() => net.firstLayers(task)?.length ?? 0);
  if (probe === 0) return null;
  const host = embedder ?? (await HostEmbedder.of(net));
  const { shoppers: S, items: I, pairDim: Dp } = block;
  const D = net.inputDim;
  const sides = rowSides(block, net.spec.embeddingDim);
  if (sides.length !== D) throw new Error(`the block gives ${sides.length} input columns, the network reads ${D}`);
  const xs = sideRows(host, block.shopperRows, sides, 'shopper');
  const xi = sideRows(host, block.itemRows, sides, 'item');
  const pairColumns = sides.flatMap((side, c) => (side === 'pair' ? [c] : []));
  if (pairColumns.length !== Dp) throw new Error(`the block has ${Dp} pair columns, its sides name ${pairColumns.length}`);
  // Each first layer's shopper part [S, H], item part with the bias [I, H] and pair kernel [Dp, H].
  const parts: Array<{ shopper: Tensor2D; item: Tensor2D; pair: Tensor2D | undefined }> = tf.tidy(() => {
    const xsT = tf.tensor2d(xs, [S, D]);
    const xiT = tf.tensor2d(xi, [I, D]);
    const idx = tf.tensor1d(pairColumns, 'int32');
    return net.firstLayers(task)!.map(({ w, b }) => ({
      shopper: tf.matMul(xsT, w) as Tensor2D,
      item: tf.add(tf.matMul(xiT, w), b) as Tensor2D,
      pair: Dp > 0 ? (tf.gather(w, idx) as Tensor2D) : undefined,
    }));
  });
  const out = new Float32Array(S * I);
  const binary = tasks[task]?.kind === 'binary';
  const per = Math.max(1, Math.floor(PREDICT_BATCH / I)); // shoppers per batch
  try {
    for (let j = 0; j < S; j += per) {
      const s = Math.min(per, S - j);
      const B = s * I;
      const scores = tf.tidy(() => {
        const pairs = Dp > 0 ? tf.tensor2d(block.pairDense.subarray(j * I * Dp, (j + s) * I * Dp), [B, Dp]) : null;
        // This batch's shoppers are gathered, not sliced: tfjs-wasm's slice copies all S rows to JavaScript first.
        const rows = tf.tensor2d(Int32Array.from({ length: s }, (_, i) => j + i), [s, 1], 'int32');
        const pre = parts.map(({ shopper, item, pair }) => {
          const H = item.shape[1];
          const mine = tf.gatherND(shopper, rows);
          const sum = tf.reshape(tf.add(tf.reshape(mine, [s, 1, H]), tf.reshape(item, [1, I, H])), [B, H]) as Tensor2D;
          return pairs && pair ? (tf.add(sum, Dp === 1 ? tf.mul(pairs, tf.reshape(pair, [H])) : tf.matMul(pairs, pair)) as Tensor2D) : sum;
        });
        const position = net.spec.numPositions > 0 ? tf.ones([B], 'int32') as Tensor1D : null;
        const z = net.taskLogitsFrom(pre, position, task);
        return binary ? tf.sigmoid(z) : z;
      });
      out.set((await scores.data()) as Float32Array, j * I);
      scores.dispose();
    }
  } finally {
    tf.dispose(parts.flatMap((p) => [p.shopper, p.item, ...(p.pair ? [p.pair] : [])]));
  }
  return out;
}
