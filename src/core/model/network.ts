/**
 * The multi-task networks, written as a few large tensor ops rather than many small layers: the
 * per-op overhead of tfjs, not arithmetic, limits a small model's speed. So all experts of a level
 * are one matmul, all gates one matmul and one softmax, and all task towers one batched matmul over
 * a leading task axis.
 *
 * Shapes: B = batch, T = tasks, E = experts, U = expert units, V = tower units, D = input width.
 */
import { tf, type Tensor, type Tensor1D, type Tensor2D, type Tensor3D } from '../engine/tf';
import type { EncodedData } from '../features';
import type { ModelConfig } from './config';
import { ParamSet } from './params';

/**
 * Embedding lookup whose gradient is a scatter-add (ScatterNd) into the table. tfjs differentiates
 * `gather` with UnsortedSegmentSum, which WASM lacks and the CPU backend runs as one pass per table
 * row (seconds per step for a 2,000-row table); ScatterNd sums duplicate indices in one pass on
 * every backend. The lookup itself is a GatherNd: tfjs's GatherV2 checks every index in JavaScript
 * (a closure per index) before the kernel runs, 3.2 ms for a step's 5,120 lookups on WASM against
 * 0.4 ms; indices here come from the encoder and are in range by construction.
 */
export function embeddingLookup(table: Tensor2D, idx: Tensor1D): Tensor2D {
  // customGrad's inputs are typed as tensors or a save function; ours is always the table.
  const lookup = tf.customGrad((t: Tensor | tf.GradSaveFunc) => {
    const tableIn = t as Tensor;
    return {
      value: tf.gatherND(tableIn, tf.expandDims(idx, 1)),
      gradFunc: (dy: Tensor | Tensor[]) => tf.scatterND(tf.expandDims(idx, 1), dy as Tensor, tableIn.shape),
    };
  });
  return lookup(table) as Tensor2D;
}

/**
 * Repeats a [1, B, n] tensor along the first axis to [groups, B, n]. tfjs's batched matmul
 * broadcasts a batch axis of 1 going forward but its gradient does not sum it back, so every
 * batched matmul gets explicit groups.
 */
function spread(x: Tensor3D, groups: number): Tensor3D {
  return x.shape[0] === groups ? x : (tf.tile(x, [groups, 1, 1]) as Tensor3D);
}

/** What a network is built from: the model section's sizes and the data's shape. */
export type NetSpec = Omit<ModelConfig, 'purchaseTarget' | 'positionInput'> & {
  /** Rows of the position-bias table (largest position + 1); 0 = the model does not see positions. */
  numPositions: number;
  numTasks: number;
  /** Rows of each categorical input's embedding table. */
  categoricalVocab: number[];
  denseDim: number;
};

/** The network spec for a model config and the encoded data it will train on. */
export function netSpecFor(model: ModelConfig, data: EncodedData): NetSpec {
  const { purchaseTarget: _unused, positionInput, ...sizes } = model;
  let numPositions = 0;
  if (positionInput === 'shallow-tower') {
    if (!data.position) throw new Error('A position-aware model needs data with list positions (the shopper world).');
    for (const p of data.position) numPositions = Math.max(numPositions, p + 1);
  }
  return { ...sizes, numPositions, numTasks: data.tasks.length, categoricalVocab: data.categorical.map((c) => c.vocab), denseDim: data.denseDim };
}

export interface NetInputs {
  /** Rows of the combined embedding table, int32 [B, F]: input f's index plus its offset. */
  categorical: Tensor2D;
  /** Dense inputs [B, denseDim] (may have 0 columns). */
  dense: Tensor2D;
  /** 1-based list position per example, int32 [B]; null or absent when the data has none. */
  position?: Tensor1D | null;
}

export interface ForwardOptions {
  training: boolean;
  /** Dropout rate after every hidden layer while training. */
  dropout: number;
  /** Seed of this step's dropout masks. */
  seed: number;
}

export interface NetOutput {
  /** One logit per task and example, [T, B]. */
  logits: Tensor2D;
  /**
   * Gate weights averaged over the batch, one row per gate, [gates, experts]; null for models
   * without gates. MMoE: a gate per task; OMoE: one gate; PLE: each task's gate of the last level
   * over its own experts then the shared ones.
   */
  gateMeans: Tensor2D | null;
}

