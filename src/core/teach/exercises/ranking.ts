/**
 * Exercises about the ranked list: cold start, GAUC vs AUC, NDCG vs recall, diversity, calibrated
 * recommendations, popularity bias, and offline vs online evaluation. Checks read the learner's
 * runs and the latest re-ranking trade-off (with the operating point as set now).
 */
import { COLD_FALLBACK } from '../../eval/ranking';
import { KNOBS, operatingKnob } from '../../rerank/config';
import { operatingSummary } from '../../rerank/summary';
import type { PolicyOutcome, TradeoffResult } from '../../rerank/tradeoff';
import { ascending, findPair, latest, num, pct, policyOf, taskMetric, type RunRecord, type TeachContext } from '../runs';
import type { Exercise } from './types';

const shopper = (r: RunRecord) => r.result.config.world.kind === 'shopper';
const world = (r: RunRecord) => (r.result.config.world.kind === 'shopper' ? r.result.config.world : null);
const coldShare = (r: RunRecord) => world(r)?.coldShopperShare ?? 0;
const skew = (r: RunRecord) => world(r)?.popularitySkew ?? 0;
const modelNdcg = (r: RunRecord) => policyOf(r.result, 'model')?.ndcg.value ?? Number.NaN;
const popularityNdcg = (r: RunRecord) => policyOf(r.result, 'popularity')?.ndcg.value ?? Number.NaN;

const truePurchaseOf = (r: RunRecord, policy: string) => policyOf(r.result, policy)?.truePurchase.value ?? Number.NaN;

/** The latest shopper-world run with ≥ 30% cold-start shoppers. */
function coldRun(ctx: TeachContext) {
  return latest(ctx, (r) => shopper(r) && coldShare(r) >= 0.3 && policyOf(r.result, 'popularity') !== null);
}

/** Whether the log and the truth disagree: popularity ahead on NDCG, the model ahead on true P(buy). */
const judgesDisagree = (r: RunRecord) => popularityNdcg(r) > modelNdcg(r) && truePurchaseOf(r, 'model') > truePurchaseOf(r, 'popularity');

export const coldStart: Exercise = {
  id: 'cold-start',
  topic: 'Cold start',
  question: 'How do you recommend to new shoppers and new items that the model never saw?',
  task: 'Train the cold-start scenario (at least 30% cold-start shoppers) and compare the model with the popularity ranking twice: on the test log (NDCG@K) and on the truth (true P(buy)@K). Target: a run where the two judges disagree — popularity ahead on NDCG, the model ahead on true P(buy).',
  scenario: 'cold-start',
  hints: [
    'Cold-start shares are in the World section; the scenario sets 30% cold shoppers and 20% cold items.',
    'The ranking table of the test results has the model, popularity and the oracle side by side, with NDCG and true P(buy).',
    'In the inspector, “Cold-start shopper” shows what a new shopper gets.',
  ],
  check(ctx) {
    const r = coldRun(ctx);
    if (!r) return { passed: false, message: 'No finished run yet with at least 30% cold-start shoppers.' };
    const k = r.result.config.evaluation.k;
    const passed = judgesDisagree(r);
    return {
      passed,
      message: `Run ${r.id}: NDCG@${k} model ${num(modelNdcg(r), 4)}, popularity ${num(popularityNdcg(r), 4)}; true P(buy)@${k} model ${num(truePurchaseOf(r, 'model'), 4)}, popularity ${num(truePurchaseOf(r, 'popularity'), 4)}.${passed ? '' : ' The two judges agree in this run.'}`,
    };
  },
  answer(ctx) {
    const r = coldRun(ctx);
    let yours = '';
    if (r) {
      const fallback = policyOf(r.result, COLD_FALLBACK);
      yours =
        ` In your run ${r.id} popularity scored NDCG ${num(popularityNdcg(r), 4)} against the model’s ${num(modelNdcg(r), 4)} on the test log, yet the model’s lists would sell ${num(truePurchaseOf(r, 'model'), 4)} per impression against popularity’s ${num(truePurchaseOf(r, 'popularity'), 4)} (the world’s truth).` +
        (fallback ? ` Serving popularity to the cold shoppers only gave NDCG ${num(fallback.ndcg.value, 4)} and true P(buy) ${num(fallback.truePurchase.value, 4)}.` : '');
    }
    return (
      'A new shopper or item has no trained embedding: here the model falls back on a shared “unknown” row, so a cold shopper gets one average taste, and cold items are scored only through their attributes. ' +
      'Judge the remedies carefully: the test log was collected by a policy that mostly showed popular items, so popularity looks strong on it (over 8 seeds of this scenario popularity leads on NDCG@10 while the model’s lists have the higher true purchase probability). Trust an online test — here, the world’s truth — over a log the old policy shaped.' +
      yours +
      ' Standard answers: fall back to popularity (per segment or context) until there is data; use content and context features (item attributes, demographics, session behaviour) that generalise to unseen ids; meta-learned or attribute-generated embeddings for new ids; and explicit exploration (bandits, boosted exposure for new items) so they ever collect feedback.'
    );
  },
};

