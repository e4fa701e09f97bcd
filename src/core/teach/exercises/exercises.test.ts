/**
 * Every exercise's check on hand-made runs: it fails with nothing done, fails on a near miss, and
 * passes when the task is done; its answer then quotes the learner's numbers.
 */
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../../experiment/config';
import type { ExperimentResult } from '../../experiment/run';
import type { PolicyEvaluation } from '../../eval/ranking';
import type { TradeoffResult } from '../../rerank/tradeoff';
import type { RunRecord, TeachContext } from '../runs';
import { EXERCISES, exerciseById } from './index';

interface Fake {
  auc?: [number, number];
  gauc?: [number, number];
  ece?: [number, number];
  logLoss?: number;
  base?: number;
  mse?: [number, number];
  ndcg?: number;
  popNdcg?: number;
  /** True P(buy)@K of the model's and the popularity list. */
  tp?: [number, number];
  cos?: number;
  valLoss?: number[];
  status?: 'completed' | 'early-stopped';
}

const mean = (value: number) => ({ value, used: 1, leftOut: 0 });
function policy(name: string, ndcg: number, extra: Partial<PolicyEvaluation> = {}): PolicyEvaluation {
  return {
    policy: name, ndcg: mean(ndcg), recall: mean(0.2), hitRate: mean(0.5), mrr: mean(0.2), truePurchase: mean(0.05), trueClick: mean(0.2), perSession: { clicks: 2, purchases: 0.5, revenue: 20 }, truePurchaseShare: null,
    diversity: mean(0.5), novelty: 7, coverage: 0.3, gini: 0.9, averagePopularity: 10, longTailShare: 0.2, calibrationKl: mean(0.8), serendipity: mean(0.1), ...extra,
  };
}

let nextId = 1;
function run(config: Record<string, unknown>, f: Fake = {}): RunRecord {
  const c = parseExperimentConfig(config);
  const regression = c.world.kind === 'mmoe';
  const val = f.valLoss ?? [0.5, 0.48, 0.47];
  const result = {
    config: c,
    training: {
      status: f.status ?? 'completed',
      epochs: val.map((v, i) => ({ epoch: i + 1, step: 10 * (i + 1), trainLoss: [0.35, 0.12], validationLoss: [v, 0], validationAuc: [0.7, 0.7], score: -v, best: false })),
      bestEpoch: val.indexOf(Math.min(...val)) + 1,
      meanGradientCosine: f.cos ?? 0.3,
      finalWeights: [1, 1],
    },
    evaluation: {
      tasks: [0, 1].map((t) =>
        regression
          ? { task: `y${t + 1}`, kind: 'regression', mse: (f.mse ?? [0.4, 0.4])[t] }
          : { task: t ? 'purchase' : 'click', kind: 'binary', auc: (f.auc ?? [0.69, 0.72])[t], gauc: { value: (f.gauc ?? [0.69, 0.72])[t] }, ece: (f.ece ?? [0.03, 0.005])[t], logLoss: t ? (f.logLoss ?? 0.14) : 0.4, baseRateLogLoss: t ? (f.base ?? 0.15) : 0.45, positiveRate: t ? 0.03 : 0.2 },
      ),
      ranking: regression ? null : { k: 10, split: 'test', shoppers: 200, policies: [policy('model', f.ndcg ?? 0.13, { truePurchase: mean(f.tp?.[0] ?? 0.05) }), policy('popularity', f.popNdcg ?? 0.19, { truePurchase: mean(f.tp?.[1] ?? 0.05) }), policy('random', 0.01)] },
    },
  } as unknown as ExperimentResult;
  const id = nextId++;
  return { id, name: `Run ${id}`, result };
}

const ctx = (runs: RunRecord[], tradeoff: TeachContext['tradeoff'] = null): TeachContext => ({ runs, tradeoff });
const ex = (id: string) => exerciseById(id)!;
const W = { numShoppers: 1000, numItems: 300 };

