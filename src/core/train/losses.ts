/**
 * Per-task losses of a batch. Binary tasks use binary cross-entropy on logits,
 *   ℓ = max(z, 0) − z·y + ln(1 + e^{−|z|})  (stable form of −y ln σ(z) − (1−y) ln(1 − σ(z))),
 * regression tasks the squared error (z − y)². Each task's loss is a weighted mean over the batch,
 * Σ_b m_b ℓ_b / max(Σ_b m_b, 1), where the mask m restricts a CVR task to clicked impressions.
 *
 * ESMM (Ma et al., SIGIR 2018) replaces the purchase task's loss by the cross-entropy of
 * pCTCVR = σ(z_click)·σ(z_cvr) against the purchase label over all impressions (clipped to
 * [1e−7, 1 − 1e−7]), so pCVR is learned over the entire space without a click mask. With an
 * add-to-cart head (the three-step funnel) this is ESM² (Wen et al., SIGIR 2020): every step's
 * probability over all impressions is the product of the conditional probabilities along the path
 * click → cart → purchase, each learned through its own whole-space label.
 */
import { tf, type Tensor, type Tensor1D, type Tensor2D, type Tensor3D } from '../engine/tf';
import { cartIndex, type TaskSpec } from '../features';

const EPS = 1e-7;

/** How the loss treats the purchase task (index 1 in the shopper world). */
export type PurchaseMode = 'ctcvr' | 'cvr' | 'esmm';

/** Rows [from, from + count) of the task axis of a [P, T, B] tensor. */
function taskRows(x: Tensor3D, from: number, count: number): Tensor3D {
  return tf.slice(x, [0, from, 0], [-1, count, -1]) as Tensor3D;
}

/** Runs `f` on [P, T, B] operands, given either that or a single model's [T, B] (then the result loses its P axis). */
function perMember<R extends Tensor>(logits: Tensor2D | Tensor3D, f: (z: Tensor3D) => R): R {
  if (logits.rank === 3) return f(logits as Tensor3D);
  return tf.squeeze(f(tf.expandDims(logits, 0) as Tensor3D), [0]) as R;
}

/**
 * How binary tasks weigh their examples in training (evaluation always reads plain cross-entropy).
 * With p = σ(z), p_t = p for a positive and 1 − p for a negative, an example's loss is
 *   −w_t^y · (1 − p_t)^γ · log p_t,
 * w_t the task's positive-class weight (negatives weigh 1) and γ the focal exponent (Lin et al.,
 * "Focal loss for dense object detection", 2017); w = 1, γ = 0 is plain cross-entropy.
 */
export interface LossOptions {
  /** Positive-class weight per task (regression tasks ignore theirs). */
  positiveWeights?: readonly number[];
  /** Focal γ ≥ 0. */
  focalGamma?: number;
}

/** Whether options change the loss at all (plain cross-entropy keeps its cheaper kernels). */
function weighsExamples(tasks: readonly TaskSpec[], o: LossOptions | undefined): boolean {
  return !!o && ((o.focalGamma ?? 0) > 0 || tasks.some((t, i) => t.kind === 'binary' && (o.positiveWeights?.[i] ?? 1) !== 1));
}

/**
 * Weighted focal cross-entropy of logits z against labels y (see `LossOptions`), from
 * softplus(z) = −log(1 − p) and softplus(z) − z = −log p; `posWeight` broadcasts against z.
 */
function weightedCrossEntropy(z: Tensor3D, y: Tensor3D, posWeight: Tensor, gamma: number): Tensor3D {
  const negLogNo = tf.add(tf.relu(z), tf.log1p(tf.exp(tf.neg(tf.abs(z))))); // −log(1 − p)
  const negLogYes = tf.sub(negLogNo, z); // −log p
  let pos: Tensor = tf.mul(posWeight, negLogYes);
  let neg: Tensor = negLogNo;
  if (gamma > 0) {
    const p = tf.sigmoid(z);
    pos = tf.mul(tf.pow(tf.sub(1, p), gamma), pos);
    neg = tf.mul(tf.pow(p, gamma), neg);
  }
  return tf.add(tf.mul(y, pos), tf.mul(tf.sub(1, y), neg)) as Tensor3D;
}

/**
 * @param logits [T, B], or [P, T, B] for a population of P models
 * @param labels [T, B], or [P, T, B] (a [T, B] batch is every member's)
 * @returns per-task losses [T] (or [P, T])
 *
 * All tasks (and members) at once on the [P, T, B] tensors (a handful of kernels rather than a
 * handful per task): elementwise cross-entropy and squared error, each row keeping the one its task
 * uses, then a masked mean per row.
 */
