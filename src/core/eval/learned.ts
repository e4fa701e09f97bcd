/**
 * Did the model learn anything? A run can end "completed" with weights that predict worse than a
 * constant (a learning rate of 10 with Adam does that): its AUCs sit near 0.5 and every chart looks
 * like a run. This compares each task's test loss with what a constant prediction scores on the
 * same rows, so the page and the runner can say so plainly.
 */
import type { TaskEvaluation } from './pointwise';
import type { TaskCeiling } from './truth';

/** A task whose test loss is no better than a constant prediction's. */
export interface UnlearnedTask {
  task: string;
  /** The model's test loss: log loss (binary) or MSE (regression). */
  loss: number;
  /** The constant's: the base-rate log loss H(r), or the MSE of predicting the mean. */
  constant: number;
  message: string;
}

/**
 * Tasks whose test loss is at or above the constant prediction's: log loss ≥ H(r), the entropy of
 * the test positive rate r (binary), or MSE ≥ the MSE of predicting the mean (regression).
 */
export function unlearnedTasks(tasks: readonly TaskEvaluation[], truth: readonly TaskCeiling[]): UnlearnedTask[] {
  const out: UnlearnedTask[] = [];
  for (const t of tasks) {
    const binary = t.kind === 'binary';
    const loss = binary ? t.logLoss : t.mse;
    const constant = binary ? t.baseRateLogLoss : (truth.find((c) => c.task === t.task)?.baselineMse ?? null);
    if (loss === null || constant === null || !Number.isFinite(constant) || !(loss >= constant)) continue;
    const what = binary ? `log loss ${loss.toFixed(3)}, while always predicting the base rate scores ${constant.toFixed(3)}` : `MSE ${loss.toFixed(4)}, while always predicting the mean scores ${constant.toFixed(4)}`;
    out.push({ task: t.task, loss, constant, message: `The ${t.task} head learned nothing useful: test ${what}.` });
  }
  return out;
}
