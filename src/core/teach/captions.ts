/**
 * Presenter-mode captions: one plain-language line per chart, computed from a finished run (and,
 * for the comparison line, the run before it), so a demo audience reads the point, not the axes.
 */
import type { RankingEvaluation } from '../eval/ranking';
import { trainingDifferences, flattenConfig } from '../experiment/diff';
import type { ExperimentResult } from '../experiment/run';
import { num, pct, policyOf, taskMetric } from './runs';

const names = (r: ExperimentResult) => (r.config.world.kind === 'shopper' ? ['click', 'purchase'] : ['y1', 'y2']);

/** "click loss 0.412 → 0.371, purchase loss …" from the first to the last epoch's validation loss. */
export function lossCaption(r: ExperimentResult): string {
  const e = r.training.epochs;
  if (e.length === 0) return 'No epoch finished.';
  const [first, last] = [e[0].validationLoss, e[e.length - 1].validationLoss];
  const parts = names(r).map((n, t) => `${n} ${num(first[t], 3)} → ${num(last[t], 3)}`);
  // Overfitting is claimed only when the summed validation loss has clearly left its minimum.
  const sums = e.map((x) => x.validationLoss.reduce((a, b) => a + b, 0));
  const worse = sums[sums.length - 1] > 1.05 * Math.min(...sums);
  return `Validation loss over ${e.length} epoch${e.length === 1 ? '' : 's'}: ${parts.join(', ')}${worse ? ' — up more than 5% from its best: the model is overfitting' : ''}.`;
}

/** Test AUC per task (or MSE in the regression world) at the kept epoch. */
export function aucCaption(r: ExperimentResult): string {
  if (!r.evaluation) return 'No test evaluation.';
  const regression = r.config.world.kind === 'mmoe';
  const parts = names(r).map((n, t) => `${n} ${num(taskMetric(r, t, regression ? 'mse' : 'auc'), regression ? 4 : 3)}`);
  return `Test ${regression ? 'MSE' : 'AUC'} at the best epoch (${r.training.bestEpoch ?? '—'}): ${parts.join(', ')}.`;
}

export function weightsCaption(r: ExperimentResult): string {
  const w = r.training.finalWeights;
  const strategy = r.config.weighting.strategy;
  if (!w) return `Weighting: ${strategy}.`;
  const share = w[1] / (w[0] + w[1]);
  return `${strategy === 'fixed' ? 'Fixed' : `${strategy} ended on`} weights ${w.map((x) => num(x, 2)).join(' / ')}: ${num(100 * share, 0)}% of the weight on ${names(r)[1]}.`;
}

export function cosineCaption(r: ExperimentResult): string {
  const c = r.training.meanGradientCosine;
  if (c === null) return 'No shared parameters, so no gradient conflict to measure.';
  const how = c < 0 ? 'conflict on average' : c < 0.2 ? 'barely agree' : 'mostly agree';
  return `The tasks’ gradients on the shared layers ${how}: mean cosine ${num(c, 2)}.`;
}

/** Which expert each task leans on most, from the last gate snapshot ([task][expert] shares). */
export function gateCaption(gates: number[][] | null, tasks: string[]): string {
  if (!gates || gates.length === 0) return 'This architecture has no gates.';
  const parts = gates.map((row, t) => {
    const top = row.indexOf(Math.max(...row));
    return `${tasks[t] ?? `task ${t + 1}`} gives expert ${top + 1} ${num(100 * row[top], 0)}%`;
  });
  const same = new Set(gates.map((row) => row.indexOf(Math.max(...row)))).size === 1;
  return `${parts.join(', ')}${same ? ' — both lean on the same expert' : ' — the tasks use different experts'}.`;
}

/**
 * The headline of a comparison with the previous run: what changed, and what it did to true
 * purchases and clicks of the top K (the world's truth) and to the test AUCs. Null when the runs
 * are not comparable (different worlds' kinds) or nothing that affects training changed.
 */
export function comparisonCaption(prev: ExperimentResult, cur: ExperimentResult): string | null {
  if (prev.config.world.kind !== cur.config.world.kind) return null;
  const diff = trainingDifferences([prev.config, cur.config]);
  if (diff.length === 0) return null;
  const a = flattenConfig(prev.config);
  const b = flattenConfig(cur.config);
  const change = diff.length <= 2 ? diff.map((k) => `${k.split('.')[1]} ${a.get(k)} → ${b.get(k)}`).join(', ') : `${diff.length} settings changed`;
  const rel = (x: number, y: number) => (Number.isFinite(x) && Number.isFinite(y) && x !== 0 ? (y - x) / Math.abs(x) : Number.NaN);
  if (cur.config.world.kind === 'mmoe') {
    return `${change}: y1 MSE ${pct(rel(taskMetric(prev, 0, 'mse'), taskMetric(cur, 0, 'mse')))}, y2 MSE ${pct(rel(taskMetric(prev, 1, 'mse'), taskMetric(cur, 1, 'mse')))}.`;
  }
  const [pa, pb] = [policyOf(prev, 'model'), policyOf(cur, 'model')];
  const buy = rel(pa?.truePurchase.value ?? Number.NaN, pb?.truePurchase.value ?? Number.NaN);
  const click = rel(pa?.trueClick.value ?? Number.NaN, pb?.trueClick.value ?? Number.NaN);
  return `${change}: ${pct(buy)} purchases, ${pct(click)} clicks (the world’s true rates for the top ${cur.config.evaluation.k}); purchase AUC ${num(taskMetric(prev, 1, 'auc'))} → ${num(taskMetric(cur, 1, 'auc'))}.`;
}

/**
 * One sentence for the results when the log and the world's truth rank the model and popularity in
 * opposite orders (NDCG@K on the logged test sessions against true P(buy)@K, the world's purchase
 * probabilities for the recommended lists): which to trust for what, and why they can part. Null
 * when they agree or either is undefined.
 */
export function offlineTruthCaption(ranking: RankingEvaluation): string | null {
  const model = ranking.policies.find((p) => p.policy === 'model');
  const pop = ranking.policies.find((p) => p.policy === 'popularity');
  if (!model || !pop) return null;
  const byLog = Math.sign(model.ndcg.value - pop.ndcg.value);
  const byTruth = Math.sign(model.truePurchase.value - pop.truePurchase.value);
  if (!Number.isFinite(byLog) || !Number.isFinite(byTruth) || byLog === 0 || byTruth === 0 || byLog === byTruth) return null;
  const [logWinner, truthWinner] = byLog > 0 ? ['the model', 'popularity'] : ['popularity', 'the model'];
  return (
    `The two ranking measures disagree: ${logWinner} scores the higher NDCG@${ranking.k} on the logged test sessions, but by the world’s own ` +
    `purchase probabilities ${truthWinner}’s lists would sell more (true P(buy)@${ranking.k}). NDCG can only credit items the logging policy ` +
    `happened to show and shoppers happened to click, so it rewards agreeing with the old policy; true P(buy) asks about every item in the list. ` +
    `For what a list would do, trust true P(buy); NDCG says how well the model replays the log.`
  );
}
