/** The model section of an experiment: architecture and sizes. */
import type { FieldTable } from '../config/fields';

export const ARCHITECTURES = ['single-task', 'shared-bottom', 'omoe', 'mmoe', 'ple', 'esmm'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/**
 * How the purchase task is learned (shopper world, every architecture but ESMM):
 * `ctcvr` — P(purchase | impression) over all impressions; `cvr` — P(purchase | click) on clicked
 * impressions only (the sample-selection-biased way ESMM was invented to fix). ESMM always learns
 * pCVR through pCTCVR = pCTR × pCVR over all impressions.
 */
export const PURCHASE_TARGETS = ['ctcvr', 'cvr'] as const;
export type PurchaseTarget = (typeof PURCHASE_TARGETS)[number];

/**
 * Shopper world: an optional third head. `interest` learns, per impression, whether the item is in
 * the shopper's favourite category (the world's own label of their taste): an auxiliary task that
 * shares the model's layers with the sparse purchase task.
 */
export const AUXILIARY_TASKS = ['none', 'interest'] as const;
export type AuxiliaryTask = (typeof AUXILIARY_TASKS)[number];

/**
 * Whether the model sees the list position while training (Guo et al., RecSys 2019, "PAL", and the
 * YouTube shallow tower): `none`, or `shallow-tower` — a learned bias per position and task added to
 * the logits while training and on logged impressions, and the bias of position 1 when scoring any
 * pair for ranking. It lets the heads explain position-driven clicks instead of learning them as
 * relevance. What it does here (claim `position.offline-auc-rises`, 16 seeds): the test click AUC
 * rises on every seed (about +0.04), because logged impressions are scored with their real
 * position; the ranking's true purchase probability does not reliably follow (it stayed within 2%
 * on 13 of 16 worlds and rose on three): the logged position carries the logging policy's own
 * knowledge of relevance, so a higher offline AUC is no promise of a better list.
 */
export const POSITION_INPUTS = ['none', 'shallow-tower'] as const;
export type PositionInput = (typeof POSITION_INPUTS)[number];

export interface ModelConfig {
  /** Which multi-task architecture. */
  architecture: Architecture;
  /** Width of every embedding (ids, category, brand, price bucket). */
  embeddingDim: number;
  /** Experts in OMoE and MMoE. */
  numExperts: number;
  /** Units of each expert; also the width of shared-bottom's and single-task's bottom layer. */
  expertUnits: number;
  /** Hidden units of each task tower. */
  towerUnits: number;
  /** PLE: number of CGC levels (1 or 2). */
  pleLevels: number;
  /** PLE: experts per task and shared experts, per level. */
  pleExperts: number;
  /** Shopper world: how the purchase task is learned (see PURCHASE_TARGETS). */
  purchaseTarget: PurchaseTarget;
  /** Shopper world: whether the list position is an input while training (see POSITION_INPUTS). */
  positionInput: PositionInput;
  /** Shopper world: an auxiliary third task (see AUXILIARY_TASKS). */
  auxiliaryTask: AuxiliaryTask;
}

export const MODEL_FIELDS: FieldTable<ModelConfig> = {
  architecture: { kind: 'enum', label: 'Architecture', help: 'Multi-task architecture.', default: 'mmoe', options: ARCHITECTURES },
  embeddingDim: { label: 'Embedding size', help: 'Width of every embedding.', default: 8, min: 1, max: 256, integer: true },
  numExperts: { label: 'Experts', help: 'Experts in OMoE and MMoE.', default: 4, min: 1, max: 64, integer: true },
  expertUnits: { label: 'Expert units', help: 'Units per expert (and per bottom layer).', default: 32, min: 1, max: 1024, integer: true },
  towerUnits: { label: 'Tower units', help: 'Hidden units per task tower.', default: 16, min: 1, max: 1024, integer: true },
  pleLevels: { label: 'PLE levels', help: 'CGC levels in PLE.', default: 1, min: 1, max: 2, integer: true },
  pleExperts: { label: 'PLE experts', help: 'Task-specific and shared experts per PLE level.', default: 2, min: 1, max: 16, integer: true },
  purchaseTarget: { kind: 'enum', label: 'Purchase target', help: 'ctcvr: over all impressions; cvr: on clicked impressions only.', default: 'ctcvr', options: PURCHASE_TARGETS },
  auxiliaryTask: { kind: 'enum', label: 'Auxiliary task', help: 'interest: a third head learns whether each item is in the shopper’s favourite category.', default: 'none', options: AUXILIARY_TASKS },
  positionInput: { kind: 'enum', label: 'Position input', help: 'shallow-tower: a learned bias per list position while training; ranking scores everything at position 1.', default: 'none', options: POSITION_INPUTS },
};
