/**
 * What a config will cost before it runs: memory (host arrays and tensors) and time, estimated
 * from the sizes in the config, so a config that cannot fit is refused with the estimate and the
 * settings to lower, instead of dying deep inside feature encoding or a WASM kernel.
 *
 * The constants are measured, not derived: peak resident memory and phase times of whole runs in
 * Node on the WASM backend of a 2-core machine (one epoch each; peak resident memory over the
 * runtime's own). Measured again on 2026-12-01 after the engine's matmul-gradient and population
 * changes (training about twice as fast, scoring faster; the time constants were refitted, the
 * activation copies raised from 10 to 12 for the explicit transposes): default world, 120k
 * impressions: 125 MB, 4.7 s (9.3 s before); 2 M impressions: 575 MB, 54 s (91 s); the same with
 * 100k items: 599 MB, 81 s (126 s); 600k impressions with 64 categories: 524 MB, 17 s (37 s);
 * 16 experts × 256 units at batch 8,192: 1.64 GB, 56 s (1.26 GB, 142 s); a 20,000-item catalogue
 * ranked for 200 shoppers: 114 MB, 16 s (47 s). `cost.test.ts` holds these figures and checks every
 * estimate is within 0.8–2× of the memory and 0.5–2× of the time. Times are for that machine's WASM
 * backend; a GPU trains faster, a phone slower.
 */
import { RANKING_CHUNK_PAIRS } from '../eval/ranking';
import { coldItemCount, mmoeSplitSizes, type ShopperWorldConfig } from '../world/config';
import type { ExperimentConfig } from './config';
import { taskCount } from './config';

/** One part of the memory a run needs, with the settings that drive it. */
export interface CostPart {
  /** What the memory holds, in words. */
  what: string;
  bytes: number;
  /** Dotted config fields that shrink this part when lowered. */
  lower: string[];
  /** Whether the part lives in tensors (the backend's memory: the WASM heap, GPU buffers). */
  tensors: boolean;
  /** Whether the part exists only during one phase (a training step, an evaluation chunk). */
  transient?: boolean;
}

export interface CostEstimate {
  /** Peak memory of the run, all parts together (bytes). */
  bytes: number;
  /** Of which in tensors (bytes). */
  tensorBytes: number;
  parts: CostPart[];
  /** Rough seconds per phase on a 2-core machine's WASM backend, and their sum (all seeds). */
  seconds: { world: number; features: number; training: number; evaluation: number; total: number };
}

/** Memory the browser tab may use for one run; past it the page refuses to start. */
export const BROWSER_MEMORY_BUDGET = 1.5 * 2 ** 30;
/** Most tensor memory the WASM backend can address (a 32-bit heap of 4 GiB, less its own code). */
export const WASM_TENSOR_LIMIT = 3.5 * 2 ** 30;

/** Categorical inputs of the shopper world (shopper, item, category, brand, price bucket). */
const SHOPPER_CATEGORICAL = 5;
/** Price buckets (features/shopper.ts). */
const PRICE_BUCKETS_APPROX = 10;
/** Bytes of one impression in the world's log (ids, position, split, labels, true probabilities). */
const LOG_BYTES = 26;
/** Measured: encoded rows exist about three times over at the peak (features, device copy, batches). */
const ROW_COPIES = 3.1;
/** Measured: a training step holds about twelve copies of its widest activations (forward, backward with its explicit transposes, optimizer). */
const ACTIVATION_COPIES = 12;
/** Parameters, gradients, two Adam slots and the best-epoch snapshot. */
const PARAM_COPIES = 5;
/** Batch of prediction (train/predict.ts). */
const PREDICT_BATCH = 8192;
/** Measured multiply-adds per second of the WASM backend on 2 cores, training and scoring. */
const MACS_PER_SECOND = 1.4e9;
/** Measured per-pair cost of ranking beyond the model (encoding, top-K, judging). */
const SECONDS_PER_RANKED_PAIR = 1.5e-6;
/** Measured: the engine's working memory in a run beyond the parts below (kernels, caches, temporaries). */
const ENGINE_BYTES = 100 * 2 ** 20;
/** Measured multiply-adds per second when scoring in batches of 8,192 (no backward pass). */
const SCORING_MACS_PER_SECOND = 3.5e9;
const SECONDS_PER_STEP = 0.004;