/** The latest shopper-world run that judged the matrix-factorisation baseline. */
const cfRun = (ctx: TeachContext) => latest(ctx, (r) => shopper(r) && policyOf(r.result, 'mf') !== null);
const ndcgOf = (r: RunRecord, policy: string) => policyOf(r.result, policy)?.ndcg.value ?? Number.NaN;

export const cfVsMultiTask: Exercise = {
  id: 'cf-vs-multitask',
  topic: 'Collaborative filtering vs multi-task models',
  question: 'Matrix factorisation beats your multi-task model on offline NDCG. Do you ship matrix factorisation?',
  task: 'Train the default world and compare the model with “mf” (matrix factorisation of train clicks) in the ranking table of the test results. Target: a run where mf has the higher NDCG@K on the test log and the model the higher true P(buy)@K.',
  scenario: null,
  hints: [
    'The ranking table lists the model beside every baseline: popularity, random, mf, item-kNN and content; hover a baseline’s name for how it ranks.',
    'NDCG@K is measured on the test log, which an old policy collected; true P(buy)@K is the world’s own purchase probability of the list.',
    'The inspector shows what each baseline would give one shopper, and how many of the model’s items it shares.',
  ],
  check(ctx) {
    const r = cfRun(ctx);
    if (!r) return { passed: false, message: 'No finished shopper-world run yet with the baselines judged.' };
    const k = r.result.config.evaluation.k;
    const passed = ndcgOf(r, 'mf') > ndcgOf(r, 'model') && truePurchaseOf(r, 'model') > truePurchaseOf(r, 'mf');
    return {
      passed,
      message: `Run ${r.id}: NDCG@${k} mf ${num(ndcgOf(r, 'mf'), 4)}, model ${num(ndcgOf(r, 'model'), 4)}; true P(buy)@${k} mf ${num(truePurchaseOf(r, 'mf'), 4)}, model ${num(truePurchaseOf(r, 'model'), 4)}.${passed ? '' : ' The two judges do not split that way in this run.'}`,
    };
  },
  answer(ctx) {
    const r = cfRun(ctx);
    const yours = r
      ? ` In your run ${r.id}: NDCG@${r.result.config.evaluation.k} mf ${num(ndcgOf(r, 'mf'), 4)}, item-kNN ${num(ndcgOf(r, 'item-knn'), 4)}, model ${num(ndcgOf(r, 'model'), 4)}; true P(buy) mf ${num(truePurchaseOf(r, 'mf'), 4)}, item-kNN ${num(truePurchaseOf(r, 'item-knn'), 4)}, model ${num(truePurchaseOf(r, 'model'), 4)}.`
      : '';
    return (
      'Not on that evidence. Matrix factorisation and item-kNN learn which items are clicked together in the log — and the log was collected by a policy that mostly showed popular items, so they learn to reproduce it, and a test split from the same log rewards them for it. ' +
      'Over 8 seeds of the default world mf leads the MMoE model on NDCG@10, while the model’s lists have the higher true purchase probability, against item-kNN’s too: the model learned P(purchase | impression) from shopper and item features, and ranks by it.' +
      yours +
      ' What settles it is an online test (here, the world’s truth). CF baselines remain worth having: they are cheap, strong on dense warm data, and a sanity check that the deep model learned anything; they cannot score shoppers or items without clicks (here they fall back on popularity), which is where a content model helps — in the cold-start scenario the content ranking covers more of the catalogue than the model, though its lists sell less.'
    );
  },
};

