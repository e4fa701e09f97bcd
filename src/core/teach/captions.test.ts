import type { RankingEvaluation } from '../eval/ranking';
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../experiment/config';
import type { ExperimentResult } from '../experiment/run';
import { aucCaption, comparisonCaption, cosineCaption, gateCaption, lossCaption, offlineTruthCaption, weightsCaption } from './captions';

const mean = (value: number) => ({ value, used: 1, leftOut: 0 });
function result(config: Record<string, unknown>, o: { auc: [number, number]; tp: number; tc: number; val: number[][]; cos: number | null; w: number[] | null }): ExperimentResult {
  return {
    config: parseExperimentConfig(config),
    training: { epochs: o.val.map((v, i) => ({ epoch: i + 1, validationLoss: v })), bestEpoch: o.val.length, meanGradientCosine: o.cos, finalWeights: o.w },
    evaluation: {
      tasks: o.auc.map((a) => ({ auc: a, gauc: null, ece: null, logLoss: null, mse: null })),
      ranking: { policies: [{ policy: 'model', truePurchase: mean(o.tp), trueClick: mean(o.tc) }] },
    },
  } as unknown as ExperimentResult;
}

const a = result({}, { auc: [0.69, 0.7], tp: 0.05, tc: 0.2, val: [[0.41, 0.15], [0.37, 0.14]], cos: 0.3, w: [1, 1] });
const b = result({ weighting: { weights: [1, 4] } }, { auc: [0.688, 0.72], tp: 0.055, tc: 0.19, val: [[0.4, 0.15], [0.42, 0.13], [0.5, 0.14]], cos: -0.1, w: [1, 4] });

describe('presenter captions', () => {
  it('say what each chart shows, with the run’s numbers', () => {
    expect(lossCaption(a)).toBe('Validation loss over 2 epochs: click 0.410 → 0.370, purchase 0.150 → 0.140.');
    expect(lossCaption(b)).toContain('up more than 5% from its best');
    expect(lossCaption(result({}, { auc: [0.69, 0.7], tp: 0.05, tc: 0.2, val: [[0.356, 0.12], [0.365, 0.118]], cos: 0.3, w: [1, 1] }))).not.toContain('overfit');
    expect(aucCaption(a)).toBe('Test AUC at the best epoch (2): click 0.690, purchase 0.700.');
    expect(weightsCaption(b)).toBe('Fixed weights 1.00 / 4.00: 80% of the weight on purchase.');
    expect(cosineCaption(a)).toContain('mostly agree: mean cosine 0.30');
    expect(cosineCaption(b)).toContain('conflict on average');
    expect(gateCaption([[0.7, 0.3], [0.2, 0.8]], ['click', 'purchase'])).toBe('click gives expert 1 70%, purchase gives expert 2 80% — the tasks use different experts.');
  });

  it('compare a run with the one before: the change and what it did', () => {
    expect(comparisonCaption(a, b)).toBe('weights 1, 1 → 1, 4: +10.0% purchases, −5.0% clicks (the world’s true rates for the top 10); purchase AUC 0.700 → 0.720.');
    expect(comparisonCaption(a, a)).toBeNull();
  });
});

describe('offlineTruthCaption', () => {
  const ranking = (modelNdcg: number, modelTp: number) =>
    ({
      k: 10,
      policies: [
        { policy: 'model', ndcg: { value: modelNdcg }, truePurchase: { value: modelTp } },
        { policy: 'popularity', ndcg: { value: 0.205 }, truePurchase: { value: 0.1 } },
      ],
    }) as unknown as RankingEvaluation;

  it('explains which measure to trust when the log and the truth disagree', () => {
    const text = offlineTruthCaption(ranking(0.076, 0.13));
    expect(text).toMatch(/^The two ranking measures disagree: popularity scores the higher NDCG@10 on the logged test sessions, but by the world’s own purchase probabilities the model’s lists would sell more/);
    expect(offlineTruthCaption(ranking(0.3, 0.05))).toMatch(/the model scores the higher NDCG@10 .* popularity’s lists would sell more/);
  });

  it('says nothing when they agree or a value is missing', () => {
    expect(offlineTruthCaption(ranking(0.3, 0.13))).toBeNull();
    expect(offlineTruthCaption(ranking(Number.NaN, 0.13))).toBeNull();
  });
});