export class MultiTaskNet {
  readonly params: ParamSet;
  /** The shared parameter GradNorm measures gradient norms on (the last layer before task parts). */
  readonly lastShared: string | null;
  private readonly inputWidth: number;

  constructor(readonly spec: NetSpec, seed: number) {
    const p = new ParamSet(seed);
    this.params = p;
    const { architecture: arch, numTasks: T, embeddingDim: k, expertUnits: U, towerUnits: V, numExperts: E } = spec;
    this.inputWidth = spec.categoricalVocab.length * k + spec.denseDim;
    const D = this.inputWidth;
    // One table for all categorical inputs (rows offset per input, see categoricalOffsets).
    const rows = spec.categoricalVocab.reduce((a, b) => a + b, 0);
    if (rows > 0) {
      // single-task: a separate network per task, embeddings included.
      if (arch === 'single-task') for (let t = 0; t < T; t++) p.embedding(`emb${t}`, rows, k, false);
      else p.embedding('emb', rows, k, true);
    }
    let lastShared: string | null = null;
    switch (arch) {
      case 'single-task':
      case 'esmm':
        p.kernel('bottomW', [T, D, U], false);
        p.bias('bottomB', [T, 1, U], false);
        // ESMM shares only the embeddings: GradNorm balances the tasks on them.
        lastShared = arch === 'esmm' && rows > 0 ? 'emb' : null;
        break;
      case 'shared-bottom':
        p.kernel('bottomW', [D, U], true);
        p.bias('bottomB', [U], true);
        lastShared = 'bottomW';
        break;
      case 'omoe':
      case 'mmoe': {
        const G = arch === 'omoe' ? 1 : T;
        p.kernel('expertW', [D, E * U], true);
        p.bias('expertB', [E * U], true);
        p.kernel('gateW', [D, G * E], arch === 'omoe');
        p.bias('gateB', [G * E], arch === 'omoe');
        lastShared = 'expertW';
        break;
      }
      case 'ple': {
        const K = spec.pleExperts;
        for (let l = 0; l < spec.pleLevels; l++) {
          const inW = l === 0 ? D : U;
          // Expert groups 0..T−1 belong to the tasks, group T is shared. In the last level a task's
          // experts feed only its own gate, so only its loss reaches them: they are task-private
          // (gradient surgery and GradNorm must not treat them as shared). Below the last level
          // the shared gate also mixes them into the next level's shared input, so both tasks'
          // losses depend on them.
          const privateExperts = l === spec.pleLevels - 1;
          p.kernel(`ple${l}_taskExpertW`, [T, inW, K * U], !privateExperts);
          p.bias(`ple${l}_taskExpertB`, [T, 1, K * U], !privateExperts);
          p.kernel(`ple${l}_sharedExpertW`, [1, inW, K * U], true);
          p.bias(`ple${l}_sharedExpertB`, [1, 1, K * U], true);
          p.kernel(`ple${l}_gateW`, [T, inW, 2 * K], false);
          p.bias(`ple${l}_gateB`, [T, 1, 2 * K], false);
          if (l < spec.pleLevels - 1) {
            p.kernel(`ple${l}_sharedGateW`, [inW, (T + 1) * K], true);
            p.bias(`ple${l}_sharedGateB`, [(T + 1) * K], true);
          }
        }
        lastShared = `ple${spec.pleLevels - 1}_sharedExpertW`;
        break;
      }
    }
    // Shallow tower: one learned logit bias per position and task (each task's column is its own).
    if (spec.numPositions > 0) p.bias('positionBias', [spec.numPositions, T], false);
    p.kernel('towerW1', [T, U, V], false);
    p.bias('towerB1', [T, 1, V], false);
    p.kernel('towerW2', [T, V, 1], false);
    p.bias('towerB2', [T, 1, 1], false);
    this.lastShared = lastShared;
  }

