/**
 * Loss-weighting strategies. tfjs has no per-output loss weights, so each strategy builds the
 * step's gradients itself. Two families:
 *
 * - scalar weights (one backward pass): `fixed`, `uncertainty`, `dwa`, `rlw`, `conditioned`
 *   differentiate Σ_t w_t·L_t (plus uncertainty's regulariser);
 * - gradient surgery (T backward passes, one per task): `gradnorm`, `pcgrad`, `mgda` take each
 *   task's gradient and combine them.
 *
 * Every strategy serves a population of P models (see model/network.ts): losses are [P, T],
 * weights [P, T], and each member keeps its own state (its weights, GradNorm's weights and initial
 * losses, DWA's loss history, RLW's and PCGrad's random streams). Members are independent, so the
 * gradient of Σ_p Σ_t w_pt·L_pt with respect to member p's parameters is exactly member p's own
 * Σ_t w_pt·∇L_pt: one backward pass serves all members.
 *
 * Everything stays on the device: no strategy reads a tensor back during a step, except MGDA with
 * four or more tasks (the three-step funnel with the interest head), whose exact min-norm solve
 * runs on the host after one read-back of the Gram matrices.
 */
import { Rng } from '../random';
import { drawShares, lossWeights } from './conditioned';
import { minNormWeights } from './minNorm';
import { minNormWeights3 } from './minNormDevice';
import { combine, cosineMatrix, gram, taskGradients, taskMatrix, taskSpecific, telemetryCosine, unflatten } from './gradientOps';
import { tf, type Scalar, type Tensor, type Tensor2D, type Tensor3D, type Variable } from '../engine/tf';
import type { TaskSpec } from '../features';
import type { WeightingConfig } from './config';

/** What a strategy needs to produce one step's gradients. */
export interface StepInput {
  /**
   * Forward pass of the batch: per-member, per-task losses [P, T]. Called inside gradient tapes;
   * `condition` ([P, C]) is what a weight-conditioned network reads (the `conditioned` strategy's
   * drawn shares), absent for every other strategy.
   */
  lossFn: (condition?: Tensor2D) => Tensor2D;
  /** Trainable model variables (each [P, ...]). */
  vars: Variable[];
  /** Model variables shared between tasks (gradient surgery and conflict telemetry act on them). */
  shared: Variable[];
  /** GradNorm's layer: the last shared kernel. */
  lastShared: Variable | null;
  /** Also return the cosine matrices of the task gradients on the shared variables. */
  wantCosine: boolean;
}

export interface StepOutput {
  /** Gradient per variable name. */
  grads: Record<string, Tensor>;
  /** This batch's per-task losses [P, T]. */
  losses: Tensor2D;
  /** The task weights this step used [P, T]. */
  weights: Tensor2D;
  /** Cosine similarity of task gradients on the shared variables [P, T, T], when asked for. */
  cosine: Tensor3D | null;
}

export interface WeightingStrategy {
  readonly name: WeightingConfig['strategy'];
  /** Backward passes one step costs (telemetry steps of scalar strategies cost T more). */
  readonly backwardPasses: number;
  /** Extra trainable variables (uncertainty's log-variances), optimised with the model. */
  readonly extraVars: Variable[];
  step(input: StepInput): StepOutput;
  /** Mean training loss per member and task of the finished epoch (DWA's input), [P][T]. */
  onEpochEnd(meanLosses: number[][]): void;
  dispose(): void;
}

/** What each member of a population brings to its weighting. */
export interface MemberWeighting {
  /** The member's weighting config; every member must name the same strategy. */
  config: WeightingConfig;
  /** The member's training seed (RLW's and PCGrad's random streams). */
  seed: number;
}

/** Strategies whose step differentiates Σ_p Σ_t w_pt·L_pt (+ reg) once. */
class ScalarStrategy implements WeightingStrategy {
  readonly backwardPasses = 1;
  readonly extraVars: Variable[] = [];
  private readonly logVar: Variable | null = null;
  private dwaWeights: number[][];
  private readonly history: number[][][] = [];
  private readonly rngs: Rng[];

