/**
 * Per-task losses of a batch. Binary tasks use binary cross-entropy on logits,
 *   ℓ = max(z, 0) − z·y + ln(1 + e^{−|z|})  (stable form of −y ln σ(z) − (1−y) ln(1 − σ(z))),
 * regression tasks the squared error (z − y)². Each task's loss is a weighted mean over the batch,
 * Σ_b m_b ℓ_b / max(Σ_b m_b, 1), where the mask m restricts a CVR task to clicked impressions.
 *
 * ESMM (Ma et al., SIGIR 2018) replaces the purchase task's loss by the cross-entropy of
 * pCTCVR = σ(z_click)·σ(z_cvr) against the purchase label over all impressions (clipped to
 * [1e−7, 1 − 1e−7]), so pCVR is learned over the entire space without a click mask.
 */
import { tf, type Tensor1D, type Tensor2D } from '../engine/tf';
import type { TaskSpec } from '../features';

const EPS = 1e-7;

/** How the loss treats the purchase task (index 1 in the shopper world). */
export type PurchaseMode = 'ctcvr' | 'cvr' | 'esmm';

/**
 * @param logits [T, B]
 * @param labels [T, B]
 * @returns per-task losses [T]
 */
export function taskLosses(logits: Tensor2D, labels: Tensor2D, tasks: readonly TaskSpec[], mode: PurchaseMode): Tensor1D {
  return tf.tidy(() => {
    const T = tasks.length;
    const perTask: Tensor1D[] = [];
    for (let t = 0; t < T; t++) {
      const z = tf.squeeze(tf.slice(logits, [t, 0], [1, -1]), [0]) as Tensor1D;
      const y = tf.squeeze(tf.slice(labels, [t, 0], [1, -1]), [0]) as Tensor1D;
      if (tasks[t].kind === 'regression') {
        perTask.push(tf.reshape(tf.mean(tf.squaredDifference(z, y)), [1]) as Tensor1D);
      } else if (t === 1 && mode === 'esmm') {
        const zClick = tf.squeeze(tf.slice(logits, [0, 0], [1, -1]), [0]);
        const p = tf.clipByValue(tf.mul(tf.sigmoid(zClick), tf.sigmoid(z)), EPS, 1 - EPS);
        const ce = tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
        perTask.push(tf.reshape(tf.mean(ce), [1]) as Tensor1D);
      } else {
        const ce = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
        if (t === 1 && mode === 'cvr') {
          // Only clicked impressions carry a conversion label.
          const mask = tf.squeeze(tf.slice(labels, [0, 0], [1, -1]), [0]);
          perTask.push(tf.reshape(tf.div(tf.sum(tf.mul(ce, mask)), tf.maximum(tf.sum(mask), 1)), [1]) as Tensor1D);
        } else {
          perTask.push(tf.reshape(tf.mean(ce), [1]) as Tensor1D);
        }
      }
    }
    return tf.concat(perTask) as Tensor1D;
  });
}

/**
 * The model's prediction per task, [T, B]: σ(z) for binary tasks, z for regression. The purchase
 * task is always reported as P(purchase | impression): σ(z₁) when learned as CTCVR, and
 * σ(z_click)·σ(z₁) when z₁ is a conversion logit (CVR mode, ESMM).
 */
export function predictions(logits: Tensor2D, tasks: readonly TaskSpec[], mode: PurchaseMode): Tensor2D {
  return tf.tidy(() => {
    const rows = tasks.map((task, t) => {
      const z = tf.slice(logits, [t, 0], [1, -1]);
      if (task.kind === 'regression') return z;
      if (t === 1 && mode !== 'ctcvr') return tf.mul(tf.sigmoid(tf.slice(logits, [0, 0], [1, -1])), tf.sigmoid(z));
      return tf.sigmoid(z);
    });
    return tf.concat(rows, 0) as Tensor2D;
  });
}