export const gaucVsAuc: Exercise = {
  id: 'gauc-vs-auc',
  topic: 'GAUC vs AUC',
  question: 'Why do industrial recommenders report GAUC as well as AUC?',
  task: 'Train the popularity-bias scenario and compare the click AUC with the click GAUC. Target: a run where they differ by at least 0.005 — then say which is higher, and why.',
  scenario: 'popularity-bias',
  hints: [
    'Both are in the test results table.',
    'AUC pools every impression of every shopper; GAUC ranks within each shopper and drops shoppers whose test impressions are all one class. Which shoppers does the pooled AUC have to order that GAUC never sees?',
  ],
  check(ctx) {
    const r = latest(ctx, shopper);
    if (!r) return { passed: false, message: 'No finished shopper-world run yet.' };
    const a = taskMetric(r.result, 0, 'auc');
    const g = taskMetric(r.result, 0, 'gauc');
    return {
      passed: Math.abs(a - g) >= 0.005,
      message: `Run ${r.id}: click AUC ${num(a)}, GAUC ${num(g)} (${g >= a ? 'GAUC' : 'AUC'} higher by ${num(Math.abs(a - g))}; the target is a difference of 0.005 or more).`,
    };
  },
  answer(ctx) {
    const r = latest(ctx, shopper);
    const yours = r
      ? ` In your run ${r.id}, purchase AUC is ${num(taskMetric(r.result, 1, 'auc'))} and GAUC ${num(taskMetric(r.result, 1, 'gauc'))}; click AUC ${num(taskMetric(r.result, 0, 'auc'))} and GAUC ${num(taskMetric(r.result, 0, 'gauc'))}.`
      : '';
    return (
      'AUC pools every impression: it rewards a model for ranking one shopper’s items above another shopper’s, e.g. for knowing who buys a lot or which items are hits. A recommender only ever ranks items for one shopper at a time, so the pooled AUC can look good while the per-shopper order is poor. ' +
      'GAUC (Zhou et al., DIN, KDD 2018) computes AUC within each shopper and averages, weighted by impressions, dropping shoppers with one class.' +
      yours +
      ' The two part ways in both directions. AUC comes out higher when the model knows who buys a lot or which items are hits — pooled ranking rewards that, per-shopper ranking does not. GAUC comes out higher when the model orders each shopper’s items well but its scores are not comparable across shoppers; it also drops every shopper with one class in the test split, often the ones the model knows least. In the popularity-bias scenario, measured over 8 seeds, the click GAUC is above the click AUC. GAUC tracks what a recommender does — rank items for one shopper — so teams report it beside AUC; watch how many shoppers it left out.'
    );
  },
};

/** A pair of policies that recall and NDCG order oppositely, or rank equal on recall but not on NDCG. */
function recallNdcgPair(ctx: TeachContext): [PolicyOutcome, PolicyOutcome] | null {
  return ctx.tradeoff ? recallNdcgPairOf(ctx.tradeoff.result) : null;
}

/**
 * In a trade-off, the pair (a, b) with recall(a) ≥ recall(b) and the largest NDCG(b) − NDCG(a) > 0:
 * recall and NDCG disagreeing; null when they order every pair the same way.
 */
export function recallNdcgPairOf(result: TradeoffResult): [PolicyOutcome, PolicyOutcome] | null {
  const all = [...result.points, ...result.references];
  let best: [PolicyOutcome, PolicyOutcome] | null = null;
  let gap = 0;
  for (const a of all) {
    for (const b of all) {
      const dr = a.evaluation.recall.value - b.evaluation.recall.value;
      const dn = b.evaluation.ndcg.value - a.evaluation.ndcg.value;
      if (dr >= 0 && dn > 1e-9 && dn > gap) {
        best = [a, b];
        gap = dn;
      }
    }
  }
  return best;
}