  constructor(
    readonly name: 'fixed' | 'uncertainty' | 'dwa' | 'rlw' | 'conditioned',
    private readonly tasks: readonly TaskSpec[],
    private readonly members: readonly MemberWeighting[],
    private readonly liveWeights: () => ReadonlyArray<readonly number[]>,
    /** `conditioned`: the tasks whose weights are drawn (the network's condition inputs). */
    private readonly conditionDim: number,
  ) {
    this.dwaWeights = members.map(() => tasks.map(() => 1));
    this.rngs = members.map((m) => Rng.stream(m.seed, name === 'conditioned' ? 'conditioned' : 'rlw'));
    if (name === 'conditioned' && !(conditionDim >= 1 && conditionDim <= tasks.length)) {
      throw new Error(`The conditioned weighting draws the weights of 1 to ${tasks.length} tasks, which its network reads as inputs; this network reads ${conditionDim}.`);
    }
    if (name === 'uncertainty') {
      const init = tf.zeros([members.length, tasks.length]);
      this.logVar = tf.variable(init, true);
      init.dispose(); // the variable keeps its own reference to the data
      this.extraVars.push(this.logVar);
    }
  }

  /** Kendall et al.: L = Σ_t c_t·e^{−s_t}·L_t + ½·s_t with c = ½ for regression, 1 for classification. */
  private uncertaintyScale(): Tensor2D {
    return tf.tensor2d([this.tasks.map((t) => (t.kind === 'regression' ? 0.5 : 1))]);
  }

  /** This step's weights per member; `shares`: the conditioned weighting's draws for this step. */
  private hostWeights(shares: number[][] | null): number[][] {
    const T = this.tasks.length;
    switch (this.name) {
      case 'fixed':
        return this.liveWeights().map((w) => [...w]);
      case 'dwa':
        return this.dwaWeights;
      case 'rlw':
        // Random loss weighting (Lin et al. 2021): w = T·softmax(z), z ~ N(0, I) drawn every step.
        return this.rngs.map((rng) => {
          const z = Array.from({ length: T }, () => Math.exp(rng.normal()));
          const s = z.reduce((a, b) => a + b, 0);
          return z.map((v) => (T * v) / s);
        });
      case 'conditioned':
        // One model for every weighting (see conditioned.ts): the drawn shares, the other tasks at
        // their set weights.
        return shares!.map((s, p) => lossWeights(s, this.liveWeights()[p].slice(this.conditionDim, T)));
      default:
        return this.members.map(() => this.tasks.map(() => 1));
    }
  }

  step(input: StepInput): StepOutput {
    const T = this.tasks.length;
    const P = this.members.length;
    let losses: Tensor2D | null = null;
    // The conditioned weighting draws each member's shares afresh: its loss weights and its condition.
    const shares = this.name === 'conditioned' ? this.rngs.map((rng) => drawShares(rng, this.conditionDim)) : null;
    const weights = this.logVar
      ? tf.tidy(() => tf.mul(this.uncertaintyScale(), tf.exp(tf.neg(this.logVar!))) as Tensor2D)
      : tf.tensor2d(this.hostWeights(shares));
    const condition = shares ? tf.tensor2d(shares) : undefined;
    const { value, grads } = tf.variableGrads(() => {
      const l = input.lossFn(condition);
      losses = tf.keep(tf.clone(l));
      if (this.logVar) {
        const scale = this.uncertaintyScale();
        return tf.sum(tf.add(tf.mul(tf.mul(scale, tf.exp(tf.neg(this.logVar))), l), tf.mul(0.5, this.logVar))) as Scalar;
      }
      return tf.sum(tf.mul(weights, l)) as Scalar;
    }, [...input.vars, ...this.extraVars]);
    value.dispose();
    // The conflict telemetry differentiates each task at this step's condition too.
    const cosine = input.wantCosine ? telemetryCosine({ ...input, lossFn: () => input.lossFn(condition) }, T, P) : null;
    condition?.dispose();
    return { grads, losses: losses!, weights, cosine };
  }

  /** DWA (Liu et al. 2019): w_t = T·softmax(r/τ), r_t = L_t(e−1)/L_t(e−2); 1 for the first two epochs. Per member. */
  onEpochEnd(meanLosses: number[][]): void {
    if (this.name !== 'dwa') return;
    this.history.push(meanLosses);
    if (this.history.length < 2) return;
    const last = this.history[this.history.length - 1];
    const prev = this.history[this.history.length - 2];
    this.dwaWeights = last.map((row, p) => {
      const e = row.map((l, t) => Math.exp(l / prev[p][t] / this.members[p].config.dwaTemperature));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => (row.length * v) / s);
    });
  }

  dispose(): void {
    this.logVar?.dispose();
  }
}

/** Strategies that take every task's gradient and combine them (T backward passes). */
class SurgeryStrategy implements WeightingStrategy {
  readonly extraVars: Variable[] = [];
  readonly backwardPasses: number;
  /** GradNorm's weights [P, T], on the device. */
  private readonly gnWeights: Variable | null = null;
  /** GradNorm's initial losses L_t(0), [P, T]. */
  private initialLosses: Tensor2D | null = null;
  private readonly rngs: Rng[];

