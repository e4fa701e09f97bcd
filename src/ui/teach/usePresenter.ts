/**
 * Presenter mode for demos: larger type, advanced controls hidden, and a plain-language caption
 * under each chart computed from the finished run (core `captions`). Remembered in the browser.
 */
import { useMemo, useState } from 'react';
import type { ExperimentResult } from '../../core/experiment/run';
import { aucCaption, comparisonCaption, cosineCaption, gateCaption, lossCaption, weightsCaption } from '../../core/teach/captions';
import type { RunRecord } from '../../core/teach/runs';

const KEY = 'mtrec.presenter';

export function usePresenter(result: ExperimentResult | null, gates: number[][] | null, tasks: string[], runs: RunRecord[]) {
  const [on, setOn] = useState(() => {
    try {
      return localStorage.getItem(KEY) === '1';
    } catch {
      return false;
    }
  });
  const toggle = () => {
    setOn(!on);
    try {
      localStorage.setItem(KEY, on ? '0' : '1');
    } catch {
      // Not remembered; the mode still switches.
    }
  };
  const captions = useMemo<Record<string, string>>(() => {
    const none: Record<string, string> = {};
    if (!on || !result) return none;
    return {
      'chart-loss': lossCaption(result),
      'chart-auc': aucCaption(result),
      'chart-weights': weightsCaption(result),
      'chart-cosine': cosineCaption(result),
      'chart-gates': gateCaption(gates, tasks),
    };
  }, [on, result, gates, tasks]);
  // The headline against the run before this one, when they are comparable.
  const i = result ? runs.findIndex((r) => r.result === result) : -1;
  const headline = on && result && i > 0 ? comparisonCaption(runs[i - 1].result, result) : null;
  return { on, toggle, captions, headline };
}
