/**
 * The multi-task networks, written as a few large tensor ops rather than many small layers: the
 * per-op overhead of tfjs limits a small model's speed. So all experts of a level are one matmul,
 * all gates one matmul and one softmax.
 *
 * A network is a population of P models of the same shape (P = 1 for a single run): every
 * parameter has a leading member axis, every activation is [P, B, ...], and each elementwise op,
 * softmax, loss and optimizer update serves all members in one kernel. Matmuls go member by
 * member on WASM (see `memberMatMul` in ops.ts). Members never mix: member p's outputs depend
 * only on its own parameters and inputs. The ops live in ops.ts, PLE's forward pass in ple.ts,
 * the spec and the input and output types in spec.ts.
 *
 * Shapes: P = members, B = batch, T = tasks, E = experts, U = expert units, V = tower units,
 * D = input width.
 */
import { tf, type Tensor, type Tensor1D, type Tensor2D, type Tensor3D } from '../engine/tf';
import { addBias, embeddingLookup, inputRow, memberMatMul, mixExperts, overBatch, stackTasks } from './ops';
import { ParamSet } from './params';
import { pleForward } from './ple';
import { inputBiases, type ForwardOptions, type NetInputs, type NetOutput, type NetSpec } from './spec';

export { netSpecFor, type ForwardOptions, type NetInputs, type NetOutput, type NetSpec } from './spec';

export class MultiTaskNet {
  readonly params: ParamSet;
  /** The shared parameter GradNorm measures gradient norms on (the last layer before task parts). */
  readonly lastShared: string | null;
  private readonly inputWidth: number;
  /** Rows of the combined embedding table (one member's). */
  private readonly tableRows: number;

  /**
   * @param seed the initialisation seed, or one seed per member for a population (P = seeds.length);
   *   member p starts exactly as a network built alone with seed[p].
   */
  constructor(readonly spec: NetSpec, seed: number | readonly number[]) {
    const p = new ParamSet(typeof seed === 'number' ? [seed] : seed);
    this.params = p;
    const { architecture: arch, numTasks: T, embeddingDim: k, expertUnits: U, towerUnits: V, numExperts: E } = spec;
    this.inputWidth = spec.categoricalVocab.length * k + spec.denseDim;
    const D = this.inputWidth;
    // One table for all categorical inputs (rows offset per input, see categoricalOffsets).
    const rows = spec.categoricalVocab.reduce((a, b) => a + b, 0);
    this.tableRows = rows;
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
        p.bias('bottomB', [T, U], false);
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
          p.bias(`ple${l}_taskExpertB`, [T, K * U], !privateExperts);
          p.kernel(`ple${l}_sharedExpertW`, [inW, K * U], true);
          p.bias(`ple${l}_sharedExpertB`, [K * U], true);
          p.kernel(`ple${l}_gateW`, [T, inW, 2 * K], false);
          p.bias(`ple${l}_gateB`, [T, 2 * K], false);
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
    p.bias('towerB1', [T, V], false);
    p.kernel('towerW2', [T, V, 1], false);
    p.bias('towerB2', [T], false);
    this.lastShared = lastShared;
    // Created last, so every other parameter starts exactly as in an unconditioned network of the
    // same seed; zero, so the condition starts with no effect.
    const C = spec.conditionDim ?? 0;
    if (C > 0) {
      for (const name of inputBiases(spec)) {
        const size = p.get(name).shape.slice(1).reduce((a, b) => a * b, 1);
        p.bias(`${name}Cond`, [C, size], p.shared.has(name));
      }
    }
  }

  /** Inputs of the weight condition (0: an ordinary network). */
  get conditionDim(): number {
    return this.spec.conditionDim ?? 0;
  }

