/**
 * Exercises about how multi-task models are trained: loss weighting, MMoE, ESMM, class imbalance,
 * overfitting, gradient conflict and the seesaw. Each check reads the learner's finished runs.
 */
import { valTrainRatio } from '../../experiment/metrics';
import { ascending, findPair, latest, meanMse, num, orient, pct, signed, taskMetric, type RunRecord, type TeachContext } from '../runs';
import type { Exercise } from './types';

const DYNAMIC = ['uncertainty', 'dwa', 'gradnorm'];
const shopper = (r: RunRecord) => r.result.config.world.kind === 'shopper';
const summedValidationLoss = (r: RunRecord) => r.result.training.epochs.map((e) => e.validationLoss.reduce((a, b) => a + b, 0));

function weightingPair(ctx: TeachContext) {
  return findPair(
    ctx,
    (k) => k.startsWith('weighting.'),
    (a, b) => shopper(a) && [a, b].some((r) => r.result.config.weighting.strategy === 'fixed') && [a, b].some((r) => DYNAMIC.includes(r.result.config.weighting.strategy)),
  );
}

export const fixedWeights: Exercise = {
  id: 'fixed-weights',
  topic: 'Loss weighting',
  question: 'Why do fixed task weights often fail when training a multi-task recommender?',
  task: 'In the clickbait scenario, train with fixed weights, then train again changing only the weighting strategy to uncertainty, DWA or GradNorm. Compare the two runs’ losses and AUCs.',
  scenario: 'clickbait',
  hints: [
    'Look at the loss chart: are the click and purchase losses on the same scale?',
    'Change only “Weighting” in the Weighting section, keep everything else, and train again.',
    'The task-weights chart shows what a dynamic strategy does with the weights during training.',
  ],
  check(ctx) {
    const pair = weightingPair(ctx);
    if (!pair) return { passed: false, message: 'No two finished shopper-world runs yet that differ only in the weighting, one fixed and one uncertainty, DWA or GradNorm.' };
    const [fixed, dyn] = orient(pair, (r) => r.result.config.weighting.strategy === 'fixed');
    return {
      passed: true,
      message: `Fixed ${fixed.result.config.weighting.weights.join(' / ')}: click AUC ${num(taskMetric(fixed.result, 0, 'auc'))}, purchase AUC ${num(taskMetric(fixed.result, 1, 'auc'))}. ${dyn.result.config.weighting.strategy}: click AUC ${num(taskMetric(dyn.result, 0, 'auc'))}, purchase AUC ${num(taskMetric(dyn.result, 1, 'auc'))}.`,
    };
  },
  answer(ctx) {
    const pair = weightingPair(ctx);
    let yours = '';
    if (pair) {
      const [fixed, dyn] = orient(pair, (r) => r.result.config.weighting.strategy === 'fixed');
      const last = fixed.result.training.epochs.at(-1)?.trainLoss ?? [];
      const ratio = last.length > 1 ? last[0] / last[1] : Number.NaN;
      const w = dyn.result.training.finalWeights;
      yours =
        ` In your runs the click loss ended ${num(ratio, 1)}× the purchase loss, so at fixed weights ${fixed.result.config.weighting.weights.join(' / ')} the click gradient dominated the shared layers.` +
        ` ${dyn.result.config.weighting.strategy} ended on weights ${w ? w.map((x) => num(x, 2)).join(' / ') : '—'}, with purchase AUC ${num(taskMetric(dyn.result, 1, 'auc'))} against ${num(taskMetric(fixed.result, 1, 'auc'))}.`;
    }
    return (
      'A weighted sum Σ w_t·L_t only balances the tasks if the losses are on comparable scales and stay so. They are not: a rare-event log loss (purchases) is several times smaller than a click loss, and the ratio drifts as each task converges at its own speed. ' +
      'Fixed weights are one point found by a grid search whose cost grows exponentially with the number of tasks, tuned for one stage of training.' +
      yours +
      ' With a few epochs on a small world the differences between strategies are small and can go either way, so compare the loss and weight curves, not one number.' +
      ' Dynamic methods adapt: uncertainty weighting (Kendall et al. 2018) learns a noise scale per task, GradNorm (Chen et al. 2018) equalises gradient norms by relative training rate, DWA (Liu et al. 2019) follows the rate of loss descent. None is free: they change the objective, and in production the weights are usually set by the business value of each task.'
    );
  },
};

