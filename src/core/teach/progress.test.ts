import { describe, expect, it } from 'vitest';
import { EXERCISES } from './exercises';
import { readLessonProgress } from './lessonProgress';
import { LESSONS } from './lessons';
import { mergeProgress, practiceReport, readProgress } from './progress';

describe('practice progress', () => {
  it('reads back what was stored and drops what is malformed or unknown', () => {
    const stored = JSON.stringify({ diversity: { passed: true, passedAt: '2026-11-22T10:00:00Z', lastCheck: 'ok', checks: 2, hintsShown: 1 }, nope: { passed: true }, seesaw: 'x' });
    expect(readProgress(stored).progress).toEqual({ diversity: { passed: true, passedAt: '2026-11-22T10:00:00Z', lastCheck: 'ok', checks: 2, hintsShown: 1 } });
    expect(readProgress('{bad json').progress).toEqual({});
    expect(readProgress(null)).toEqual({ progress: {}, problem: null });
  });

  it('names what is wrong with a damaged record, so the page keeps it aside instead of overwriting it', () => {
    const good = { passed: false, passedAt: null, lastCheck: null, checks: 1, hintsShown: 1 };
    expect(readProgress('{bad json').problem).toBe('the stored progress is not valid JSON');
    expect(readProgress('[1]').problem).toBe('the stored progress is not a record of exercises');
    for (const bad of [{ hintsShown: -4 }, { hintsShown: 1.5 }, { hintsShown: 99 }, { checks: -1 }, { checks: '2' }, { passed: 'yes' }, { passed: true, passedAt: null }, { passedAt: 'not a date' }, { lastCheck: 5 }]) {
      const { progress, problem } = readProgress(JSON.stringify({ diversity: { ...good, ...bad }, seesaw: good }));
      expect(problem, JSON.stringify(bad)).toBe('the stored entries of diversity are malformed');
      expect(progress, JSON.stringify(bad)).toEqual({ seesaw: good });
    }
    expect(readProgress(JSON.stringify({ seesaw: good, 'an-exercise-of-a-newer-version': { x: 1 } }))).toEqual({ progress: { seesaw: good }, problem: null });
    expect(readProgress(JSON.parse('"x"') as string).problem).toBe('the stored progress is not valid JSON');
  });

  it('merges two tabs without losing either one\'s hints, checks or pass', () => {
    const a = { diversity: { passed: false, passedAt: null, lastCheck: 'a', checks: 3, hintsShown: 0 }, seesaw: { passed: true, passedAt: '2026-11-20T00:00:00Z', lastCheck: 'ok', checks: 1, hintsShown: 0 } };
    const b = { diversity: { passed: true, passedAt: '2026-11-21T00:00:00Z', lastCheck: 'b', checks: 2, hintsShown: 2 }, seesaw: { passed: true, passedAt: '2026-11-19T00:00:00Z', lastCheck: 'ok', checks: 1, hintsShown: 1 } };
    expect(mergeProgress(a, b)).toEqual({
      diversity: { passed: true, passedAt: '2026-11-21T00:00:00Z', lastCheck: 'a', checks: 3, hintsShown: 2 },
      seesaw: { passed: true, passedAt: '2026-11-19T00:00:00Z', lastCheck: 'ok', checks: 1, hintsShown: 1 },
    });
    expect(mergeProgress({}, b)).toEqual(b);
  });

  it('reads a stored lesson position strictly', () => {
    const lesson = LESSONS[0];
    const withPredict = lesson.steps.findIndex((s) => s.predict);
    const ok = { lesson: lesson.id, step: 1, predictions: { [withPredict]: 0 } };
    expect(readLessonProgress(JSON.stringify(ok))).toEqual({ value: ok, problem: null });
    expect(readLessonProgress(null)).toEqual({ value: null, problem: null });
    for (const bad of [{ ...ok, lesson: 'nope' }, { ...ok, step: -1 }, { ...ok, step: 999 }, { ...ok, step: 0.5 }, { ...ok, predictions: { [withPredict]: 99 } }, { ...ok, predictions: { 999: 0 } }, { ...ok, predictions: [] }, { ...ok, lesson: 'constructor' }]) {
      const r = readLessonProgress(JSON.stringify(bad));
      expect(r.value, JSON.stringify(bad)).toBeNull();
      expect(r.problem, JSON.stringify(bad)).toMatch(/stored/);
    }
    expect(readLessonProgress('{').problem).toMatch(/not valid JSON/);
    // Run counts (kept with the run log across reloads): whole, and a step never before its lesson.
    const counts = { runsAtStart: 2, tradeoffsAtStart: 0, runsAtStep: 3, tradeoffsAtStep: 1 };
    expect(readLessonProgress(JSON.stringify({ ...ok, counts }))).toEqual({ value: { ...ok, counts }, problem: null });
    for (const c of [{ ...counts, runsAtStep: 1 }, { ...counts, tradeoffsAtStart: -1 }, { ...counts, runsAtStart: 1.5 }, { runsAtStart: 1 }, [], null]) {
      expect(readLessonProgress(JSON.stringify({ ...ok, counts: c })), JSON.stringify(c)).toEqual({ value: null, problem: 'the stored run counts are malformed' });
    }
  });

  it('reports every exercise with its status and model answer', () => {
    const report = practiceReport({ diversity: { passed: true, passedAt: '2026-11-22T10:00:00Z', lastCheck: 'At λ = 0.6: diversity +62.5%', checks: 2, hintsShown: 1 } }, { runs: [], tradeoff: null }, new Date('2026-11-22T12:00:00Z'));
    expect(report).toContain('2026-11-22 — 1 of 17 exercises passed.');
    expect(report).toContain('**Passed** on 2026-11-22 after 2 checks and 1 hint.');
    expect(report).toContain('Last check: At λ = 0.6: diversity +62.5%');
    expect(report.match(/^## /gm)).toHaveLength(EXERCISES.length);
    expect(report.match(/Model answer: /g)).toHaveLength(EXERCISES.length);
  });
});