export function taskLosses<L extends Tensor2D | Tensor3D>(logits: L, labels: Tensor2D | Tensor3D, tasks: readonly TaskSpec[], mode: PurchaseMode, options?: LossOptions): L extends Tensor3D ? Tensor2D : Tensor1D {
  type Out = L extends Tensor3D ? Tensor2D : Tensor1D;
  return tf.tidy(() =>
    perMember(logits, (z) => {
      const y = (labels.rank === 3 ? labels : tf.expandDims(labels, 0)) as Tensor3D;
      const T = tasks.length;
      const binary = tasks.map((t) => (t.kind === 'binary' ? 1 : 0));
      const weighted = weighsExamples(tasks, options);
      const gamma = options?.focalGamma ?? 0;
      const posWeights = tasks.map((t, i) => (t.kind === 'binary' ? (options?.positiveWeights?.[i] ?? 1) : 1));
      const crossEntropy = () =>
        weighted
          ? weightedCrossEntropy(z, y, tf.tensor3d(posWeights, [1, T, 1]), gamma)
          : (tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))) as Tensor3D);
      let perExample: Tensor3D;
      if (binary.every((b) => b === 1)) perExample = crossEntropy();
      else if (binary.every((b) => b === 0)) perExample = tf.squaredDifference(z, y);
      else {
        const isBinary = tf.tensor3d(binary, [1, T, 1]);
        perExample = tf.add(tf.mul(isBinary, crossEntropy()), tf.mul(tf.sub(1, isBinary), tf.squaredDifference(z, y)));
      }
      const cart = cartIndex(tasks);
      if (mode === 'esmm' && T >= 2) {
        // ESMM: row 1 becomes the cross-entropy of pCTCVR = σ(z_click)·σ(z_cvr) against the purchase
        // label. ESM² with a cart head c: row c is the cross-entropy of pCTCaR = σ(z_click)·σ(z_c)
        // against the cart label, row 1 that of σ(z_click)·σ(z_c)·σ(z_cvr) against the purchase.
        const s = tf.sigmoid(z);
        const pCart = cart > 0 ? tf.mul(taskRows(s, 0, 1), taskRows(s, cart, 1)) : null;
        const pBuy = tf.mul(pCart ?? taskRows(s, 0, 1), taskRows(s, 1, 1));
        const pathCrossEntropy = (p: Tensor, t: number): Tensor => {
          const clipped = tf.clipByValue(p, EPS, 1 - EPS);
          const yt = taskRows(y, t, 1);
          let yes: Tensor = tf.neg(tf.log(clipped));
          let no: Tensor = tf.neg(tf.log(tf.sub(1, clipped)));
          if (weighted) {
            yes = tf.mul(posWeights[t], gamma > 0 ? tf.mul(tf.pow(tf.sub(1, clipped), gamma), yes) : yes);
            if (gamma > 0) no = tf.mul(tf.pow(clipped, gamma), no);
          }
          return tf.add(tf.mul(yt, yes), tf.mul(tf.sub(1, yt), no));
        };
        const rows = tasks.map((_, t) => (t === 1 ? pathCrossEntropy(pBuy, 1) : t === cart && pCart ? pathCrossEntropy(pCart, cart) : taskRows(perExample, t, 1)));
        perExample = tf.concat(rows, 1) as Tensor3D;
      }
      if (mode === 'cvr' && T >= 2) {
        // Each funnel step learns on the impressions that reached the step before it: the purchase
        // on clicked ones (on carted ones when there is a cart head), the cart on clicked ones.
        const mask = tf.concat(
          tasks.map((_, t) => (t === 1 ? taskRows(y, cart > 0 ? cart : 0, 1) : t === cart ? taskRows(y, 0, 1) : tf.onesLike(taskRows(y, t, 1)))),
          1,
        );
        return tf.div(tf.sum(tf.mul(perExample, mask), 2), tf.maximum(tf.sum(mask, 2), 1)) as Tensor2D;
      }
      return tf.mean(perExample, 2) as Tensor2D;
    }),
  ) as Out;
}

/**
 * Whether task t's prediction is a product along the funnel (several heads): the purchase and the
 * cart when learned as conditional steps (CVR mode, ESMM / ESM²).
 */
export function isFunnelReadout(tasks: readonly TaskSpec[], mode: PurchaseMode, t: number): boolean {
  return mode !== 'ctcvr' && tasks.length >= 2 && (t === 1 || (t > 1 && t === cartIndex(tasks)));
}

/**
 * The model's prediction per task, [T, B] (or [P, T, B]): σ(z) for binary tasks, z for regression.
 * The purchase task is always reported as P(purchase | impression): σ(z₁) when learned as CTCVR,
 * and σ(z_click)·σ(z₁) when z₁ is a conversion logit (CVR mode, ESMM); with a cart head c,
 * P(cart | impression) = σ(z_click)·σ(z_c) and P(purchase | impression) = σ(z_click)·σ(z_c)·σ(z₁)
 * (ESM²'s path products).
 */
export function predictions<L extends Tensor2D | Tensor3D>(logits: L, tasks: readonly TaskSpec[], mode: PurchaseMode): L {
  return tf.tidy(() =>
    perMember(logits, (z) => {
      const rows = tasks.map((task, t) => {
        const zt = taskRows(z, t, 1);
        if (task.kind === 'regression') return zt;
        if (!isFunnelReadout(tasks, mode, t)) return tf.sigmoid(zt);
        const cart = cartIndex(tasks);
        const reached = tf.sigmoid(taskRows(z, 0, 1)); // P(click)
        if (t === cart || cart < 0) return tf.mul(reached, tf.sigmoid(zt));
        return tf.mul(tf.mul(reached, tf.sigmoid(taskRows(z, cart, 1))), tf.sigmoid(zt));
      });
      return tf.concat(rows, 1) as Tensor3D;
    }),
  ) as L;
}
