/**
 * The tensor operations the networks are built from, each written for tfjs-wasm's fast paths (its
 * 2-D matmul) with a gradient of our own where tfjs's is slow or missing. Shapes as in network.ts.
 */
import { tf, type Tensor, type Tensor1D, type Tensor2D, type Tensor3D, type Tensor4D } from '../engine/tf';

/**
 * Embedding lookup whose gradient is a scatter-add (ScatterNd) into the table. tfjs differentiates
 * `gather` with UnsortedSegmentSum, which WASM lacks and the CPU backend runs as one pass per table
 * row (seconds per step for a 2,000-row table); ScatterNd sums duplicate indices in one pass on
 * every backend. The lookup itself is a GatherNd: tfjs's GatherV2 checks every index in JavaScript
 * (a closure per index) before the kernel runs, 3.2 ms for a step's 5,120 lookups on WASM against
 * 0.4 ms; indices here come from the encoder and are in range by construction.
 */
export function embeddingLookup(table: Tensor2D, idx: Tensor1D): Tensor2D {
  // customGrad's inputs are typed as tensors or a save function; ours are the table and `save`.
  const lookup = tf.customGrad((t: Tensor | tf.GradSaveFunc, save: Tensor | tf.GradSaveFunc) => {
    const tableIn = t as Tensor;
    const at = tf.expandDims(idx, 1);
    // The indices are saved with the tape: `idx` may be an intermediate of the forward pass (a
    // population's member offsets added), which tfjs frees before the backward pass runs.
    (save as tf.GradSaveFunc)([at]);
    return {
      value: tf.gatherND(tableIn, at),
      gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => tf.scatterND(saved[0], dy as Tensor, tableIn.shape),
    };
  });
  return lookup(table) as Tensor2D;
}

/**
 * x [P, B, D] · w [P, D, U] → [P, B, U], each member with its own kernel. On WASM the members go
 * one 2-D matmul each: tfjs-wasm runs a batched matmul about ten times slower per multiply-add than
 * a 2-D one (95 ms for P = 8, B = 1,024, 53 × 128 against 8 × 1.3 ms). Other backends take the
 * batched matmul, which a GPU runs as one kernel.
 */
export function memberMatMul(x: Tensor3D, w: Tensor3D): Tensor3D {
  const [P, B, D] = x.shape;
  const U = w.shape[2];
  if (w.shape[0] !== P || w.shape[1] !== D) throw new Error(`memberMatMul: [${x.shape}] · [${w.shape}]`);
  if (P === 1) return tf.reshape(tf.matMul(tf.reshape(x, [B, D]) as Tensor2D, tf.reshape(w, [D, U]) as Tensor2D), [1, B, U]) as Tensor3D;
  if (tf.getBackend() !== 'wasm') return tf.matMul(x, w) as Tensor3D;
  const xs = tf.unstack(x) as Tensor2D[];
  const ws = tf.unstack(w) as Tensor2D[];
  return tf.stack(xs.map((xi, i) => tf.matMul(xi, ws[i]))) as Tensor3D;
}

/** The [width, count] 0/1 matrix whose product with a [rows, width] tensor is its columns from … from + count − 1. */
function columns(width: number, from: number, count: number): Tensor2D {
  return zeroOne(width, count, (r, c) => r === from + c);
}

/** A [rows, cols] 0/1 matrix with a 1 wherever cell(r, c) holds (small constants for exact selections and spreads). */
function zeroOne(rows: number, cols: number, cell: (r: number, c: number) => boolean): Tensor2D {
  const m = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (cell(r, c)) m[r * cols + c] = 1;
  return tf.tensor2d(m, [rows, cols]);
}

/** A [P, ...shape] parameter as [P, 1, n] (a bias broadcast over the batch). */
export function overBatch(b: Tensor, P: number): Tensor3D {
  return tf.reshape(b, [P, 1, -1]) as Tensor3D;
}

/**
 * x [P, B, N] + b [P, 1, N], the bias's gradient summed over the batch by a matmul with a row of
 * ones. tfjs's gradient of a broadcast add sums over the batch axis, which tfjs-wasm does by
 * transposing first: 1.2 ms for [1,024, 128] (an MMoE step's expert bias), against 0.03 ms for
 * ones [1, B]·dy [B, N]. It made the default MMoE step about an eighth faster on WASM (13.6–14.7
 * against 11.8–12.9 ms in one Node run). The results came out bit-identical to the broadcast add's
 * (a 2-epoch default run's losses and AUCs; all 41 claims' rows in `bench:claims`).
 */
