/**
 * What the lessons and exercises read: every finished run of this page and every computed
 * trade-off, oldest first, appended as the engine reports them (the newest 50 of each are kept).
 */
import { useState } from 'react';
import type { ExperimentResult } from '../../core/experiment/run';
import type { TradeoffResult } from '../../core/rerank/tradeoff';
import type { RunRecord } from '../../core/teach/runs';

const KEEP = 50;

export function useTeachLog(result: ExperimentResult | null, runNumber: number, runName: string, tradeoff: TradeoffResult | null) {
  const [runs, setRuns] = useState<RunRecord[]>([]);
  const [tradeoffs, setTradeoffs] = useState<TradeoffResult[]>([]);
  // Appended while rendering (React re-renders at once): no effect, no stale frame.
  if (result && !runs.some((r) => r.result === result)) setRuns([...runs, { id: runNumber, name: runName, result }].slice(-KEEP));
  if (tradeoff && !tradeoffs.includes(tradeoff)) setTradeoffs([...tradeoffs, tradeoff].slice(-KEEP));
  return { runs, tradeoffs };
}
