/**
 * Loss-weighting strategies. tfjs has no per-output loss weights, so each strategy builds the
 * step's gradients itself. Two families:
 *
 * - scalar weights (one backward pass): `fixed`, `uncertainty`, `dwa`, `rlw` differentiate
 *   Σ_t w_t·L_t (plus uncertainty's regulariser);
 * - gradient surgery (T backward passes, one per task): `gradnorm`, `pcgrad`, `mgda` take each
 *   task's gradient and combine them.
 *
 * Everything stays on the device: no strategy reads a tensor back during a step.
 */
import { Rng } from '../random';
import { tf, type Scalar, type Tensor, type Tensor1D, type Tensor2D, type Variable } from '../engine/tf';
import type { TaskSpec } from '../features';
import type { WeightingConfig } from './config';

/** What a strategy needs to produce one step's gradients. */
export interface StepInput {
  /** Forward pass of the batch: per-task losses [T]. Called inside gradient tapes. */
  lossFn: () => Tensor1D;
  /** Trainable model variables. */
  vars: Variable[];
  /** Model variables shared between tasks (gradient surgery and conflict telemetry act on them). */
  shared: Variable[];
  /** GradNorm's layer: the last shared kernel. */
  lastShared: Variable | null;
  /** Also return the cosine matrix of the task gradients on the shared variables. */
  wantCosine: boolean;
}

export interface StepOutput {
  /** Gradient per variable name. */
  grads: Record<string, Tensor>;
  /** This batch's per-task losses [T]. */
  losses: Tensor1D;
  /** The task weights this step used [T]. */
  weights: Tensor1D;
  /** Cosine similarity of task gradients on the shared variables [T, T], when asked for. */
  cosine: Tensor2D | null;
}

export interface WeightingStrategy {
  readonly name: WeightingConfig['strategy'];
  /** Backward passes one step costs (telemetry steps of scalar strategies cost T more). */
  readonly backwardPasses: number;
  /** Extra trainable variables (uncertainty's log-variances), optimised with the model. */
  readonly extraVars: Variable[];
  step(input: StepInput): StepOutput;
  /** Mean training loss per task of the finished epoch (DWA's input). */
  onEpochEnd(meanLosses: number[]): void;
  dispose(): void;
}

/** Each task's loss and full gradient: T backward passes. Returned tensors are the caller's. */
function taskGradients(input: StepInput, T: number): { losses: Tensor1D; grads: Array<Record<string, Tensor>> } {
  let losses: Tensor1D | null = null;
  const grads: Array<Record<string, Tensor>> = [];
  for (let t = 0; t < T; t++) {
    const { value, grads: g } = tf.variableGrads(() => {
      const l = input.lossFn();
      if (t === 0) losses = tf.keep(tf.clone(l));
      return tf.squeeze(tf.slice(l, [t], [1])) as Scalar;
    }, input.vars);
    value.dispose();
    grads.push(g);
  }
  return { losses: losses!, grads };
}

/** Concatenates the gradients of `vars` into one vector [P]. */
function flatten(grads: Record<string, Tensor>, vars: Variable[]): Tensor1D {
  return tf.concat(vars.map((v) => tf.reshape(grads[v.name], [-1]))) as Tensor1D;
}

/** Splits a vector [P] back into tensors shaped like `vars`. */
function unflatten(vec: Tensor1D, vars: Variable[]): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  let offset = 0;
  for (const v of vars) {
    out[v.name] = tf.reshape(tf.slice(vec, [offset], [v.size]), v.shape);
    offset += v.size;
  }
  return out;
}

/** Cosine matrix of the rows of G [T, P]; a zero row has cosine 0 with everything. */
function cosineMatrix(G: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const norms = tf.maximum(tf.norm(G, 'euclidean', 1, true), 1e-12);
    const unit = tf.div(G, norms);
    return tf.matMul(unit, unit, false, true) as Tensor2D;
  });
}

/** The variables that are not shared between tasks. */
function taskSpecific(input: StepInput): Variable[] {
  const shared = new Set(input.shared);
  return input.vars.filter((v) => !shared.has(v));
}

/** Σ_t w_t·grads_t for every variable (w on the device, [T]). */
function combine(grads: Array<Record<string, Tensor>>, w: Tensor1D, vars: Variable[]): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const v of vars) {
    out[v.name] = tf.addN(grads.map((g, t) => tf.mul(g[v.name], tf.slice(w, [t], [1]))));
  }
  return out;
}