export function addBias(x: Tensor3D, b: Tensor3D): Tensor3D {
  const f = tf.customGrad((xi: Tensor | tf.GradSaveFunc, bi: Tensor | tf.GradSaveFunc) => {
    const [P, B] = (xi as Tensor3D).shape;
    return {
      value: tf.add(xi as Tensor, bi as Tensor),
      gradFunc: (dy: Tensor | Tensor[]) => {
        const g = dy as Tensor3D;
        // The ones filled by the backend, not by a JavaScript loop and an upload (engine/gradients.ts).
        // A population's: each member's own 2-D matmul (memberMatMul), so its numbers are the
        // ones it gets alone; tfjs-wasm's batched matmul sums in another order (last bits differ).
        const db = P === 1 ? tf.reshape(tf.matMul(tf.fill([1, B], 1) as Tensor2D, tf.reshape(g, [B, -1]) as Tensor2D), [1, 1, -1]) : memberMatMul(tf.fill([P, 1, B], 1) as Tensor3D, g);
        return [g, db];
      },
    };
  });
  return f(x, b) as Tensor3D;
}

/**
 * Each task's rows of [P·B, T, U] as [P, B, U], taken by a matmul with a 0/1 selection matrix:
 * tfjs-wasm slices a middle axis in JavaScript, one subarray copy per row (0.7 ms for B = 1,024,
 * and as much again for the pad of its gradient), where the [B, T·U]·[T·U, U] matmul takes
 * 0.03 ms. The values are exactly the slice's (each output is one input times 1 plus zeros).
 */
export function taskRows(x: Tensor3D, P: number, B: number): Tensor3D[] {
  const [M, T, U] = x.shape;
  if (T === 1) return [tf.reshape(x, [P, B, U]) as Tensor3D];
  const flat = tf.reshape(x, [M, T * U]) as Tensor2D;
  return Array.from({ length: T }, (_, t) => tf.reshape(tf.matMul(flat, columns(T * U, t * U, U)), [P, B, U]) as Tensor3D);
}

/**
 * The network's input row, embeddings [P, B, E] then dense inputs [P, B, D] side by side, with a
 * gradient for the embeddings only (the dense inputs are data). tfjs differentiates a concat with
 * SplitV, and tfjs-wasm's split copies the whole [B, E + D] gradient to JavaScript once per part
 * (1.65 ms a default step in Chromium, 0.28 ms in Node); here the embeddings' columns of the
 * gradient are taken by a matmul with a 0/1 matrix (exact: each value times 1, plus zeros).
 */
export function inputRow(emb: Tensor3D, dense: Tensor3D): Tensor3D {
  const [P, B, E] = emb.shape;
  const W = E + dense.shape[2];
  const f = tf.customGrad((e: Tensor | tf.GradSaveFunc) => ({
    value: tf.concat([e as Tensor3D, dense], 2),
    gradFunc: (dy: Tensor | Tensor[]) => tf.reshape(tf.matMul(tf.reshape(dy as Tensor, [P * B, W]) as Tensor2D, columns(W, 0, E)), [P, B, E]),
  }));
  return f(emb) as Tensor3D;
}

/**
 * Per-task activations xs[t] [P, B, V] stacked as [P, T, B, V]. tfjs differentiates a stack by
 * unstacking, and tfjs-wasm's unstack copies the whole gradient to JavaScript once per task (0.65 ms
 * a default step in Chromium); for one member each task's gradient rows are taken by a [1, T]·[T, B·V]
 * matmul with a 0/1 row instead (exact). Populations (P > 1, trained at once only on WebGPU) keep
 * the unstack.
 */
export function stackTasks(xs: Tensor3D[]): Tensor4D {
  const T = xs.length;
  const [P, B, V] = xs[0].shape;
  const f = tf.customGrad((...args: Array<Tensor | tf.GradSaveFunc>) => ({
    value: tf.stack(args.slice(0, T) as Tensor3D[], 1),
    gradFunc: (dy: Tensor | Tensor[]) => {
      const g = dy as Tensor4D;
      if (P > 1) return tf.unstack(g, 1);
      const flat = tf.reshape(g, [T, B * V]) as Tensor2D;
      // columns(T, t, 1) is [T, 1] with a 1 in row t; the same values as a [1, T] row pick row t.
      return Array.from({ length: T }, (_, t) => tf.reshape(tf.matMul(tf.reshape(columns(T, t, 1), [1, T]) as Tensor2D, flat), [1, B, V]));
    },
  }));
  return f(...xs) as Tensor4D;
}

/** Which gates mix which experts in `mixture`: gate columns gate … gate + count − 1 weigh experts expert … expert + count − 1. */
export interface MixtureSpan {
  gate: number;
  expert: number;
  count: number;
}