function mmoePair(ctx: TeachContext) {
  return findPair(
    ctx,
    (k) => k.startsWith('model.'),
    (a, b) => {
      const archs = [a, b].map((r) => r.result.config.model.architecture);
      const w = a.result.config.world;
      return w.kind === 'mmoe' && w.correlation <= 0.6 && archs.includes('mmoe') && archs.includes('shared-bottom');
    },
  );
}

export const mmoeVsSharedBottom: Exercise = {
  id: 'mmoe-vs-shared-bottom',
  topic: 'MMoE vs shared-bottom',
  question: 'When does MMoE beat a shared-bottom model, and why?',
  task: 'In “Related and unrelated tasks” (p = 0.5), train the shared-bottom model, then MMoE with the world and training otherwise equal. Target: show MMoE overfitting — at the kept epoch, its validation loss a larger multiple of its training loss than the shared bottom’s.',
  scenario: 'related-tasks',
  hints: [
    'Only the Model section should change between the two runs (architecture, and the sizes if you like).',
    'The loss chart draws training loss solid and validation loss dashed: the distance between them is the generalisation gap.',
  ],
  check(ctx) {
    const pair = mmoePair(ctx);
    if (!pair) return { passed: false, message: 'No pair yet of a shared-bottom and an MMoE run on the MMoE world with p ≤ 0.6 that differ only in the model.' };
    const [sb, mm] = orient(pair, (r) => r.result.config.model.architecture === 'shared-bottom');
    const a = meanMse(sb.result);
    const b = meanMse(mm.result);
    const [ga, gb] = [valTrainRatio(sb.result), valTrainRatio(mm.result)];
    const passed = gb > ga;
    return {
      passed,
      message: `Validation ÷ training loss at the kept epoch: shared-bottom ${num(ga, 1)}×, MMoE ${num(gb, 1)}×; mean test MSE: shared-bottom ${num(a, 4)}, MMoE ${num(b, 4)} (${pct((b - a) / a)}).${passed ? '' : ' MMoE does not show the wider gap here: compare at the scenario’s size and learning rate.'}`,
    };
  },
  answer(ctx) {
    const pair = mmoePair(ctx);
    let yours = '';
    if (pair) {
      const [sb, mm] = orient(pair, (r) => r.result.config.model.architecture === 'shared-bottom');
      yours = ` In your runs at p = ${sb.result.config.world.kind === 'mmoe' ? sb.result.config.world.correlation : '—'}, shared-bottom reached a mean MSE of ${num(meanMse(sb.result), 4)} and MMoE ${num(meanMse(mm.result), 4)}.`;
    }
    return (
      'A shared bottom forces both tasks through the same representation; when the tasks are less related their gradients disagree and each task pays for the other (negative transfer). ' +
      'MMoE (Ma et al., KDD 2018) replaces the bottom by several experts and gives each task its own softmax gate over them, so tasks can share the experts that help both and use different ones where they differ.' +
      yours +
      ' The paper shows MMoE degrading least as task correlation falls — on far more data than this scenario has. Here, with 4,800 training samples, MMoE’s experts (several times the shared bottom’s parameters) overfit: over 8 seeds it stops improving earlier and ends with a higher MSE at p = 0.5 and 0.9. So the honest answer is “when the tasks conflict and there is enough data to fit the experts”; the gate heat map shows whether the tasks actually use different experts, and gates can collapse onto one expert, one motivation for PLE.'
    );
  },
};

function esmmPair(ctx: TeachContext) {
  return findPair(
    ctx,
    (k) => k === 'model.architecture' || k === 'model.purchaseTarget',
    (a, b) => shopper(a) && [a, b].some((r) => r.result.config.model.architecture === 'esmm') && [a, b].some((r) => r.result.config.model.architecture !== 'esmm' && r.result.config.model.purchaseTarget === 'cvr'),
  );
}

