/**
 * A trained model kept after its run, with what it needs to score any (shopper, item) pair: the
 * world it learned from and the feature encoder fitted on that world's training split. The
 * playground keeps these in the worker for the shopper inspector and for sweep points; the runner
 * disposes them at once.
 */
import { encodeCatalogBlock, encodePairs, type EncodedData, type ShopperEncoder, type TaskSpec } from '../features';
import { catalogPairs } from '../eval/ranking';
import { MultiTaskNet, netSpecFor } from '../model/network';
import type { ParamValues } from '../model/params';
import { HostEmbedder, predictCatalogTask, predictPairsOnHost, predictTaskOnHost } from '../train/hostPredict';
import type { PurchaseMode } from '../train/losses';
import { recalibrate, recalibratePurchase } from '../train/sampling';
import type { ShopperWorld } from '../world';
import { weightShares } from '../train/conditioned';
import { conditionDim, type ExperimentConfig } from './config';

export class TrainedModel {
  /**
   * A model rebuilt from exported parameter values (`ParamSet.exportValues`) on the world its
   * config generates: what another worker trained, scoring here exactly as it did there.
   */
  static fromValues(config: ExperimentConfig, prepared: { data: EncodedData; shopperWorld: ShopperWorld | null; encoder: ShopperEncoder | null }, values: ParamValues, mode: PurchaseMode): TrainedModel {
    const net = new MultiTaskNet(netSpecFor(config.model, prepared.data, conditionDim(config)), config.training.seed);
    try {
      net.params.importValues(values);
    } catch (e) {
      net.dispose();
      throw e;
    }
    return TrainedModel.of(config, net, prepared.data.tasks, mode, prepared.shopperWorld, prepared.encoder);
  }

  /**
   * The model of a trained network (taking ownership of it): a weight-conditioned network is fixed
   * at the config's weights for scoring and kept beside, so `atWeights` can move it without
   * retraining.
   */
  static of(config: ExperimentConfig, net: MultiTaskNet, tasks: TaskSpec[], mode: PurchaseMode, world: ShopperWorld | null, encoder: ShopperEncoder | null): TrainedModel {
    if (net.conditionDim === 0) return new TrainedModel(config, net, tasks, mode, world, encoder);
    let fixed: MultiTaskNet;
    try {
      fixed = net.atCondition(weightShares(config.weighting.weights, net.conditionDim));
    } catch (e) {
      net.dispose();
      throw e;
    }
    return new TrainedModel(config, fixed, tasks, mode, world, encoder, net);
  }

  /**
   * A conditioned model at another weighting, no retraining: the same trained network fixed at
   * `weights`' shares (see `MultiTaskNet.atCondition`), with those weights in its config. The
   * caller owns it; it cannot be moved again (move this one).
   */
  atWeights(weights: readonly number[]): TrainedModel {
    if (this.disposed) throw new Error('This model has been released; train it again to inspect it.');
    if (!this.conditioned) throw new Error('Only a model trained with the conditioned weighting moves to other weights without retraining.');
    const config = { ...this.config, weighting: { ...this.config.weighting, weights: weights.slice() } };
    return new TrainedModel(config, this.conditioned.atCondition(weightShares(weights, this.conditioned.conditionDim)), this.tasks, this.mode, this.world, this.encoder);
  }

  /** The parameters to send elsewhere: the conditioned network's where there is one (`fromValues` rebuilds it). */
  exportValues(): ParamValues {
    return (this.conditioned ?? this.net).params.exportValues();
  }

  private disposed = false;
  /** The embedding tables on the host, for scoring (see train/hostPredict.ts). */
  private embedder: Promise<HostEmbedder> | null = null;

  constructor(
    /** The validated config the model was trained with. */
    readonly config: ExperimentConfig,
    /** The trained network (benchmarks compare scoring paths on it). */
    readonly net: MultiTaskNet,
    /** Task names and kinds, in head order. */
    readonly tasks: TaskSpec[],
    /** How the purchase head's output is read (see `predictions`). */
    readonly mode: PurchaseMode,
    /** The shopper world, or null for the MMoE regression world (nothing to rank). */
    readonly world: ShopperWorld | null,
    readonly encoder: ShopperEncoder | null,
    /** A weight-conditioned model's trained network (`net` is it fixed at the config's weights); null otherwise. */
    readonly conditioned: MultiTaskNet | null = null,
  ) {}