/**
 * One mixture of experts per row: out[m, u] = Σ_k gates[m, gate + k] · experts[m, (expert + k)·U + u],
 * summed in k order, for gates [M, W] and experts [M, E·U] (M = P·B rows, or more). tfjs-wasm runs
 * this as a batched matmul ([M, G, E]·[M, E, U]) with its slow per-row loop, forward and backward
 * (2.35 ms of a default MMoE step in a Chromium profile). Here every kernel is a fast one: the
 * gates are spread over their experts' units by a 0/1 matmul ([M, W]·[W, E·U]: each output one
 * gate times 1 plus zeros; experts outside the span get 0), multiplied with the experts and summed
 * over the experts; the gradient is two broadcast multiplies, a sum over the units and a 0/1
 * matmul putting the gates' gradient back in their columns.
 *
 * Same values as the batched matmul, bit for bit (ops.test.ts; only a gradient that a relu below
 * zeroes may carry the other sign of zero, which no later sum sees): its loop forms each output as
 * 0 + p₀ + p₁ + … in index order with float32 products (WASM has no fused multiply-add), and so do
 * the sums here (tfjs-wasm sums a row in order from 0; the zeros of experts outside the span
 * change no partial sum). That loop works in blocks of 48 along the summed axis, so with more than
 * 48 units per expert the gates' gradient may differ from it in the last bit (the same sum,
 * grouped differently). When several mixtures read the same experts, tfjs adds their parts of the
 * experts' gradient in reverse order of use: for two, that is the batched matmul's two-term sum in
 * either order; for three or more it is not, so callers keep the batched matmul there
 * (`mixExperts`, PLE's levels below the last) and their results stay as they were.
 */
export function mixture(gates: Tensor2D, experts: Tensor2D, units: number, span: MixtureSpan): Tensor2D {
  const [M, W] = gates.shape;
  const U = units;
  const E = experts.shape[1] / U;
  const { gate, expert, count } = span;
  if (!Number.isInteger(E) || gate + count > W || expert + count > E) throw new Error(`mixture: gates [${gates.shape}], experts [${experts.shape}] of ${U} units, span ${JSON.stringify(span)}`);
  const f = tf.customGrad((gi: Tensor | tf.GradSaveFunc, hi: Tensor | tf.GradSaveFunc, save: Tensor | tf.GradSaveFunc) => {
    const h = hi as Tensor2D;
    // spread[m, (expert + k)·U + u] = gates[m, gate + k]; 0 for experts outside the span.
    const spread = tf.matMul(gi as Tensor2D, zeroOne(W, E * U, (r, c) => r - gate === Math.floor(c / U) - expert && r >= gate && r < gate + count));
    (save as tf.GradSaveFunc)([h, spread]);
    return {
      value: tf.sum(tf.reshape(tf.mul(spread, h), [M, E, U]), 1),
      gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
        const [hs, spreadS] = saved;
        const dyRow = tf.reshape(dy as Tensor, [M, 1, U]);
        const dExperts = tf.reshape(tf.mul(dyRow, tf.reshape(spreadS, [M, E, U])), [M, E * U]);
        const dPerExpert = tf.sum(tf.mul(dyRow, tf.reshape(hs, [M, E, U])), 2) as Tensor2D; // [M, E]
        const dGates = tf.matMul(dPerExpert, zeroOne(E, W, (r, c) => c - gate === r - expert && c >= gate && c < gate + count));
        return [dGates, dExperts];
      },
    };
  });
  return f(gates, experts) as Tensor2D;
}

/**
 * Every gate set's mixture of the experts, one [P, B, U] per set, for gates [P·B, G, E] and experts
 * [P·B, E·U]: on WASM with up to two sets by `mixture` (see there), otherwise as tfjs's batched
 * matmul (a GPU runs it as one kernel) with each set's rows taken by `taskRows`.
 */
export function mixExperts(gates: Tensor3D, experts: Tensor2D, P: number, B: number): Tensor3D[] {
  const [M, G, E] = gates.shape;
  const U = experts.shape[1] / E;
  if (tf.getBackend() === 'wasm' && G <= 2) {
    const flat = tf.reshape(gates, [M, G * E]) as Tensor2D;
    return Array.from({ length: G }, (_, t) => tf.reshape(mixture(flat, experts, U, { gate: t * E, expert: 0, count: E }), [P, B, U]) as Tensor3D);
  }
  return taskRows(tf.matMul(gates, tf.reshape(experts, [M, E, U]) as Tensor3D) as Tensor3D, P, B);
}