  /** Embedding lookups (of one task's tables, or the shared ones) concatenated with the dense inputs. */
  private embed(inputs: NetInputs, task: number | null): Tensor2D {
    const F = this.spec.categoricalVocab.length;
    const parts: Tensor2D[] = [];
    if (F > 0) {
      const B = inputs.categorical.shape[0];
      const table = this.params.get(task === null ? 'emb' : `emb${task}`) as Tensor2D;
      const looked = embeddingLookup(table, tf.reshape(inputs.categorical, [-1]) as Tensor1D); // [B·F, k]
      parts.push(tf.reshape(looked, [B, F * this.spec.embeddingDim]) as Tensor2D);
    }
    if (this.spec.denseDim > 0) parts.push(inputs.dense);
    return parts.length === 1 ? parts[0] : (tf.concat(parts, 1) as Tensor2D);
  }

  /** Names of the embedding tables, in the order `forwardEmbedded` takes their inputs: one shared, or one per task (single-task). */
  embeddingTables(): string[] {
    if (this.spec.categoricalVocab.length === 0) return [];
    return this.spec.architecture === 'single-task' ? Array.from({ length: this.spec.numTasks }, (_, t) => `emb${t}`) : ['emb'];
  }

  /** Width of the network's input row: the embeddings of every categorical input, then the dense inputs. */
  get inputDim(): number {
    return this.inputWidth;
  }

  /** Runs the network. Call inside `tf.tidy` (or dispose the outputs). */
  forward(inputs: NetInputs, opts: ForwardOptions): NetOutput {
    return this.run((task) => this.embed(inputs, task), inputs.dense.shape[0], inputs.position ?? null, opts);
  }

  /**
   * Runs the network on input rows already embedded (each [B, inputDim]: embeddings then dense
   * inputs, as `embed` builds them), one per table of `embeddingTables()` (one row set when the
   * model has no categorical inputs). Scoring a whole catalogue builds these rows on the host: tfjs's
   * gather checks every index in JavaScript, which made it the most expensive op of a forward pass.
   */
  forwardEmbedded(rows: Tensor2D[], position: Tensor1D | null, opts: ForwardOptions): NetOutput {
    const tables = this.embeddingTables();
    if (rows.length !== Math.max(1, tables.length)) throw new Error(`forwardEmbedded needs ${Math.max(1, tables.length)} row sets, got ${rows.length}`);
    return this.run((task) => rows[task === null ? 0 : tables.length > 1 ? task : 0], rows[0].shape[0], position, opts);
  }