/** The task-gradient cosine on shared variables for a scalar-weight step (T extra passes). */
function telemetryCosine(input: StepInput, T: number): Tensor2D | null {
  if (input.shared.length === 0) return null;
  const { losses, grads } = taskGradients(input, T);
  const cos = tf.tidy(() => cosineMatrix(tf.stack(grads.map((g) => flatten(g, input.shared))) as Tensor2D));
  losses.dispose();
  grads.forEach((g) => tf.dispose(Object.values(g)));
  return cos;
}

/** Strategies whose step differentiates Σ_t w_t·L_t (+ reg) once. */
class ScalarStrategy implements WeightingStrategy {
  readonly backwardPasses = 1;
  readonly extraVars: Variable[] = [];
  private readonly logVar: Variable | null = null;
  private dwaWeights: number[];
  private readonly history: number[][] = [];
  private readonly rng: Rng;

  constructor(
    readonly name: 'fixed' | 'uncertainty' | 'dwa' | 'rlw',
    private readonly tasks: readonly TaskSpec[],
    private readonly config: WeightingConfig,
    private readonly liveWeights: () => readonly number[],
    seed: number,
  ) {
    this.dwaWeights = tasks.map(() => 1);
    this.rng = Rng.stream(seed, 'rlw');
    if (name === 'uncertainty') {
      const init = tf.zeros([tasks.length]);
      this.logVar = tf.variable(init, true);
      init.dispose(); // the variable keeps its own reference to the data
      this.extraVars.push(this.logVar);
    }
  }

  /** Kendall et al.: L = Σ_t c_t·e^{−s_t}·L_t + ½·s_t with c = ½ for regression, 1 for classification. */
  private uncertaintyScale(): Tensor1D {
    return tf.tensor1d(this.tasks.map((t) => (t.kind === 'regression' ? 0.5 : 1)));
  }

  private hostWeights(): number[] {
    const T = this.tasks.length;
    switch (this.name) {
      case 'fixed':
        return [...this.liveWeights()];
      case 'dwa':
        return this.dwaWeights;
      case 'rlw': {
        // Random loss weighting (Lin et al. 2021): w = T·softmax(z), z ~ N(0, I) drawn every step.
        const z = Array.from({ length: T }, () => Math.exp(this.rng.normal()));
        const s = z.reduce((a, b) => a + b, 0);
        return z.map((v) => (T * v) / s);
      }
      default:
        return this.tasks.map(() => 1);
    }
  }

  step(input: StepInput): StepOutput {
    const T = this.tasks.length;
    let losses: Tensor1D | null = null;
    const weights = this.logVar
      ? tf.tidy(() => tf.mul(this.uncertaintyScale(), tf.exp(tf.neg(this.logVar!))) as Tensor1D)
      : tf.tensor1d(this.hostWeights());
    const { value, grads } = tf.variableGrads(() => {
      const l = input.lossFn();
      losses = tf.keep(tf.clone(l));
      if (this.logVar) {
        const scale = this.uncertaintyScale();
        return tf.sum(tf.add(tf.mul(tf.mul(scale, tf.exp(tf.neg(this.logVar))), l), tf.mul(0.5, this.logVar))) as Scalar;
      }
      return tf.sum(tf.mul(weights, l)) as Scalar;
    }, [...input.vars, ...this.extraVars]);
    value.dispose();
    return { grads, losses: losses!, weights, cosine: input.wantCosine ? telemetryCosine(input, T) : null };
  }

  /** DWA (Liu et al. 2019): w_t = T·softmax(r/τ), r_t = L_t(e−1)/L_t(e−2); 1 for the first two epochs. */
  onEpochEnd(meanLosses: number[]): void {
    if (this.name !== 'dwa') return;
    this.history.push(meanLosses);
    if (this.history.length < 2) return;
    const last = this.history[this.history.length - 1];
    const prev = this.history[this.history.length - 2];
    const e = last.map((l, t) => Math.exp(l / prev[t] / this.config.dwaTemperature));
    const s = e.reduce((a, b) => a + b, 0);
    this.dwaWeights = e.map((v) => (last.length * v) / s);
  }

  dispose(): void {
    this.logVar?.dispose();
  }
}

/** Strategies that take every task's gradient and combine them (T backward passes). */
class SurgeryStrategy implements WeightingStrategy {
  readonly extraVars: Variable[] = [];
  readonly backwardPasses: number;
  /** GradNorm's weights, on the device. */
  private readonly gnWeights: Variable | null = null;
  /** GradNorm's initial losses L_t(0). */
  private initialLosses: Tensor1D | null = null;
  private readonly rng: Rng;

