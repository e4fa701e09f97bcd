/**
 * The size guard's estimates against measurements, and its refusals. The measurements are peak
 * resident memory over the runtime's own and wall time of one-epoch runs in Node on the WASM
 * backend of the project's 2-core machine (2026-12-01, `node --import tsx` with process.resourceUsage,
 * after the engine's matmul-gradient and population changes; each config in a fresh process). The
 * two evaluation-heavy times (the default and the 20,000-item catalogue) measured again on
 * 2026-12-02 after whole-catalogue scoring in parts (4.7 → 4.5 s and 16.4 → 10.9 s).
 */
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from './config';
import { BROWSER_MEMORY_BUDGET, budgetProblem, BudgetError, checkBudget, estimateCost, formatBytes, formatDuration } from './cost';

const MB = 2 ** 20;
const MEASURED: Array<{ config: unknown; mb: number; seconds: number }> = [
  { config: { training: { epochs: 1 } }, mb: 125, seconds: 4.5 },
  { config: { world: { numShoppers: 20000, sessionsPerShopper: 10 }, training: { epochs: 1 } }, mb: 575, seconds: 53.7 },
  { config: { world: { numShoppers: 20000, numItems: 100000, sessionsPerShopper: 10, latentDim: 64 }, training: { epochs: 1 }, evaluation: { rankShoppers: 20 } }, mb: 599, seconds: 81.4 },
  { config: { world: { numShoppers: 10000, numCategories: 64 }, training: { epochs: 1 } }, mb: 524, seconds: 16.5 },
  { config: { model: { numExperts: 16, expertUnits: 256 }, training: { epochs: 1, batchSize: 8192 } }, mb: 1639, seconds: 56 },
  { config: { world: { numItems: 20000 }, evaluation: { rankShoppers: 200 }, training: { epochs: 1 } }, mb: 114, seconds: 10.9 },
];

describe('cost estimate', () => {
  it.each(MEASURED)('is within 0.8–2× of the measured memory and 0.5–2× of the time: %j', ({ config, mb, seconds }) => {
    const e = estimateCost(parseExperimentConfig(config));
    expect(e.bytes / MB / mb).toBeGreaterThanOrEqual(0.8);
    expect(e.bytes / MB / mb).toBeLessThanOrEqual(2);
    expect(e.seconds.total / seconds).toBeGreaterThanOrEqual(0.5);
    expect(e.seconds.total / seconds).toBeLessThanOrEqual(2);
  });

  it('grows with seeds in time, not in memory (seeds train one after another)', () => {
    const one = estimateCost(parseExperimentConfig({}));
    const five = estimateCost(parseExperimentConfig({ training: { seeds: 5 } }));
    expect(five.bytes).toBe(one.bytes);
    expect(five.seconds.total).toBeCloseTo(5 * one.seconds.total, 6);
  });

  it('refuses the largest accepted world in the browser, naming the settings to lower', () => {
    const huge = parseExperimentConfig({ world: { numShoppers: 200000, numItems: 100000, sessionsPerShopper: 10, itemsPerSession: 10, latentDim: 64 } });
    const problem = budgetProblem(estimateCost(huge), BROWSER_MEMORY_BUDGET, 'webgl');
    expect(problem).toMatch(/^This run needs about \d+\.\d GB of memory, more than the 1\.5 GB allowed here\. The largest part is the impression log and its encoded features \(\d+\.\d GB\); lower world\.numShoppers, world\.sessionsPerShopper, world\.itemsPerSession/);
    expect(() => checkBudget(huge, BROWSER_MEMORY_BUDGET, 'webgl')).toThrow(BudgetError);
  });

  it('refuses the largest model on WASM (its heap), naming the batch and the model sizes', () => {
    const big = parseExperimentConfig({ model: { numExperts: 64, expertUnits: 1024 }, training: { batchSize: 65536 } });
    const e = estimateCost(big);
    expect(budgetProblem(e, 1e15, 'wasm')).toMatch(/tensors, more than the WASM backend can address .*activations of one training step \(batch 65536\).*lower training\.batchSize, model\.numExperts, model\.expertUnits/);
    expect(budgetProblem(e, 1e15, 'webgpu')).toBeNull();
  });

  it('lets the defaults and every scenario-sized run through', () => {
    expect(budgetProblem(estimateCost(parseExperimentConfig({})), BROWSER_MEMORY_BUDGET, 'wasm')).toBeNull();
    expect(budgetProblem(estimateCost(parseExperimentConfig({ world: { kind: 'mmoe' } })), BROWSER_MEMORY_BUDGET, 'wasm')).toBeNull();
  });

  it('says sizes and durations in words', () => {
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5 GB');
    expect(formatBytes(340 * MB)).toBe('340 MB');
    expect(formatDuration(12.4)).toBe('about 12 s');
    expect(formatDuration(720)).toBe('about 12 min');
    expect(formatDuration(3 * 3600)).toBe('about 3.0 h');
  });
});
