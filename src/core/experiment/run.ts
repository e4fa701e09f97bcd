/**
 * One experiment end to end: backend → world → features → model → training → evaluation. The same
 * function runs in Node (tests, the runner) and in a Web Worker (the playground).
 */
import { initBackend, type BackendChoice, type BackendOptions } from '../engine/backends';
import { tf } from '../engine/tf';
import { encodeMmoeWorld, encodeShopperWorld, fitShopperEncoder, splitRows, type EncodedData, type ShopperEncoder } from '../features';
import { MultiTaskNet, netSpecFor } from '../model/network';
import { DeviceSplit } from '../train/deviceData';
import type { PurchaseMode } from '../train/losses';
import { predictSplit } from '../train/predict';
import { Trainer, type TrainerHooks, type TrainResult } from '../train/trainer';
import { unlearnedTasks, type UnlearnedTask } from '../eval/learned';
import { evaluateTasks, type TaskEvaluation } from '../eval/pointwise';
import { adoptReferences, evaluateRanking, type JudgedReferences, type RankingEvaluation } from '../eval/ranking';
import { recalibrate } from '../train/sampling';
import { conversionCheck, funnelViolations, mmoeCeiling, shopperCeiling, withModelShares, type ConversionCheck, type TaskCeiling } from '../eval/truth';
import { generateMmoeWorld, generateShopperWorld, hashWorld, type MmoeWorld, type ShopperWorld } from '../world';
import { conditionDim, parseExperimentConfig, type ExperimentConfig } from './config';
import { checkBudget } from './cost';
import type { Replicates } from './replicates';
import { TrainedModel } from './trained';

export type RunStage = 'backend' | 'world' | 'features' | 'training' | 'evaluation' | 'done';

export interface RunHooks extends TrainerHooks {
  /** A stage starts (fraction 0 or absent), or a long stage reports how far it is (0..1). */
  onStage?: (stage: RunStage, fraction?: number) => void;
  /**
   * Memory the run may take (bytes): a config estimated past it (or past the WASM heap on the WASM
   * backend) is refused with a BudgetError before the world is generated. Absent: no check.
   */
  memoryBudget?: number;
  /** Receives the trainer once it exists, e.g. to move fixed weights while it trains. */
  onTrainer?: (trainer: Trainer) => void;
  /** The backend that will train, once chosen (before the world is generated). */
  onBackend?: (backend: BackendChoice) => void;
  /**
   * Where the caller keeps worlds already generated (see `WorldKeeper`): the run takes its world and
   * features from it instead of generating them. Absent: generated for this run.
   */
  worlds?: WorldKeeper;
  /** The world's reference policies judged elsewhere (see `ReferenceSource`). */
  references?: ReferenceSource;
}

/**
 * Reference policies judged away from the run (`judgeReferences`; the page's second worker judges
 * them while this one trains), for a shopper-world evaluation to adopt instead of judging them.
 */
export interface ReferenceSource {
  /** Asked as the evaluation starts: the references, or null when none are coming (the evaluation then judges its own). */
  take(): Promise<JudgedReferences | null> | JudgedReferences | null;
  /** Told whether the evaluation used them (false: none came, or they were another world's or ranking's). */
  used?(adopted: boolean): void;
}

