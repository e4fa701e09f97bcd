/**
 * Several experiments that differ only in their task weights and training seed, trained as one
 * population (see model/network.ts): one world, one encoding, and one Trainer whose every op serves
 * all members. A weight sweep is the typical population. Each member is then evaluated and kept as
 * an ordinary trained model, with the same result a run of its config alone gives.
 *
 * How many members train together is the backend's call (`membersAtOnce`). A population trains
 * each member to the last bit as it trains alone on WASM (its matmuls are the members' own 2-D
 * matmuls, its sums take each member's numbers in the same order, and each member's dropout draws
 * its own seed's masks; `train/population.test.ts`), so grouping changes no result, only the time.
 * On this project's machine grouping did not pay in the page: `bench:population` (2026-12-02, after
 * WASM's Slice and Unpack stopped copying whole inputs, engine/wasmKernels.ts) put 8 models as one
 * population at 1.0–1.3× the same models one after another for MMoE, PLE and ESMM and 0.6–1.0× for
 * shared-bottom, OMoE and single-task (Node and Chromium), but the default sweep in the page, two
 * workers on two cores, took 32, 33 and 28 s with WASM groups against 30, 24 and 24 s one at a time
 * (`bench:ui --against`, same run). WebGL here is SwiftShader, a software GPU (0.24× for 4 models).
 * So members train one at a time except on WebGPU, which `auto` only picks on a hardware adapter,
 * where one dispatch per op for all members is the point of the design; that case has not been
 * measured here (no GPU).
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
 * Members trained at once on a backend: all of them on WebGPU, one at a time elsewhere (see the
 * module comment).
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

/** Members of a population and how far each is in the current stage: [member index, 0..1] pairs. */
export type MemberPositions = Array<[member: number, within: number]>;

/** Receives a population's positions (see GroupProgress); `force` marks a stage's start (not to be throttled). */
export type PositionReport = (at: MemberPositions, stage: RunStage, force: boolean) => void;

/**
 * Where a population's members are, for a progress clock: a group trains together (every member at
 * the group's step fraction), then its members are evaluated in turn (the one being evaluated, and
 * those after it at 0). World and features, generated once, are the first member's. `hooks` turns
 * the population's hooks into position reports.
 */
export class GroupProgress {
  private group: number[] = [0];
  /** Members of the group whose evaluation has finished. */
  private evaluated = 0;
  private total = 0;

  /** The population hooks that feed this and send each position to `report`. */
  hooks(report: PositionReport): Required<Pick<PopulationHooks, 'onGroup' | 'onTrainer' | 'onResult' | 'onStage' | 'onTelemetry'>> {
    return {
      onGroup: (members) => {
        this.group = members.length ? members : [0];
        this.evaluated = 0;
      },
      onTrainer: (t) => (this.total = t.totalSteps),
      onResult: (member) => (this.evaluated = Math.max(this.evaluated, this.group.indexOf(member) + 1)),
      onStage: (stage, fraction) => {
        const at = this.at(stage, fraction ?? 0);
        if (at) report(at, stage, fraction === undefined);
      },
      onTelemetry: (s) => {
        if (this.total > 0) report(this.at('training', Math.min(s.step / this.total, 1))!, 'training', false);
      },
    };
  }

  /** Positions for a stage report; null for 'done'. */
  private at(stage: RunStage, fraction: number): MemberPositions | null {
    if (stage === 'done') return null;
    if (stage === 'training') return this.group.map((m) => [m, fraction]);
    if (stage === 'evaluation') {
      const rest = this.group.slice(Math.min(this.evaluated, this.group.length - 1));
      return rest.map((m, i) => [m, i === 0 ? fraction : 0]);
    }
    return [[this.group[0], fraction]];
  }
}