  /**
   * One task's logits [B] for rows already embedded (see `forwardEmbedded`), computing only what
   * that task reads where the architecture shares nothing else with the other tasks' heads: for
   * MMoE its own gate and mixture (the other gates are half of a scoring pass), for every
   * gate-or-bottom model its own tower. Other architectures run whole and keep the task's row.
   * Inference only (no dropout); the same numbers as `forwardEmbedded`'s row `task`.
   */
  taskLogits(rows: Tensor2D[], position: Tensor1D | null, task: number): Tensor1D {
    const { architecture: arch, numTasks: T, expertUnits: U, numExperts: E, towerUnits: V } = this.spec;
    if (!Number.isInteger(task) || task < 0 || task >= T) throw new Error(`task ${task} is not one of the model's ${T} tasks`);
    const B = rows[0].shape[0];
    if (arch !== 'mmoe' && arch !== 'omoe' && arch !== 'shared-bottom') {
      const out = this.forwardEmbedded(rows, position, { training: false, dropout: 0, seed: 0 });
      return tf.reshape(tf.slice(out.logits, [task, 0], [1, B]), [B]) as Tensor1D;
    }
    if (rows.length !== 1) throw new Error(`taskLogits needs 1 row set, got ${rows.length}`);
    const p = this.params;
    const x = rows[0];
    let h: Tensor2D; // the task's tower input [B, U]
    if (arch === 'shared-bottom') {
      h = tf.relu(tf.add(tf.matMul(x, p.get('bottomW')), p.get('bottomB'))) as Tensor2D;
    } else {
      const experts = tf.reshape(tf.relu(tf.add(tf.matMul(x, p.get('expertW')), p.get('expertB'))), [B, E, U]) as Tensor3D;
      const g = arch === 'omoe' ? 0 : task;
      const D = x.shape[1];
      const gateW = tf.slice(p.get('gateW'), [0, g * E], [D, E]) as Tensor2D;
      const gateB = tf.slice(p.get('gateB'), [g * E], [E]);
      const gates = tf.softmax(tf.reshape(tf.add(tf.matMul(x, gateW), gateB), [B, 1, E])) as Tensor3D;
      h = tf.reshape(tf.matMul(gates, experts), [B, U]) as Tensor2D;
    }
    const w1 = tf.reshape(tf.slice(p.get('towerW1'), [task, 0, 0], [1, U, V]), [U, V]) as Tensor2D;
    const b1 = tf.reshape(tf.slice(p.get('towerB1'), [task, 0, 0], [1, 1, V]), [V]);
    const w2 = tf.reshape(tf.slice(p.get('towerW2'), [task, 0, 0], [1, V, 1]), [V, 1]) as Tensor2D;
    const b2 = tf.reshape(tf.slice(p.get('towerB2'), [task, 0, 0], [1, 1, 1]), [1]);
    let z = tf.reshape(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(h, w1), b1)) as Tensor2D, w2), b2), [B]) as Tensor1D;
    if (this.spec.numPositions > 0) {
      if (!position) throw new Error('This model reads list positions, but the inputs carry none.');
      const bias = embeddingLookup(p.get('positionBias') as Tensor2D, position); // [B, T]
      z = tf.add(z, tf.reshape(tf.slice(bias, [0, task], [B, 1]), [B])) as Tensor1D;
    }
    return z;
  }

  private run(embedded: (task: number | null) => Tensor2D, B: number, position: Tensor1D | null, opts: ForwardOptions): NetOutput {
    const p = this.params;
    const { architecture: arch, numTasks: T, expertUnits: U, numExperts: E } = this.spec;
    let dropSeed = opts.seed;
    const drop = <R extends Tensor>(x: R): R => (opts.training && opts.dropout > 0 ? (tf.dropout(x, opts.dropout, undefined, dropSeed++) as R) : x);
    let towerIn: Tensor3D; // [T or 1, B, U]
    let gateMeans: Tensor2D | null = null;

    switch (arch) {
      case 'single-task': {
        const xs = tf.stack(Array.from({ length: T }, (_, t) => embedded(t))) as Tensor3D; // [T, B, D]
        towerIn = drop(tf.relu(tf.add(tf.matMul(xs, p.get('bottomW')), p.get('bottomB'))) as Tensor3D);
        break;
      }
      case 'esmm': {
        const x = spread(tf.expandDims(embedded(null), 0) as Tensor3D, T); // [T, B, D]
        towerIn = drop(tf.relu(tf.add(tf.matMul(x, p.get('bottomW')), p.get('bottomB'))) as Tensor3D);
        break;
      }
      case 'shared-bottom': {
        const h = tf.relu(tf.add(tf.matMul(embedded(null), p.get('bottomW')), p.get('bottomB')));
        towerIn = drop(tf.expandDims(h, 0) as Tensor3D);
        break;
      }
      case 'omoe':
      case 'mmoe': {
        const G = arch === 'omoe' ? 1 : T;
        const x = embedded(null);
        const experts = drop(tf.reshape(tf.relu(tf.add(tf.matMul(x, p.get('expertW')), p.get('expertB'))), [B, E, U]) as Tensor3D);
        const gates = tf.softmax(tf.reshape(tf.add(tf.matMul(x, p.get('gateW')), p.get('gateB')), [B, G, E])) as Tensor3D;
        // Each gate's mixture as a broadcast multiply and a sum over the experts (see pleForward).
        const mixed = tf.sum(tf.mul(tf.reshape(gates, [B, G, E, 1]), tf.reshape(experts, [B, 1, E, U])), 2); // [B, G, U]
        towerIn = tf.transpose(mixed, [1, 0, 2]) as Tensor3D; // [G, B, U]
        gateMeans = tf.mean(gates, 0) as Tensor2D;
        break;
      }
      case 'ple': {
        const out = this.pleForward(embedded(null), B, drop);
        towerIn = out.tasks;
        gateMeans = out.gateMeans;
        break;
      }
    }
    // The towers' first layer as one 2-D matmul per task: tfjs-wasm runs a batched matmul about
    // ten times slower per multiply-add than a 2-D one (15 ms against 1.5 ms for two tasks at
    // B = 8,192), and a shared input then needs no tiling. Dropout stays one call on the stack.
    const V = this.spec.towerUnits;
    const perTask = Array.from({ length: T }, (_, t) => {
      const x = tf.reshape(towerIn.shape[0] === 1 ? towerIn : tf.slice(towerIn, [t, 0, 0], [1, B, U]), [B, U]) as Tensor2D;
      const w = tf.reshape(tf.slice(p.get('towerW1'), [t, 0, 0], [1, U, V]), [U, V]) as Tensor2D;
      const b = tf.reshape(tf.slice(p.get('towerB1'), [t, 0, 0], [1, 1, V]), [V]);
      return tf.relu(tf.add(tf.matMul(x, w), b)) as Tensor2D;
    });
    const hidden = drop(tf.stack(perTask) as Tensor3D); // [T, B, V]
    let logits = tf.reshape(tf.add(tf.matMul(hidden, p.get('towerW2')), p.get('towerB2')), [T, B]) as Tensor2D;
    if (this.spec.numPositions > 0) {
      if (!position) throw new Error('This model reads list positions, but the inputs carry none.');
      const bias = embeddingLookup(p.get('positionBias') as Tensor2D, position); // [B, T]
      logits = tf.add(logits, tf.transpose(bias)) as Tensor2D;
    }
    return { logits, gateMeans };
  }

  /**
   * Progressive layered extraction (Tang et al., RecSys 2020): each CGC level has K experts per task
   * and K shared experts; task t's gate mixes its own and the shared experts; below the last level a
   * shared gate mixes all experts into the next level's shared input.
   *
   * Written for tfjs-wasm's fast path, 2-D matmuls: at level 0 every expert group and every gate
   * reads the same x, so all experts are one matmul and all gates another (the stored per-group
   * kernels are laid side by side); above it each group reads its own input, one 2-D matmul per
   * group. A gate's mixture is a broadcast multiply and a sum over its experts, not a batched matmul
   * over B·T tiny matrices (tfjs-wasm's batched matmul is ~10× slower per multiply-add).
   * Layout: experts [B, T+1, K, U] (group T is shared); gates [B, T, 2K] (own experts, then shared).
   */
  private pleForward(x: Tensor2D, B: number, drop: <R extends Tensor>(x: R) => R): { tasks: Tensor3D; gateMeans: Tensor2D } {
    const p = this.params;
    const { numTasks: T, expertUnits: U, pleExperts: K, pleLevels: L } = this.spec;
    /** Per-group kernels [G, in, out] side by side as one [in, G·out] (group-major columns). */
    const sideBySide = (w: Tensor, G: number, inW: number, out: number) => tf.reshape(tf.transpose(w, [1, 0, 2]), [inW, G * out]) as Tensor2D;
    // Inputs of the expert groups: one shared x at level 0, then each group's own [B, U].
    let inputs: Tensor2D[] | null = null;
    let gateMeans: Tensor2D | null = null;
    let taskOut: Tensor3D | null = null; // [B, T, U]
    for (let l = 0; l < L; l++) {
      const last = l === L - 1;
      const inW = inputs ? U : x.shape[1];
      const taskW = p.get(`ple${l}_taskExpertW`);
      const sharedW = p.get(`ple${l}_sharedExpertW`);
      const ownB = tf.reshape(p.get(`ple${l}_taskExpertB`), [T * K * U]);
      const sharedB = tf.reshape(p.get(`ple${l}_sharedExpertB`), [K * U]);
      let ownFlat: Tensor2D; // the tasks' experts [B, T·K·U]
      let sharedFlat: Tensor2D; // the shared experts [B, K·U]
      let gateLogits: Tensor2D; // [B, T·2K]
      let sharedGateLogits: Tensor2D | null = null; // [B, (T+1)·K]
      if (!inputs) {
        ownFlat = tf.add(tf.matMul(x, sideBySide(taskW, T, inW, K * U)), ownB) as Tensor2D;
        sharedFlat = tf.add(tf.matMul(x, tf.reshape(sharedW, [inW, K * U]) as Tensor2D), sharedB) as Tensor2D;
        const gateWs = [sideBySide(p.get(`ple${l}_gateW`), T, inW, 2 * K)];
        const gateBs = [tf.reshape(p.get(`ple${l}_gateB`), [T * 2 * K])];
        if (!last) {
          gateWs.push(p.get(`ple${l}_sharedGateW`) as Tensor2D);
          gateBs.push(p.get(`ple${l}_sharedGateB`));
        }
        const allGates = tf.add(tf.matMul(x, tf.concat(gateWs, 1)), tf.concat(gateBs)) as Tensor2D;
        gateLogits = last ? allGates : tf.slice(allGates, [0, 0], [B, T * 2 * K]);
        if (!last) sharedGateLogits = tf.slice(allGates, [0, T * 2 * K], [B, (T + 1) * K]);
      } else {
        const own = inputs;
        const taskKernel = (g: number) => tf.reshape(tf.slice(taskW, [g, 0, 0], [1, inW, K * U]), [inW, K * U]) as Tensor2D;
        ownFlat = tf.add(tf.concat(own.slice(0, T).map((xin, g) => tf.matMul(xin, taskKernel(g))), 1), ownB) as Tensor2D;
        sharedFlat = tf.add(tf.matMul(own[T], tf.reshape(sharedW, [inW, K * U]) as Tensor2D), sharedB) as Tensor2D;
        const gateW = p.get(`ple${l}_gateW`);
        const gateB = p.get(`ple${l}_gateB`);
        gateLogits = tf.concat(
          Array.from({ length: T }, (_, t) =>
            tf.add(tf.matMul(own[t], tf.reshape(tf.slice(gateW, [t, 0, 0], [1, inW, 2 * K]), [inW, 2 * K])), tf.reshape(tf.slice(gateB, [t, 0, 0], [1, 1, 2 * K]), [2 * K])),
          ),
          1,
        ) as Tensor2D;
        if (!last) sharedGateLogits = tf.add(tf.matMul(own[T], p.get(`ple${l}_sharedGateW`)), p.get(`ple${l}_sharedGateB`)) as Tensor2D;
      }
      // Own and shared experts stay separate tensors, so no 4-D slice, tile or concat is needed
      // (strided copies are slow on tfjs-wasm): each gate's mixture is the sum of two broadcast sums.
      const ownExperts = drop(tf.reshape(tf.relu(ownFlat), [B, T, K, U])) as Tensor; // [B, T, K, U]
      const sharedExperts = drop(tf.reshape(tf.relu(sharedFlat), [B, 1, K, U])) as Tensor; // [B, 1, K, U]
      const gates = tf.softmax(tf.reshape(gateLogits, [B, T, 2 * K])) as Tensor3D; // [B, T, 2K]: own experts, then shared
      const gateParts = tf.reshape(gates, [B, T, 2, K]);
      const gOwn = tf.reshape(tf.slice(gateParts, [0, 0, 0, 0], [B, T, 1, K]), [B, T, K, 1]);
      const gShared = tf.reshape(tf.slice(gateParts, [0, 0, 1, 0], [B, T, 1, K]), [B, T, K, 1]);
      taskOut = tf.add(tf.sum(tf.mul(gOwn, ownExperts), 2), tf.sum(tf.mul(gShared, sharedExperts), 2)) as Tensor3D; // [B, T, U]
      gateMeans = tf.mean(gates, 0) as Tensor2D; // [T, 2K]
      if (!last) {
        const sGate = tf.softmax(sharedGateLogits!); // [B, (T+1)K]: the tasks' experts group by group, then the shared ones
        const sOwn = tf.reshape(tf.slice(sGate, [0, 0], [B, T * K]), [B, T * K, 1]);
        const sShared = tf.reshape(tf.slice(sGate, [0, T * K], [B, K]), [B, K, 1]);
        const sharedOut = tf.add(
          tf.sum(tf.mul(sOwn, tf.reshape(ownExperts, [B, T * K, U])), 1),
          tf.sum(tf.mul(sShared, tf.reshape(sharedExperts, [B, K, U])), 1),
        ) as Tensor2D; // [B, U]
        const tasks = tf.split(taskOut, T, 1).map((t) => tf.reshape(t, [B, U]) as Tensor2D);
        inputs = [...tasks, sharedOut];
      }
    }
    return { tasks: tf.transpose(taskOut!, [1, 0, 2]) as Tensor3D, gateMeans: gateMeans! };
  }

  dispose(): void {
    this.params.dispose();
  }
}