function outcome(policyName: string, knob: number | null, p: { ndcg: number; recall?: number; div?: number; kl?: number; purchases: number; half?: number }) {
  const half = p.half ?? 0.01;
  return {
    policy: policyName,
    knob,
    evaluation: policy(policyName, p.ndcg, { recall: mean(p.recall ?? 0.2), diversity: mean(p.div ?? 0.5), calibrationKl: mean(p.kl ?? 0.8) }),
    online: { shoppers: 150, sessions: 20, expected: { clicks: 3, purchases: p.purchases, revenue: 30 }, simulated: { clicks: { mean: 3, lo: 2.9, hi: 3.1 }, purchases: { mean: p.purchases, lo: p.purchases - half, hi: p.purchases + half }, revenue: { mean: 30, lo: 29, hi: 31 } } },
  };
}

function tradeoff(method: TradeoffResult['method'], points: ReturnType<typeof outcome>[], discordant: TradeoffResult['disagreement']['discordant'] = []): TradeoffResult {
  return {
    method, symbol: method === 'dpp' ? 'θ' : 'λ', k: 10, candidates: 100, shoppers: 150, sessions: 20,
    points, references: [outcome('model', null, { ndcg: 0.13, recall: 0.2, div: 0.5, kl: 0.8, purchases: 1 }), outcome('popularity', null, { ndcg: 0.19, recall: 0.34, purchases: 0.4 }), outcome('random', null, { ndcg: 0.01, recall: 0.02, purchases: 0.15 })],
    disagreement: { policies: [], discordant, kendallTau: 0.5 },
  } as TradeoffResult;
}

const ranking = (over: Record<string, unknown>) => parseExperimentConfig({ ranking: over }).ranking;

