/**
 * What the teaching layer reads: the learner's finished runs in this page (oldest first) and the
 * latest re-ranking trade-off, with helpers to pull one number out of a run and to find two runs
 * that differ only in the settings an exercise is about. Nothing here trains or measures; it reads
 * what the engine reported.
 */
import { trainingDifferences } from '../experiment/diff';
import type { ExperimentResult } from '../experiment/run';
import type { PolicyEvaluation } from '../eval/ranking';
import type { RankingConfig } from '../rerank/config';
import type { TradeoffResult } from '../rerank/tradeoff';

export interface RunRecord {
  /** The page's run number. */
  id: number;
  name: string;
  result: ExperimentResult;
}

export interface TeachContext {
  /** Finished runs of this page, oldest first. */
  runs: RunRecord[];
  /** The latest computed trade-off, with the ranking section as it is now (its operating point). */
  tradeoff: { result: TradeoffResult; ranking: RankingConfig } | null;
}

export type TaskMetric = 'auc' | 'gauc' | 'ece' | 'logLoss' | 'baseRateLogLoss' | 'mse' | 'positiveRate';

/** A test metric of task `t` (0 = click / y1, 1 = purchase / y2); NaN when the run has none. */
export function taskMetric(r: ExperimentResult, t: number, m: TaskMetric): number {
  const e = r.evaluation?.tasks[t];
  if (!e) return Number.NaN;
  const v = m === 'gauc' ? (e.gauc?.value ?? null) : e[m];
  return v === null || v === undefined ? Number.NaN : v;
}

/** The whole-catalogue evaluation of a ranking policy of the run ('model', 'popularity', 'random'). */
export function policyOf(r: ExperimentResult, policy: string): PolicyEvaluation | null {
  return r.evaluation?.ranking?.policies.find((p) => p.policy === policy) ?? null;
}

/** Mean test MSE of the regression world's tasks. */
export function meanMse(r: ExperimentResult): number {
  const ts = r.evaluation?.tasks ?? [];
  return ts.length ? ts.reduce((s, t) => s + (t.mse ?? Number.NaN), 0) / ts.length : Number.NaN;
}

/** Runs that finished with an evaluation (completed or early-stopped). */
export function evaluated(ctx: TeachContext): RunRecord[] {
  return ctx.runs.filter((r) => r.result.evaluation !== null && (r.result.training.status === 'completed' || r.result.training.status === 'early-stopped'));
}

/**
 * The most recent pair of evaluated runs (earlier, later) whose training settings differ only in
 * keys accepted by `allowed` (at least one differing), and for which `where` holds; null if none.
 */
export function findPair(
  ctx: TeachContext,
  allowed: (key: string) => boolean,
  where: (a: RunRecord, b: RunRecord) => boolean = () => true,
): [RunRecord, RunRecord] | null {
  const runs = evaluated(ctx);
  for (let j = runs.length - 1; j >= 1; j--) {
    for (let i = j - 1; i >= 0; i--) {
      const diff = trainingDifferences([runs[i].result.config, runs[j].result.config]);
      if (diff.length > 0 && diff.every(allowed) && where(runs[i], runs[j])) return [runs[i], runs[j]];
    }
  }
  return null;
}

/** The pair ordered so that the run for which `first` holds comes first. */
export function orient(pair: [RunRecord, RunRecord], first: (r: RunRecord) => boolean): [RunRecord, RunRecord] {
  return first(pair[0]) ? pair : [pair[1], pair[0]];
}

/** The pair ordered by a number of each run, smaller first. */
export function ascending(pair: [RunRecord, RunRecord], key: (r: RunRecord) => number): [RunRecord, RunRecord] {
  return orient(pair, (r) => key(r) <= key(r === pair[0] ? pair[1] : pair[0]));
}

/** The latest evaluated run for which `where` holds. */
export function latest(ctx: TeachContext, where: (r: RunRecord) => boolean = () => true): RunRecord | null {
  const runs = evaluated(ctx);
  for (let j = runs.length - 1; j >= 0; j--) if (where(runs[j])) return runs[j];
  return null;
}

/** A number for a sentence: fixed digits, or "—" when undefined. */
export function num(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

/** A signed number, e.g. "+0.0043" or "−0.0120" (true minus sign). */
export function signed(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return '—';
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
}

/** A signed relative change in percent, e.g. "+4.2%". */
export function pct(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '—';
  const v = 100 * x;
  return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}%`;
}
