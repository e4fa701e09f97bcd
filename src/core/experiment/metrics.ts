/**
 * Named metrics of a finished run: one string names one number (`auc:click`,
 * `ranking:model:truePurchase`, …), so claims, multi-seed summaries and comparisons can refer to
 * the same quantity in data. `online:` names are computed from a trained model by
 * `rankingOutcomes` (rerank/outcomes.ts), not read from the result.
 */
import { REFERENCE_POLICIES } from '../baselines';
import type { ExperimentResult } from './run';

const TASK_FIELDS = ['auc', 'gauc', 'ece', 'logLoss', 'mse'] as const;
const POLICY_FIELDS = ['ndcg', 'truePurchase', 'recall', 'coverage', 'diversity', 'truePurchaseShare'] as const;
/** Per-session outcomes of a policy's list (`PolicyEvaluation.perSession`), as `ranking:<policy>:<field>PerSession`. */
const SESSION_FIELDS = ['clicksPerSession', 'purchasesPerSession', 'revenuePerSession'] as const;
export const ONLINE_FIELDS = ['clicks', 'purchases', 'revenue', 'diversity'] as const;

/**
 * The metric names a claim side (or a multi-seed summary) may read:
 * - `<auc|gauc|ece|logLoss|mse>:<task>`: a test metric of one task (`click`, `purchase`, `y1`, `y2`);
 *   `mse:mean` is the mean MSE over the tasks;
 * - `share:<task>`: the model's share of the gap from chance to the truth on that task;
 * - `conversion:<clickedBias|unclickedBias>`: |mean pCVR − mean true conversion| of a funnel model
 *   on clicked or unclicked test impressions (see `ConversionCheck`);
 * - `funnel:violations`: the share of test impressions whose predictions break the funnel's order
 *   P(purchase) ≤ P(cart) ≤ P(click) (three-step funnel; NaN without a cart head);
 * - `ranking:<policy>:<ndcg|truePurchase|recall|coverage|diversity|truePurchaseShare>`: the
 *   whole-catalogue top K of `model`, a reference (`popularity`, `random`, `mf`, `item-knn`,
 *   `content`), `oracle` or `cold-fallback`;
 *   `ranking:<policy>:<clicks|purchases|revenue>PerSession`: what one session showing that list
 *   brings, closed form with position bias (`PolicyEvaluation.perSession`);
 * - `online:<fused|reranked>:<clicks|purchases|revenue|diversity>`: per session, closed form, for the
 *   side's ranking section: the fused list, or the list re-ranked at the operating point;
 * - `frontier:diversityGain:<maxLoss>`: the largest relative diversity gain on the ranking section's
 *   re-ranking curve among points losing at most `maxLoss` of the purchases per session
 *   (`bestDiversityGain`);
 * - `tradeoff:<diversity|calibrationCut>:<purchases|ndcg>:<maxLoss>`: the same on the playground's
 *   own trade-off curve (`rerankTradeoff`, judged offline and online), for gains the closed form
 *   lacks (`bestGainWithin`); `tradeoff:recallNdcgGap`: the largest NDCG lead of a policy over
 *   one with at least its recall on that curve (0 when recall and NDCG never disagree);
 * - `logLossGain:<task>`: (base-rate log loss − log loss) / base-rate log loss of a binary task;
 * - `raw:<auc|gauc|ece|logLoss>:<task>`: a test metric of the predictions before re-calibration
 *   (a negative-sampled run's `evaluation.sampling.raw`; an unsampled run's own metric);
 * - `rateRatio:<raw|recalibrated>:<task>`: mean test prediction ÷ the task's test positive rate
 *   (1 = right on average), before or after re-calibration, of a negative-sampled run (NaN otherwise);
 * - `sampling:keptShare`: train impressions training drew from ÷ the train split (1 without sampling);
 * - `training:bestEpoch`, `training:gradientCosine`, `training:valLossRise` (the last epoch's summed
 *   validation loss over its lowest, minus 1: how far a run overfitted past its best epoch),
 *   `training:valTrainRatio` (summed validation loss over summed training loss at the kept epoch:
 *   the generalisation gap, 1 = none);
 * - `const:<number>`: that number, for claims about one run's value ("at least 5% below the base
 *   rate": base `const:0.05`, variant the measured gain);
 * - `at:<w1,w2,…>:<metric>`: a conditioned run's model moved to those weights without retraining
 *   (see `evaluateAtWeights`), and `<metric>` read there (the claims runner evaluates it).
 */