/** Sizes of the network a config builds, as the cost needs them. */
interface NetSize {
  /** Parameters (embeddings included). */
  params: number;
  /** Multiply-adds of one example's forward pass. */
  macs: number;
  /** Floats of one example's activations, input included. */
  width: number;
  /**
   * Multiply-adds per ranked pair: where whole-catalogue scoring splits the first layer into a
   * shopper and an item part (`predictCatalogTask`: shared-bottom, OMoE, MMoE), about two
   * additions per first-layer unit and the purchase task's tower (MMoE's experts each through
   * it); else the whole forward pass.
   */
  rankMacs: number;
}

function netSize(c: ExperimentConfig, inputDim: number, embeddingRows: number): NetSize {
  const m = c.model;
  const T = taskCount(c);
  const D = inputDim;
  const { expertUnits: U, towerUnits: H, numExperts: E, pleExperts: K, pleLevels: L } = m;
  const towers = { params: T * (U * H + H + H + 1), macs: T * (U * H + H), width: T * H };
  let body: { params: number; macs: number; width: number };
  let embCopies = 1;
  switch (m.architecture) {
    case 'shared-bottom':
      body = { params: D * U + U, macs: D * U, width: U };
      break;
    case 'single-task':
    case 'esmm':
      embCopies = m.architecture === 'single-task' ? T : 1;
      body = { params: T * (D * U + U), macs: T * D * U, width: T * U };
      break;
    case 'omoe':
    case 'mmoe': {
      const G = m.architecture === 'mmoe' ? T : 1;
      body = { params: D * E * U + E * U + G * (D * E + E), macs: D * E * U + G * D * E, width: E * U + G * E };
      break;
    }
    case 'ple': {
      let params = 0;
      let macs = 0;
      let width = 0;
      for (let l = 0; l < L; l++) {
        const inW = l === 0 ? D : U;
        const groups = T + 1;
        params += groups * K * (inW * U + U) + groups * (inW * 2 * K + 2 * K) + inW * (groups * K);
        macs += groups * (K * inW * U + inW * 2 * K);
        width += groups * K * U * 2 + groups * U;
      }
      body = { params, macs, width };
      break;
    }
  }
  const macs = body.macs + towers.macs;
  const rankMacs =
    m.architecture === 'shared-bottom' ? 2 * U + U * H + H : m.architecture === 'mmoe' || m.architecture === 'omoe' ? 2 * (E * U + E) + E * U * H + E * H + H : macs;
  return { params: embCopies * embeddingRows * m.embeddingDim + body.params + towers.params, macs, width: D + body.width + towers.width, rankMacs };
}

/** Impressions a shopper world logs (the mean; active shoppers get more, idle ones fewer). */
function worldImpressions(w: ShopperWorldConfig): number {
  return w.numShoppers * w.sessionsPerShopper * w.itemsPerSession;
}

/**
 * Estimates the memory and time a config needs (see the module comment for the measurements).
 * `members` > 1: that many models of the config train together as one population, which
 * multiplies the parameters, optimizer state and activations (not the world or its data).
 */
