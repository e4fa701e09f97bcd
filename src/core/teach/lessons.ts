/**
 * Guided lessons: a few steps each that set the controls, point at the part of the page to watch,
 * ask for a prediction before the learner presses Play, and explain the outcome with the numbers
 * of the learner's own runs and trade-offs (never canned results).
 */
import type { PolicyOutcome, TradeoffResult } from '../rerank/tradeoff';
import { operatingSummary } from '../rerank/summary';
import { meanMse, num, pct, taskMetric, type RunRecord, type TeachContext } from './runs';

/** The parts of the playground a step can point at. */
export const LESSON_TARGETS = ['settings', 'transport', 'charts', 'results', 'rerank', 'inspector'] as const;
export type LessonTarget = (typeof LESSON_TARGETS)[number];

export interface LessonContext extends TeachContext {
  /** Runs finished since the lesson started, oldest first. */
  lessonRuns: RunRecord[];
  /** Trade-offs computed since the lesson started, oldest first. */
  lessonTradeoffs: TradeoffResult[];
  /** The option chosen at each step's prediction, by step index. */
  predictions: Record<number, number>;
}

export interface LessonStep {
  title: string;
  /** What to do now. */
  body: string;
  /** Applied when the step opens: a scenario, then config changes over the current settings. */
  apply?: { scenario?: string; config?: Record<string, Record<string, unknown>> };
  point?: LessonTarget;
  /** Asked before the action; the learner must answer to go on. */
  predict?: { question: string; options: string[] };
  /** What must happen (after the step opens) before Next: a finished run or a computed trade-off. */
  waitFor?: 'run' | 'tradeoff';
  /** Shown once `waitFor` is met (at once when there is none), from the learner's numbers. */
  explain?: (ctx: LessonContext) => string;
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  steps: LessonStep[];
}

const model = (t: TradeoffResult | undefined): PolicyOutcome | undefined => t?.references.find((p) => p.policy === 'model');
const said = (ctx: LessonContext, step: number, options: string[]) => (ctx.predictions[step] === undefined ? 'no prediction' : `“${options[ctx.predictions[step]]}”`);

const CLICKBAIT_PREDICT_AUC = ['Clicks', 'Purchases', 'About the same'];
const CLICKBAIT_PREDICT_BUY = ['More purchases', 'Fewer purchases', 'About the same'];
const CLICKBAIT_PREDICT_WEIGHTS = ['Purchase AUC goes up', 'Purchase AUC goes down', 'It hardly moves'];

