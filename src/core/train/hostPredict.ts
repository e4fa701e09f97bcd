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
import { categoricalOffsets, type EncodedData, type TaskSpec } from '../features';
import type { MultiTaskNet } from '../model/network';
import { predictions, type PurchaseMode } from './losses';
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
  if (task === 1 && mode !== 'ctcvr') return (await predictPairsOnHost(net, pairs, tasks, mode, embedder))[1];
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
