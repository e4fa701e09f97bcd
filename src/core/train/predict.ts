/** Predictions and losses of a trained network over a whole split, in large batches. */
import { tf, type Tensor1D, type Tensor2D } from '../engine/tf';
import type { TaskSpec } from '../features';
import type { MultiTaskNet } from '../model/network';
import { DeviceSplit, disposeBatch } from './deviceData';
import { predictions, taskLosses, type PurchaseMode } from './losses';

/** Examples per forward pass when predicting: large, because nothing is differentiated. */
export const PREDICT_BATCH = 8192;

export interface SplitPredictions {
  /** Per task, one prediction per example of the split (see `predictions`). */
  preds: Float32Array[];
  /** Per task, the example-weighted mean loss over the split. */
  losses: number[];
}

/** Predicts every example of `split`, reading results back once per batch. */
export async function predictSplit(
  net: MultiTaskNet,
  split: DeviceSplit,
  tasks: readonly TaskSpec[],
  mode: PurchaseMode,
): Promise<SplitPredictions> {
  const T = tasks.length;
  const n = split.size;
  const preds = tasks.map(() => new Float32Array(n));
  const lossSums = new Float64Array(T);
  for (let start = 0; start < n; start += PREDICT_BATCH) {
    const count = Math.min(PREDICT_BATCH, n - start);
    const batch = split.slice(start, count);
    const [p, l] = tf.tidy(() => {
      const out = net.forward(batch.inputs, { training: false, dropout: 0, seed: 0 });
      return [predictions(out.logits, tasks, mode), taskLosses(out.logits, batch.labels, tasks, mode)] as [Tensor2D, Tensor1D];
    });
    disposeBatch(batch);
    const [pv, lv] = await Promise.all([p.data(), l.data()]);
    tf.dispose([p, l]);
    for (let t = 0; t < T; t++) {
      preds[t].set(pv.subarray(t * count, (t + 1) * count), start);
      lossSums[t] += lv[t] * count;
    }
  }
  return { preds, losses: Array.from(lossSums, (s) => (n > 0 ? s / n : Number.NaN)) };
}
