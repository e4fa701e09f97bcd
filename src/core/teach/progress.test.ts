import { describe, expect, it } from 'vitest';
import { EXERCISES } from './exercises';
import { parseProgress, practiceReport } from './progress';

describe('practice progress', () => {
  it('reads back what was stored and drops what is malformed or unknown', () => {
    const stored = JSON.stringify({ diversity: { passed: true, passedAt: '2026-11-22T10:00:00Z', lastCheck: 'ok', checks: 2, hintsShown: 1 }, nope: { passed: true }, seesaw: 'x' });
    expect(parseProgress(stored)).toEqual({ diversity: { passed: true, passedAt: '2026-11-22T10:00:00Z', lastCheck: 'ok', checks: 2, hintsShown: 1 } });
    expect(parseProgress('{bad json')).toEqual({});
    expect(parseProgress(null)).toEqual({});
  });

  it('reports every exercise with its status and model answer', () => {
    const report = practiceReport({ diversity: { passed: true, passedAt: '2026-11-22T10:00:00Z', lastCheck: 'At λ = 0.6: diversity +62.5%', checks: 2, hintsShown: 1 } }, { runs: [], tradeoff: null }, new Date('2026-11-22T12:00:00Z'));
    expect(report).toContain('2026-11-22 — 1 of 14 exercises passed.');
    expect(report).toContain('**Passed** on 2026-11-22 after 2 checks and 1 hint.');
    expect(report).toContain('Last check: At λ = 0.6: diversity +62.5%');
    expect(report.match(/^## /gm)).toHaveLength(EXERCISES.length);
    expect(report.match(/Model answer: /g)).toHaveLength(EXERCISES.length);
  });
});
