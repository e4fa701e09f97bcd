/** What a multi-task network is built from (its spec) and what it reads and returns. Shapes as in network.ts. */
import type { Tensor1D, Tensor2D, Tensor3D } from '../engine/tf';
import type { EncodedData } from '../features';
import type { ModelConfig } from './config';

/** What a network is built from: the model section's sizes and the data's shape. */
export type NetSpec = Omit<ModelConfig, 'purchaseTarget' | 'positionInput' | 'auxiliaryTask'> & {
  /** Rows of the position-bias table (largest position + 1); 0 = the model does not see positions. */
  numPositions: number;
  /**
   * Inputs of a weight-conditioned network (the weighting `conditioned`): the shares of the first
   * C tasks' weights, which every layer reading the input row also reads (see
   * `MultiTaskNet.atCondition`); 0 or absent = an ordinary network.
   */
  conditionDim?: number;
  numTasks: number;
  /** Rows of each categorical input's embedding table. */
  categoricalVocab: number[];
  denseDim: number;
};

/**
 * The network spec for a model config and the encoded data it will train on.
 * @param conditionDim inputs of a weight-conditioned network (see `NetSpec.conditionDim`), else 0
 */
export function netSpecFor(model: ModelConfig, data: EncodedData, conditionDim = 0): NetSpec {
  const { purchaseTarget: _unused, auxiliaryTask: _tasks, positionInput, ...sizes } = model;
  let numPositions = 0;
  if (positionInput === 'shallow-tower') {
    if (!data.position) throw new Error('A position-aware model needs data with list positions (the shopper world).');
    for (const p of data.position) numPositions = Math.max(numPositions, p + 1);
  }
  if (!Number.isInteger(conditionDim) || conditionDim < 0 || conditionDim > data.tasks.length) throw new Error(`conditionDim must be an integer from 0 to the ${data.tasks.length} tasks, got ${conditionDim}`);
  return {
    ...sizes,
    numPositions,
    numTasks: data.tasks.length,
    categoricalVocab: data.categorical.map((c) => c.vocab),
    denseDim: data.denseDim,
    ...(conditionDim > 0 ? { conditionDim } : {}),
  };
}

/**
 * The biases of the layers that read the input row, per architecture: where a weight-conditioned
 * network's condition enters. Concatenating the condition c to the input row x would give each
 * such layer x·W + c·W_c + b; the condition's part c·W_c is stored as a kernel `<bias>Cond`
 * [C, bias size] and added to the bias, so the input row (and everything that builds it on the
 * host) keeps its layout.
 */
export function inputBiases(spec: NetSpec): string[] {
  switch (spec.architecture) {
    case 'single-task':
    case 'esmm':
    case 'shared-bottom':
      return ['bottomB'];
    case 'omoe':
    case 'mmoe':
      return ['expertB', 'gateB'];
    case 'ple':
      return ['ple0_taskExpertB', 'ple0_sharedExpertB', 'ple0_gateB', ...(spec.pleLevels > 1 ? ['ple0_sharedGateB'] : [])];
  }
}

/**
 * A batch for the network: either one batch every member reads ([B, ...], e.g. validation) or one
 * batch per member ([P, B, ...], each member's own data order while training).
 */
export interface NetInputs {
  /** Rows of the combined embedding table, int32 [B, F] or [P, B, F]: input f's index plus its offset. */
  categorical: Tensor2D | Tensor3D;
  /** Dense inputs [B, denseDim] or [P, B, denseDim] (may have 0 columns). */
  dense: Tensor2D | Tensor3D;
  /** 1-based list position per example, int32 [B] or [P, B]; null or absent when the data has none. */
  position?: Tensor1D | Tensor2D | null;
}

export interface ForwardOptions {
  training: boolean;
  /** Dropout rate after every hidden layer while training. */
  dropout: number;
  /**
   * Seed of this step's dropout masks: one number, one stream of masks over all members; or one
   * seed per member, member p's masks then being exactly those its network alone draws with seed[p]
   * (so a population trains each member as it trains alone, dropout included).
   */
  seed: number | readonly number[];
  /**
   * A weight-conditioned network's condition, [P, conditionDim] (each member's task-weight shares);
   * required by such a network, refused by any other.
   */
  condition?: Tensor2D | null;
}

export interface NetOutput {
  /** One logit per member, task and example, [P, T, B]. */
  logits: Tensor3D;
  /**
   * Gate weights averaged over the batch, one row per gate, [P, gates, experts]; null for models
   * without gates. MMoE: a gate per task; OMoE: one gate; PLE: each task's gate of the last level
   * over its own experts then the shared ones.
   */
  gateMeans: Tensor3D | null;
}