export const ndcgVsRecall: Exercise = {
  id: 'ndcg-vs-recall',
  topic: 'NDCG vs recall',
  question: 'NDCG or recall@K: what does each reward, and when do they disagree?',
  task: 'Set the ranking panel’s curve points to 21, compute a re-ranking trade-off, and find two policies where one has at least the recall@K of the other but a lower NDCG@K.',
  scenario: 'filter-bubble',
  hints: ['The trade-off table lists every policy; the check reads recall from the same evaluation.', 'Re-rankers that keep most items but change their order are where the two metrics part ways.'],
  check(ctx) {
    if (!ctx.tradeoff) return { passed: false, message: 'No re-ranking trade-off computed yet.' };
    const pair = recallNdcgPair(ctx);
    if (!pair) return { passed: false, message: 'In this trade-off recall and NDCG order every pair of policies the same way; try another re-ranker or more curve points.' };
    const [a, b] = pair;
    return { passed: true, message: `${a.policy}: recall ${num(a.evaluation.recall.value, 4)}, NDCG ${num(a.evaluation.ndcg.value, 4)}; ${b.policy}: recall ${num(b.evaluation.recall.value, 4)}, NDCG ${num(b.evaluation.ndcg.value, 4)}.` };
  },
  answer(ctx) {
    const pair = recallNdcgPair(ctx);
    const yours = pair
      ? ` In your trade-off, ${pair[0].policy} finds at least as many of the shopper’s relevant items (recall ${num(pair[0].evaluation.recall.value, 4)} against ${num(pair[1].evaluation.recall.value, 4)}) yet scores lower NDCG (${num(pair[0].evaluation.ndcg.value, 4)} against ${num(pair[1].evaluation.ndcg.value, 4)}): it places them further down.`
      : '';
    return (
      'Recall@K asks whether the relevant items made the list at all; NDCG@K also asks where, discounting each by 1/log2(position + 1) and grading relevance (a purchase counts more than a click here), normalised by the best possible order. ' +
      'Use recall for candidate generation, where the next stage will re-order anyway, and NDCG (or MRR) for the final ranking, where position drives attention.' +
      yours
    );
  },
};

function operating(ctx: TeachContext) {
  if (!ctx.tradeoff) return null;
  const { result, ranking } = ctx.tradeoff;
  if (result.method !== ranking.method) return null;
  return operatingSummary(result, operatingKnob(ranking));
}

export const diversity: Exercise = {
  id: 'diversity',
  topic: 'Diversity and novelty',
  question: 'How would you make recommendations more diverse without hurting the business metric much?',
  task: 'Compute a re-ranking trade-off and choose an operating point that raises intra-list diversity by at least 5% while expected purchases per session fall by at most 20%, against no re-ranking.',
  scenario: 'filter-bubble',
  hints: ['Click a point on either trade-off chart to make it the operating point.', 'The line under the charts gives the operating point’s changes against no re-ranking.', 'For MMR, λ between 0.5 and 0.8 is a good place to look.'],
  check(ctx) {
    if (!ctx.tradeoff) return { passed: false, message: 'No re-ranking trade-off computed yet.' };
    const s = operating(ctx);
    if (!s) return { passed: false, message: 'The operating point is not on the computed curve: choose it on the chart (or compute the trade-off again).' };
    const { symbol } = KNOBS[ctx.tradeoff.result.method];
    return {
      passed: s.diversity >= 0.05 && s.purchases >= -0.2,
      message: `At ${symbol} = ${s.knob}: diversity ${pct(s.diversity)}, purchases per session ${pct(s.purchases)}, NDCG ${pct(s.ndcg)} (target: diversity +5% or more, purchases −20% or better).`,
    };
  },
  answer(ctx) {
    const s = operating(ctx);
    const yours = s && ctx.tradeoff ? ` Your operating point (${ctx.tradeoff.result.method.toUpperCase()} ${KNOBS[ctx.tradeoff.result.method].symbol} = ${s.knob}) changes diversity by ${pct(s.diversity)}, coverage by ${pct(s.coverage)}, novelty by ${pct(s.novelty)}, and costs ${pct(s.ndcg)} NDCG offline and ${pct(s.purchases)} purchases online.` : '';
    return (
      'Re-rank the top candidates after scoring: MMR trades each pick’s relevance against its similarity to what is already listed; a DPP scores the whole set by relevance-weighted volume, so it penalises redundancy jointly; category caps and calibration enforce a mix directly. The knob is a business decision, so show the curve and choose the point where the marginal loss in purchases buys the most diversity.' +
      yours +
      ' Diversity within a list differs from coverage (how much of the catalogue anyone sees) and novelty (how unfamiliar items are); the offline accuracy metric usually undervalues all three, which is why the online estimate matters.'
    );
  },
};