export function isRunMetric(name: string): boolean {
  const [a, b, c] = name.split(':');
  if ((TASK_FIELDS as readonly string[]).includes(a)) return b !== undefined && c === undefined;
  if (a === 'share') return b !== undefined && c === undefined;
  if (a === 'conversion') return ['clickedBias', 'unclickedBias'].includes(b) && c === undefined;
  if (a === 'const') return b !== undefined && b.trim() !== '' && Number.isFinite(Number(b)) && c === undefined;
  if (a === 'logLossGain') return b !== undefined && c === undefined;
  if (a === 'raw') return (['auc', 'gauc', 'ece', 'logLoss'] as readonly string[]).includes(b) && c !== undefined && name.split(':').length === 3;
  if (a === 'rateRatio') return ['raw', 'recalibrated'].includes(b) && c !== undefined && name.split(':').length === 3;
  if (name === 'sampling:keptShare') return true;
  if (name === 'funnel:violations') return true;
  if (a === 'ranking') return ['model', ...REFERENCE_POLICIES, 'oracle', 'cold-fallback'].includes(b) && ([...POLICY_FIELDS, ...SESSION_FIELDS] as readonly string[]).includes(c);
  if (a === 'online') return ['fused', 'reranked'].includes(b) && (ONLINE_FIELDS as readonly string[]).includes(c);
  if (name === 'tradeoff:recallNdcgGap') return true;
  if (a === 'tradeoff') {
    const [, gain, cost, limit] = name.split(':');
    return ['diversity', 'calibrationCut'].includes(gain) && ['purchases', 'ndcg'].includes(cost) && limit !== undefined && Number.isFinite(Number(limit)) && Number(limit) >= 0 && name.split(':').length === 4;
  }
  if (a === 'frontier') return b === 'diversityGain' && c !== undefined && Number.isFinite(Number(c)) && Number(c) >= 0;
  // A conditioned run's model moved to weights b (comma-separated, ≥ 0, not all 0) and read there.
  if (a === 'at') {
    const w = (b ?? '').split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
    return w.every((v) => Number.isFinite(v) && v >= 0) && w.some((v) => v > 0) && isRunMetric(name.split(':').slice(2).join(':'));
  }
  return ['training:bestEpoch', 'training:gradientCosine', 'training:valLossRise', 'training:valTrainRatio'].includes(name);
}

/** A number read from a finished run; NaN when the run does not have it. */
export function readResultMetric(result: ExperimentResult, name: string): number {
  const [a, b, c] = name.split(':');
  if (a === 'const') return Number(b);
  const ev = result.evaluation;
  if (!ev) return Number.NaN;
  if ((TASK_FIELDS as readonly string[]).includes(a)) {
    const field = a as (typeof TASK_FIELDS)[number];
    const value = (t: (typeof ev.tasks)[number]) => (field === 'gauc' ? (t.gauc?.value ?? null) : t[field]);
    if (b === 'mean') {
      const vs = ev.tasks.map(value);
      return vs.every((v) => v !== null) ? (vs as number[]).reduce((x, y) => x + y, 0) / vs.length : Number.NaN;
    }
    const t = ev.tasks.find((x) => x.task === b);
    return t ? (value(t) ?? Number.NaN) : Number.NaN;
  }
  if (a === 'share') return ev.truth.find((t) => t.task === b)?.modelShare ?? Number.NaN;
  if (a === 'raw') {
    const t = (ev.sampling?.raw ?? ev.tasks).find((x) => x.task === c);
    const v = !t ? null : b === 'gauc' ? (t.gauc?.value ?? null) : t[b as 'auc' | 'ece' | 'logLoss'];
    return v ?? Number.NaN;
  }
  if (a === 'rateRatio') {
    const i = ev.tasks.findIndex((x) => x.task === c);
    const rate = ev.tasks[i]?.positiveRate;
    const means = ev.sampling ? (b === 'raw' ? ev.sampling.meanRaw : ev.sampling.meanRecalibrated) : null;
    return i >= 0 && means && rate ? means[i] / rate : Number.NaN;
  }
  if (name === 'sampling:keptShare') return ev.sampling ? (ev.sampling.keptShare ?? Number.NaN) : 1;
  if (a === 'logLossGain') {
    const t = ev.tasks.find((x) => x.task === b);
    return t && t.logLoss !== null && t.baseRateLogLoss ? (t.baseRateLogLoss - t.logLoss) / t.baseRateLogLoss : Number.NaN;
  }
  if (name === 'funnel:violations') return ev.funnelViolations ?? Number.NaN;
  if (a === 'conversion') {
    const v = ev.conversion?.[b as keyof NonNullable<typeof ev.conversion>];
    return v === undefined ? Number.NaN : Math.abs(v);
  }
  if (a === 'ranking') {
    const p = ev.ranking?.policies.find((x) => x.policy === b);
    if (!p) return Number.NaN;
    if ((SESSION_FIELDS as readonly string[]).includes(c)) return p.perSession?.[c.replace('PerSession', '') as 'clicks' | 'purchases' | 'revenue'] ?? Number.NaN;
    const v = p[c as (typeof POLICY_FIELDS)[number]];
    return typeof v === 'number' ? v : v === null ? Number.NaN : v.value;
  }
  if (name === 'training:bestEpoch') return result.training.bestEpoch ?? Number.NaN;
  if (name === 'training:gradientCosine') return result.training.meanGradientCosine ?? Number.NaN;
  if (name === 'training:valTrainRatio') return valTrainRatio(result);
  if (name === 'training:valLossRise') {
    const sums = result.training.epochs.map((e) => e.validationLoss.reduce((x, y) => x + y, 0));
    return sums.length ? sums[sums.length - 1] / Math.min(...sums) - 1 : Number.NaN;
  }
  return Number.NaN;
}

/** Summed validation loss over summed training loss at the kept (best) epoch, or the last one. */
export function valTrainRatio(result: ExperimentResult): number {
  const epochs = result.training.epochs;
  const e = epochs.find((x) => x.epoch === result.training.bestEpoch) ?? epochs.at(-1);
  if (!e) return Number.NaN;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return sum(e.validationLoss) / sum(e.trainLoss);
}
