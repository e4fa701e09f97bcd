import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../experiment/config';
import { LESSON_TARGETS, LESSONS, type LessonContext } from './lessons';
import { scenarioById } from './scenarios';

const empty: LessonContext = { runs: [], tradeoff: null, lessonRuns: [], lessonTradeoffs: [], predictions: {} };

describe('lessons', () => {
  it('have 5 to 8 steps, valid scenarios, settings and targets, and a prediction before an action', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(3);
    for (const l of LESSONS) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(5);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(8);
      expect(l.steps.some((s) => s.predict && s.waitFor), l.id).toBe(true);
      for (const s of l.steps) {
        if (s.apply?.scenario) expect(scenarioById(s.apply.scenario), s.title).toBeDefined();
        const config = s.apply?.config;
        if (config) expect(() => parseExperimentConfig({ ...config, world: { kind: l.id === 'related-tasks' ? 'mmoe' : 'shopper', ...(config.world ?? {}) } }), s.title).not.toThrow();
        if (s.point) expect(LESSON_TARGETS).toContain(s.point);
        if (s.predict) expect(s.predict.options.length).toBeGreaterThanOrEqual(2);
        // With nothing done yet an explanation says nothing rather than inventing numbers.
        if (s.explain && s.waitFor) expect(s.explain(empty), s.title).toBe('');
      }
    }
  });
});

describe('lesson explanations', () => {
  it('quote the learner’s runs, trade-offs and predictions', async () => {
    const { lessonById } = await import('./lessons');
    const steps = lessonById('clickbait')!.steps;
    const run = (auc: [number, number]) => ({ id: 1, name: 'r', result: { evaluation: { tasks: auc.map((a) => ({ auc: a })) } } }) as unknown as LessonContext['lessonRuns'][number];
    const trade = (purchases: number, clicks: number) => ({ references: [{ policy: 'model', online: { expected: { purchases, clicks, revenue: 0 } } }] }) as unknown as LessonContext['lessonTradeoffs'][number];
    const ctx: LessonContext = { ...empty, lessonRuns: [run([0.689, 0.68]), run([0.69, 0.6655])], lessonTradeoffs: [trade(0.45, 3.1), trade(0.6, 2.8)], predictions: { 1: 1, 3: 0, 4: 0 } };
    expect(steps[1].explain!({ ...ctx, lessonRuns: ctx.lessonRuns.slice(0, 1) })).toContain('click AUC 0.689 and purchase AUC 0.680 (you said “Purchases”)');
    expect(steps[3].explain!(ctx)).toContain('Ranking for purchases: +33.3% purchases and −9.7% clicks per session against ranking for clicks (you said “More purchases”)');
    expect(steps[4].explain!(ctx)).toContain('Purchase AUC moved by −0.0145 and click AUC by +0.0010');
    expect(steps[5].explain!(ctx)).toContain('changed purchases per session from 0.450 to 0.600');
  });
});
