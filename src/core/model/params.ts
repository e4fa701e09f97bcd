/**
 * A network's parameters: named tf.Variables with seeded initialisation, each tagged as shared
 * between tasks or task-specific (gradient surgery and the gradient-conflict telemetry act on the
 * shared ones).
 */
import { mix32 } from '../random';
import { tf, type Tensor, type Variable } from '../engine/tf';

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

  constructor(private readonly seed: number) {}

  private nextSeed(): number {
    return mix32(this.seed * 7919 + ++this.seedCounter);
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
   * kernels [G, fanIn, fanOut] the bound uses the per-group fans.
   */
  kernel(name: string, shape: number[], shared: boolean): Variable {
    const fanIn = shape[shape.length - 2];
    const fanOut = shape[shape.length - 1];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return this.add(name, tf.randomUniform(shape, -limit, limit, 'float32', this.nextSeed()), { shared, regularised: true });
  }

  /** A bias initialised to zero. */
  bias(name: string, shape: number[], shared: boolean): Variable {
    return this.add(name, tf.zeros(shape), { shared, regularised: false });
  }

  /** An embedding table with N(0, 0.05²) initialisation. */
  embedding(name: string, rows: number, dim: number, shared: boolean): Variable {
    return this.add(name, tf.randomNormal([rows, dim], 0, 0.05, 'float32', this.nextSeed()), { shared, regularised: true });
  }

  get(name: string): Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`unknown parameter ${name}`);
    return v;
  }

  list(): Variable[] {
    return [...this.vars.values()];
  }

  /** Copies of every parameter's current value (for restoring the best epoch's weights). */
  snapshot(): Map<string, Tensor> {
    return new Map([...this.vars].map(([k, v]) => [k, tf.clone(v)]));
  }

  /** Assigns a snapshot back; the snapshot stays owned by the caller. */
  restore(snapshot: Map<string, Tensor>): void {
    for (const [k, t] of snapshot) this.get(k).assign(t);
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}
