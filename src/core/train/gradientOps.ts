/**
 * Gradient operations the weighting strategies share, for a population of P models: each task's
 * gradient by its own backward pass, flattening shared variables' gradients into rows, Gram and
 * cosine matrices of task gradients, and recombining weighted gradients per member. All on the
 * device; no read-back.
 */
import { tf, type Scalar, type Tensor, type Tensor2D, type Tensor3D, type Variable } from '../engine/tf';
import type { StepInput } from './weighting';

/** Each task's loss and full gradient: T backward passes (of Σ_p L_pt). Returned tensors are the caller's. */
export function taskGradients(input: StepInput, T: number): { losses: Tensor2D; grads: Array<Record<string, Tensor>> } {
  let losses: Tensor2D | null = null;
  const grads: Array<Record<string, Tensor>> = [];
  for (let t = 0; t < T; t++) {
    const { value, grads: g } = tf.variableGrads(() => {
      const l = input.lossFn();
      if (t === 0) losses = tf.keep(tf.clone(l));
      return tf.sum(tf.slice(l, [0, t], [-1, 1])) as Scalar;
    }, input.vars);
    value.dispose();
    grads.push(g);
  }
  return { losses: losses!, grads };
}

/** Concatenates each member's gradients of `vars` into one row: [P, N]. */
function flatten(grads: Record<string, Tensor>, vars: Variable[], P: number): Tensor2D {
  return tf.concat(vars.map((v) => tf.reshape(grads[v.name], [P, -1])), 1) as Tensor2D;
}

/** Splits rows [P, N] back into tensors shaped like `vars`. */
export function unflatten(rows: Tensor2D, vars: Variable[]): Record<string, Tensor> {
  const P = rows.shape[0];
  const out: Record<string, Tensor> = {};
  let offset = 0;
  for (const v of vars) {
    const n = v.size / P;
    out[v.name] = tf.reshape(tf.slice(rows, [0, offset], [P, n]), v.shape);
    offset += n;
  }
  return out;
}

/** Gram matrices of each member's task gradients G [P, T, N]: [P, T, T] (a multiply and a sum: T is tiny). */
export function gram(G: Tensor3D): Tensor3D {
  const [P, T, N] = G.shape;
  return tf.sum(tf.mul(tf.reshape(G, [P, T, 1, N]), tf.reshape(G, [P, 1, T, N])), 3) as Tensor3D;
}

/** Cosine matrices of the rows of each member's G [P, T, N]; a zero row has cosine 0 with everything. */
export function cosineMatrix(G: Tensor3D): Tensor3D {
  return tf.tidy(() => {
    const norms = tf.maximum(tf.norm(G, 'euclidean', 2, true), 1e-12);
    return gram(tf.div(G, norms) as Tensor3D);
  });
}

/** Stacks each task's flattened shared gradients: [P, T, N]. */
export function taskMatrix(grads: Array<Record<string, Tensor>>, shared: Variable[], P: number): Tensor3D {
  return tf.stack(grads.map((g) => flatten(g, shared, P)), 1) as Tensor3D;
}

/** The variables that are not shared between tasks. */
export function taskSpecific(input: StepInput): Variable[] {
  const shared = new Set(input.shared);
  return input.vars.filter((v) => !shared.has(v));
}

/** Column t of w [P, T] shaped to broadcast over a [P, ...] tensor of rank `rank`. */
function memberColumn(w: Tensor2D, t: number, rank: number): Tensor {
  const P = w.shape[0];
  return tf.reshape(tf.slice(w, [0, t], [P, 1]), [P, ...Array.from({ length: rank - 1 }, () => 1)]);
}

/** Σ_t w_pt·grads_t for every variable, member by member (w on the device, [P, T]). */
export function combine(grads: Array<Record<string, Tensor>>, w: Tensor2D, vars: Variable[]): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const v of vars) out[v.name] = tf.addN(grads.map((g, t) => tf.mul(g[v.name], memberColumn(w, t, v.rank))));
  return out;
}

/** The task-gradient cosines on shared variables for a scalar-weight step (T extra passes). */
export function telemetryCosine(input: StepInput, T: number, P: number): Tensor3D | null {
  if (input.shared.length === 0) return null;
  const { losses, grads } = taskGradients(input, T);
  const cos = tf.tidy(() => cosineMatrix(taskMatrix(grads, input.shared, P)));
  losses.dispose();
  grads.forEach((g) => tf.dispose(Object.values(g)));
  return cos;
}