  constructor(
    readonly name: 'gradnorm' | 'pcgrad' | 'mgda',
    private readonly tasks: readonly TaskSpec[],
    private readonly members: readonly MemberWeighting[],
    private readonly liveWeights: () => ReadonlyArray<readonly number[]>,
  ) {
    const T = tasks.length;
    this.backwardPasses = T;
    this.rngs = members.map((m) => Rng.stream(m.seed, 'pcgrad'));
    if (name === 'gradnorm') {
      const init = tf.tensor2d(
        members.map((m) => {
          const w = m.config.weights.slice(0, T);
          const s = w.reduce((a, b) => a + b, 0) || 1;
          return w.map((v) => (T * v) / s);
        }),
      );
      this.gnWeights = tf.variable(init, false);
      init.dispose();
    }
  }

  step(input: StepInput): StepOutput {
    const T = this.tasks.length;
    const P = this.members.length;
    const { losses, grads } = taskGradients(input, T);
    let out: { combined: Record<string, Tensor>; weights: Tensor2D; cosine: Tensor3D | null } | null = null;
    // Everything made here is freed at the end of the tidy except what is kept for the caller.
    tf.tidy(() => {
      const G = input.shared.length ? taskMatrix(grads, input.shared, P) : null;
      const cosine = input.wantCosine && G ? tf.keep(cosineMatrix(G)) : null;
      let combined: Record<string, Tensor>;
      let weights: Tensor2D;
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

  /** A per-member setting as a column [P, 1]. */
  private column(pick: (c: WeightingConfig) => number): Tensor2D {
    return tf.tensor2d(this.members.map((m) => [pick(m.config)]));
  }

  /**
   * GradNorm (Chen et al. 2018): G_t = ‖∇_W w_t·L_t‖ on the last shared layer W,
   * r_t = L̃_t / mean(L̃) with L̃_t = L_t / L_t(0), target_t = mean(G)·r_t^α; the weights follow
   * the gradient of Σ|G_t − target_t| (target held constant), i.e. sign(G_t − target_t)·‖∇_W L_t‖,
   * then are renormalised to sum to T. The model steps on Σ w_t·∇L_t with the weights before the
   * update. Every quantity is per member (rows of [P, T]).
   */
  private gradNorm(input: StepInput, grads: Array<Record<string, Tensor>>, losses: Tensor2D) {
    const T = this.tasks.length;
    const P = this.members.length;
    const w = this.gnWeights!;
    const weights = tf.clone(w) as Tensor2D;
    const combined = combine(grads, weights, input.vars);
    if (!this.initialLosses) this.initialLosses = tf.keep(tf.clone(losses));
    if (input.lastShared) {
      const name = input.lastShared.name;
      const gNorm = tf.stack(grads.map((g) => tf.norm(tf.reshape(g[name], [P, -1]), 'euclidean', 1)), 1); // ‖∇_W L_t‖ [P, T]
      const G = tf.mul(w, gNorm);
      const ratio = tf.div(losses, tf.maximum(this.initialLosses, 1e-12));
      const r = tf.div(ratio, tf.mean(ratio, 1, true));
      const target = tf.mul(tf.mean(G, 1, true), tf.pow(r, this.column((c) => c.gradnormAlpha)));
      const step = tf.mul(tf.sign(tf.sub(G, target)), gNorm);
      const updated = tf.maximum(tf.sub(w, tf.mul(this.column((c) => c.gradnormLearningRate), step)), 1e-3);
      w.assign(tf.div(tf.mul(updated, T), tf.sum(updated, 1, true)) as Tensor2D);
    }
    return { combined, weights };
  }

  /**
   * PCGrad (Yu et al. 2020): each task's (weighted) gradient on the shared variables is projected
   * onto the normal plane of every other task's gradient it conflicts with (negative dot product),
   * in a random order (each member its own); the projected gradients are summed. Task-specific
   * variables keep Σ_t w_t·g_t.
   */
  private pcGrad(input: StepInput, grads: Array<Record<string, Tensor>>, G: Tensor3D | null) {
    const T = this.tasks.length;
    const P = this.members.length;
    const weights = tf.tensor2d(this.liveWeights().map((w) => w.slice(0, T)));
    // Shared variables get the projected sum below; only the others need the plain weighted sum.
    const combined = combine(grads, weights, G ? taskSpecific(input) : input.vars);
    if (G) {
      const R = tf.mul(G, tf.reshape(weights, [P, T, 1])) as Tensor3D; // weighted rows [P, T, N]
      const rows = tf.unstack(R, 1) as Tensor2D[];
      const projected = rows.map((gi, i) => {
        // Each member's order of the other tasks, drawn as a single run of it would draw it.
        const orders = this.rngs.map((rng) => Array.from(rng.shuffle(Int32Array.from({ length: T }, (_, j) => j))).filter((j) => j !== i));
        let g = gi;
        for (let k = 0; k < T - 1; k++) {
          const at = tf.tensor2d(orders.map((o, p) => [p, o[k]]), [P, 2], 'int32');
          const gj = tf.gatherND(R, at) as Tensor2D; // member p's row orders[p][k]
          const coef = tf.div(tf.minimum(tf.sum(tf.mul(g, gj), 1, true), 0), tf.maximum(tf.sum(tf.mul(gj, gj), 1, true), 1e-20));
          g = tf.sub(g, tf.mul(coef, gj));
        }
        return g;
      });
      Object.assign(combined, unflatten(tf.addN(projected) as Tensor2D, input.shared));
    }
    return { combined, weights };
  }

  /**
   * MGDA (Sener & Koltun 2018): the min-norm point of the convex hull of the task gradients on the
   * shared variables, min_α ‖Σ α_t g_t‖² on the simplex: closed form for two tasks,
   * α₁ = clip((g₂ − g₁)·g₂ / ‖g₁ − g₂‖², 0, 1); three tasks exactly on the device face by face
   * (`minNormWeights3`); beyond, exactly on the host (`minNormWeights`). Shared variables
   * step on Σ α_t g_t, task-specific ones on their own task's gradient (weights reported: α).
   * Per member.
   */
  private mgda(input: StepInput, grads: Array<Record<string, Tensor>>, G: Tensor3D | null) {
    const T = this.tasks.length;
    const P = this.members.length;
    const ones = tf.ones([P, T]) as Tensor2D;
    const combined = combine(grads, ones, G ? taskSpecific(input) : input.vars);
    if (!G) return { combined, weights: ones };
    const M = gram(G); // [P, T, T]
    const entry = (i: number, j: number) => tf.reshape(tf.slice(M, [0, i, j], [P, 1, 1]), [P, 1]);
    let alpha: Tensor2D;
    if (T === 2) {
      const [m00, m01, m11] = [entry(0, 0), entry(0, 1), entry(1, 1)];
      const a1 = tf.clipByValue(tf.div(tf.sub(m11, m01), tf.maximum(tf.add(tf.sub(m00, tf.mul(2, m01)), m11), 1e-20)), 0, 1);
      alpha = tf.concat([a1, tf.sub(1, a1)], 1) as Tensor2D;
    } else if (T === 3) {
      // Three tasks (the three-step funnel): the exact minimum face by face on the device, no read-back.
      alpha = minNormWeights3(M);
    } else {
      // Four or more tasks (the funnel with the interest head): solved exactly on the host
      // (`minNormWeights`; Frank–Wolfe's 20 steps left the norm up to 11% above the minimum for
      // three tasks). The Gram matrices are P·T·T numbers, read back once per step: a sync point,
      // and MGDA already pays T backward passes.
      const m = M.dataSync();
      const weights = new Float32Array(P * T);
      for (let p = 0; p < P; p++) weights.set(minNormWeights(m.subarray(p * T * T, (p + 1) * T * T), T), p * T);
      alpha = tf.tensor2d(weights, [P, T]);
    }
    const shared = tf.sum(tf.mul(tf.reshape(alpha, [P, T, 1]), G), 1) as Tensor2D;
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
 * Creates the strategy the members name (one strategy for the whole population).
 * @param liveWeights each member's fixed weights, read at every step, so a slider moved during
 *   training acts at once.
 */
export function createWeighting(
  members: readonly MemberWeighting[],
  tasks: readonly TaskSpec[],
  liveWeights: () => ReadonlyArray<readonly number[]>,
  /** The network's condition inputs (`conditioned` draws that many tasks' weights); 0 for an ordinary network. */
  conditionDim = 0,
): WeightingStrategy {
  if (members.length === 0) throw new Error('A weighting needs at least one member.');
  const strategy = members[0].config.strategy;
  const other = members.find((m) => m.config.strategy !== strategy);
  if (other) throw new Error(`Every member of a population uses one weighting strategy: got ${strategy} and ${other.config.strategy}.`);
  switch (strategy) {
    case 'fixed':
    case 'uncertainty':
    case 'dwa':
    case 'rlw':
    case 'conditioned':
      return new ScalarStrategy(strategy, tasks, members, liveWeights, conditionDim);
    default:
      return new SurgeryStrategy(strategy, tasks, members, liveWeights);
  }
}