export function estimateCost(c: ExperimentConfig, members = 1): CostEstimate {
  const T = taskCount(c);
  const seeds = c.training.seeds;
  const parts: CostPart[] = [];
  let rows: number;
  let trainRows: number;
  let rowBytes: number;
  let inputDim: number;
  let embeddingRows = 0;
  let rankedPairs = 0;
  let worldSeconds: number;
  let featureSeconds: number;
  if (c.world.kind === 'shopper') {
    const w = c.world;
    rows = worldImpressions(w);
    trainRows = rows * 0.7;
    const denseDim = w.numCategories + 1;
    rowBytes = SHOPPER_CATEGORICAL * 4 + denseDim * 4 + T * 4 + 1 + 4 + 4;
    inputDim = SHOPPER_CATEGORICAL * c.model.embeddingDim + denseDim;
    embeddingRows = w.numShoppers + w.numItems + w.numCategories * (1 + w.brandsPerCategory) + PRICE_BUCKETS_APPROX + SHOPPER_CATEGORICAL;
    const impressionFields = ['world.numShoppers', 'world.sessionsPerShopper', 'world.itemsPerSession'];
    parts.push({ what: 'the impression log and its encoded features', bytes: rows * (LOG_BYTES + (ROW_COPIES - 1) * rowBytes), lower: [...impressionFields, ...(w.numCategories > 16 ? ['world.numCategories'] : [])], tensors: false });
    parts.push({ what: 'the shoppers and the catalogue', bytes: (w.numShoppers * (w.latentDim * 2 + w.numCategories) + w.numItems * (w.latentDim + 8)) * 8, lower: ['world.numShoppers', 'world.numItems', 'world.latentDim'], tensors: false });
    const warm = w.numItems - coldItemCount(w);
    rankedPairs = Math.min(c.evaluation.rankShoppers, w.numShoppers) * w.numItems;
    worldSeconds = rows * 1e-6 + warm * 1e-6;
    featureSeconds = rows * (0.5e-6 + 0.02e-6 * denseDim);
  } else {
    const w = c.world;
    rows = w.numSamples;
    trainRows = mmoeSplitSizes(w).train;
    rowBytes = w.inputDim * 4 + T * 4 + 1 + 4;
    inputDim = w.inputDim;
    parts.push({ what: 'the samples and their encoded features', bytes: rows * (w.inputDim * 8 + (ROW_COPIES - 1) * rowBytes), lower: ['world.numSamples', 'world.inputDim'], tensors: false });
    worldSeconds = rows * w.inputDim * 2e-8 * Math.max(1, w.numSines);
    featureSeconds = rows * w.inputDim * 1e-8;
  }
  const net = netSize(c, inputDim, embeddingRows);
  const modelFields = ['model.numExperts', 'model.expertUnits', 'model.towerUnits', 'model.embeddingDim', ...(c.model.architecture === 'ple' ? ['model.pleExperts', 'model.pleLevels'] : [])];
  const models = members > 1 ? `${members} models’` : 'the model’s';
  parts.push({ what: `${models} parameters, gradients and optimizer state`, bytes: members * net.params * 4 * PARAM_COPIES, lower: c.world.kind === 'shopper' ? ['model.embeddingDim', 'world.numShoppers', 'world.numItems', ...modelFields.slice(0, 3)] : modelFields, tensors: true });
  const batch = c.training.batchSize;
  parts.push({ what: `the activations of one training step (batch ${batch}${members > 1 ? `, ${members} models` : ''})`, bytes: members * batch * net.width * 4 * ACTIVATION_COPIES, lower: ['training.batchSize', ...modelFields], tensors: true, transient: true });
  parts.push({ what: 'the training data on the device', bytes: rows * rowBytes, lower: c.world.kind === 'shopper' ? ['world.numShoppers', 'world.sessionsPerShopper'] : ['world.numSamples'], tensors: true });
  if (rankedPairs > 0) {
    const chunk = Math.min(rankedPairs, Math.max(RANKING_CHUNK_PAIRS, c.world.kind === 'shopper' ? c.world.numItems : 0));
    parts.push({ what: 'scoring the catalogue for evaluation', bytes: chunk * (rowBytes * 2 + 8) + Math.min(chunk, PREDICT_BATCH) * net.width * 4 * 3, lower: ['world.numItems'], tensors: false, transient: true });
  }
  // Phases do not all peak at once: the run's peak is the data that lives throughout plus the
  // larger of the training step and the evaluation chunk.
  const always = parts.filter((p) => !p.transient);
  const transient = parts.filter((p) => p.transient);
  const bytes = ENGINE_BYTES + always.reduce((s, p) => s + p.bytes, 0) + Math.max(0, ...transient.map((p) => p.bytes));
  const tensorBytes = parts.filter((p) => p.tensors).reduce((s, p) => s + p.bytes, 0);
  const epochs = c.training.epochs;
  const steps = Math.ceil(trainRows / batch) * epochs;
  const training = members * ((epochs * rows * 0.85 * net.macs * 3) / MACS_PER_SECOND + steps * SECONDS_PER_STEP);
  const evaluation = members * ((rankedPairs * net.rankMacs) / SCORING_MACS_PER_SECOND + rankedPairs * SECONDS_PER_RANKED_PAIR + (rows * 0.15 * net.macs) / SCORING_MACS_PER_SECOND);
  const perSeed = { world: worldSeconds, features: featureSeconds, training, evaluation };
  return {
    bytes,
    tensorBytes,
    parts,
    seconds: { ...perSeed, total: seeds * (perSeed.world + perSeed.features + perSeed.training + perSeed.evaluation) },
  };
}

