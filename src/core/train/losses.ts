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
 *
 * All tasks at once on the [T, B] matrices (a handful of kernels rather than a handful per task):
 * elementwise cross-entropy and squared error, each row keeping the one its task uses, then a
 * masked mean per row.
 */
export function taskLosses(logits: Tensor2D, labels: Tensor2D, tasks: readonly TaskSpec[], mode: PurchaseMode): Tensor1D {
  return tf.tidy(() => {
    const T = tasks.length;
    const binary = tasks.map((t) => (t.kind === 'binary' ? 1 : 0));
    let perExample: Tensor2D;
    if (binary.every((b) => b === 1)) {
      perExample = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    } else if (binary.every((b) => b === 0)) {
      perExample = tf.squaredDifference(logits, labels);
    } else {
      const ce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
      const isBinary = tf.tensor2d(binary, [T, 1]);
      perExample = tf.add(tf.mul(isBinary, ce), tf.mul(tf.sub(1, isBinary), tf.squaredDifference(logits, labels)));
    }
    if (mode === 'esmm' && T >= 2) {
      // Row 1 becomes the cross-entropy of pCTCVR = σ(z_click)·σ(z_cvr) against the purchase label.
      const p = tf.clipByValue(tf.prod(tf.sigmoid(tf.slice(logits, [0, 0], [2, -1])), 0, true), EPS, 1 - EPS);
      const y = tf.slice(labels, [1, 0], [1, -1]);
      const ce = tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
      const rows = [tf.slice(perExample, [0, 0], [1, -1]), ce];
      if (T > 2) rows.push(tf.slice(perExample, [2, 0], [T - 2, -1]));
      perExample = tf.concat(rows, 0) as Tensor2D;
    }
    if (mode === 'cvr' && T >= 2) {
      // Only clicked impressions carry a conversion label: row 1 is averaged over clicks only.
      const clicks = tf.slice(labels, [0, 0], [1, -1]);
      const rows = [tf.onesLike(clicks), clicks];
      if (T > 2) rows.push(tf.onesLike(tf.slice(labels, [2, 0], [T - 2, -1])));
      const mask = tf.concat(rows, 0);
      return tf.div(tf.sum(tf.mul(perExample, mask), 1), tf.maximum(tf.sum(mask, 1), 1)) as Tensor1D;
    }
    return tf.mean(perExample, 1) as Tensor1D;
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
