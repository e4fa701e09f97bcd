/** Per-task evaluation on the test split: the model's predictions against the logged labels. */
import type { EncodedData } from '../features';
import { auc, ece, gauc, logLoss, ndcgAtK, type GaucResult } from '../metrics';

/** Mean of the defined (finite) values, and how many were left out as undefined (NaN). */
export interface DefinedMean {
  value: number;
  /** Units (shoppers, sessions) the mean is over. */
  used: number;
  /** Units left out because the metric is undefined for them. */
  leftOut: number;
}

export function meanDefined(values: ArrayLike<number>): DefinedMean {
  let sum = 0;
  let used = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      sum += values[i];
      used++;
    }
  }
  return { value: used > 0 ? sum / used : Number.NaN, used, leftOut: values.length - used };
}

export interface TaskEvaluation {
  task: string;
  kind: 'binary' | 'regression';
  /** Test examples evaluated. */
  examples: number;
  logLoss: number | null;
  /**
   * Share of positive test labels, and the log loss of always predicting it — the base-rate
   * entropy H(r) = −r·ln r − (1 − r)·ln(1 − r), in nats: what a model must beat to have learned
   * anything beyond the class balance.
   */
  positiveRate: number | null;
  baseRateLogLoss: number | null;
  auc: number | null;
  gauc: GaucResult | null;
  ece: number | null;
  /** Mean squared error (regression tasks). */
  mse: number | null;
  /**
   * NDCG@K of re-ranking each logged test session's items by this task's prediction, relevance =
   * the task's label; sessions without a positive are left out (and counted).
   */
  sessionNdcg: DefinedMean | null;
}

/**
 * @param rows test rows of `data`; `preds[t][j]` is task t's prediction for rows[j].
 * @param sessions session id per row of `data` (null when the world has no sessions).
 */
export function evaluateTasks(
  data: EncodedData,
  rows: Int32Array,
  preds: Float32Array[],
  sessions: Int32Array | null,
  k: number,
): TaskEvaluation[] {
  const groups = Int32Array.from(rows, (r) => data.group[r]);
  return data.tasks.map((task, t) => {
    const labels = Float32Array.from(rows, (r) => data.labels[t][r]);
    const p = preds[t];
    if (task.kind === 'regression') {
      let se = 0;
      for (let j = 0; j < rows.length; j++) se += (p[j] - labels[j]) ** 2;
      return { task: task.name, kind: task.kind, examples: rows.length, logLoss: null, positiveRate: null, baseRateLogLoss: null, auc: null, gauc: null, ece: null, mse: se / rows.length, sessionNdcg: null };
    }
    return {
      task: task.name,
      kind: task.kind,
      examples: rows.length,
      logLoss: logLoss(labels, p),
      ...baseRate(labels),
      auc: auc(labels, p),
      gauc: gauc(groups, labels, p),
      ece: ece(labels, p),
      mse: null,
      sessionNdcg: sessions ? sessionNdcg(rows, sessions, labels, p, k) : null,
    };
  });
}

function baseRate(labels: Float32Array): { positiveRate: number | null; baseRateLogLoss: number | null } {
  if (labels.length === 0) return { positiveRate: null, baseRateLogLoss: null };
  let pos = 0;
  for (const y of labels) pos += y;
  const r = pos / labels.length;
  return { positiveRate: r, baseRateLogLoss: logLoss(labels, new Float32Array(labels.length).fill(r)) };
}

/** NDCG@k per session (rows of one session are contiguous in the log), NaN without a positive. */
function sessionNdcg(rows: Int32Array, sessions: Int32Array, labels: Float32Array, p: Float32Array, k: number): DefinedMean {
  const values: number[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    while (end < rows.length && sessions[rows[end]] === sessions[rows[start]]) end++;
    const rel = labels.subarray(start, end);
    values.push(rel.some((v) => v > 0) ? ndcgAtK(rel, p.subarray(start, end), k) : Number.NaN);
    start = end;
  }
  return meanDefined(values);
}