describe('exercises', () => {
  it('are at least twelve, each with a question, a task, hints, and a failing check on an empty page', () => {
    expect(EXERCISES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(EXERCISES.map((e) => e.id)).size).toBe(EXERCISES.length);
    for (const e of EXERCISES) {
      expect(e.question.endsWith('?'), e.id).toBe(true);
      expect(e.hints.length, e.id).toBeGreaterThanOrEqual(2);
      const r = e.check(ctx([]));
      expect(r.passed, e.id).toBe(false);
      expect(r.message.length, e.id).toBeGreaterThan(10);
      expect(e.answer(ctx([])).length, e.id).toBeGreaterThan(200);
    }
  });

  it('fixed weights: a fixed and a dynamic run differing only in the weighting', () => {
    const a = run({ world: W });
    const b = run({ world: W, weighting: { strategy: 'uncertainty' } });
    const c = run({ world: { ...W, alignment: 0 }, weighting: { strategy: 'uncertainty' } });
    expect(ex('fixed-weights').check(ctx([a, c])).passed).toBe(false);
    expect(ex('fixed-weights').check(ctx([a, b])).passed).toBe(true);
    expect(ex('fixed-weights').answer(ctx([a, b]))).toContain('ended 2.9× the purchase loss');
  });

  it('MMoE vs shared-bottom: MMoE must show the wider gap between validation and training loss on a p ≤ 0.6 world', () => {
    const world = { kind: 'mmoe', correlation: 0.5 };
    // The fake runs' training loss sums to 0.47; validation losses 0.5 (ratio ≈ 1.1) and 1.5 (≈ 3.2).
    const sb = run({ world, model: { architecture: 'shared-bottom' } }, { mse: [0.42, 0.37], valLoss: [0.6, 0.5] });
    const tight = run({ world, model: { architecture: 'mmoe' } }, { mse: [0.45, 0.4], valLoss: [0.6, 0.48] });
    const wide = run({ world, model: { architecture: 'mmoe' } }, { mse: [0.5, 0.44], valLoss: [1.6, 1.5] });
    expect(ex('mmoe-vs-shared-bottom').check(ctx([sb, tight])).passed).toBe(false);
    const ok = ex('mmoe-vs-shared-bottom').check(ctx([sb, wide]));
    expect(ok.passed).toBe(true);
    expect(ok.message).toContain('Validation ÷ training loss at the kept epoch: shared-bottom 1.1×, MMoE 3.2×; mean test MSE: shared-bottom 0.3950, MMoE 0.4700');
  });

  it('ESMM: a CVR run and an ESMM run', () => {
    const cvr = run({ world: W, model: { architecture: 'shared-bottom', purchaseTarget: 'cvr' } }, { ece: [0.03, 0.012] });
    const es = run({ world: W, model: { architecture: 'esmm' } }, { ece: [0.03, 0.011] });
    expect(ex('esmm').check(ctx([cvr])).passed).toBe(false);
    expect(ex('esmm').check(ctx([cvr, es])).message).toContain('purchase ECE: CVR 0.0120, ESMM 0.0110');
  });

  it('class imbalance: 5% below the base-rate log loss', () => {
    expect(ex('class-imbalance').check(ctx([run({ world: W }, { logLoss: 0.145, base: 0.15 })])).passed).toBe(false);
    expect(ex('class-imbalance').check(ctx([run({ world: W }, { logLoss: 0.14, base: 0.15 })])).passed).toBe(true);
  });

  it('negative sampling: a plain run and one at s ≤ 0.1, differing only in the rate; raw rate ≥ 4×, re-calibrated ECE within 0.01', () => {
    const sampled = (meanRawPurchase: number, ece: number, rate = 0.1) => {
      const r = run({ world: W, training: { negativeSampling: rate } }, { ece: [0.03, ece] });
      const ev = r.result.evaluation!;
      ev.sampling = { rate, trainRows: 1000, keptRows: 130, keptShare: 0.13, raw: ev.tasks, meanRaw: [0.3, meanRawPurchase], meanRecalibrated: [0.2, 0.03] };
      return r;
    };
    const plain = run({ world: W }, { ece: [0.03, 0.008] });
    const ns = ex('negative-sampling');
    // The fake runs' purchase rate is 3%: 4× is a mean raw prediction of 0.12.
    expect(ns.check(ctx([plain])).passed).toBe(false);
    expect(ns.check(ctx([plain, sampled(0.11, 0.01)])).passed).toBe(false); // 3.7×
    expect(ns.check(ctx([plain, sampled(0.2, 0.0195)])).passed).toBe(false); // ECE 0.0115 apart
    expect(ns.check(ctx([plain, sampled(0.2, 0.01, 0.2)])).passed).toBe(false); // s = 0.2
    const other = run({ world: { ...W, alignment: 0 }, training: { negativeSampling: 0.1 } });
    expect(ns.check(ctx([plain, other])).passed).toBe(false); // the world differs too
    const ok = ns.check(ctx([plain, sampled(0.2, 0.01)]));
    expect(ok.passed).toBe(true);
    expect(ok.message).toContain('6.7× the observed 3.00%');
    expect(ok.message).toContain('purchase ECE is 0.0100 against the plain run');
    expect(ns.answer(ctx([plain, sampled(0.2, 0.01)]))).toContain('trained on 13% of the train impressions');
  });

  it('CF vs multi-task: mf ahead on NDCG, the model ahead on true P(buy), in the same run', () => {
    const withMf = (mfNdcg: number, mfTp: number) => {
      const r = run({ world: W }, { ndcg: 0.05, tp: [0.1, 0.04] });
      r.result.evaluation!.ranking!.policies.push(policy('mf', mfNdcg, { truePurchase: mean(mfTp) }), policy('item-knn', 0.2, { truePurchase: mean(0.05) }));
      return r;
    };
    const cf = ex('cf-vs-multitask');
    expect(cf.check(ctx([run({ world: W })])).passed).toBe(false); // no mf judged
    expect(cf.check(ctx([withMf(0.04, 0.06)])).passed).toBe(false); // mf behind on NDCG
    expect(cf.check(ctx([withMf(0.25, 0.12)])).passed).toBe(false); // mf ahead on both
    const ok = cf.check(ctx([withMf(0.25, 0.06)]));
    expect(ok.passed).toBe(true);
    expect(ok.message).toContain('NDCG@10 mf 0.2500, model 0.0500; true P(buy)@10 mf 0.0600, model 0.1000');
    expect(cf.answer(ctx([withMf(0.25, 0.06)]))).toContain('item-kNN 0.2000');
  });

  it('overfitting: an overfit run, then an early-stopped one', () => {
    const small = { ...W, numShoppers: 300 };
    const over = run({ world: small, training: { epochs: 6, patience: 0 } }, { valLoss: [0.5, 0.47, 0.5, 0.55, 0.6, 0.7] });
    const mild = run({ world: small, training: { epochs: 6, patience: 0 } }, { valLoss: [0.5, 0.47, 0.48, 0.5, 0.52, 0.55] });
    const early = run({ world: small, training: { epochs: 6, patience: 2 } }, { valLoss: [0.5, 0.47, 0.5, 0.55], status: 'early-stopped' });
    expect(ex('overfitting').check(ctx([mild, early])).passed).toBe(false);
    expect(ex('overfitting').check(ctx([over])).message).toMatch(/Now train with patience/);
    expect(ex('overfitting').check(ctx([over, early])).passed).toBe(true);
  });

  it('gradient conflict: lower alignment, lower cosine; then PCGrad on the anti-aligned world', () => {
    const anti = run({ world: { ...W, alignment: -1 } }, { cos: 0.27 });
    const aligned = run({ world: { ...W, alignment: 1 } }, { cos: 0.4 });
    const close = run({ world: { ...W, alignment: 0.2 } }, { cos: 0.2 });
    const pc = run({ world: { ...W, alignment: -1 }, weighting: { strategy: 'pcgrad' } });
    expect(ex('gradient-conflict').check(ctx([close, aligned, pc])).passed).toBe(false);
    expect(ex('gradient-conflict').check(ctx([anti, aligned])).message).toMatch(/Now train an anti-aligned world/);
    expect(ex('gradient-conflict').check(ctx([anti, aligned, pc])).passed).toBe(true);
  });

  it('three-task weighting: cart weight 0 against ≥ 0.5 on the three-step world, each on at least 3 seeds; the answer quotes the funnel order', () => {
    const F = { ...W, funnel: 'click-cart-purchase' };
    /** A three-step run: the fake's two tasks plus a cart task, its funnel-order breaks, and its purchase AUC over `seeds` seeds (mean ± 0.01). */
    const funnelRun = (config: Record<string, unknown>, purchaseAuc: number, violations: number, seeds = 3) => {
      const r = run({ world: F, ...config, training: { seeds } }, { auc: [0.69, purchaseAuc] });
      const ev = r.result.evaluation as unknown as { tasks: unknown[]; funnelViolations: number };
      ev.tasks.push({ task: 'cart', kind: 'binary', auc: 0.7, gauc: { value: 0.7 }, ece: 0.01, logLoss: 0.2, baseRateLogLoss: 0.22, positiveRate: 0.06 });
      ev.funnelViolations = violations;
      if (seeds > 1) {
        r.result.replicates = { requested: seeds, seeds: new Array(seeds).fill({}), summary: { 'auc:purchase': { n: seeds, mean: purchaseAuc, sd: 0.01, lo: purchaseAuc - 0.01, hi: purchaseAuc + 0.01 } } } as unknown as ExperimentResult['replicates'];
      }
      return r;
    };
    const three = ex('three-task-weighting');
    const off = funnelRun({ weighting: { weights: [1, 1, 0] } }, 0.712, 0.03);
    const on = funnelRun({ weighting: { weights: [1, 1, 1] } }, 0.716, 0.025);
    expect(three.check(ctx([])).passed).toBe(false);
    // Near misses: a two-step world; the purchase weight moved too; the cart never at 0; a strategy other than fixed; one seed each.
    expect(three.check(ctx([run({ world: W }), run({ world: W, weighting: { weights: [1, 2] } })])).passed).toBe(false);
    expect(three.check(ctx([off, funnelRun({ weighting: { weights: [1, 2, 1] } }, 0.716, 0.02)])).passed).toBe(false);
    expect(three.check(ctx([funnelRun({ weighting: { weights: [1, 1, 0.2] } }, 0.712, 0.03), on])).passed).toBe(false);
    expect(three.check(ctx([funnelRun({ weighting: { strategy: 'uncertainty', weights: [1, 1, 0] } }, 0.712, 0.03), funnelRun({ weighting: { strategy: 'uncertainty', weights: [1, 1, 1] } }, 0.716, 0.03)])).passed).toBe(false);
    const single = three.check(ctx([funnelRun({ weighting: { weights: [1, 1, 0] } }, 0.712, 0.03, 1), funnelRun({ weighting: { weights: [1, 1, 1] } }, 0.716, 0.03, 1)]));
    expect(single.passed).toBe(false);
    expect(single.message).toBe('Cart weight 0 → 1.00: purchase AUC 0.7120 → 0.7160 (+0.0040), on 1 seed. Train both with at least 3 seeds per run: one world cannot tell this effect from noise.');
    const ok = three.check(ctx([off, on]));
    expect(ok.passed).toBe(true);
    expect(ok.message).toBe('Cart weight 0 → 1.00: purchase AUC 0.7120 [0.7020, 0.7220] → 0.7160 [0.7060, 0.7260] (+0.0040) over 3 seeds each: the intervals overlap.');
    expect(three.check(ctx([off, funnelRun({ weighting: { weights: [1, 1, 1] } }, 0.74, 0.02)])).message).toMatch(/do not overlap/);
    const esm2 = funnelRun({ model: { architecture: 'esmm' } }, 0.72, 0);
    const answer = three.answer(ctx([off, on, esm2]));
    expect(answer).toContain('Your runs: purchase AUC 0.7120 [0.7020, 0.7220] with the cart at weight 0, 0.7160 [0.7060, 0.7260] with it weighted (+0.0040).');
    expect(answer).toMatch(/funnel order broke on 2\.5% of test impressions with mmoe, on 0\.0% with ESM²/);
  });

  it('seesaw: more weight on purchases must cost at least 0.005 click AUC', () => {
    const a = run({ world: W }, { auc: [0.69, 0.68] });
    const small = run({ world: W, weighting: { weights: [1, 4] } }, { auc: [0.688, 0.683] });
    // 4 / 1 has the smaller purchase share: going from it to 1 / 1 costs only 0.003 click AUC here.
    const towardsClicks = run({ world: W, weighting: { weights: [4, 1] } }, { auc: [0.693, 0.67] });
    const big = run({ world: W, weighting: { weights: [1, 4] } }, { auc: [0.675, 0.681] });
    expect(ex('seesaw').check(ctx([a, small])).passed).toBe(false);
    expect(ex('seesaw').check(ctx([a, towardsClicks])).passed).toBe(false);
    const ok = ex('seesaw').check(ctx([a, big]));
    expect(ok.passed).toBe(true);
    expect(ok.message).toBe('Weights 1 / 1 → 1 / 4: click AUC 0.690 → 0.675, purchase AUC 0.680 → 0.681.');
  });

  it('cold start: with ≥ 30% cold shoppers, the log favours popularity while the truth favours the model', () => {
    const cold = { ...W, coldShopperShare: 0.3, coldItemShare: 0.2 };
    const mild = run({ world: { ...W, coldShopperShare: 0.2 } }, { ndcg: 0.08, popNdcg: 0.19, tp: [0.04, 0.02] });
    const agree = run({ world: cold }, { ndcg: 0.2, popNdcg: 0.19, tp: [0.04, 0.02] });
    const disagree = run({ world: cold }, { ndcg: 0.08, popNdcg: 0.19, tp: [0.04, 0.02] });
    expect(ex('cold-start').check(ctx([mild])).passed).toBe(false);
    expect(ex('cold-start').check(ctx([agree])).passed).toBe(false);
    const ok = ex('cold-start').check(ctx([disagree]));
    expect(ok.passed).toBe(true);
    expect(ok.message).toContain('NDCG@10 model 0.0800, popularity 0.1900; true P(buy)@10 model 0.0400, popularity 0.0200');
  });

  it('GAUC vs AUC: click AUC and GAUC 0.005 apart, either way', () => {
    expect(ex('gauc-vs-auc').check(ctx([run({ world: W }, { auc: [0.69, 0.72], gauc: [0.693, 0.71] })])).passed).toBe(false);
    const ok = ex('gauc-vs-auc').check(ctx([run({ world: W }, { auc: [0.69, 0.72], gauc: [0.708, 0.71] })]));
    expect(ok.passed).toBe(true);
    expect(ok.message).toContain('GAUC higher by 0.018');
  });

  it('popularity bias: popularity’s lead grows with the skew', () => {
    const low = run({ world: { ...W, popularitySkew: 0.5 } }, { ndcg: 0.106, popNdcg: 0.12 });
    const high = run({ world: { ...W, popularitySkew: 2 } }, { ndcg: 0.131, popNdcg: 0.343 });
    const highFlat = run({ world: { ...W, popularitySkew: 2 } }, { ndcg: 0.2, popNdcg: 0.2 });
    expect(ex('popularity-bias').check(ctx([low, highFlat])).passed).toBe(false);
    expect(ex('popularity-bias').check(ctx([low, high])).message).toContain('1.13× at skew 0.5, 2.62× at skew 2');
  });

  it('NDCG vs recall: a pair that the two metrics order differently', () => {
    const same = tradeoff('mmr', [outcome('mmr λ = 0.5', 0.5, { ndcg: 0.1, recall: 0.15, purchases: 0.9 }), outcome('mmr λ = 1', 1, { ndcg: 0.13, recall: 0.2, purchases: 1 })]);
    const flipped = tradeoff('mmr', [outcome('mmr λ = 0.5', 0.5, { ndcg: 0.0789, recall: 0.13909, purchases: 0.9 }), outcome('mmr λ = 0.6', 0.6, { ndcg: 0.0847, recall: 0.13903, purchases: 0.9 })]);
    // The model reference (recall 0.2, NDCG 0.13) is ahead of both points on both metrics.
    expect(ex('ndcg-vs-recall').check(ctx([], { result: same, ranking: ranking({}) })).passed).toBe(false);
    expect(ex('ndcg-vs-recall').check(ctx([], { result: flipped, ranking: ranking({}) })).passed).toBe(true);
  });

  it('diversity: the operating point must be on the curve and meet both targets', () => {
    const t = tradeoff('mmr', [outcome('mmr λ = 0.6', 0.6, { ndcg: 0.09, div: 0.81, purchases: 0.924 }), outcome('mmr λ = 0.3', 0.3, { ndcg: 0.07, div: 0.88, purchases: 0.68 })]);
    expect(ex('diversity').check(ctx([], { result: t, ranking: ranking({ mmrLambda: 0.7 }) })).message).toMatch(/not on the computed curve/);
    expect(ex('diversity').check(ctx([], { result: t, ranking: ranking({ mmrLambda: 0.3 }) })).passed).toBe(false);
    const ok = ex('diversity').check(ctx([], { result: t, ranking: ranking({ mmrLambda: 0.6 }) }));
    expect(ok.passed).toBe(true);
    expect(ok.message).toContain('diversity +62.0%, purchases per session −7.6%');
  });

  it('calibrated recommendations: KL down 30% for at most 20% NDCG, with the calibrated re-ranker', () => {
    const pts = [outcome('calibrated λ = 0.3', 0.3, { ndcg: 0.1216, kl: 0.308, purchases: 0.95 }), outcome('calibrated λ = 0.1', 0.1, { ndcg: 0.128, kl: 0.63, purchases: 1 })];
    const r = ranking({ method: 'calibrated', calibrationLambda: 0.3 });
    expect(ex('calibrated-recommendations').check(ctx([], { result: tradeoff('mmr', pts), ranking: r })).passed).toBe(false);
    expect(ex('calibrated-recommendations').check(ctx([], { result: tradeoff('calibrated', pts), ranking: { ...r, calibrationLambda: 0.1 } })).passed).toBe(false);
    expect(ex('calibrated-recommendations').check(ctx([], { result: tradeoff('calibrated', pts), ranking: r })).passed).toBe(true);
  });

  it('offline vs online: needs a clear flip', () => {
    const pts = [outcome('mmr λ = 1', 1, { ndcg: 0.13, purchases: 1 })];
    const unclear = tradeoff('mmr', pts, [{ offlineFavours: 'popularity', onlineFavours: 'model', offlineGap: 0.06, onlineGap: 0.01, clear: false }]);
    const clear = tradeoff('mmr', pts, [{ offlineFavours: 'popularity', onlineFavours: 'model', offlineGap: 0.06, onlineGap: 0.6, clear: true }]);
    expect(ex('offline-online').check(ctx([], { result: unclear, ranking: ranking({}) })).passed).toBe(false);
    expect(ex('offline-online').check(ctx([], { result: clear, ranking: ranking({}) })).passed).toBe(true);
    expect(ex('offline-online').answer(ctx([], { result: clear, ranking: ranking({}) }))).toContain('the test log prefers popularity by 0.0600 NDCG');
  });
});
