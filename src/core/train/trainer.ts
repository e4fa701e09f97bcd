/**
 * The training loop: mini-batches from the device, a weighting strategy's gradients, the optimizer,
 * telemetry every N steps (the only read-back during training), validation and early stopping per
 * epoch, divergence detection and cancellation between steps.
 *
 * It trains a population (see model/network.ts): P models of one shape, each with its own seed
 * (initialisation, data order) and task weights, in one set of batched ops. A single run is a
 * population of one. Early stopping, divergence and the best epoch's weights are per member: a
 * member that stops is no longer validated or reported, and ends with its own best weights.
 */
import { auc } from '../metrics';
import { Rng } from '../random';
import { tf, type Tensor, type Tensor2D } from '../engine/tf';
import { splitRows, type EncodedData } from '../features';
import type { MultiTaskNet } from '../model/network';
import type { TrainingConfig, WeightingConfig } from './config';
import type { TrainingControl } from './control';
import { weightShares } from './conditioned';
import { DeviceSplit, disposeBatch } from './deviceData';
import { taskLosses, type PurchaseMode } from './losses';
import { predictSplitMembers } from './predict';
import { sampleNegatives } from './sampling';
import { createWeighting } from './weighting';

/** A snapshot of training, sent every `telemetryEvery` steps. Plain data. */
export interface TelemetrySnapshot {
  epoch: number;
  /** Global step of the last step in this snapshot (1-based). */
  step: number;
  /** Training loss per task of every step since the previous snapshot. */
  losses: Array<{ step: number; values: number[] }>;
  /** Task weights used at this step. */
  weights: number[];
  /** Cosine similarity of the task gradients on the shared parameters, [T][T]; null without shared parameters. */
  gradientCosine: number[][] | null;
  /** Mean gate weights [gates][experts] on this step's batch; null for models without gates. */
  gates: number[][] | null;
  /** Training throughput since the previous snapshot. */
  samplesPerSecond: number;
}

export interface EpochSummary {
  epoch: number;
  /** Global step at the end of this epoch (where its validation point sits on a step axis). */
  step: number;
  /** Mean training loss per task over the epoch. */
  trainLoss: number[];
  /** Validation loss per task. */
  validationLoss: number[];
  /** Validation AUC per task (null for regression tasks). */
  validationAuc: Array<number | null>;
  /** The early-stopping metric's value (higher is better; losses are negated). */
  score: number;
  /** Whether this epoch is the best so far (its weights are kept). */
  best: boolean;
}

export interface Divergence {
  task: string;
  step: number;
  epoch: number;
  value: number;
  /** What happened and what to try, in plain words. */
  message: string;
}

export type TrainStatus = 'completed' | 'early-stopped' | 'cancelled' | 'diverged';

export interface TrainResult {
  status: TrainStatus;
  epochs: EpochSummary[];
  /** The epoch whose weights the model holds at the end (best validation score), or null. */
  bestEpoch: number | null;
  steps: number;
  /** Wall time of the whole run, validation included. */
  seconds: number;
  /** This model's training examples per second of training (validation time excluded); a population's members each report their own. */
  samplesPerSecond: number;
  backwardPassesPerStep: number;
  divergence: Divergence | null;
  /**
   * Mean over telemetry snapshots of the cosine between the first two tasks' gradients on the
   * shared parameters (below 0: the tasks pull the shared layers in conflicting directions); null
   * when nothing is shared or there is one task.
   */
  meanGradientCosine: number | null;
  /** The task weights of the last telemetry snapshot (what a dynamic strategy ended on); null before any. */
  finalWeights: number[] | null;
}

export interface TrainerHooks {
  /** A snapshot of one member (0 for a single run); a population sends one per active member. */
  onTelemetry?: (s: TelemetrySnapshot, member: number) => void;
  /** One member's validated epoch. */
  onEpoch?: (e: EpochSummary, member: number) => void;
  /** Checked between steps; when true the run stops with status `cancelled`. */
  isCancelled?: () => boolean;
  /** Play / pause / step / cancel, awaited between steps. */
  control?: TrainingControl;
}

