/** Plain-text results tables for the runner. */
import type { ExperimentResult } from '../core/experiment/run';
import type { TradeoffResult } from '../core/rerank/tradeoff';

const f = (x: number | null | undefined, d = 4) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One row per run: architecture, weighting, status, per-task test metrics, ranking and truth. */
export function formatResults(runs: Array<{ name: string; result: ExperimentResult }>): string {
  if (runs.length === 0) return '';
  const first = runs[0].result;
  const taskNames = first.evaluation?.tasks.map((t) => t.task) ?? [];
  const regression = first.evaluation?.tasks.some((t) => t.kind === 'regression') ?? false;
  const k = first.config.evaluation.k;
  const header = ['run', 'model', 'weighting', 'status', 'epochs'];
  for (const t of taskNames) header.push(...(regression ? [`${t} MSE`] : [`${t} AUC`, `${t} GAUC`, `${t} NDCG@${k}*`]));
  if (!regression) header.push(`rank NDCG@${k}`, `true P(buy)@${k}`);
  header.push('samples/s');
  const rows = runs.map(({ name, result: r }) => {
    const row = [name, r.config.model.architecture, r.config.weighting.strategy, r.training.status, String(r.training.epochs.length)];
    for (const t of r.evaluation?.tasks ?? taskNames.map(() => null)) {
      if (regression) row.push(f(t?.mse));
      else row.push(f(t?.auc), f(t?.gauc?.value), f(t?.sessionNdcg?.value));
    }
    if (!regression) {
      const model = r.evaluation?.ranking?.policies.find((p) => p.policy === 'model');
      row.push(f(model?.ndcg.value), f(model?.truePurchase.value));
    }
    row.push(String(Math.round(r.training.samplesPerSecond)));
    return row;
  });
  let out = `${table(header, rows)}\n`;
  if (!regression) out += `* re-ranking each logged test session by that task's prediction. Test split; backend ${first.backend.backend} (${first.backend.reason}).\n`;
  const refs = first.evaluation?.ranking?.policies.filter((p) => p.policy !== 'model') ?? [];
  if (refs.length) {
    out += `References on the same ${first.evaluation!.ranking!.shoppers} test shoppers: ` +
      refs.map((p) => `${p.policy}: NDCG@${k} ${f(p.ndcg.value)}, true P(buy)@${k} ${f(p.truePurchase.value)}`).join('; ') + '\n';
  }
  for (const { name, result: r } of runs) out += ceilingLine(name, r) + samplingLine(name, r) + seedLines(name, r);
  return out;
}

/** A negative-sampled run: the rows it trained on, and its purchase predictions before and after re-calibration. */
function samplingLine(name: string, r: ExperimentResult): string {
  const s = r.evaluation?.sampling;
  if (!s) return '';
  const t = r.evaluation!.tasks;
  const per = t.map((e, j) => `${e.task}: mean prediction ${f(s.meanRaw[j])} → ${f(s.meanRecalibrated[j])} (observed ${f(e.positiveRate)}), ECE ${f(s.raw[j]?.ece)} → ${f(e.ece)}, log loss ${f(s.raw[j]?.logLoss)} → ${f(e.logLoss)}`);
  return `${name}: negatives sampled at ${s.rate}: trained on ${s.keptRows} of ${s.trainRows} train impressions (${pct(s.keptShare ?? Number.NaN)}); before → after re-calibration: ${per.join('; ')}.
`;
}

const pct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${Math.round(100 * x)}%`);

/** The truth beside the model: the ceiling of each task and the share of the gap the model closed. */
function ceilingLine(name: string, r: ExperimentResult): string {
  const ev = r.evaluation;
  if (!ev) return '';
  const tasks = ev.truth.map((c) =>
    c.auc !== null
      ? `${c.task} AUC ${f(c.auc, 3)} (position-blind ${f(c.positionBlindAuc, 3)}), gap closed ${pct(c.modelShare)}`
      : `${c.task} MSE ${f(c.mse, 4)} (predicting the mean: ${f(c.baselineMse, 4)}), gap closed ${pct(c.modelShare)}`,
  );
  const model = ev.ranking?.policies.find((p) => p.policy === 'model');
  const oracle = ev.ranking?.policies.find((p) => p.policy === 'oracle');
  const rank = model && oracle ? `; oracle true P(buy)@${ev.ranking!.k} ${f(oracle.truePurchase.value)}, the model closes ${pct(model.truePurchaseShare)} of the gap from random` : '';
  return `${name}: the truth on the same test impressions: ${tasks.join('; ')}${rank}.\n`;
}

/** Mean ± 95% interval of the main metrics when the run trained several seeds. */
function seedLines(name: string, r: ExperimentResult): string {
  const rep = r.replicates;
  if (!rep || rep.seeds.length < 2) return '';
  const parts = Object.entries(rep.summary)
    .filter(([m]) => /^(auc|mse|ece):|^ranking:model:(ndcg|truePurchase)$|^preset:(clicks|purchases):purchases$/.test(m))
    .map(([m, s]) => `${m} ${f(s.mean)} ± ${f((s.hi - s.lo) / 2)}`);
  return `${name}: over ${rep.seeds.length} seeds (world ${rep.seeds[0].worldSeed}–${rep.seeds.at(-1)!.worldSeed}, init ${rep.seeds[0].trainingSeed}–${rep.seeds.at(-1)!.trainingSeed}): ${parts.join('; ')}.\n`;
}

/** The re-ranking trade-off: one row per knob value and reference, offline beside online. */
export function formatTradeoff(t: TradeoffResult): string {
  const header = ['policy', `NDCG@${t.k}`, 'purchases/session', '95% interval', 'ILD', 'coverage', 'novelty', 'Gini', 'calib. KL', 'offline rank', 'online rank'];
  const ranks = new Map(t.disagreement.policies.map((p) => [p.policy, p]));
  const rows = [...t.points, ...t.references].map((p) => {
    const e = p.evaluation;
    const s = p.online.simulated.purchases;
    const r = ranks.get(p.policy);
    return [
      p.policy,
      f(e.ndcg.value),
      f(p.online.expected.purchases),
      `${f(s.lo, 3)}–${f(s.hi, 3)}`,
      f(e.diversity.value, 3),
      f(e.coverage, 3),
      f(e.novelty, 2),
      f(e.gini, 3),
      f(e.calibrationKl.value, 3),
      String(r?.offlineRank ?? '—'),
      String(r?.onlineRank ?? '—'),
    ];
  });
  const clear = t.disagreement.discordant.filter((d) => d.clear).length;
  return (
    `re-ranking trade-off (${t.method}, K = ${t.k} of ${t.candidates} candidates, ${t.shoppers} shoppers × ${t.sessions} simulated sessions)\n` +
    `${table(header, rows)}\n` +
    `Kendall τ offline vs online: ${f(t.disagreement.kendallTau, 2)}; ${t.disagreement.discordant.length} pairs ordered oppositely, ${clear} clearly.\n`
  );
}
