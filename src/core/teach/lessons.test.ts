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