const clickbait: Lesson = {
  id: 'clickbait',
  title: 'What ranking for clicks costs',
  summary: 'In a shop where clicks and purchases disagree, compare ranking for clicks with ranking for purchases, and what task weights change.',
  steps: [
    {
      title: 'A shop full of clickbait',
      body: 'This loads the “Clickbait vs purchases” scenario: click–purchase alignment −0.8, so what draws clicks rarely sells. The settings on the left show the world, a shared-bottom model and equal task weights.',
      apply: { scenario: 'clickbait' },
      point: 'settings',
    },
    {
      title: 'Predict, then train',
      body: 'Before pressing Play: which task will the model predict better on the test split? Then press Play and watch the loss curves until the run finishes.',
      point: 'transport',
      predict: { question: 'Which task will have the higher test AUC?', options: CLICKBAIT_PREDICT_AUC },
      waitFor: 'run',
      explain: (ctx) => {
        const r = ctx.lessonRuns.at(-1);
        if (!r) return '';
        const c = taskMetric(r.result, 0, 'auc');
        const p = taskMetric(r.result, 1, 'auc');
        return `Your model reached click AUC ${num(c)} and purchase AUC ${num(p)} (you said ${said(ctx, 1, CLICKBAIT_PREDICT_AUC)}). Purchases are rarer, but AUC measures ordering, not frequency. In this world what makes people click works against what makes them buy, so the shared layer serves two opposed signals.`;
      },
    },
    {
      title: 'Rank for clicks',
      body: 'The ranking panel is set to rank by P(click) alone. Press “Compute the trade-off”: besides the curves it replays the list to simulated shoppers.',
      point: 'rerank',
      waitFor: 'tradeoff',
      explain: (ctx) => {
        const m = model(ctx.lessonTradeoffs.at(-1));
        if (!m) return '';
        return `Ranked for clicks, with no re-ranking, a simulated shopper clicks ${num(m.online.expected.clicks, 2)} times and buys ${num(m.online.expected.purchases, 3)} items per session.`;
      },
    },
    {
      title: 'Rank for purchases',
      body: 'This step switches the fusion to P(purchase) (“Rank for purchases”). Predict, then compute the trade-off again.',
      apply: { config: { ranking: { fusionClick: 0, fusionPurchase: 1, fusionPrice: 0 } } },
      point: 'rerank',
      predict: { question: 'Ranked for purchases instead of clicks, shoppers will make…', options: CLICKBAIT_PREDICT_BUY },
      waitFor: 'tradeoff',
      explain: (ctx) => {
        const [a, b] = [model(ctx.lessonTradeoffs.at(-2)), model(ctx.lessonTradeoffs.at(-1))];
        if (!a || !b) return '';
        const dp = (b.online.expected.purchases - a.online.expected.purchases) / a.online.expected.purchases;
        const dc = (b.online.expected.clicks - a.online.expected.clicks) / a.online.expected.clicks;
        return `Ranking for purchases: ${pct(dp)} purchases and ${pct(dc)} clicks per session against ranking for clicks (you said ${said(ctx, 3, CLICKBAIT_PREDICT_BUY)}). When clicks and purchases disagree, a click-optimised page trades sales for attention.`;
      },
    },
    {
      title: 'Weight purchases more',
      body: 'This step sets the task weights to 1 (click) / 4 (purchase). Predict, then press Play again.',
      apply: { config: { weighting: { strategy: 'fixed', weights: [1, 4] } } },
      point: 'charts',
      predict: { question: 'With purchases weighted four times clicks…', options: CLICKBAIT_PREDICT_WEIGHTS },
      waitFor: 'run',
      explain: (ctx) => {
        const [a, b] = [ctx.lessonRuns.at(-2), ctx.lessonRuns.at(-1)];
        if (!a || !b) return '';
        const dp = taskMetric(b.result, 1, 'auc') - taskMetric(a.result, 1, 'auc');
        const dc = taskMetric(b.result, 0, 'auc') - taskMetric(a.result, 0, 'auc');
        return `Purchase AUC moved by ${dp >= 0 ? '+' : '−'}${num(Math.abs(dp), 4)} and click AUC by ${dc >= 0 ? '+' : '−'}${num(Math.abs(dc), 4)} (you said ${said(ctx, 4, CLICKBAIT_PREDICT_WEIGHTS)}). Measured over 8 seeds, weighting purchases 4× lowers the purchase AUC in this scenario (by about 0.01, on every seed). A likely reason: the sparse purchase task learns partly through the click task it shares layers with, and turning the click task down takes that help away. One run’s move of this size can still be noise — train with 3 seeds to see. What does trade clicks for purchases is the fusion of the heads at ranking time, as the previous step showed.`;
      },
    },
    {
      title: 'What to take away',
      body: 'Pin a run to keep it, or open the interview exercises on loss weighting and offline vs online evaluation.',
      explain: (ctx) => {
        const t0 = model(ctx.lessonTradeoffs[0]);
        const t1 = model(ctx.lessonTradeoffs[1]);
        const r = ctx.lessonRuns;
        if (!t0 || !t1 || r.length < 2) return 'Finish the earlier steps to see your summary here.';
        return `Your numbers: ranking for purchases instead of clicks changed purchases per session from ${num(t0.online.expected.purchases, 3)} to ${num(t1.online.expected.purchases, 3)}; weighting purchases 4× changed purchase AUC from ${num(taskMetric(r[0].result, 1, 'auc'))} to ${num(taskMetric(r[r.length - 1].result, 1, 'auc'))}. The objective you rank by is a product decision; the model only estimates each head.`;
      },
    },
  ],
};

