/**
 * Messages between the page and the world worker. The worker owns the engine; the page only
 * renders the plain-data snapshots it receives.
 */
import type { CorrelationRow, ShopperWorldConfig, WorldSummary } from '../core/world';

export type WorkerRequest = { type: 'generate'; config: Partial<ShopperWorldConfig> };

export type WorkerResponse =
  | { type: 'progress'; fraction: number; stage: string }
  | {
      type: 'world';
      summary: WorldSummary;
      config: ShopperWorldConfig;
      /** Milliseconds spent generating the world (not the summary). */
      generationMs: number;
    }
  /** Sent after the world: the MMoE world's measured label correlation for several p. */
  | { type: 'relatedness'; rows: CorrelationRow[] }
  | { type: 'error'; message: string };