export const esmm: Exercise = {
  id: 'esmm',
  topic: 'ESMM and sample selection bias',
  question: 'What is sample selection bias in conversion-rate prediction, and how does ESMM deal with it?',
  task: 'In “Sample selection bias”, train the CVR model (purchase learned on clicked impressions), then switch the architecture to ESMM and train again. Compare purchase AUC, and the conversion check under the results (the conversion estimate on clicked and on unclicked impressions).',
  scenario: 'selection-bias',
  hints: ['The scenario sets the purchase target to “cvr”; ESMM is an architecture.', 'The conversion check sits under the per-task table of the test results, for both models.'],
  check(ctx) {
    const pair = esmmPair(ctx);
    if (!pair) return { passed: false, message: 'No pair yet of a CVR run (purchase target cvr) and an ESMM run that differ only in the model.' };
    const [cvr, es] = orient(pair, (r) => r.result.config.model.architecture !== 'esmm');
    return {
      passed: true,
      message: `Purchase AUC: CVR ${num(taskMetric(cvr.result, 1, 'auc'))}, ESMM ${num(taskMetric(es.result, 1, 'auc'))}; purchase ECE: CVR ${num(taskMetric(cvr.result, 1, 'ece'), 4)}, ESMM ${num(taskMetric(es.result, 1, 'ece'), 4)}.`,
    };
  },
  answer(ctx) {
    const pair = esmmPair(ctx);
    let yours = '';
    if (pair) {
      const [cvr, es] = orient(pair, (r) => r.result.config.model.architecture !== 'esmm');
      const bias = (r: RunRecord) => r.result.evaluation?.conversion?.unclickedBias ?? Number.NaN;
      yours = ` Your runs: purchase AUC ${num(taskMetric(cvr.result, 1, 'auc'))} (CVR) against ${num(taskMetric(es.result, 1, 'auc'))} (ESMM); on impressions nobody clicked, the conversion estimate is off by ${num(bias(cvr))} (CVR) against ${num(bias(es))} (ESMM). Over 8 seeds of the scenario ESMM is closer there and ranks purchases better.`;
    }
    return (
      'A CVR model is trained on clicked impressions only, but it serves every impression: the training distribution is selected by the click (sample selection bias), and clicks are sparse, so the conversion head sees little data. ' +
      'ESMM (Ma et al., SIGIR 2018) models pCTCVR = pCTR × pCVR over all impressions, with the purchase label as the CTCVR target; pCVR becomes an intermediate variable learned over the entire space, and it shares embeddings with the data-rich CTR task.' +
      yours +
      ' ESMM does not remove every bias (later work adds counterfactual or doubly robust corrections), and it ties the purchase prediction to the CTR head’s quality.'
    );
  },
};

export const classImbalance: Exercise = {
  id: 'class-imbalance',
  topic: 'Class imbalance and negative sampling',
  question: 'Purchases are rare. How do you train and evaluate with that imbalance, and what changes if you sample negatives?',
  task: 'Train a shopper-world model whose purchase log loss is at least 5% below the base-rate log loss — the loss of always predicting the purchase rate.',
  scenario: 'filter-bubble',
  hints: [
    'Train the scenario to the end and read the purchase row of the test results.',
    'At the scenario’s alignment (0.3) the gain varies a lot from seed to seed. Purchases are easier to predict when what makes people click also makes them buy: set click–purchase alignment to 1.',
    'In the clickbait world (alignment −0.8) the purchase signal is weak; there 5% is hard to reach.',
  ],
  check(ctx) {
    const r = latest(ctx, shopper);
    if (!r) return { passed: false, message: 'No finished shopper-world run yet.' };
    const ll = taskMetric(r.result, 1, 'logLoss');
    const base = taskMetric(r.result, 1, 'baseRateLogLoss');
    const gain = (base - ll) / base;
    return {
      passed: gain >= 0.05,
      message: `Run ${r.id}: purchase log loss ${num(ll, 4)} against the base rate’s ${num(base, 4)} (${pct(-gain)}); the target is −5% or better.`,
    };
  },
  answer(ctx) {
    const r = latest(ctx, shopper);
    const e = r?.result.evaluation?.tasks[1];
    const yours = e
      ? ` In your run ${num(100 * (e.positiveRate ?? Number.NaN), 2)}% of test impressions end in a purchase: always predicting that rate gives a log loss of ${num(e.baseRateLogLoss ?? Number.NaN, 4)}, and the model reaches ${num(e.logLoss ?? Number.NaN, 4)} with AUC ${num(e.auc ?? Number.NaN)}.`
      : '';
    return (
      'With rare positives, accuracy is meaningless and raw log loss looks small even for a useless model; compare it with the base-rate entropy, and read AUC (insensitive to the class balance) beside calibration (ECE), which matters whenever probabilities are multiplied or used as bids.' +
      yours +
      ' Negative sampling keeps every positive and a fraction s of the negatives: training is cheaper and the positives weigh more, but the predicted odds are inflated by 1/s, so the model must be re-calibrated before serving — p = q / (q + (1 − q)/s) for a sampled-data prediction q — and offline metrics must be computed on unsampled data (the “negative sampling” exercise tries it). Alternatives are class weights and focal loss, which change the gradient balance without discarding data but leave the probabilities off: in the default world a positive-class weight of 10 on purchases, or focal loss with γ = 2, raised the purchase ECE by more than 0.05 (Training → Positive-class weights, Focal loss γ).'
    );
  },
};