export const calibrated: Exercise = {
  id: 'calibrated-recommendations',
  topic: 'Calibration',
  question: 'What does “calibrated recommendations” mean, and how is it different from calibrated probabilities?',
  task: 'Switch the re-ranker to calibrated, compute the trade-off, and choose an operating point that cuts the calibration KL by at least 30% while NDCG@K falls by at most 20%, against no re-ranking.',
  scenario: 'filter-bubble',
  hints: ['“Re-ranker” is in the Re-ranker box of the ranking panel.', 'Set the x axis of the charts to “calibration KL”.'],
  check(ctx) {
    if (!ctx.tradeoff || ctx.tradeoff.result.method !== 'calibrated') return { passed: false, message: 'No trade-off of the calibrated re-ranker computed yet.' };
    const s = operating(ctx);
    if (!s) return { passed: false, message: 'The operating point is not on the computed curve: choose it on the chart.' };
    return {
      passed: s.calibrationKl <= -0.3 && s.ndcg >= -0.2,
      message: `At λ = ${s.knob}: calibration KL ${pct(s.calibrationKl)}, NDCG ${pct(s.ndcg)}, purchases ${pct(s.purchases)} (target: KL −30% or lower, NDCG −20% or better).`,
    };
  },
  answer(ctx) {
    const s = ctx.tradeoff?.result.method === 'calibrated' ? operating(ctx) : null;
    const r = latest(ctx, shopper);
    const yours =
      (s ? ` At your operating point λ = ${s.knob} the lists’ category mix moved ${pct(s.calibrationKl)} closer to the shoppers’ histories (KL) for ${pct(s.ndcg)} NDCG.` : '') +
      (r ? ` Probability calibration is a different number: your run’s purchase ECE is ${num(taskMetric(r.result, 1, 'ece'), 4)}.` : '');
    return (
      'Calibrated recommendations (Steck, RecSys 2018): a list should reflect the proportions of a shopper’s interests — 70% sport and 30% cooking in the history should not become 100% sport in the list, which accuracy-optimal ranking tends to do. Steck measures it by KL(p_history ‖ q_list) and re-ranks greedily with (1 − λ)·relevance − λ·KL. ' +
      'Probability calibration is about the scores: predicted P(click) should match observed click rates (ECE, reliability plots), which matters when scores are multiplied (pCTR·pCVR), compared across models or used for bids; fix it with Platt or isotonic scaling.' +
      yours
    );
  },
};

function popularityPair(ctx: TeachContext) {
  const lead = (r: RunRecord) => popularityNdcg(r) / modelNdcg(r);
  return findPair(
    ctx,
    (k) => k === 'world.popularitySkew' || k === 'world.policyPersonalization',
    (a, b) => {
      const [lo, hi] = ascending([a, b], skew);
      return shopper(a) && (world(lo)?.popularitySkew ?? 9) <= 0.5 && (world(hi)?.popularitySkew ?? 0) >= 2 && lead(hi) > lead(lo);
    },
  );
}

