/**
 * The training loop: mini-batches from the device, a weighting strategy's gradients, the optimizer,
 * telemetry every N steps (the only read-back during training), validation and early stopping per
 * epoch, divergence detection and cancellation between steps.
 */
import { auc } from '../metrics';
import { Rng } from '../random';
import { tf, type Tensor, type Tensor1D, type Tensor2D } from '../engine/tf';
import { splitRows, type EncodedData } from '../features';
import type { MultiTaskNet } from '../model/network';
import type { TrainingConfig, WeightingConfig } from './config';
import type { TrainingControl } from './control';
import { DeviceSplit, disposeBatch } from './deviceData';
import { taskLosses, type PurchaseMode } from './losses';
import { predictSplit } from './predict';
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
  /** Training examples processed per second of training (validation time excluded). */
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
  onTelemetry?: (s: TelemetrySnapshot) => void;
  onEpoch?: (e: EpochSummary) => void;
  /** Checked between steps; when true the run stops with status `cancelled`. */
  isCancelled?: () => boolean;
  /** Play / pause / step / cancel, awaited between steps. */
  control?: TrainingControl;
}

export interface TrainerInput {
  net: MultiTaskNet;
  data: EncodedData;
  mode: PurchaseMode;
  training: TrainingConfig;
  weighting: WeightingConfig;
}

/** Trains `net` in place. Live task weights can be changed during training with `setWeights`. */
export class Trainer {
  private liveWeights: number[];
  private readonly train: DeviceSplit;
  private readonly validation: DeviceSplit;
  /** Validation labels per task, in split order (for the per-epoch AUC). */
  private readonly validationLabels: Float32Array[];

  constructor(private readonly input: TrainerInput) {
    this.liveWeights = input.weighting.weights.slice(0, input.data.tasks.length);
    while (this.liveWeights.length < input.data.tasks.length) this.liveWeights.push(1);
    this.train = new DeviceSplit(input.data, splitRows(input.data, 'train'));
    this.validation = new DeviceSplit(input.data, splitRows(input.data, 'validation'));
    this.validationLabels = input.data.labels.map((l) => Float32Array.from(this.validation.rows, (r) => l[r]));
  }

  /** Sets the fixed task weights; read at the next step. */
  setWeights(weights: number[]): void {
    this.liveWeights = weights.slice();
  }

  get trainSize(): number {
    return this.train.size;
  }

  /** Steps a full run takes (without early stopping). */
  get totalSteps(): number {
    return Math.ceil(this.train.size / this.input.training.batchSize) * this.input.training.epochs;
  }

  async run(hooks: TrainerHooks = {}): Promise<TrainResult> {
    const { net, data, mode, training: cfg } = this.input;
    const tasks = data.tasks;
    const T = tasks.length;
    const weighting = createWeighting(this.input.weighting, tasks, () => this.liveWeights, cfg.seed);
    const optimizer = cfg.optimizer === 'adam' ? tf.train.adam(cfg.learningRate) : tf.train.momentum(cfg.learningRate, cfg.momentum);
    const params = net.params;
    const vars = params.list();
    const shared = [...params.shared].map((n) => params.get(n));
    const regularised = [...params.regularised].map((n) => params.get(n));
    const lastShared = net.lastShared ? params.get(net.lastShared) : null;
    const shuffle = Rng.stream(cfg.seed, 'shuffle');
    const stepsPerEpoch = Math.ceil(this.train.size / cfg.batchSize);
    const epochs: EpochSummary[] = [];
    let best: { score: number; epoch: number; snapshot: Map<string, Tensor> } | null = null;
    let sinceBest = 0;
    let step = 0;
    let status: TrainStatus = 'completed';
    let divergence: Divergence | null = null;
    const t0 = performance.now();
    let windowStart = t0;
    let windowSamples = 0;
    let window: Tensor1D[] = [];
    let windowFirstStep = 1;
    let epochLossSum = new Float64Array(T);
    let epochSteps = 0;
    let samplesSeen = 0;
    let validationMs = 0;
    let cosineSum = 0;
    let cosineCount = 0;
    let finalWeights: number[] | null = null;

    /** Reads the window's losses back, checks them, and emits a snapshot. */
    const flush = async (epoch: number, extras: { weights: Tensor1D | null; cosine: Tensor2D | null; gates: Tensor2D | null }) => {
      const stacked = tf.stack(window);
      const [lv, wv, cv, gv] = await Promise.all([
        stacked.data(),
        extras.weights ? extras.weights.data() : Promise.resolve(null),
        extras.cosine ? extras.cosine.array() : Promise.resolve(null),
        extras.gates ? extras.gates.array() : Promise.resolve(null),
      ]);
      tf.dispose([stacked, ...window]);
      const losses: TelemetrySnapshot['losses'] = [];
      for (let k = 0; k < window.length; k++) {
        const values = Array.from(lv.subarray(k * T, (k + 1) * T));
        const bad = values.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0 && !divergence) {
          const at = windowFirstStep + k;
          divergence = {
            task: tasks[bad].name,
            step: at,
            epoch,
            value: values[bad],
            message:
              `The ${tasks[bad].name} loss became ${values[bad]} at step ${at} (epoch ${epoch}). ` +
              `Training diverged: the updates grew until the numbers overflowed. Try a lower learning rate ` +
              `(now ${cfg.learningRate}), smaller task weights, or Adam instead of SGD.`,
          };
        }
        values.forEach((v, t) => (epochLossSum[t] += v));
        epochSteps++;
        losses.push({ step: windowFirstStep + k, values });
      }
      if (wv) finalWeights = Array.from(wv);
      const cm = cv as number[][] | null;
      if (cm && cm.length > 1 && Number.isFinite(cm[0][1])) {
        cosineSum += cm[0][1];
        cosineCount++;
      }
      const now = performance.now();
      hooks.onTelemetry?.({
        epoch,
        step,
        losses,
        weights: wv ? Array.from(wv) : [],
        gradientCosine: cv as number[][] | null,
        gates: gv as number[][] | null,
        samplesPerSecond: windowSamples / Math.max((now - windowStart) / 1000, 1e-9),
      });
      window = [];
      windowFirstStep = step + 1;
      windowStart = now;
      windowSamples = 0;
    };