const RELATED_PREDICT = ['MMoE will have lower MSE', 'Shared-bottom will have lower MSE', 'About the same'];

const relatedTasks: Lesson = {
  id: 'related-tasks',
  title: 'Shared-bottom vs MMoE',
  summary: 'Train both architectures on tasks of relatedness p = 0.5 and p = 0.9, and see what the gates cost when data is scarce.',
  steps: [
    {
      title: 'Two regression tasks',
      body: 'This loads “Related and unrelated tasks”: the MMoE paper’s synthetic data, with task correlation p = 0.5, and a shared-bottom model.',
      apply: { scenario: 'related-tasks' },
      point: 'settings',
    },
    {
      title: 'Shared-bottom at p = 0.5',
      body: 'Predict how MMoE will compare, then press Play to train the shared-bottom model first.',
      point: 'transport',
      predict: { question: 'At p = 0.5, compared with shared-bottom…', options: RELATED_PREDICT },
      waitFor: 'run',
      explain: (ctx) => {
        const r = ctx.lessonRuns.at(-1);
        return r ? `Shared-bottom at p = 0.5: test MSE ${num(taskMetric(r.result, 0, 'mse'), 4)} (y1) and ${num(taskMetric(r.result, 1, 'mse'), 4)} (y2).` : '';
      },
    },
    {
      title: 'MMoE at p = 0.5',
      body: 'This step switches the architecture to MMoE (8 experts, one gate per task). Press Play, and watch the gate heat map.',
      apply: { config: { model: { architecture: 'mmoe' } } },
      point: 'charts',
      waitFor: 'run',
      explain: (ctx) => {
        const [a, b] = [ctx.lessonRuns.at(-2), ctx.lessonRuns.at(-1)];
        if (!a || !b) return '';
        return `Mean test MSE: shared-bottom ${num(meanMse(a.result), 4)} (best epoch ${a.result.training.bestEpoch ?? '—'}), MMoE ${num(meanMse(b.result), 4)} (best epoch ${b.result.training.bestEpoch ?? '—'}): ${pct((meanMse(b.result) - meanMse(a.result)) / meanMse(a.result))} (you said ${said(ctx, 1, RELATED_PREDICT)}). Over 8 seeds of this scenario MMoE ends with the higher MSE: its eight experts are several times the shared bottom’s parameters, and 4,800 samples are not enough to fit them — its training loss collapses while its validation loss stays high (compare the solid and dashed lines). The gates are not the problem; the data is.`;
      },
    },
    {
      title: 'Shared-bottom at p = 0.9',
      body: 'Now the tasks are more related: p = 0.9, shared-bottom again. Press Play.',
      apply: { config: { world: { correlation: 0.9 }, model: { architecture: 'shared-bottom' } } },
      point: 'transport',
      waitFor: 'run',
      explain: (ctx) => {
        const r = ctx.lessonRuns.at(-1);
        return r ? `Shared-bottom at p = 0.9: mean test MSE ${num(meanMse(r.result), 4)}.` : '';
      },
    },
    {
      title: 'MMoE at p = 0.9',
      body: 'And MMoE at p = 0.9. Press Play.',
      apply: { config: { model: { architecture: 'mmoe' } } },
      point: 'results',
      waitFor: 'run',
      explain: (ctx) => {
        const r = ctx.lessonRuns;
        if (r.length < 4) return '';
        const gap = (a: RunRecord, b: RunRecord) => (meanMse(b.result) - meanMse(a.result)) / meanMse(a.result);
        return `MMoE against shared-bottom: ${pct(gap(r[r.length - 4], r[r.length - 3]))} MSE at p = 0.5 and ${pct(gap(r[r.length - 2], r[r.length - 1]))} at p = 0.9. Over 8 seeds MMoE is behind at both: with this little data, capacity overfits whatever the relatedness. The MMoE paper’s finding — MMoE degrading least as the tasks grow apart — did not reproduce at this size, neither in this engine nor in an independent PyTorch build; it needs far more data than a tab trains on in seconds.`;
      },
    },
    {
      title: 'What to take away',
      body: 'Try the interview exercise “MMoE vs shared-bottom”, or the seesaw scenario for the classification version with PLE.',
      explain: () => 'Sharing helps when tasks agree and hurts when they conflict; gating makes the amount of sharing learnable per task — at the cost of more parameters, which need data, and of gates that can collapse onto one expert. Before reaching for MMoE, ask whether there is enough data to fit the experts.',
    },
  ],
};