/** One model of a population: what sets it apart from the others. */
export interface TrainerMember {
  /** Seed of its data order and its weighting's random streams (its initialisation is the network's seed for it). */
  seed: number;
  /** Its task weights (fixed weights, PCGrad's weights, GradNorm's start). */
  weights: number[];
  /** How reports name it, e.g. "w = 0.67 / 1.33"; absent for a single run. */
  label?: string;
}

export interface TrainerInput {
  /** The network; its member count is the population's. */
  net: MultiTaskNet;
  data: EncodedData;
  mode: PurchaseMode;
  /** Everything the members share; `seed` is member 0's unless `members` says otherwise. */
  training: TrainingConfig;
  weighting: WeightingConfig;
  /** One entry per member of `net`; absent: one member with `training.seed` and `weighting.weights`. */
  members?: TrainerMember[];
}

/** What the loop tracks per member. */
interface MemberState {
  active: boolean;
  status: TrainStatus;
  epochs: EpochSummary[];
  best: { score: number; epoch: number; snapshot: Map<string, Tensor> } | null;
  sinceBest: number;
  steps: number;
  samples: number;
  divergence: Divergence | null;
  epochLossSum: Float64Array;
  epochSteps: number;
  cosineSum: number;
  cosineCount: number;
  finalWeights: number[] | null;
}

/** Trains `net` (every member) in place. Live task weights can be changed during training with `setWeights`. */
export class Trainer {
  private readonly members: TrainerMember[];
  private liveWeights: number[][];
  private readonly train: DeviceSplit;
  private readonly validation: DeviceSplit;
  /** Validation labels per task, in split order (for the per-epoch AUC). */
  private readonly validationLabels: Float32Array[];

  constructor(private readonly input: TrainerInput) {
    const T = input.data.tasks.length;
    this.members = input.members ?? [{ seed: input.training.seed, weights: input.weighting.weights }];
    if (this.members.length !== input.net.members) throw new Error(`The trainer has ${this.members.length} members' settings for a network of ${input.net.members}.`);
    this.liveWeights = this.members.map((m) => {
      const w = m.weights.slice(0, T);
      while (w.length < T) w.push(1);
      return w;
    });
    // A conditioned network needs a weighting to be validated at: refused now, not after an epoch.
    if (input.net.conditionDim > 0) for (const w of this.liveWeights) weightShares(w, input.net.conditionDim);
    const trainRows = splitRows(input.data, 'train');
    this.trainRowsBeforeSampling = trainRows.length;
    const rate = input.training.negativeSampling ?? 1;
    const purchase = input.data.tasks.findIndex((t) => t.name === 'purchase');
    if (rate !== 1 && purchase < 0) throw new Error('Negative sampling keeps impressions with a purchase and thins the others: it needs the shopper world’s purchase task.');
    // One sample for the whole run (and for every member of a population: they share `training`).
    this.train = new DeviceSplit(input.data, rate === 1 ? trainRows : sampleNegatives(input.data, trainRows, rate, purchase, input.training.seed));
    this.validation = new DeviceSplit(input.data, splitRows(input.data, 'validation'));
    this.validationLabels = input.data.labels.map((l) => Float32Array.from(this.validation.rows, (r) => l[r]));
  }

  /** Sets a single run's fixed task weights (the slider); read at the next step. */
  setWeights(weights: number[]): void {
    if (this.members.length !== 1) throw new Error('setWeights moves a single run’s weights; a population’s members keep theirs.');
    if (this.input.net.conditionDim > 0) weightShares(weights, this.input.net.conditionDim);
    this.liveWeights[0] = weights.slice();
  }

  /** Train rows a step draws from: the negative-sampled train split. */
  get trainSize(): number {
    return this.train.size;
  }

  /** Train rows before negative sampling (the whole train split). */
  readonly trainRowsBeforeSampling: number;

  /** Steps a full run takes (without early stopping). */
  get totalSteps(): number {
    return Math.ceil(this.train.size / this.input.training.batchSize) * this.input.training.epochs;
  }