const rateOf = (r: RunRecord) => r.result.config.training.negativeSampling ?? 1;

/** Two finished shopper-world runs that differ only in the sampling rate: one unsampled, one at s ≤ 0.1. */
function samplingPair(ctx: TeachContext): [RunRecord, RunRecord] | null {
  const pair = findPair(ctx, (k) => k === 'training.negativeSampling', (a, b) => shopper(a) && [a, b].some((r) => rateOf(r) === 1) && [a, b].some((r) => rateOf(r) <= 0.1));
  return pair && orient(pair, (r) => rateOf(r) === 1);
}

export const negativeSampling: Exercise = {
  id: 'negative-sampling',
  topic: 'Class imbalance and negative sampling',
  question: 'You down-sample negatives to train a purchase model faster. What happens to its predicted probabilities, and how do you fix them?',
  task: 'Train the default world, then train it again changing only “Negative sampling rate” (Training) to 0.1. The check wants the sampled run’s predictions before re-calibration to average at least 4× the observed purchase rate, and its re-calibrated purchase ECE within 0.01 of the plain run’s.',
  scenario: null,
  hints: [
    'Change only the negative sampling rate between the two runs; the check compares runs that differ in nothing else.',
    'The sampled run’s results show a “before → after re-calibration” table: the mean prediction column is the inflation.',
    'A rate above 0.1 inflates less: 1/(r + s·(1 − r)) for a purchase rate r, about 4.5× at s = 0.2 with r = 3.5%.',
  ],
  check(ctx) {
    const pair = samplingPair(ctx);
    if (!pair) return { passed: false, message: 'No two finished shopper-world runs yet that differ only in the negative sampling rate, one at 1 and one at 0.1 or below.' };
    const [plain, sampled] = pair;
    const s = sampled.result.evaluation?.sampling;
    const rate = taskMetric(sampled.result, 1, 'positiveRate');
    const inflation = s ? s.meanRaw[1] / rate : Number.NaN;
    const gap = taskMetric(sampled.result, 1, 'ece') - taskMetric(plain.result, 1, 'ece');
    return {
      passed: inflation >= 4 && Math.abs(gap) <= 0.01,
      message:
        `Run ${sampled.id} (s = ${rateOf(sampled)}): before re-calibration its mean predicted purchase rate is ${num(inflation, 1)}× the observed ${num(100 * rate, 2)}% (target ≥ 4×); ` +
        `re-calibrated, its purchase ECE is ${num(taskMetric(sampled.result, 1, 'ece'), 4)} against the plain run ${plain.id}’s ${num(taskMetric(plain.result, 1, 'ece'), 4)} (${signed(gap, 4)}; target within ±0.01).`,
    };
  },
  answer(ctx) {
    const pair = samplingPair(ctx);
    let yours = '';
    if (pair) {
      const [plain, sampled] = pair;
      const s = sampled.result.evaluation?.sampling;
      yours =
        ` Your runs: the sampled model trained on ${s ? num(100 * (s.keptShare ?? Number.NaN), 0) : '—'}% of the train impressions in ${num(sampled.result.training.seconds, 1)} s against ${num(plain.result.training.seconds, 1)} s; ` +
        `purchase AUC ${num(taskMetric(sampled.result, 1, 'auc'))} against ${num(taskMetric(plain.result, 1, 'auc'))}, click AUC ${num(taskMetric(sampled.result, 0, 'auc'))} against ${num(taskMetric(plain.result, 0, 'auc'))}.`;
    }
    return (
      'Keeping every positive and a share s of the negatives makes training cheaper (fewer than a fifth of the rows at s = 0.1 in the default world) and gives the rare class more weight, but the model learns the sample’s rates: ' +
      'its predicted odds are the true odds divided by s, so the mean predicted purchase rate comes out more than 4× the observed one at s = 0.1. ' +
      'The fix is exact for the sampled task: p = q / (q + (1 − q)/s) (He et al., 2014); the click head, trained on the same sample, is undone from the purchase one, p_click = (q_click·K − p·(1 − s))/s with K = p + s·(1 − p). ' +
      'Re-calibrated, the purchase ECE is back within 0.01 of the unsampled model’s, and the ranking by purchase is unchanged — the correction is monotone. ' +
      'What it costs: click AUC, because sampling by purchase throws away most clicks that did not end in a purchase; sample by the task you serve, or weight the kept negatives by 1/s instead.' +
      yours +
      ' Always evaluate on unsampled data, as here.'
    );
  },
};