export const popularityBias: Exercise = {
  id: 'popularity-bias',
  topic: 'Popularity bias',
  question: 'Why do offline metrics favour popular items, and what does that do to a recommender?',
  task: 'Train the same model on worlds with popularity skew 0.5 or less and 2 or more (changing nothing else but the logging personalisation if you like). Show that the popularity ranking’s NDCG lead over the model grows with the skew.',
  scenario: 'popularity-bias',
  hints: ['Popularity skew is in the World section.', 'Compare popularity’s NDCG@K divided by the model’s in the two runs.'],
  check(ctx) {
    const pair = popularityPair(ctx);
    if (!pair) return { passed: false, message: 'No two runs yet, differing only in popularity skew (≤ 0.5 and ≥ 2), where popularity’s lead grows with the skew.' };
    const [lo, hi] = ascending(pair, skew);
    return {
      passed: true,
      message: `Popularity ÷ model NDCG: ${num(popularityNdcg(lo) / modelNdcg(lo), 2)}× at skew ${world(lo)?.popularitySkew}, ${num(popularityNdcg(hi) / modelNdcg(hi), 2)}× at skew ${world(hi)?.popularitySkew}.`,
    };
  },
  answer(ctx) {
    const pair = popularityPair(ctx);
    let yours = '';
    if (pair) {
      const [lo, hi] = ascending(pair, skew);
      const m = policyOf(hi.result, 'model');
      yours = ` In your runs popularity’s NDCG was ${num(popularityNdcg(lo) / modelNdcg(lo), 2)}× the model’s at skew ${world(lo)?.popularitySkew} and ${num(popularityNdcg(hi) / modelNdcg(hi), 2)}× at ${world(hi)?.popularitySkew}; at the high skew the model covered ${num(100 * (m?.coverage ?? Number.NaN), 1)}% of the catalogue with a Gini of ${num(m?.gini ?? Number.NaN)}.`;
    }
    return (
      'Logged feedback exists only where items were shown, and exposure is skewed towards hits, so the test log itself is popularity-biased: a popularity ranking scores well offline, and a model trained on the log learns to show hits again — a feedback loop that starves the long tail.' +
      yours +
      ' Remedies: debias evaluation (inverse propensity scoring, unbiased test sets from randomised exposure), debias training (IPS weights, popularity-aware negatives, causal embeddings), and re-rank for coverage or long-tail share — then confirm online, where the simulated shoppers here buy far less from the popularity list than its NDCG suggests.'
    );
  },
};

export const offlineOnline: Exercise = {
  id: 'offline-online',
  topic: 'Offline vs online evaluation',
  question: 'Your offline NDCG went up but the A/B test went down. How can that happen?',
  task: 'Compute a re-ranking trade-off and find a pair of policies that the test log and the simulated shoppers order oppositely, with the online confidence intervals apart.',
  scenario: 'filter-bubble',
  hints: ['The “Where offline and online disagree” section under the trade-off table lists them.', 'Look at the popularity ranking’s two ranks.'],
  check(ctx) {
    if (!ctx.tradeoff) return { passed: false, message: 'No re-ranking trade-off computed yet.' };
    const flip = ctx.tradeoff.result.disagreement.discordant.find((d) => d.clear);
    if (!flip) return { passed: false, message: 'This trade-off has no clear flip between offline and online; try more shoppers or sessions.' };
    return { passed: true, message: `Offline prefers ${flip.offlineFavours} (NDCG +${num(flip.offlineGap, 4)}); online, ${flip.onlineFavours} sells ${num(flip.onlineGap, 3)} more per session. Kendall τ ${num(ctx.tradeoff.result.disagreement.kendallTau, 2)}.` };
  },
  answer(ctx) {
    const d = ctx.tradeoff?.result.disagreement;
    const flip = d?.discordant.find((x) => x.clear);
    const yours = d && flip ? ` In your trade-off the two orders agree with Kendall τ = ${num(d.kendallTau, 2)}; for example the test log prefers ${flip.offlineFavours} by ${num(flip.offlineGap, 4)} NDCG, while simulated shoppers buy ${num(flip.onlineGap, 3)} more per session from ${flip.onlineFavours}.` : '';
    return (
      'Offline metrics replay a log collected under an old policy: items the old policy never showed cannot be relevant, popular items are over-represented, positions bias clicks, and a click is not a purchase. A new policy that differs from the logging one is judged on a biased sample of its own list.' +
      yours +
      ' Guard against it with counterfactual estimators (IPS, doubly robust) on randomised traffic, metrics closer to the business goal, checking the offline–online correlation of past launches, and small online tests before trusting an offline win.'
    );
  },
};

export const RANKING_EXERCISES: Exercise[] = [coldStart, cfVsMultiTask, gaucVsAuc, ndcgVsRecall, diversity, calibrated, popularityBias, offlineOnline];