    try {
      outer: for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
        const perm = tf.tensor1d(shuffle.shuffle(Int32Array.from({ length: this.train.size }, (_, i) => i)), 'int32');
        epochLossSum = new Float64Array(T);
        epochSteps = 0;
        try {
          for (let s = 0; s < stepsPerEpoch; s++) {
            if (hooks.control) await hooks.control.beforeStep(s === 0);
            if (hooks.isCancelled?.() || hooks.control?.isCancelled) {
              status = 'cancelled';
              break outer;
            }
            step++;
            const start = s * cfg.batchSize;
            const count = Math.min(cfg.batchSize, this.train.size - start);
            const idx = tf.slice(perm, [start], [count]) as Tensor1D;
            const batch = this.train.gather(idx);
            idx.dispose();
            try {
              const telemetryStep = step % cfg.telemetryEvery === 0 || s === stepsPerEpoch - 1;
              const dropSeed = cfg.seed * 1000003 + step;
              // On telemetry steps the gate means are kept from the first training forward pass,
              // rather than paying for another forward pass.
              let gates: Tensor2D | null = null;
              const lossFn = () => {
                const fwd = net.forward(batch.inputs, { training: true, dropout: cfg.dropout, seed: dropSeed });
                if (telemetryStep && fwd.gateMeans && !gates) gates = tf.keep(tf.clone(fwd.gateMeans));
                return taskLosses(fwd.logits, batch.labels, tasks, mode);
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
              windowSamples += count;
              samplesSeen += count;
              if (telemetryStep) {
                await flush(epoch, { weights: out.weights, cosine: out.cosine, gates });
                tf.dispose([out.weights, out.cosine ?? [], gates ?? []]);
              } else {
                tf.dispose([out.weights, out.cosine ?? []]);
              }
            } finally {
              disposeBatch(batch);
            }
            if (divergence) {
              status = 'diverged';
              break outer;
            }
          }
        } finally {
          perm.dispose();
        }
        const meanLoss = Array.from(epochLossSum, (v) => v / Math.max(epochSteps, 1));
        weighting.onEpochEnd(meanLoss);
        const validationStart = performance.now();
        const summary = await this.validate(epoch, step, meanLoss, best?.score ?? -Infinity);
        validationMs += performance.now() - validationStart;
        windowStart += performance.now() - validationStart; // the next window's rate excludes validation too
        epochs.push(summary);
        if (summary.best) {
          best?.snapshot.forEach((t) => t.dispose());
          best = { score: summary.score, epoch, snapshot: params.snapshot() };
          sinceBest = 0;
        } else {
          sinceBest++;
        }
        hooks.onEpoch?.(summary);
        if (cfg.patience > 0 && sinceBest >= cfg.patience && epoch < cfg.epochs) {
          status = 'early-stopped';
          break;
        }
      }
      if (window.length) await flush(epochs.length + 1, { weights: null, cosine: null, gates: null });
    } finally {
      tf.dispose(window);
      weighting.dispose();
      optimizer.dispose();
      // tfjs 4.22's MomentumOptimizer.dispose() skips SGDOptimizer's, leaking its learning-rate scalar.
      if (cfg.optimizer === 'sgd') (optimizer as unknown as { c?: Tensor }).c?.dispose();
    }
    if (best) {
      // Diverged or not, the model ends with the weights of its best validated epoch.
      params.restore(best.snapshot);
      best.snapshot.forEach((t) => t.dispose());
    }
    const seconds = (performance.now() - t0) / 1000;
    return {
      status,
      epochs,
      bestEpoch: best?.epoch ?? null,
      steps: step,
      seconds,
      samplesPerSecond: samplesSeen / Math.max(seconds - validationMs / 1000, 1e-9),
      backwardPassesPerStep: weighting.backwardPasses,
      divergence,
      meanGradientCosine: cosineCount ? cosineSum / cosineCount : null,
      finalWeights,
    };
  }

  /** Validation losses and AUCs for one epoch, and whether it beats `bestScore`. */
  private async validate(epoch: number, step: number, trainLoss: number[], bestScore: number): Promise<EpochSummary> {
    const { net, data, mode, training: cfg } = this.input;
    const { preds, losses } = await predictSplit(net, this.validation, data.tasks, mode);
    const validationAuc = data.tasks.map((task, t) => {
      return task.kind === 'binary' ? auc(this.validationLabels[t], preds[t]) : null;
    });
    const aucs = validationAuc.filter((a): a is number => a !== null && Number.isFinite(a));
    const score = cfg.earlyStoppingMetric === 'auc' && aucs.length > 0 ? aucs.reduce((a, b) => a + b, 0) / aucs.length : -losses.reduce((a, b) => a + b, 0);
    return { epoch, step, trainLoss, validationLoss: losses, validationAuc, score, best: Number.isFinite(score) && score > bestScore };
  }

  dispose(): void {
    this.train.dispose();
    this.validation.dispose();
  }
}