  /** Trains a population of one; see `runMembers`. */
  async run(hooks: TrainerHooks = {}): Promise<TrainResult> {
    if (this.members.length !== 1) throw new Error('run() trains a single model: use runMembers() for a population.');
    return (await this.runMembers(hooks))[0];
  }

  /** Trains every member; one result per member, in member order. */
  async runMembers(hooks: TrainerHooks = {}): Promise<TrainResult[]> {
    const { net, data, mode, training: cfg } = this.input;
    const tasks = data.tasks;
    const T = tasks.length;
    const P = this.members.length;
    const weighting = createWeighting(
      // Each member's weights padded to one per task (an auxiliary task left out of a list weighs 1).
      this.members.map((m, p) => ({ config: { ...this.input.weighting, weights: this.liveWeights[p].slice() }, seed: m.seed })),
      tasks,
      () => this.liveWeights,
      net.conditionDim,
    );
    const optimizer = cfg.optimizer === 'adam' ? tf.train.adam(cfg.learningRate) : tf.train.momentum(cfg.learningRate, cfg.momentum);
    const params = net.params;
    const vars = params.list();
    const shared = [...params.shared].map((n) => params.get(n));
    const regularised = [...params.regularised].map((n) => params.get(n));
    const lastShared = net.lastShared ? params.get(net.lastShared) : null;
    const shuffles = this.members.map((m) => Rng.stream(m.seed, 'shuffle'));
    const lossOptions = { positiveWeights: cfg.positiveWeights, focalGamma: cfg.focalGamma };
    const stepsPerEpoch = Math.ceil(this.train.size / cfg.batchSize);
    const state: MemberState[] = this.members.map(() => ({
      active: true,
      status: 'completed',
      epochs: [],
      best: null,
      sinceBest: 0,
      steps: 0,
      samples: 0,
      divergence: null,
      epochLossSum: new Float64Array(T),
      epochSteps: 0,
      cosineSum: 0,
      cosineCount: 0,
      finalWeights: null,
    }));
    const name = (p: number) => (P > 1 && this.members[p].label ? `Model ${this.members[p].label}: the` : 'The');
    let step = 0;
    const t0 = performance.now();
    let windowStart = t0;
    let windowSamples = 0;
    let window: Tensor2D[] = []; // per step, losses [P, T]
    let windowFirstStep = 1;
    let validationMs = 0;

    /** Reads the window's losses back, checks them, and emits a snapshot per active member. */
    const flush = async (epoch: number, extras: { weights: Tensor2D | null; cosine: Tensor | null; gates: Tensor | null }) => {
      const stacked = tf.stack(window);
      const [lv, wv, cv, gv] = await Promise.all([
        stacked.data(),
        extras.weights ? extras.weights.array() : Promise.resolve(null),
        extras.cosine ? (extras.cosine.array() as Promise<number[][][]>) : Promise.resolve(null),
        extras.gates ? (extras.gates.array() as Promise<number[][][]>) : Promise.resolve(null),
      ]);
      tf.dispose([stacked, ...window]);
      const now = performance.now();
      state.forEach((m, p) => {
        if (!m.active) return;
        const losses: TelemetrySnapshot['losses'] = [];
        for (let k = 0; k < window.length; k++) {
          const at = (k * P + p) * T;
          const values = Array.from(lv.subarray(at, at + T));
          const bad = values.findIndex((v) => !Number.isFinite(v));
          if (bad >= 0 && !m.divergence) {
            const s = windowFirstStep + k;
            m.divergence = {
              task: tasks[bad].name,
              step: s,
              epoch,
              value: values[bad],
              message:
                `${name(p)} ${tasks[bad].name} loss became ${values[bad]} at step ${s} (epoch ${epoch}). ` +
                `Training diverged: the updates grew until the numbers overflowed. Try a lower learning rate ` +
                `(now ${cfg.learningRate}), smaller task weights, or Adam instead of SGD.`,
            };
          }
          values.forEach((v, t) => (m.epochLossSum[t] += v));
          m.epochSteps++;
          losses.push({ step: windowFirstStep + k, values });
        }
        if (wv) m.finalWeights = wv[p];
        const cm = cv ? cv[p] : null;
        if (cm && cm.length > 1 && Number.isFinite(cm[0][1])) {
          m.cosineSum += cm[0][1];
          m.cosineCount++;
        }
        hooks.onTelemetry?.({
          epoch,
          step,
          losses,
          weights: wv ? wv[p] : [],
          gradientCosine: cm,
          gates: gv ? gv[p] : null,
          samplesPerSecond: windowSamples / P / Math.max((now - windowStart) / 1000, 1e-9),
        }, p);
      });
      for (const m of state) {
        if (m.active && m.divergence) {
          m.active = false;
          m.status = 'diverged';
        }
      }
      window = [];
      windowFirstStep = step + 1;
      windowStart = now;
      windowSamples = 0;
    };

    try {
      outer: for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
        const n = this.train.size;
        const order = new Int32Array(P * n);
        shuffles.forEach((rng, p) => order.set(rng.shuffle(Int32Array.from({ length: n }, (_, i) => i)), p * n));
        for (const m of state) {
          m.epochLossSum = new Float64Array(T);
          m.epochSteps = 0;
        }
        for (let s = 0; s < stepsPerEpoch; s++) {
          if (hooks.control) await hooks.control.beforeStep(s === 0);
          if (hooks.isCancelled?.() || hooks.control?.isCancelled) {
            for (const m of state) if (m.active) m.status = 'cancelled';
            break outer;
          }
          step++;
          const start = s * cfg.batchSize;
          const count = Math.min(cfg.batchSize, n - start);
          // Each member's rows of this batch, cut on the host: tfjs-wasm's slice copies its whole
          // input to JavaScript first (the epoch's order, 300 kB), 0.8 ms a step in Chromium.
          const rows = new Int32Array(P * count);
          for (let p = 0; p < P; p++) rows.set(order.subarray(p * n + start, p * n + start + count), p * count);
          const idx = tf.tensor2d(rows, [P, count], 'int32');
          const batch = this.train.gatherMembers(idx);
          idx.dispose();
          try {
            const telemetryStep = step % cfg.telemetryEvery === 0 || s === stepsPerEpoch - 1;
            // Each member's dropout seeded as it is when that member trains alone.
            const dropSeeds = this.members.map((m) => m.seed * 1000003 + step);
            // On telemetry steps the gate means are kept from the first training forward pass,
            // rather than paying for another forward pass.
            let gates: Tensor | null = null;
            const lossFn = (condition?: Tensor2D) => {
              const fwd = net.forward(batch.inputs, { training: true, dropout: cfg.dropout, seed: dropSeeds, condition });
              if (telemetryStep && fwd.gateMeans && !gates) gates = tf.keep(tf.clone(fwd.gateMeans));
              return taskLosses(fwd.logits, batch.labels, tasks, mode, lossOptions);
            };
            const out = weighting.step({ lossFn, vars, shared, lastShared, wantCosine: telemetryStep });
            if (cfg.l2 > 0) {
              // ∇(λ·Σw²) = 2λw, added directly: no extra backward pass.
              for (const v of regularised) {
                const g = out.grads[v.name];
                out.grads[v.name] = tf.tidy(() => tf.add(g, tf.mul(2 * cfg.l2, v)));
                g.dispose();
              }
            }
            // tfjs types the map as variables, but it reads gradients keyed by variable name.
            optimizer.applyGradients(out.grads as unknown as Parameters<typeof optimizer.applyGradients>[0]);
            tf.dispose(Object.values(out.grads));
            window.push(out.losses);
            windowSamples += P * count;
            for (const m of state) {
              if (!m.active) continue;
              m.samples += count;
              m.steps = step;
            }
            if (telemetryStep) {
              await flush(epoch, { weights: out.weights, cosine: out.cosine, gates });
              tf.dispose([out.weights, out.cosine ?? [], gates ?? []]);
            } else {
              tf.dispose([out.weights, out.cosine ?? []]);
            }
          } finally {
            disposeBatch(batch);
          }
          if (state.every((m) => !m.active)) break outer;
        }
        weighting.onEpochEnd(state.map((m) => Array.from(m.epochLossSum, (v) => v / Math.max(m.epochSteps, 1))));
        const validationStart = performance.now();
        const summaries = await this.validate(epoch, step, state);
        validationMs += performance.now() - validationStart;
        windowStart += performance.now() - validationStart; // the next window's rate excludes validation too
        summaries.forEach((summary, p) => {
          const m = state[p];
          if (!summary || !m.active) return;
          m.epochs.push(summary);
          if (summary.best) {
            m.best?.snapshot.forEach((t) => t.dispose());
            m.best = { score: summary.score, epoch, snapshot: params.snapshotMember(p) };
            m.sinceBest = 0;
          } else {
            m.sinceBest++;
          }
          hooks.onEpoch?.(summary, p);
          if (cfg.patience > 0 && m.sinceBest >= cfg.patience && epoch < cfg.epochs) {
            m.active = false;
            m.status = 'early-stopped';
          }
        });
        if (state.every((m) => !m.active)) break;
      }
      if (window.length) await flush(Math.max(...state.map((m) => m.epochs.length)) + 1, { weights: null, cosine: null, gates: null });
    } finally {
      tf.dispose(window);
      weighting.dispose();
      optimizer.dispose();
      // tfjs 4.22's MomentumOptimizer.dispose() skips SGDOptimizer's, leaking its learning-rate scalar.
      if (cfg.optimizer === 'sgd') (optimizer as unknown as { c?: Tensor }).c?.dispose();
    }
    // Diverged or not, every member ends with the weights of its best validated epoch.
    params.restoreMembers(state.map((m) => m.best?.snapshot ?? null));
    state.forEach((m) => m.best?.snapshot.forEach((t) => t.dispose()));
    const seconds = (performance.now() - t0) / 1000;
    return state.map((m) => ({
      status: m.status,
      epochs: m.epochs,
      bestEpoch: m.best?.epoch ?? null,
      steps: m.steps,
      seconds,
      samplesPerSecond: m.samples / Math.max(seconds - validationMs / 1000, 1e-9),
      backwardPassesPerStep: weighting.backwardPasses,
      divergence: m.divergence,
      meanGradientCosine: m.cosineCount ? m.cosineSum / m.cosineCount : null,
      finalWeights: m.finalWeights,
    }));
  }

  /** Validation losses and AUCs for one epoch of every active member (null for the others), and whether each beats its best. */
  private async validate(epoch: number, step: number, state: readonly MemberState[]): Promise<Array<EpochSummary | null>> {
    const { net, data, mode, training: cfg } = this.input;
    // A conditioned network is validated at the weighting it will be evaluated at.
    const C = net.conditionDim;
    const condition = C > 0 ? tf.tensor2d(this.liveWeights.map((w) => weightShares(w, C))) : null;
    const all = await predictSplitMembers(net, this.validation, data.tasks, mode, condition).finally(() => condition?.dispose());
    return all.map(({ preds, losses }, p) => {
      const m = state[p];
      if (!m.active) return null;
      const validationAuc = data.tasks.map((task, t) => (task.kind === 'binary' ? auc(this.validationLabels[t], preds[t]) : null));
      const aucs = validationAuc.filter((a): a is number => a !== null && Number.isFinite(a));
      const score = cfg.earlyStoppingMetric === 'auc' && aucs.length > 0 ? aucs.reduce((a, b) => a + b, 0) / aucs.length : -losses.reduce((a, b) => a + b, 0);
      const trainLoss = Array.from(m.epochLossSum, (v) => v / Math.max(m.epochSteps, 1));
      const bestScore = m.best?.score ?? -Infinity;
      return { epoch, step, trainLoss, validationLoss: losses, validationAuc, score, best: Number.isFinite(score) && score > bestScore };
    });
  }

  dispose(): void {
    this.train.dispose();
    this.validation.dispose();
  }
}
