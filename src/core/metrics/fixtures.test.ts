/**
 * Reproduces every case of the shared reference fixtures (test/fixtures/metrics.json, computed by
 * scikit-learn and numpy) to 1e-6, or to 6 decimals where a case says it was published that way.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as metrics from './index';

type Case = Record<string, unknown> & { expected: unknown; source?: string };
const fixtures = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/metrics.json', import.meta.url), 'utf8'),
) as Record<string, Case[]>;

/** Parameter names of each metric, in call order (the fixture stores arguments by name). */
const PARAMS: Record<string, string[]> = {
  auc: ['labels', 'scores'],
  gauc: ['groups', 'labels', 'scores'],
  logLoss: ['labels', 'probs'],
  ece: ['labels', 'probs', 'bins'],
  ndcgAtK: ['relevance', 'scores', 'k'],
  recallAtK: ['list', 'relevant', 'k'],
  precisionAtK: ['list', 'relevant', 'k'],
  hitRateAtK: ['list', 'relevant', 'k'],
  mrrAtK: ['list', 'relevant', 'k'],
  intraListDiversity: ['list', 'itemVectors'],
  catalogCoverage: ['lists', 'catalogSize'],
  novelty: ['lists', 'itemCounts'],
  giniIndex: ['lists', 'catalogSize'],
  averagePopularity: ['lists', 'itemCounts'],
  longTailShare: ['lists', 'itemCounts', 'headShare'],
  calibrationKl: ['historyCategories', 'listCategories', 'numCategories', 'alpha'],
  serendipity: ['list', 'history', 'relevant', 'itemVectors'],
};

function expectNumber(actual: number, expected: unknown, tolerance: number): void {
  if (expected === null) expect(actual).toBeNaN();
  else if (expected === 'Infinity') expect(actual).toBe(Number.POSITIVE_INFINITY);
  else expect(Math.abs(actual - (expected as number))).toBeLessThanOrEqual(tolerance);
}

describe('metric fixtures', () => {
  it('covers every exported metric of the spec', () => {
    expect(Object.keys(fixtures).sort()).toEqual(Object.keys(PARAMS).sort());
  });

  for (const [name, cases] of Object.entries(fixtures)) {
    describe(name, () => {
      cases.forEach((c, i) => {
        it(`case ${i}${c.source ? ` (${c.source})` : ''}`, () => {
          const fn = (metrics as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
          expect(typeof fn).toBe('function');
          const names = PARAMS[name];
          // Optional trailing parameters may be absent from a case: call with what it gives.
          const args: unknown[] = [];
          for (const p of names) if (p in c) args.push(c[p]);
          expect(args.length).toBeGreaterThanOrEqual(names.length - 1);
          const actual = fn(...args);
          const tolerance = c.source?.includes('6 decimals') ? 5e-7 : 1e-6;
          if (typeof c.expected === 'object' && c.expected !== null) {
            for (const [field, value] of Object.entries(c.expected)) {
              expectNumber((actual as Record<string, number>)[field], value, tolerance);
            }
          } else {
            expectNumber(actual as number, c.expected, tolerance);
          }
        });
      });
    });
  }
});