export interface ExperimentResult {
  config: ExperimentConfig;
  backend: BackendChoice;
  world: { kind: 'shopper' | 'mmoe'; fingerprint: string | null; examples: number; trainExamples: number };
  /** How the purchase task was learned (shopper world). */
  purchaseMode: PurchaseMode | null;
  training: TrainResult;
  /**
   * The run's other seeds when `training.seeds` > 1 (everything else in this result is the first
   * seed's: charts, telemetry, the kept model); absent or null for a one-seed run.
   */
  replicates?: Replicates | null;
  /**
   * Seconds the evaluation took (test-split predictions and metrics, the whole-catalogue ranking,
   * the truth); absent without an evaluation, and in runs saved before it was reported.
   */
  evaluationSeconds?: number;
  /** Test-split evaluation; null when training was cancelled or diverged before its first epoch ended. */
  evaluation: {
    tasks: TaskEvaluation[];
    /** The world's own truth scored on the same test rows, one entry per task (see eval/truth.ts). */
    truth: TaskCeiling[];
    /**
     * Funnel models (purchase learned as CVR on clicks, or ESMM): their conversion estimate against
     * the world's on clicked and unclicked test impressions; null otherwise.
     */
    conversion: ConversionCheck | null;
    /**
     * Three-step funnel: the share of test impressions whose predictions break the funnel's order,
     * P(purchase) ≤ P(cart) ≤ P(click) (see `funnelViolations`); null (or absent) without a cart head.
     */
    funnelViolations?: number | null;
    ranking: RankingEvaluation | null;
    /** Tasks whose test loss is no better than a constant prediction's (see eval/learned.ts); usually empty. */
    unlearned?: UnlearnedTask[];
    /** Negative sampling's before and after (absent or null without sampling); `tasks` are re-calibrated. */
    sampling?: SamplingReport | null;
  } | null;
}

/** What negative sampling did to a run (see train/sampling.ts). */
export interface SamplingReport {
  /** The share s of train impressions without a purchase that training kept. */
  rate: number;
  /** Train impressions before sampling. */
  trainRows: number;
  /** Train impressions training drew from (every purchase, a share s of the rest). */
  keptRows: number;
  /** keptRows / trainRows: the share of the train split training drew from (absent in runs saved before it was reported). */
  keptShare?: number;
  /** Test-split metrics of the raw predictions (the sample's rates), before re-calibration. */
  raw: TaskEvaluation[];
  /** Mean test prediction per task: raw, and re-calibrated (compare with each task's `positiveRate`). */
  meanRaw: number[];
  meanRecalibrated: number[];
}

export function purchaseModeOf(config: ExperimentConfig): PurchaseMode {
  return config.model.architecture === 'esmm' ? 'esmm' : config.model.purchaseTarget;
}

/** Runs an experiment from a (partial) config; the trained model is released at the end. */
export async function runExperiment(input: unknown, hooks: RunHooks = {}, backendOptions: BackendOptions = {}): Promise<ExperimentResult> {
  const { result, model } = await trainExperiment(input, hooks, backendOptions);
  model?.dispose();
  return result;
}

/** A config's world and encoded data, generated once (a population's members share them). */
export interface PreparedData {
  data: EncodedData;
  shopperWorld: ShopperWorld | null;
  mmoeWorld: MmoeWorld | null;
  encoder: ShopperEncoder | null;
}

/**
 * What identifies a run's prepared data: the world's settings and the auxiliary task (which adds a
 * label). Two configs with the same key train on the same world and features.
 */
export function preparedKey(config: ExperimentConfig): string {
  return JSON.stringify([config.world, config.model.auxiliaryTask]);
}

/**
 * Keeps the most recent run's world and features, so a run on the same world (another model, other
 * weights: the usual next run) skips generating and encoding it, and its evaluation finds the
 * reference policies already judged (they are cached per world). One world at most: the previous
 * one is let go before a different one is generated.
 */
export class WorldKeeper {
  private last: { key: string; prepared: PreparedData } | null = null;
  /** Runs that found their world kept. */
  reused = 0;

  prepare(config: ExperimentConfig, hooks: Pick<RunHooks, 'onStage'> = {}): PreparedData {
    const key = preparedKey(config);
    if (this.last?.key === key) {
      // The stages still pass, instantly, so progress and time-left see the run's usual shape.
      hooks.onStage?.('world');
      hooks.onStage?.('features');
      this.reused++;
      return this.last.prepared;
    }
    this.last = null;
    const prepared = prepareData(config, hooks);
    this.last = { key, prepared };
    return prepared;
  }
}