  constructor(
    readonly name: 'gradnorm' | 'pcgrad' | 'mgda',
    private readonly tasks: readonly TaskSpec[],
    private readonly config: WeightingConfig,
    private readonly liveWeights: () => readonly number[],
    seed: number,
  ) {
    const T = tasks.length;
    this.backwardPasses = T;
    this.rng = Rng.stream(seed, 'pcgrad');
    if (name === 'gradnorm') {
      const w = config.weights.slice(0, T);
      const s = w.reduce((a, b) => a + b, 0) || 1;
      const init = tf.tensor1d(w.map((v) => (T * v) / s));
      this.gnWeights = tf.variable(init, false);
      init.dispose();
    }
  }

  step(input: StepInput): StepOutput {
    const T = this.tasks.length;
    const { losses, grads } = taskGradients(input, T);
    let out: { combined: Record<string, Tensor>; weights: Tensor1D; cosine: Tensor2D | null } | null = null;
    // Everything made here is freed at the end of the tidy except what is kept for the caller.
    tf.tidy(() => {
      const G = input.shared.length ? (tf.stack(grads.map((g) => flatten(g, input.shared))) as Tensor2D) : null;
      const cosine = input.wantCosine && G ? tf.keep(cosineMatrix(G)) : null;
      let combined: Record<string, Tensor>;
      let weights: Tensor1D;
      if (this.name === 'gradnorm') ({ combined, weights } = this.gradNorm(input, grads, losses));
      else if (this.name === 'pcgrad') ({ combined, weights } = this.pcGrad(input, grads, G));
      else ({ combined, weights } = this.mgda(input, grads, G));
      for (const t of Object.values(combined)) tf.keep(t);
      out = { combined, weights: tf.keep(weights), cosine };
    });
    const kept = out!;
    grads.forEach((g) => tf.dispose(Object.values(g)));
    return { grads: kept.combined, losses, weights: kept.weights, cosine: kept.cosine };
  }

  /**
   * GradNorm (Chen et al. 2018): G_t = ‖∇_W w_t·L_t‖ on the last shared layer W,
   * r_t = L̃_t / mean(L̃) with L̃_t = L_t / L_t(0), target_t = mean(G)·r_t^α; the weights follow
   * the gradient of Σ|G_t − target_t| (target held constant), i.e. sign(G_t − target_t)·‖∇_W L_t‖,
   * then are renormalised to sum to T. The model steps on Σ w_t·∇L_t with the weights before the
   * update.
   */
  private gradNorm(input: StepInput, grads: Array<Record<string, Tensor>>, losses: Tensor1D) {
    const T = this.tasks.length;
    const w = this.gnWeights!;
    const weights = tf.clone(w) as Tensor1D;
    const combined = combine(grads, weights, input.vars);
    if (!this.initialLosses) this.initialLosses = tf.keep(tf.clone(losses));
    if (input.lastShared) {
      const name = input.lastShared.name;
      const gNorm = tf.stack(grads.map((g) => tf.norm(g[name]))) as Tensor1D; // ‖∇_W L_t‖
      const G = tf.mul(w, gNorm);
      const ratio = tf.div(losses, tf.maximum(this.initialLosses, 1e-12));
      const r = tf.div(ratio, tf.mean(ratio));
      const target = tf.mul(tf.mean(G), tf.pow(r, this.config.gradnormAlpha));
      const step = tf.mul(tf.sign(tf.sub(G, target)), gNorm);
      const updated = tf.maximum(tf.sub(w, tf.mul(this.config.gradnormLearningRate, step)), 1e-3);
      w.assign(tf.div(tf.mul(updated, T), tf.sum(updated)) as Tensor1D);
    }
    return { combined, weights };
  }

