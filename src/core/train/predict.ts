/** Predictions and losses of a trained network over a whole split, in large batches. */
import { tf, type Tensor2D, type Tensor3D } from '../engine/tf';
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

/**
 * Predicts every example of `split` with every member of the network (all members in one pass per
 * batch), reading results back once per batch. One entry per member.
 */
export async function predictSplitMembers(
  net: MultiTaskNet,
  split: DeviceSplit,
  tasks: readonly TaskSpec[],
  mode: PurchaseMode,
  /** A weight-conditioned network's condition [P, C] (see `ForwardOptions.condition`); null otherwise. */
  condition: Tensor2D | null = null,
): Promise<SplitPredictions[]> {
  const T = tasks.length;
  const P = net.members;
  const n = split.size;
  const out = Array.from({ length: P }, () => ({ preds: tasks.map(() => new Float32Array(n)), lossSums: new Float64Array(T) }));
  for (let start = 0; start < n; start += PREDICT_BATCH) {
    const count = Math.min(PREDICT_BATCH, n - start);
    const batch = split.slice(start, count);
    const [p, l] = tf.tidy(() => {
      const fwd = net.forward(batch.inputs, { training: false, dropout: 0, seed: 0, condition });
      return [predictions(fwd.logits, tasks, mode), taskLosses(fwd.logits, batch.labels, tasks, mode)] as [Tensor3D, Tensor2D];
    });
    disposeBatch(batch);
    const [pv, lv] = await Promise.all([p.data(), l.data()]);
    tf.dispose([p, l]);
    out.forEach((m, member) => {
      for (let t = 0; t < T; t++) {
        const at = (member * T + t) * count;
        m.preds[t].set(pv.subarray(at, at + count), start);
        m.lossSums[t] += lv[member * T + t] * count;
      }
    });
  }
  return out.map((m) => ({ preds: m.preds, losses: Array.from(m.lossSums, (s) => (n > 0 ? s / n : Number.NaN)) }));
}

/** Predicts every example of `split` with a network of one member (see `predictSplitMembers`). */
export async function predictSplit(net: MultiTaskNet, split: DeviceSplit, tasks: readonly TaskSpec[], mode: PurchaseMode): Promise<SplitPredictions> {
  if (net.members !== 1) throw new Error('predictSplit scores one model: use predictSplitMembers for a population.');
  return (await predictSplitMembers(net, split, tasks, mode))[0];
}