/** Generates the config's world and encodes its features, reporting progress as stages. */
export function prepareData(config: ExperimentConfig, hooks: Pick<RunHooks, 'onStage'> = {}): PreparedData {
  hooks.onStage?.('world');
  const { kind, ...worldSettings } = config.world;
  const mmoeWorld = kind === 'mmoe' ? generateMmoeWorld(worldSettings) : null;
  const shopperWorld = kind === 'shopper' ? generateShopperWorld(worldSettings, { onProgress: (f) => hooks.onStage?.('world', f) }) : null;
  hooks.onStage?.('features');
  const encoder = shopperWorld ? fitShopperEncoder(shopperWorld) : null;
  const data = shopperWorld && encoder ? encodeShopperWorld(shopperWorld, encoder, (f) => hooks.onStage?.('features', f), config.model.auxiliaryTask) : encodeMmoeWorld(mmoeWorld!);
  return { data, shopperWorld, mmoeWorld, encoder };
}

/**
 * The result of a trained model: its test-split evaluation when its weights are usable (not
 * cancelled, not diverged before its first validated epoch), null otherwise.
 */
export async function resultOf(
  config: ExperimentConfig,
  backend: BackendChoice,
  prepared: PreparedData,
  model: TrainedModel,
  training: TrainResult,
  trainExamples: number,
  hooks: Pick<RunHooks, 'onStage' | 'references'> = {},
): Promise<ExperimentResult> {
  const { data, shopperWorld, mmoeWorld, encoder } = prepared;
  const mode = model.mode;
  const fingerprint = shopperWorld ? hashWorld(shopperWorld) : null;
  let evaluation: ExperimentResult['evaluation'] = null;
  let evaluationSeconds: number | undefined;
  // A cancelled run, or one that diverged before any epoch validated, has no weights worth
  // evaluating (non-finite predictions would only make the metrics throw).
  if (usableTraining(training)) {
    hooks.onStage?.('evaluation');
    const evaluationStart = performance.now();
    const testRows = splitRows(data, 'test');
    const test = new DeviceSplit(data, testRows);
    try {
      const { preds } = await predictSplit(model.net, test, data.tasks, mode);
      const sessions = shopperWorld ? shopperWorld.log.session : null;
      const rate = config.training.negativeSampling ?? 1;
      let sampling: SamplingReport | null = null;
      if (rate !== 1) {
        const meanOf = (p: Float32Array) => p.reduce((a, b) => a + b, 0) / Math.max(1, p.length);
        const raw = evaluateTasks(data, testRows, preds, sessions, config.evaluation.k);
        const meanRaw = preds.map(meanOf);
        recalibrate(preds, rate, data.tasks);
        const trainRows = splitRows(data, 'train').length;
        sampling = { rate, trainRows, keptRows: trainExamples, keptShare: trainRows > 0 ? trainExamples / trainRows : Number.NaN, raw, meanRaw, meanRecalibrated: preds.map(meanOf) };
      }
      const tasks = evaluateTasks(data, testRows, preds, sessions, config.evaluation.k);
      if (shopperWorld && fingerprint && hooks.references) {
        const judged = await hooks.references.take();
        hooks.references.used?.(judged !== null && adoptReferences(shopperWorld, fingerprint, judged, rankingOptions(config)));
      }
      const ranking =
        shopperWorld && encoder
          ? await evaluateRanking(shopperWorld, encoder, (shoppers) => model.scoreCatalog(shoppers, 1), {
              ...rankingOptions(config),
              onProgress: (f) => hooks.onStage?.('evaluation', f),
            })
          : null;
      const truth = withModelShares(shopperWorld ? shopperCeiling(shopperWorld, data, testRows) : mmoeCeiling(mmoeWorld!, data, testRows), tasks);
      const conversion = shopperWorld && mode !== 'ctcvr' ? conversionCheck(shopperWorld, testRows, preds[0], preds[1]) : null;
      evaluation = { tasks, truth, conversion, funnelViolations: funnelViolations(data.tasks, preds), ranking, unlearned: unlearnedTasks(tasks, truth), ...(sampling ? { sampling } : {}) };
      evaluationSeconds = (performance.now() - evaluationStart) / 1000;
    } finally {
      test.dispose();
    }
  }
  return {
    config,
    backend,
    world: {
      kind: config.world.kind,
      fingerprint,
      examples: data.size,
      trainExamples,
    },
    purchaseMode: shopperWorld ? mode : null,
    training,
    ...(evaluationSeconds === undefined ? {} : { evaluationSeconds }),
    evaluation,
  };
}