/** Bytes in words: "1.2 GB", "340 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GB`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)} MB`;
  return `${Math.max(1, Math.round(bytes / 2 ** 10))} kB`;
}

/** Seconds in words: "about 40 s", "about 12 min", "about 3 h". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(seconds < 36000 ? 1 : 0)} h`;
}

/**
 * Why a config does not fit `budget` bytes (or the WASM heap when the backend is WASM), with the
 * estimate and the settings to lower first (those of the largest parts); null when it fits.
 */
export function budgetProblem(estimate: CostEstimate, budget: number, backend: string): string | null {
  const largest = [...estimate.parts].sort((a, b) => b.bytes - a.bytes);
  const advice = (parts: CostPart[]) => {
    const fields = [...new Set(parts.slice(0, 2).flatMap((p) => p.lower))].slice(0, 5);
    return `The largest part is ${parts[0].what} (${formatBytes(parts[0].bytes)}); lower ${fields.join(', ')}.`;
  };
  if (estimate.bytes > budget) {
    return `This run needs about ${formatBytes(estimate.bytes)} of memory, more than the ${formatBytes(budget)} allowed here. ${advice(largest)}`;
  }
  if (backend === 'wasm' && estimate.tensorBytes > WASM_TENSOR_LIMIT) {
    const tensors = largest.filter((p) => p.tensors);
    return `This run needs about ${formatBytes(estimate.tensorBytes)} of tensors, more than the WASM backend can address (${formatBytes(WASM_TENSOR_LIMIT)}). ${advice(tensors)}`;
  }
  return null;
}

/** A run refused before it starts because it would not fit in memory. */
export class BudgetError extends Error {
  readonly estimate: CostEstimate;
  constructor(message: string, estimate: CostEstimate) {
    super(message);
    this.name = 'BudgetError';
    this.estimate = estimate;
  }
}

/**
 * Throws `BudgetError` when `config` does not fit `budget` bytes on `backend` (see budgetProblem).
 * `members` > 1: that many models train together as one population (see estimateCost); the
 * message then also names `membersField`, the setting that makes fewer models.
 * @returns the estimate, for progress and time displays.
 */
export function checkBudget(config: ExperimentConfig, budget: number, backend: string, members = 1, membersField = 'the number of models'): CostEstimate {
  const estimate = estimateCost(config, members);
  const problem = budgetProblem(estimate, budget, backend);
  if (problem) throw new BudgetError(members > 1 ? `${problem} (${members} models train together; fewer models also lowers it: ${membersField}.)` : problem, estimate);
  return estimate;
}
