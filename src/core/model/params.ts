/**
 * A population's parameters: named tf.Variables with seeded initialisation, each tagged as shared
 * between tasks or task-specific (gradient surgery and the gradient-conflict telemetry act on the
 * shared ones). Every parameter has a leading member axis [P, ...]: member p is initialised from its
 * own seed exactly as a population of one with that seed would be, so a member of a population and
 * the same model trained alone start from the same numbers.
 */
import { mix32 } from '../random';
import { tf, type Tensor, type Variable } from '../engine/tf';

/** Parameter values as plain data: what a structured clone (postMessage) carries. */
export type ParamValues = Array<{ name: string; shape: number[]; values: Float32Array }>;

/** tfjs registers variables by globally unique name: every parameter set gets its own prefix. */
let instanceCounter = 0;

export class ParamSet {
  /** Every parameter by name, in creation order. */
  readonly vars = new Map<string, Variable>();
  /** Names of the parameters that more than one task's loss depends on. */
  readonly shared = new Set<string>();
  /** Names of the parameters L2 regularisation applies to (kernels and embeddings, not biases). */
  readonly regularised = new Set<string>();
  private readonly prefix = `mtnet${++instanceCounter}`;
  private seedCounter = 0;

  /** @param seeds one initialisation seed per member */
  constructor(private readonly seeds: readonly number[]) {
    if (seeds.length < 1) throw new Error('A parameter set needs at least one member.');
  }

  /** Members P: the leading axis of every parameter. */
  get members(): number {
    return this.seeds.length;
  }

  /** Each member's seed for the next parameter. */
  private nextSeeds(): number[] {
    const c = ++this.seedCounter;
    return this.seeds.map((s) => mix32(s * 7919 + c));
  }

  /** One initial value per member, stacked on a leading member axis. */
  private perMember(make: (seed: number) => Tensor): Tensor {
    const parts = this.nextSeeds().map(make);
    const out = tf.stack(parts);
    tf.dispose(parts);
    return out;
  }

  private add(name: string, init: Tensor, opts: { shared: boolean; regularised: boolean }): Variable {
    if (this.vars.has(name)) throw new Error(`duplicate parameter ${name}`);
    const v = tf.variable(init, true, `${this.prefix}/${name}`);
    init.dispose();
    this.vars.set(name, v);
    if (opts.shared) this.shared.add(name);
    if (opts.regularised) this.regularised.add(name);
    return v;
  }

  /**
   * A kernel with Glorot-uniform initialisation: U(−l, l), l = √(6 / (fanIn + fanOut)). For batched
   * kernels [G, fanIn, fanOut] the bound uses the per-group fans. `shape` is one member's; the
   * variable is [P, ...shape].
   */
  kernel(name: string, shape: number[], shared: boolean): Variable {
    const fanIn = shape[shape.length - 2];
    const fanOut = shape[shape.length - 1];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return this.add(name, this.perMember((seed) => tf.randomUniform(shape, -limit, limit, 'float32', seed)), { shared, regularised: true });
  }

  /** A bias initialised to zero ([P, ...shape]). */
  bias(name: string, shape: number[], shared: boolean): Variable {
    return this.add(name, tf.zeros([this.members, ...shape]), { shared, regularised: false });
  }

  /** An embedding table with N(0, 0.05²) initialisation ([P, rows, dim]). */
  embedding(name: string, rows: number, dim: number, shared: boolean): Variable {
    return this.add(name, this.perMember((seed) => tf.randomNormal([rows, dim], 0, 0.05, 'float32', seed)), { shared, regularised: true });
  }

  get(name: string): Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`unknown parameter ${name}`);
    return v;
  }

  list(): Variable[] {
    return [...this.vars.values()];
  }

  /** Assigns a snapshot back; the snapshot stays owned by the caller. */
  restore(snapshot: Map<string, Tensor>): void {
    for (const [k, t] of snapshot) this.get(k).assign(t);
  }

  /** Copies of member p's slice of every parameter ([1, ...]), e.g. its best epoch's weights. */
  snapshotMember(p: number): Map<string, Tensor> {
    return new Map([...this.vars].map(([k, v]) => [k, tf.slice(v, [p, ...v.shape.slice(1).map(() => 0)], [1, ...v.shape.slice(1)])]));
  }

  /**
   * Assigns member snapshots back: member p takes `snapshots[p]` where it is given and keeps its
   * current values where it is null. Snapshots stay owned by the caller.
   */
  restoreMembers(snapshots: ReadonlyArray<Map<string, Tensor> | null>): void {
    if (snapshots.length !== this.members) throw new Error(`restoreMembers needs ${this.members} entries, got ${snapshots.length}`);
    if (snapshots.every((s) => s === null)) return;
    for (const [k, v] of this.vars) {
      const value = tf.tidy(() => {
        const current = this.members === 1 ? [v as Tensor] : tf.unstack(v).map((t) => tf.expandDims(t, 0));
        return tf.concat(snapshots.map((s, p) => s?.get(k) ?? current[p]));
      });
      v.assign(value);
      value.dispose();
    }
  }

  /** Every parameter's values, read back (e.g. to send a trained model to another worker). */
  exportValues(): ParamValues {
    return [...this.vars].map(([name, v]) => ({ name, shape: v.shape.slice(), values: v.dataSync() as Float32Array }));
  }

  /** Assigns values exported from a parameter set of the same shapes; names and shapes must match. */
  importValues(values: ParamValues): void {
    if (values.length !== this.vars.size) throw new Error(`importValues got ${values.length} parameters for a set of ${this.vars.size}`);
    for (const { name, shape, values: data } of values) {
      const v = this.get(name);
      if (shape.length !== v.shape.length || shape.some((d, i) => d !== v.shape[i])) throw new Error(`parameter ${name} is [${v.shape}], the values are [${shape}]`);
      const t = tf.tensor(data, shape);
      v.assign(t);
      t.dispose();
    }
  }

  /** Member p's values of every parameter ([1, ...]), for a population of one that continues as that member alone. */
  copyMemberInto(p: number, into: ParamSet): void {
    if (into.members !== 1) throw new Error('A member is copied into a parameter set of one member.');
    const snap = this.snapshotMember(p);
    into.restore(snap);
    snap.forEach((t) => t.dispose());
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}