const BUBBLE_PREDICT = ['Under 10%', '10% to 30%', 'Over 30%'];

function onCurve(t: TradeoffResult | undefined, knob: number) {
  return t ? operatingSummary(t, knob) : null;
}

const filterBubble: Lesson = {
  id: 'filter-bubble',
  title: 'Accuracy vs diversity',
  summary: 'Re-rank a model’s lists with MMR and a DPP, and weigh the diversity gained against purchases lost.',
  steps: [
    {
      title: 'Train the model',
      body: 'This loads “The filter bubble”. Press Play to train; the test results will show how varied the model’s lists are.',
      apply: { scenario: 'filter-bubble' },
      point: 'transport',
      waitFor: 'run',
      explain: (ctx) => {
        const p = ctx.lessonRuns.at(-1)?.result.evaluation?.ranking?.policies.find((q) => q.policy === 'model');
        return p ? `The model’s top 10 has intra-list diversity ${num(p.diversity.value)} and covers ${num(100 * p.coverage, 1)}% of the catalogue across test shoppers.` : '';
      },
    },
    {
      title: 'Predict the price of variety',
      body: 'MMR at λ = 0.6 keeps 60% of each pick’s weight on relevance and 40% on being unlike the items above it. Predict, then press “Compute the trade-off”.',
      apply: { config: { ranking: { method: 'mmr', mmrLambda: 0.6 } } },
      point: 'rerank',
      predict: { question: 'How much will purchases per session fall at λ = 0.6?', options: BUBBLE_PREDICT },
      waitFor: 'tradeoff',
      explain: (ctx) => {
        const s = onCurve(ctx.lessonTradeoffs.at(-1), 0.6);
        return s ? `At λ = 0.6: diversity ${pct(s.diversity)}, purchases per session ${pct(s.purchases)}, NDCG ${pct(s.ndcg)} (you said ${said(ctx, 1, BUBBLE_PREDICT)}). The curve shows the whole menu: each point is a λ you could ship.` : '';
      },
    },
    {
      title: 'The same with a DPP',
      body: 'This step switches to the DPP at θ = 0.7, which judges the whole list’s redundancy at once. Compute the trade-off again.',
      apply: { config: { ranking: { method: 'dpp', dppTheta: 0.7 } } },
      point: 'rerank',
      waitFor: 'tradeoff',
      explain: (ctx) => {
        const m = onCurve(ctx.lessonTradeoffs.at(-2), 0.6);
        const d = onCurve(ctx.lessonTradeoffs.at(-1), 0.7);
        return m && d ? `MMR λ = 0.6: diversity ${pct(m.diversity)}, purchases ${pct(m.purchases)}. DPP θ = 0.7: diversity ${pct(d.diversity)}, purchases ${pct(d.purchases)}. Compare the two curves’ shapes, not single points: the better re-ranker buys more diversity per purchase lost.` : '';
      },
    },
    {
      title: 'One shopper’s list',
      body: 'In the shopper inspector, press “Random shopper”: the list before and after re-ranking sits under the recommendations, each move with its reason.',
      point: 'inspector',
    },
    {
      title: 'What to take away',
      body: 'Try the exercises on diversity, calibrated recommendations and offline vs online evaluation.',
      explain: (ctx) => {
        const t = ctx.lessonTradeoffs.at(-1);
        if (!t) return 'Finish the earlier steps to see your summary here.';
        return `Offline and online agreed on the order of your policies with Kendall τ = ${num(t.disagreement.kendallTau, 2)}. Diversity is a product choice with a measurable price; show the curve, pick the point, and confirm it online.`;
      },
    },
  ],
};

export const LESSONS: readonly Lesson[] = [clickbait, relatedTasks, filterBubble];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