  /**
   * A weight-conditioned network of one member fixed at condition `c` (its C task-weight shares):
   * an ordinary network (no condition inputs) whose input layers' biases hold b + c·W_c, so it
   * computes exactly what this network computes with condition c, and every scoring path
   * (whole-catalogue, host-built rows, the inspector) serves it unchanged. The caller owns it.
   */
  atCondition(c: readonly number[]): MultiTaskNet {
    this.needsOneMember('atCondition');
    const C = this.conditionDim;
    if (C === 0) throw new Error('atCondition fixes a weight-conditioned network; this one reads no condition.');
    if (c.length !== C || c.some((v) => !Number.isFinite(v))) throw new Error(`atCondition needs ${C} finite shares, got [${c.join(', ')}]`);
    const { conditionDim: _c, ...plain } = this.spec;
    const out = new MultiTaskNet(plain, 0);
    const biases = new Set(inputBiases(this.spec));
    tf.tidy(() => {
      const cond = tf.tensor2d([c.slice()], [1, C]);
      for (const [name, v] of out.params.vars) {
        const own = this.params.get(name);
        v.assign(biases.has(name) ? tf.add(own, this.conditionShift(name, cond)) : own);
      }
    });
    return out;
  }

  /** c·W_c of an input bias for condition `cond` [P, C], shaped like the bias ([P, ...]). */
  private conditionShift(name: string, cond: Tensor2D): Tensor {
    const P = this.members;
    const bias = this.params.get(name);
    const w = this.params.get(`${name}Cond`); // [P, C, size]
    const C = this.conditionDim;
    if (cond.shape[0] !== P || cond.shape[1] !== C) throw new Error(`the condition is [${cond.shape}], this network reads [${P}, ${C}]`);
    const shift = P === 1 ? tf.matMul(cond, tf.reshape(w, [C, -1]) as Tensor2D) : tf.matMul(tf.reshape(cond, [P, 1, C]), w as Tensor3D);
    return tf.reshape(shift, bias.shape);
  }

  /** Models in this population (the leading axis of every parameter and output). */
  get members(): number {
    return this.params.members;
  }

  /**
   * Member p alone: a new network of one member holding a copy of p's current parameters (for
   * evaluating and keeping one model of a trained population). The caller owns it.
   */
  member(p: number): MultiTaskNet {
    if (!Number.isInteger(p) || p < 0 || p >= this.members) throw new Error(`member ${p} is not one of the population's ${this.members}`);
    const one = new MultiTaskNet(this.spec, 0);
    this.params.copyMemberInto(p, one.params);
    return one;
  }

  /** `x` ([n...] shared by every member, or already [P, n...]) with the member axis. */
  private perMember<R extends Tensor>(x: Tensor, sharedRank: number): R {
    const P = this.members;
    if (x.rank === sharedRank + 1) return x as R;
    const one = tf.expandDims(x, 0);
    return (P === 1 ? one : tf.tile(one, [P, ...x.shape.map(() => 1)])) as R;
  }

  /** Rows of a [P·rows, …] table for per-member row indices (int32, [B...] or [P, B...]). */
  private memberRows(idx: Tensor, sharedRank: number, rows: number): Tensor1D {
    const P = this.members;
    if (P === 1) return tf.reshape(idx, [-1]) as Tensor1D;
    const offsets = tf.tensor1d(Array.from({ length: P }, (_, p) => p * rows), 'int32');
    const at = idx.rank === sharedRank + 1 ? idx : tf.expandDims(idx, 0);
    return tf.reshape(tf.add(at, tf.reshape(offsets, [P, ...at.shape.slice(1).map(() => 1)])), [-1]) as Tensor1D;
  }

