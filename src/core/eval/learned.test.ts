/** A run that learned nothing is named, one that learned something is not. */
import { describe, expect, it } from 'vitest';
import { unlearnedTasks } from './learned';
import type { TaskEvaluation } from './pointwise';
import type { TaskCeiling } from './truth';

const binary = (task: string, logLoss: number, baseRateLogLoss: number) => ({ task, kind: 'binary', logLoss, baseRateLogLoss, mse: null }) as unknown as TaskEvaluation;

describe('unlearnedTasks', () => {
  it('flags a binary head whose test log loss is at or above the base rate’s, and only it', () => {
    // Figures of a tiny world trained with Adam at learning rate 10 (click) and 0.003 (purchase).
    const out = unlearnedTasks([binary('click', 0.3496, 0.3222), binary('purchase', 0.1438, 0.1495)], []);
    expect(out).toEqual([{ task: 'click', loss: 0.3496, constant: 0.3222, message: 'The click head learned nothing useful: test log loss 0.350, while always predicting the base rate scores 0.322.' }]);
  });

  it('flags a regression head no better than predicting the mean, using the ceiling’s baseline', () => {
    const t = { task: 'y1', kind: 'regression', logLoss: null, baseRateLogLoss: null, mse: 2.1 } as unknown as TaskEvaluation;
    const c = { task: 'y1', baselineMse: 2 } as unknown as TaskCeiling;
    expect(unlearnedTasks([t], [c])[0].message).toBe('The y1 head learned nothing useful: test MSE 2.1000, while always predicting the mean scores 2.0000.');
    expect(unlearnedTasks([{ ...t, mse: 1.5 } as TaskEvaluation], [c])).toEqual([]);
    expect(unlearnedTasks([{ ...t, mse: null } as TaskEvaluation], [c])).toEqual([]);
  });
});
