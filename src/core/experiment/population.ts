/**
 * Several experiments that differ only in their task weights and training seed, trained as one
 * population (see model/network.ts): one world, one encoding, and one Trainer whose every op serves
 * all members. A weight sweep is the typical population. Each member is then evaluated and kept as
 * an ordinary trained model, with the same result a run of its config alone gives.
 *
 * How many members train together is the backend's call (`membersAtOnce`). `bench:population`
 * measured the population slower than the same models one after another on every backend this
 * project's machine has: WASM 0.76–0.84× for 8 models at batch 1,024 (Node and Chromium,
 * 2026-12-01; a step there is bound by arithmetic and tfjs-wasm's slow memory copies, not by kernel
 * launches), WebGL on SwiftShader 0.24× for 4. So they train one at a time except on WebGPU, which
 * `auto` only picks on a hardware adapter, where one dispatch per op for all members is the point
 * of the design; that case has not been measured here (no GPU).
 */
import { initBackend, type BackendOptions, type ConcreteBackend } from '../engine/backends';
import { MultiTaskNet, netSpecFor } from '../model/network';
import { Trainer, type EpochSummary, type TelemetrySnapshot, type TrainerMember } from '../train/trainer';
import type { TrainingControl } from '../train/control';
import { conditionDim, parseExperimentConfig, type ExperimentConfig } from './config';
import { checkBudget } from './cost';
import { prepareData, purchaseModeOf, resultOf, usableTraining, type ExperimentResult, type RunStage, type WorldKeeper } from './run';
import { TrainedModel } from './trained';

export interface PopulationHooks {
  /** A stage of the whole population (world and features once; training and evaluation per group). */
  onStage?: (stage: RunStage, fraction?: number) => void;
  /** A group of members (indices into the configs) starts training together. */
  onGroup?: (members: number[]) => void;
  onTelemetry?: (s: TelemetrySnapshot, member: number) => void;
  onEpoch?: (e: EpochSummary, member: number) => void;
  /** Receives each group's trainer once it exists (e.g. for its step count). */
  onTrainer?: (trainer: Trainer) => void;
  /**
   * Member `index` is trained and evaluated (before the next group starts); `model` is the same
   * object the returned list holds (null when not usable).
   */
  onResult?: (index: number, result: ExperimentResult, model: TrainedModel | null) => void;
  isCancelled?: () => boolean;
  control?: TrainingControl;
  /** Memory the population may take (bytes); past it the population is refused before it starts. */
  memoryBudget?: number;
  /** The settings field that sets how many models there are, named when the memory budget refuses. */
  membersField?: string;
  /** Members trained at once; absent: the backend's choice (`membersAtOnce`). */
  together?: number;
  /** Where the caller keeps worlds already generated (see `WorldKeeper`); absent: generated here. */
  worlds?: WorldKeeper;
}

/** What must be equal for configs to train together: everything but the task weights and the training seed. */
export function populationKey(config: ExperimentConfig): string {
  const { weighting, training, ...rest } = config;
  const { weights: _w, ...weightingRest } = weighting;
  const { seed: _s, ...trainingRest } = training;
  return JSON.stringify({ ...rest, weighting: weightingRest, training: trainingRest });
}

/**
 * Members trained at once on a backend: all of them on WebGPU, one at a time elsewhere (measured
 * slower as a population there, see the module comment).
 */
export function membersAtOnce(backend: ConcreteBackend, members: number): number {
  return backend === 'webgpu' ? members : 1;
}

/**
 * Trains the configs (which must share everything but task weights and training seed) and returns
 * each member's result and kept model, in config order. Models of members whose training was
 * cancelled or diverged before validating are null; after a cancel, members not started are left out.
 */
export async function trainPopulation(
  inputs: readonly unknown[],
  hooks: PopulationHooks = {},
  backendOptions: BackendOptions = {},
): Promise<Array<{ result: ExperimentResult; model: TrainedModel | null }>> {
  if (inputs.length === 0) throw new Error('A population needs at least one model (got 0).');
  const configs = inputs.map((c) => parseExperimentConfig(c));
  const key = populationKey(configs[0]);
  const odd = configs.findIndex((c) => populationKey(c) !== key);
  if (odd >= 0) throw new Error(`Model ${odd + 1} differs from model 1 in more than its task weights and training seed, so they cannot train as one population.`);
  const first = configs[0];
  hooks.onStage?.('backend');
  const backend = await initBackend(first.training.backend, backendOptions);
  const together = hooks.together ?? membersAtOnce(backend.backend, configs.length);
  if (!Number.isInteger(together) || together < 1) throw new Error(`Models trained at once must be a whole number of at least 1, got ${together}.`);
  if (hooks.memoryBudget !== undefined) checkBudget(first, hooks.memoryBudget, backend.backend, together, hooks.membersField);
  const prepared = hooks.worlds ? hooks.worlds.prepare(first, hooks) : prepareData(first, hooks);
  const { data, shopperWorld, encoder } = prepared;
  const mode = purchaseModeOf(first);
  const spec = netSpecFor(first.model, data, conditionDim(first));
  const out: Array<{ result: ExperimentResult; model: TrainedModel | null }> = [];
  for (let start = 0; start < configs.length; start += together) {
    const group = configs.slice(start, start + together);
    const indices = group.map((_, i) => start + i);
    hooks.onGroup?.(indices);
    const members: TrainerMember[] = group.map((c) => ({ seed: c.training.seed, weights: c.weighting.weights }));
    const net = new MultiTaskNet(spec, members.map((m) => m.seed));
    let handedOver = false;
    const trainer = new Trainer({ net, data, mode, training: first.training, weighting: first.weighting, members });
    hooks.onTrainer?.(trainer);
    try {
      hooks.onStage?.('training');
      const trained = await trainer.runMembers({
        onTelemetry: hooks.onTelemetry && ((s, p) => hooks.onTelemetry!(s, start + p)),
        onEpoch: hooks.onEpoch && ((e, p) => hooks.onEpoch!(e, start + p)),
        isCancelled: hooks.isCancelled,
        control: hooks.control,
      });
      for (let p = 0; p < group.length; p++) {
        handedOver ||= group.length === 1;
        const model = TrainedModel.of(group[p], group.length === 1 ? net : net.member(p), data.tasks, mode, shopperWorld, encoder);
        const result = await resultOf(group[p], backend, prepared, model, trained[p], trainer.trainSize, hooks);
        const keep = usableTraining(trained[p]);
        if (!keep) model.dispose();
        out.push({ result, model: keep ? model : null });
        hooks.onResult?.(start + p, result, keep ? model : null);
      }
    } finally {
      trainer.dispose();
      // A group of one hands its network to the member's model; a larger group's members hold copies.
      if (!handedOver) net.dispose();
    }
    if (hooks.isCancelled?.() || hooks.control?.isCancelled) break;
  }
  hooks.onStage?.('done');
  return out;
}