  /** Embedding lookups (of one task's tables, or the shared ones) concatenated with the dense inputs: [P, B, D]. */
  private embed(inputs: NetInputs, task: number | null): Tensor3D {
    const P = this.members;
    const F = this.spec.categoricalVocab.length;
    const B = inputs.dense.shape[inputs.dense.rank - 2];
    const parts: Tensor3D[] = [];
    if (F > 0) {
      const k = this.spec.embeddingDim;
      const table = tf.reshape(this.params.get(task === null ? 'emb' : `emb${task}`), [P * this.tableRows, k]) as Tensor2D;
      const looked = embeddingLookup(table, this.memberRows(inputs.categorical, 2, this.tableRows)); // [P·B·F, k]
      parts.push(tf.reshape(looked, [P, B, F * k]) as Tensor3D);
    }
    if (this.spec.denseDim > 0) parts.push(this.perMember<Tensor3D>(inputs.dense, 2));
    return parts.length === 1 ? parts[0] : inputRow(parts[0], parts[1]);
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

  /** Runs every member on its batch (or on one shared batch). Call inside `tf.tidy` (or dispose the outputs). */
  forward(inputs: NetInputs, opts: ForwardOptions): NetOutput {
    const B = inputs.dense.shape[inputs.dense.rank - 2];
    return this.run((task) => this.embed(inputs, task), B, inputs.position ?? null, opts);
  }

  /**
   * Runs a network of one member on input rows already embedded (each [B, inputDim]: embeddings
   * then dense inputs, as `embed` builds them), one per table of `embeddingTables()` (one row set
   * when the model has no categorical inputs). Scoring a whole catalogue builds these rows on the
   * host: tfjs's gather checks every index in JavaScript, which made it the most expensive op of a
   * forward pass.
   */
  forwardEmbedded(rows: Tensor2D[], position: Tensor1D | null, opts: ForwardOptions): NetOutput {
    this.needsOneMember('forwardEmbedded');
    const tables = this.embeddingTables();
    if (rows.length !== Math.max(1, tables.length)) throw new Error(`forwardEmbedded needs ${Math.max(1, tables.length)} row sets, got ${rows.length}`);
    const at = (task: number | null) => tf.expandDims(rows[task === null ? 0 : tables.length > 1 ? task : 0], 0) as Tensor3D;
    return this.run(at, rows[0].shape[0], position, opts);
  }

  private needsOneMember(what: string): void {
    if (this.members !== 1) throw new Error(`${what} scores one model: take a population's member first (member(p)).`);
  }

  /** A [P, T, ...] parameter split into T tensors [P, ...]. */
  private perTask(name: string): Tensor[] {
    return tf.unstack(this.params.get(name), 1);
  }

  /** The shallow tower's logit bias per example: [P, T, B]. */
  private positionBias(position: Tensor1D | Tensor2D, B: number): Tensor3D {
    const P = this.members;
    const N = this.spec.numPositions;
    const T = this.spec.numTasks;
    const table = tf.reshape(this.params.get('positionBias'), [P * N, T]) as Tensor2D;
    const bias = embeddingLookup(table, this.memberRows(position, 1, N)); // [P·B, T]
    return tf.transpose(tf.reshape(bias, [P, B, T]), [0, 2, 1]) as Tensor3D;
  }

  /**
   * One task's logits [B] for rows already embedded (see `forwardEmbedded`), computing only what
   * that task reads where the architecture shares nothing else with the other tasks' heads: for
   * MMoE its own gate and mixture (the other gates are half of a scoring pass), for every
   * gate-or-bottom model its own tower. Other architectures run whole and keep the task's row.
   * Inference only (no dropout), one member; the same numbers as `forwardEmbedded`'s row `task`.
   */
  taskLogits(rows: Tensor2D[], position: Tensor1D | null, task: number): Tensor1D {
    const layers = this.firstLayers(task);
    if (!layers) {
      const B = rows[0].shape[0];
      const out = this.forwardEmbedded(rows, position, { training: false, dropout: 0, seed: 0 });
      return tf.reshape(tf.slice(out.logits, [0, task, 0], [1, 1, B]), [B]) as Tensor1D;
    }
    if (rows.length !== 1) throw new Error(`taskLogits needs 1 row set, got ${rows.length}`);
    return this.taskLogitsFrom(
      layers.map(({ w, b }) => tf.add(tf.matMul(rows[0], w), b) as Tensor2D),
      position,
      task,
    );
  }

  /**
   * The linear layers that read the input row in `taskLogits(…, task)`, each a kernel w [D, H] and
   * bias b [H]: the bottom (shared-bottom), or the experts and then the task's gate (MMoE, OMoE);
   * null for the architectures `taskLogits` runs whole. Whole-catalogue scoring uses them to
   * compute a shopper's and an item's part of x·w once each (x·w is linear in x's columns).
   * Call inside `tf.tidy`.
   */
  firstLayers(task: number): Array<{ w: Tensor2D; b: Tensor1D }> | null {
    this.needsOneMember('firstLayers');
    if (this.conditionDim > 0) throw new Error('A weight-conditioned network is scored at a weighting: fix one with atCondition first.');
    const { architecture: arch, numTasks: T, expertUnits: U, numExperts: E } = this.spec;
    if (!Number.isInteger(task) || task < 0 || task >= T) throw new Error(`task ${task} is not one of the model's ${T} tasks`);
    if (arch !== 'mmoe' && arch !== 'omoe' && arch !== 'shared-bottom') return null;
    const p = this.params;
    const D = this.inputWidth;
    const mat = (name: string, r: number, c: number) => tf.reshape(p.get(name), [r, c]) as Tensor2D;
    if (arch === 'shared-bottom') return [{ w: mat('bottomW', D, U), b: tf.reshape(p.get('bottomB'), [U]) as Tensor1D }];
    const g = arch === 'omoe' ? 0 : task;
    const G = arch === 'omoe' ? 1 : T;
    return [
      { w: mat('expertW', D, E * U), b: tf.reshape(p.get('expertB'), [E * U]) as Tensor1D },
      { w: tf.slice(mat('gateW', D, G * E), [0, g * E], [D, E]) as Tensor2D, b: tf.slice(tf.reshape(p.get('gateB'), [G * E]), [g * E], [E]) as Tensor1D },
    ];
  }

  /**
   * One task's logits [B] from the pre-activations x·w + b of its `firstLayers(task)`, in their
   * order: what `taskLogits` computes after its first matmuls. Inference only, one member.
   */
  taskLogitsFrom(pre: Tensor2D[], position: Tensor1D | null, task: number): Tensor1D {
    this.needsOneMember('taskLogitsFrom');
    const { architecture: arch, expertUnits: U, numExperts: E, towerUnits: V } = this.spec;
    const p = this.params;
    const B = pre[0].shape[0];
    const w1 = tf.reshape(tf.slice(p.get('towerW1'), [0, task, 0, 0], [1, 1, U, V]), [U, V]) as Tensor2D;
    const b1 = tf.reshape(tf.slice(p.get('towerB1'), [0, task, 0], [1, 1, V]), [V]);
    const w2 = tf.reshape(tf.slice(p.get('towerW2'), [0, task, 0, 0], [1, 1, V, 1]), [1, V]);
    const b2 = tf.reshape(tf.slice(p.get('towerB2'), [0, task], [1, 1]), [1]);
    let towerPre: Tensor2D; // the tower's first layer before its bias, [B, V]
    if (arch === 'shared-bottom') {
      towerPre = tf.matMul(tf.relu(pre[0]), w1);
    } else if (arch === 'mmoe' || arch === 'omoe') {
      // (Σ_e g_e·x_e)·W1 = Σ_e g_e·(x_e·W1): every expert through W1 as one 2-D matmul, then the
      // gate mixture over V columns instead of U (tfjs-wasm runs the batched [B,1,E]·[B,E,U]
      // mixture ~10× slower per multiply-add than a 2-D matmul).
      const experts = tf.reshape(tf.matMul(tf.reshape(tf.relu(pre[0]), [B * E, U]), w1), [B, E, V]);
      const gates = tf.reshape(tf.softmax(pre[1]), [B, E, 1]);
      towerPre = tf.sum(tf.mul(gates, experts), 1) as Tensor2D;
    } else {
      throw new Error(`taskLogitsFrom: ${arch} has no first layers to start from`);
    }
    let z = tf.add(tf.sum(tf.mul(tf.relu(tf.add(towerPre, b1)), w2), 1), b2) as Tensor1D;
    if (this.spec.numPositions > 0) {
      if (!position) throw new Error('This model reads list positions, but the inputs carry none.');
      z = tf.add(z, tf.reshape(tf.slice(this.positionBias(position, B), [0, task, 0], [1, 1, B]), [B])) as Tensor1D;
    }
    return z;
  }

  private run(embedded: (task: number | null) => Tensor3D, B: number, position: Tensor1D | Tensor2D | null, opts: ForwardOptions): NetOutput {
    const p = this.params;
    const P = this.members;
    const { architecture: arch, numTasks: T, expertUnits: U, numExperts: E, towerUnits: V } = this.spec;
    // The k-th dropout of a pass draws with seed + k. Members' rows are contiguous blocks in every
    // dropped tensor ([P, …], [P·B, …], [P·B·T, …]), so with one seed per member each block draws
    // its own mask, the one that member's network alone draws (same seed, same number of values).
    let dropped = 0;
    const drop = <R extends Tensor>(x: R): R => {
      if (!opts.training || opts.dropout <= 0) return x;
      const k = dropped++;
      const seeds = typeof opts.seed === 'number' ? [opts.seed] : opts.seed;
      if (seeds.length === 1) return tf.dropout(x, opts.dropout, undefined, seeds[0] + k) as R;
      if (seeds.length !== P) throw new Error(`forward: ${seeds.length} dropout seeds for ${P} members`);
      const blocks = tf.unstack(tf.reshape(x, [P, -1]));
      return tf.reshape(tf.stack(blocks.map((b, m) => tf.dropout(b, opts.dropout, undefined, seeds[m] + k))), x.shape) as R;
    };
    /** The task towers' inputs, one [P, B, U] per task (or one shared by all). */
    let towerIn: Tensor3D[];
    let gateMeans: Tensor3D | null = null;
    const layer = (x: Tensor3D, w: Tensor, b: Tensor, width: number) =>
      tf.relu(addBias(memberMatMul(x, tf.reshape(w, [P, x.shape[2], width]) as Tensor3D), overBatch(b, P))) as Tensor3D;
    const C = this.conditionDim;
    if (C > 0 && !opts.condition) throw new Error('This weight-conditioned network runs at a weighting: pass its condition (or fix one with atCondition).');
    if (C === 0 && opts.condition) throw new Error('This network reads no weight condition.');
    const inputBias = new Set(inputBiases(this.spec));
    /** A parameter, with an input bias shifted by the condition's part (see `inputBiases`). */
    const param = (name: string): Tensor => (C > 0 && inputBias.has(name) ? tf.add(p.get(name), this.conditionShift(name, opts.condition!)) : p.get(name));

    switch (arch) {
      case 'single-task':
      case 'esmm': {
        const [ws, bs] = [this.perTask('bottomW'), tf.unstack(param('bottomB'), 1)];
        const shared = arch === 'esmm' ? embedded(null) : null;
        // single-task: each task reads its own embeddings; ESMM: both read the shared ones.
        towerIn = ws.map((w, t) => drop(layer(shared ?? embedded(t), w, bs[t], U)));
        break;
      }
      case 'shared-bottom':
        towerIn = [drop(layer(embedded(null), p.get('bottomW'), param('bottomB'), U))];
        break;
      case 'omoe':
      case 'mmoe': {
        const G = arch === 'omoe' ? 1 : T;
        const x = embedded(null);
        const experts = tf.reshape(drop(tf.reshape(layer(x, p.get('expertW'), param('expertB'), E * U), [P * B, E, U])), [P * B, E * U]) as Tensor2D;
        const gateLogits = addBias(memberMatMul(x, p.get('gateW') as Tensor3D), overBatch(param('gateB'), P));
        const gates = tf.softmax(tf.reshape(gateLogits, [P * B, G, E])) as Tensor3D; // [P·B, G, E]
        towerIn = mixExperts(gates, experts, P, B);
        gateMeans = tf.mean(tf.reshape(gates, [P, B, G, E]), 1) as Tensor3D;
        break;
      }
      case 'ple': {
        const out = pleForward(this.spec, p, embedded(null), B, drop, param);
        towerIn = out.tasks;
        gateMeans = out.gateMeans;
        break;
      }
    }
    // The towers' first layer member by member and task by task as 2-D matmuls (see memberMatMul).
    const [w1, b1] = [this.perTask('towerW1'), this.perTask('towerB1')];
    const hidden = drop(stackTasks(w1.map((w, t) => layer(towerIn[towerIn.length === 1 ? 0 : t], w, b1[t], V)))); // [P, T, B, V]
    // The second layer (one output) as a multiply and a sum over V.
    const w2 = tf.reshape(p.get('towerW2'), [P, T, 1, V]);
    let logits = tf.add(tf.sum(tf.mul(hidden, w2), 3), tf.reshape(p.get('towerB2'), [P, T, 1])) as Tensor3D;
    if (this.spec.numPositions > 0) {
      if (!position) throw new Error('This model reads list positions, but the inputs carry none.');
      logits = tf.add(logits, this.positionBias(position, B)) as Tensor3D;
    }
    return { logits, gateMeans };
  }

  dispose(): void {
    this.params.dispose();
  }
}