/** The whole-catalogue ranking a config's evaluation asks for (its references are judged for the same). */
export function rankingOptions(config: ExperimentConfig): { k: number; maxShoppers: number; seed: number } {
  return {
    k: config.evaluation.k,
    maxShoppers: config.evaluation.rankShoppers,
    // The world's seed, not the training seed: changing only the initialisation must not change
    // which shoppers are judged or the random reference they are judged against.
    seed: config.world.seed,
  };
}

/** Whether a training result left weights worth evaluating and keeping. */
export function usableTraining(training: TrainResult): boolean {
  return training.status !== 'cancelled' && !(training.status === 'diverged' && training.bestEpoch === null);
}

/**
 * Runs an experiment and keeps the trained model (for the inspector and sweeps); the caller owns
 * it and must `dispose` it. `model` is null when the run has no usable weights (cancelled, or
 * diverged before its first validated epoch).
 */
export async function trainExperiment(
  input: unknown,
  hooks: RunHooks = {},
  backendOptions: BackendOptions = {},
): Promise<{ result: ExperimentResult; model: TrainedModel | null }> {
  const config = parseExperimentConfig(input);
  hooks.onStage?.('backend');
  const backend = await initBackend(config.training.backend, backendOptions);
  if (hooks.memoryBudget !== undefined) checkBudget(config, hooks.memoryBudget, backend.backend);
  hooks.onBackend?.(backend);
  const prepared = hooks.worlds ? hooks.worlds.prepare(config, hooks) : prepareData(config, hooks);
  const { data, shopperWorld, encoder } = prepared;
  const mode = purchaseModeOf(config);
  const net = new MultiTaskNet(netSpecFor(config.model, data, conditionDim(config)), config.training.seed);
  let model: TrainedModel | null = null;
  let keep = false;
  try {
    const trainer = new Trainer({ net, data, mode, training: config.training, weighting: config.weighting });
    try {
      hooks.onTrainer?.(trainer);
      hooks.onStage?.('training');
      const training = await trainer.run(hooks);
      // Takes the network over (a conditioned one is fixed at the config's weights for scoring).
      model = TrainedModel.of(config, net, data.tasks, mode, shopperWorld, encoder);
      const result = await resultOf(config, backend, prepared, model, training, trainer.trainSize, hooks);
      hooks.onStage?.('done');
      keep = usableTraining(training);
      return { result, model: keep ? model : null };
    } finally {
      trainer.dispose();
    }
  } finally {
    if (!keep) (model ?? net).dispose();
  }
}

/**
 * A conditioned run's model evaluated at another weighting, without retraining (see
 * `TrainedModel.atWeights`): the run's result with `weights` in its config and the evaluation of
 * the model fixed there (of the run's first seed: a several-seed run's intervals are not carried
 * over). The world and features come from `worlds` when kept there (the usual case: the run's
 * own), else are generated again.
 */
export async function evaluateAtWeights(
  model: TrainedModel,
  run: ExperimentResult,
  weights: readonly number[],
  hooks: Pick<RunHooks, 'onStage' | 'worlds'> = {},
): Promise<{ result: ExperimentResult; model: TrainedModel }> {
  const moved = model.atWeights(weights);
  try {
    const prepared = hooks.worlds ? hooks.worlds.prepare(moved.config) : prepareData(moved.config);
    const result = await resultOf(moved.config, run.backend, prepared, moved, run.training, run.world.trainExamples, { onStage: hooks.onStage });
    // One model moved: a several-seed run's intervals belong to its own weights, not these.
    return { result: { ...result, replicates: null }, model: moved };
  } catch (e) {
    moved.dispose();
    throw e;
  }
}

/** Tensors alive now: the engine's leak check reads it before and after a run. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