  /**
   * PCGrad (Yu et al. 2020): each task's (weighted) gradient on the shared variables is projected
   * onto the normal plane of every other task's gradient it conflicts with (negative dot product),
   * in a random order; the projected gradients are summed. Task-specific variables keep Σ_t w_t·g_t.
   */
  private pcGrad(input: StepInput, grads: Array<Record<string, Tensor>>, G: Tensor2D | null) {
    const T = this.tasks.length;
    const weights = tf.tensor1d(this.liveWeights().slice(0, T));
    // Shared variables get the projected sum below; only the others need the plain weighted sum.
    const combined = combine(grads, weights, G ? taskSpecific(input) : input.vars);
    if (G) {
      const rows = Array.from({ length: T }, (_, t) => tf.mul(tf.squeeze(tf.slice(G, [t, 0], [1, -1])), tf.slice(weights, [t], [1])) as Tensor1D);
      const projected = rows.map((gi, i) => {
        let g = gi;
        const others = this.rng.shuffle(Int32Array.from({ length: T }, (_, j) => j)).filter((j) => j !== i);
        for (const j of others) {
          const gj = rows[j];
          const coef = tf.div(tf.minimum(tf.sum(tf.mul(g, gj)), 0), tf.maximum(tf.sum(tf.mul(gj, gj)), 1e-20));
          g = tf.sub(g, tf.mul(coef, gj));
        }
        return g;
      });
      Object.assign(combined, unflatten(tf.addN(projected) as Tensor1D, input.shared));
    }
    return { combined, weights };
  }

  /**
   * MGDA (Sener & Koltun 2018): the min-norm point of the convex hull of the task gradients on the
   * shared variables, min_α ‖Σ α_t g_t‖² on the simplex: closed form for two tasks,
   * α₁ = clip((g₂ − g₁)·g₂ / ‖g₁ − g₂‖², 0, 1); Frank–Wolfe (20 iterations) beyond. Shared variables
   * step on Σ α_t g_t, task-specific ones on their own task's gradient (weights reported: α).
   */
  private mgda(input: StepInput, grads: Array<Record<string, Tensor>>, G: Tensor2D | null) {
    const T = this.tasks.length;
    const ones = tf.ones([T]) as Tensor1D;
    const combined = combine(grads, ones, G ? taskSpecific(input) : input.vars);
    if (!G) return { combined, weights: ones };
    const M = tf.matMul(G, G, false, true); // Gram matrix [T, T]
    let alpha: Tensor1D;
    if (T === 2) {
      const m00 = tf.slice(M, [0, 0], [1, 1]);
      const m01 = tf.slice(M, [0, 1], [1, 1]);
      const m11 = tf.slice(M, [1, 1], [1, 1]);
      const a1 = tf.clipByValue(tf.div(tf.sub(m11, m01), tf.maximum(tf.add(tf.sub(m00, tf.mul(2, m01)), m11), 1e-20)), 0, 1);
      alpha = tf.reshape(tf.concat([a1, tf.sub(1, a1)], 1), [2]) as Tensor1D;
    } else {
      alpha = tf.fill([T], 1 / T) as Tensor1D;
      for (let it = 0; it < 20; it++) {
        const Ma = tf.squeeze(tf.matMul(M, tf.reshape(alpha, [T, 1]))) as Tensor1D;
        const best = tf.argMin(Ma);
        const e = tf.oneHot(best, T, 1, 0, 'float32') as Tensor1D;
        const v1v1 = tf.sum(tf.mul(alpha, Ma));
        const v1v2 = tf.sum(tf.mul(e, Ma));
        const v2v2 = tf.sum(tf.mul(e, tf.squeeze(tf.matMul(M, tf.reshape(e, [T, 1])))));
        const gamma = tf.clipByValue(tf.div(tf.sub(v1v1, v1v2), tf.maximum(tf.add(tf.sub(v1v1, tf.mul(2, v1v2)), v2v2), 1e-20)), 0, 1);
        alpha = tf.add(tf.mul(tf.sub(1, gamma), alpha), tf.mul(gamma, e)) as Tensor1D;
      }
    }
    const shared = tf.squeeze(tf.matMul(tf.reshape(alpha, [1, T]), G)) as Tensor1D;
    Object.assign(combined, unflatten(shared, input.shared));
    return { combined, weights: alpha };
  }

  onEpochEnd(): void {}

  dispose(): void {
    this.gnWeights?.dispose();
    this.initialLosses?.dispose();
  }
}

/**
 * Creates the strategy named in `config`.
 * @param liveWeights read at every step, so a slider moved during training acts at once.
 */
export function createWeighting(
  config: WeightingConfig,
  tasks: readonly TaskSpec[],
  liveWeights: () => readonly number[],
  seed: number,
): WeightingStrategy {
  switch (config.strategy) {
    case 'fixed':
    case 'uncertainty':
    case 'dwa':
    case 'rlw':
      return new ScalarStrategy(config.strategy, tasks, config, liveWeights, seed);
    default:
      return new SurgeryStrategy(config.strategy, tasks, config, liveWeights, seed);
  }
}
