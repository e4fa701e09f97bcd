/**
 * What the lessons and exercises read: every finished run of this page and every computed
 * trade-off, oldest first, appended as the engine reports them (bounded as core/teach/saved.ts
 * keeps them), starting from the runs kept from the last visit. The counts keep counting past the
 * bound, so a lesson that waits for "one more run" still sees it after the 50th.
 */
import { useCallback, useState } from 'react';
import type { ExperimentResult } from '../../core/experiment/run';
import type { TradeoffResult } from '../../core/rerank/tradeoff';
import type { RunRecord } from '../../core/teach/runs';
import { KEEP_RUNS, KEEP_TRADEOFFS } from '../../core/teach/saved';

export interface TeachLog {
  runs: RunRecord[];
  /** Runs ever added (not only those kept). */
  runCount: number;
  tradeoffs: TradeoffResult[];
  tradeoffCount: number;
}

export const EMPTY_LOG: TeachLog = { runs: [], runCount: 0, tradeoffs: [], tradeoffCount: 0 };

export function useTeachLog(result: ExperimentResult | null, runNumber: number, runName: string, tradeoff: TradeoffResult | null, initial: TeachLog = EMPTY_LOG) {
  const [log, setLog] = useState<TeachLog>(initial);
  // Appended while rendering (React re-renders at once): no effect, no stale frame.
  let next = log;
  if (result && !next.runs.some((r) => r.result === result)) {
    next = { ...next, runs: [...next.runs, { id: runNumber, name: runName, result }].slice(-KEEP_RUNS), runCount: next.runCount + 1 };
  }
  if (tradeoff && !next.tradeoffs.includes(tradeoff)) {
    next = { ...next, tradeoffs: [...next.tradeoffs, tradeoff].slice(-KEEP_TRADEOFFS), tradeoffCount: next.tradeoffCount + 1 };
  }
  if (next !== log) setLog(next);
  /** Forgets every run and trade-off (the learner cleared their saved runs). */
  const forget = useCallback(() => setLog(EMPTY_LOG), []);
  return { ...log, forget };
}