function overfitRuns(ctx: TeachContext) {
  const over = latest(ctx, (r) => {
    const v = summedValidationLoss(r);
    return r.result.config.training.patience === 0 && v.length >= 5 && v[v.length - 1] >= 1.2 * Math.min(...v);
  });
  const early = latest(ctx, (r) => r.result.training.status === 'early-stopped');
  return { over, early };
}

export const overfitting: Exercise = {
  id: 'overfitting',
  topic: 'Overfitting and early stopping',
  question: 'How do you see overfitting in training curves, and what does early stopping buy you?',
  task: 'Make a model overfit: in a small world (300 shoppers) train 15 or more epochs with batch size 128 and patience 0 until the final validation loss is at least 20% above its best. Then train the same with patience 1 or more so it stops early.',
  scenario: null,
  hints: ['Shoppers are in the World section; patience and epochs in Training.', 'A bigger model (more expert units) and a small batch overfit sooner.', 'Watch the dashed validation lines in the loss chart turn upwards while the training loss keeps falling.'],
  check(ctx) {
    const { over, early } = overfitRuns(ctx);
    if (!over) return { passed: false, message: 'No run yet with patience 0, at least 5 epochs, and a final validation loss 20% or more above its best.' };
    const v = summedValidationLoss(over);
    const head = `Run ${over.id} overfits: validation loss ${num(Math.min(...v), 4)} at best, ${num(v[v.length - 1], 4)} at the end.`;
    if (!early) return { passed: false, message: `${head} Now train with patience ≥ 1 so it stops early.` };
    return { passed: true, message: `${head} Run ${early.id} stopped early after ${early.result.training.epochs.length} epochs (best epoch ${early.result.training.bestEpoch}).` };
  },
  answer(ctx) {
    const { over, early } = overfitRuns(ctx);
    let yours = '';
    if (over) {
      const v = summedValidationLoss(over);
      const best = v.indexOf(Math.min(...v)) + 1;
      yours = ` In your run ${over.id} the validation loss was lowest at epoch ${best} (${num(v[best - 1], 4)}) and ended at ${num(v[v.length - 1], 4)} after ${v.length} epochs, while the training loss kept falling.`;
      if (early) yours += ` With patience, run ${early.id} stopped after ${early.result.training.epochs.length} epochs, saving the rest of the compute.`;
    }
    return (
      'Overfitting shows as a widening gap: the training loss keeps falling while the validation loss bottoms out and rises — the model memorises shoppers and items (embeddings are the usual culprit in recommenders) instead of learning what generalises.' +
      yours +
      ' Early stopping keeps the weights of the best validation epoch and stops after `patience` epochs without improvement. The playground always restores the best epoch, so here early stopping mostly saves time; with several tasks, the stopping metric (mean AUC or summed loss) decides whose best epoch you get. Other remedies: L2 on embeddings, dropout, fewer embedding dimensions, more data.'
    );
  },
};