  /**
   * Predictions per task for already encoded pairs (labels are ignored): P(click | impression) and
   * P(purchase | impression) in the shopper world.
   */
  async predictEncoded(pairs: Omit<EncodedData, 'tasks' | 'labels'>): Promise<Float32Array[]> {
    if (this.disposed) throw new Error('This model has been released; train it again to inspect it.');
    // The tables are read back once per model: its weights no longer change.
    this.embedder ??= HostEmbedder.of(this.net);
    const preds = await predictPairsOnHost(this.net, pairs, this.tasks, this.mode, await this.embedder);
    recalibrate(preds, this.samplingRate, this.tasks);
    return preds;
  }

  /** The negative-sampling rate the model was trained with (1: none); its predictions are re-calibrated from it. */
  private get samplingRate(): number {
    return this.config.training.negativeSampling ?? 1;
  }

  /** One task's predictions re-calibrated where the model was trained on a negative sample (the purchase task needs only its own). */
  private async recalibrated(task: number, raw: () => Promise<Float32Array>, pairs: () => Omit<EncodedData, 'tasks' | 'labels'>): Promise<Float32Array> {
    if (this.samplingRate === 1) return raw();
    if (task !== 1) return (await this.predictEncoded(pairs()))[task];
    const q = await raw();
    for (let r = 0; r < q.length; r++) q[r] = recalibratePurchase(q[r], this.samplingRate);
    return q;
  }

  /** Predictions of one task (0 = click, 1 = purchase) for encoded pairs, computing only that task's head where the model allows. */
  async predictTask(pairs: Omit<EncodedData, 'tasks' | 'labels'>, task: number): Promise<Float32Array> {
    if (this.disposed) throw new Error('This model has been released; train it again to inspect it.');
    this.embedder ??= HostEmbedder.of(this.net);
    const embedder = await this.embedder;
    return this.recalibrated(task, () => predictTaskOnHost(this.net, pairs, this.tasks, this.mode, task, embedder), () => pairs);
  }

  /**
   * One task's predictions for every pair of `shoppers` × the catalogue, shopper-major, at
   * position 1: what whole-catalogue ranking scores (`evaluateRanking`). Computed in parts where
   * the model allows (`predictCatalogTask`), else pair by pair.
   */
  async scoreCatalog(shoppers: readonly number[], task: number): Promise<Float32Array> {
    if (this.disposed) throw new Error('This model has been released; train it again to inspect it.');
    if (!this.world || !this.encoder) throw new Error('Only models of the shopper world score shoppers and items.');
    const { world, encoder } = this;
    this.embedder ??= HostEmbedder.of(this.net);
    const embedder = await this.embedder;
    const pairs = () => {
      const { shopper, item } = catalogPairs(shoppers, world.catalog.numItems);
      return { size: shopper.length, ...encodePairs(world, encoder, shopper, item), split: new Uint8Array(shopper.length), group: shopper };
    };
    return this.recalibrated(
      task,
      async () => (await predictCatalogTask(this.net, encodeCatalogBlock(world, encoder, shoppers), this.tasks, this.mode, task, embedder)) ?? predictTaskOnHost(this.net, pairs(), this.tasks, this.mode, task, embedder),
      pairs,
    );
  }

  /** Predictions per task for shopper[r] × item[r] pairs of the shopper world. */
  async predictPairs(shopper: Int32Array, item: Int32Array): Promise<Float32Array[]> {
    if (!this.world || !this.encoder) throw new Error('Only models of the shopper world score shoppers and items.');
    const inputs = encodePairs(this.world, this.encoder, shopper, item);
    const n = shopper.length;
    return this.predictEncoded({ size: n, ...inputs, split: new Uint8Array(n), group: shopper });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.embedder = null;
    this.net.dispose();
    this.conditioned?.dispose();
  }
}