const align = (r: RunRecord) => (r.result.config.world.kind === 'shopper' ? r.result.config.world.alignment : Number.NaN);

/** Two runs differing only in click–purchase alignment (by ≥ 1), the less aligned one with the lower mean gradient cosine. */
function alignmentPair(ctx: TeachContext) {
  const cos = (r: RunRecord) => r.result.training.meanGradientCosine ?? Number.NaN;
  return findPair(
    ctx,
    (k) => k === 'world.alignment',
    (a, b) => {
      if (!shopper(a) || Math.abs(align(a) - align(b)) < 1) return false;
      const [lo, hi] = ascending([a, b], align);
      return cos(lo) < cos(hi);
    },
  );
}

function pcgradRun(ctx: TeachContext) {
  return latest(ctx, (r) => r.result.config.weighting.strategy === 'pcgrad' && r.result.config.world.kind === 'shopper' && r.result.config.world.alignment <= -0.5);
}

export const gradientConflict: Exercise = {
  id: 'gradient-conflict',
  topic: 'Gradient conflict and PCGrad',
  question: 'What is gradient conflict between tasks, and what does PCGrad do about it?',
  task: 'Show that anti-aligned tasks conflict more: train two runs that differ only in click–purchase alignment (by at least 1, e.g. −1 and +1), and check the less aligned one has the lower mean gradient cosine. Then train the anti-aligned world with PCGrad.',
  scenario: 'clickbait',
  hints: [
    'The gradient-conflict chart plots the cosine between the click and purchase gradients on the shared layers; the run’s mean is in the exported results.',
    'Click–purchase alignment is in the World section; change nothing else between the two runs.',
    'PCGrad is a weighting strategy; keep alignment at −0.5 or below for that run.',
  ],
  check(ctx) {
    const pair = alignmentPair(ctx);
    const pc = pcgradRun(ctx);
    if (!pair) return { passed: false, message: 'No two runs yet that differ only in alignment (by at least 1) with the less aligned one showing the lower mean gradient cosine.' };
    const [lo, hi] = ascending(pair, align);
    const head = `Mean gradient cosine ${num(lo.result.training.meanGradientCosine ?? Number.NaN)} at alignment ${lo.result.config.world.kind === 'shopper' ? lo.result.config.world.alignment : '—'}, ${num(hi.result.training.meanGradientCosine ?? Number.NaN)} at ${hi.result.config.world.kind === 'shopper' ? hi.result.config.world.alignment : '—'}.`;
    if (!pc) return { passed: false, message: `${head} Now train an anti-aligned world (alignment ≤ −0.5) with PCGrad.` };
    return { passed: true, message: `${head} PCGrad run ${pc.id}: click AUC ${num(taskMetric(pc.result, 0, 'auc'))}, purchase AUC ${num(taskMetric(pc.result, 1, 'auc'))}.` };
  },
  answer(ctx) {
    const pair = alignmentPair(ctx);
    const pc = pcgradRun(ctx);
    let yours = '';
    if (pair) {
      yours = ` In your runs the mean cosine was ${num(pair[0].result.training.meanGradientCosine ?? Number.NaN)} and ${num(pair[1].result.training.meanGradientCosine ?? Number.NaN)}: positive on average (the shared embeddings help both tasks) but lower when the tasks disagree, and negative on some steps — the chart shows how often.`;
      if (pc) yours += ` With PCGrad the anti-aligned world reached click AUC ${num(taskMetric(pc.result, 0, 'auc'))} and purchase AUC ${num(taskMetric(pc.result, 1, 'auc'))}.`;
    }
    return (
      'Each task’s gradient on the shared parameters says how it wants them to move; when the cosine between two is negative, a step that helps one hurts the other, and the summed gradient is dominated by the larger one. ' +
      'PCGrad (Yu et al., NeurIPS 2020) projects each task’s gradient onto the normal plane of any gradient it conflicts with before summing, removing the conflicting component; MGDA instead finds the minimum-norm convex combination (a Pareto-stationary direction).' +
      yours +
      ' The cost is one backward pass per task, and the gain depends on how often gradients conflict: with aligned tasks PCGrad changes little.'
    );
  },
};

/** Share of the total fixed weight on purchases. */
const purchaseShare = (r: RunRecord) => {
  const w = r.result.config.weighting.weights;
  return w[1] / (w[0] + w[1]);
};

/** Two runs differing only in fixed weights, ordered by purchase share, the later with click AUC down ≥ 0.005. */
function seesawPair(ctx: TeachContext) {
  return findPair(
    ctx,
    (k) => k === 'weighting.weights',
    (a, b) => {
      if (!shopper(a) || a.result.config.weighting.strategy !== 'fixed') return false;
      const [lo, hi] = ascending([a, b], purchaseShare);
      return purchaseShare(hi) > purchaseShare(lo) && taskMetric(lo.result, 0, 'auc') - taskMetric(hi.result, 0, 'auc') >= 0.005;
    },
  );
}

export const seesaw: Exercise = {
  id: 'seesaw',
  topic: 'The seesaw phenomenon',
  question: 'What is the seesaw phenomenon in multi-task learning, and how do architectures like PLE address it?',
  task: 'In the seesaw scenario, train with weights 1 / 1, then with more weight on purchases (1 / 4), changing nothing else. Target: the click AUC falls by at least 0.005. Then look at the purchase AUC: did it rise with its weight?',
  scenario: 'seesaw',
  hints: ['Pin the first run so you can compare; then move the weight sliders and train again.', 'Training with 3 seeds per run tells a real move from noise.'],
  check(ctx) {
    const pair = seesawPair(ctx);
    if (!pair) return { passed: false, message: 'No two runs yet, differing only in fixed weights, where moving weight to purchases cost at least 0.005 click AUC.' };
    const [a, b] = ascending(pair, purchaseShare);
    return {
      passed: true,
      message: `Weights ${a.result.config.weighting.weights.join(' / ')} → ${b.result.config.weighting.weights.join(' / ')}: click AUC ${num(taskMetric(a.result, 0, 'auc'))} → ${num(taskMetric(b.result, 0, 'auc'))}, purchase AUC ${num(taskMetric(a.result, 1, 'auc'))} → ${num(taskMetric(b.result, 1, 'auc'))}.`,
    };
  },
  answer(ctx) {
    const pair = seesawPair(ctx);
    let yours = '';
    if (pair) {
      const [a, b] = ascending(pair, purchaseShare);
      yours = ` Your runs: moving the weights from ${a.result.config.weighting.weights.join(' / ')} to ${b.result.config.weighting.weights.join(' / ')} took click AUC from ${num(taskMetric(a.result, 0, 'auc'))} to ${num(taskMetric(b.result, 0, 'auc'))} and purchase AUC from ${num(taskMetric(a.result, 1, 'auc'))} to ${num(taskMetric(b.result, 1, 'auc'))}.`;
    }
    return (
      'The seesaw (Tang et al., RecSys 2020, the PLE paper) is when a shared model can improve one task only by hurting another: re-weighting moves you along a trade-off curve instead of lifting both.' +
      yours +
      ' In this scenario, over 16 worlds, weights 1 / 4 cost click AUC on every one, but the purchase AUC did not reliably rise: a purchase needs a click, so the purchase task leans on the click signal, and starving the click task helps it little. The seesaw is real only where the tasks need different things from the shared capacity. ' +
      'PLE separates task-specific experts from shared ones and extracts them progressively over levels, so each task keeps capacity the other cannot overwrite; compare it with shared-bottom at equal weights, with several seeds. Loss-weighting and gradient-surgery methods attack the same problem from the optimisation side.'
    );
  },
};

export const TRAINING_EXERCISES: Exercise[] = [fixedWeights, mmoeVsSharedBottom, esmm, classImbalance, negativeSampling, overfitting, gradientConflict, seesaw];
