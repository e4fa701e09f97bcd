/** The ceiling: the world's truth scored like a model, and a model's share of the gap to it. */
import { describe, expect, it } from 'vitest';
import { encodeMmoeWorld, encodeShopperWorld, splitRows } from '../features';
import { auc } from '../metrics';
import { generateMmoeWorld, generateShopperWorld } from '../world';
import { gapShare, mmoeCeiling, shopperCeiling } from './truth';

describe('shopperCeiling', () => {
  const world = generateShopperWorld({ numShoppers: 400, numItems: 150 });
  const data = encodeShopperWorld(world);
  const rows = splitRows(data, 'test');
  const [click, purchase] = shopperCeiling(world, data, rows);

  it('scores the truth above chance and above the position-blind truth on clicks', () => {
    expect(click.task).toBe('click');
    expect(click.auc!).toBeGreaterThan(0.7);
    expect(purchase.auc!).toBeGreaterThan(0.7);
    // The logged position carries real information about clicks; the position-blind truth lacks it.
    expect(click.auc!).toBeGreaterThan(click.positionBlindAuc!);
    expect(click.logLoss!).toBeGreaterThan(0);
  });

  it('beats the noisy per-impression probabilities only in expectation: the noisy ones score higher', () => {
    // The labels were drawn from the noisy probabilities kept in the log, so they rank the labels
    // better than the noise-free truth does: a check that the ceiling is computed from the truth,
    // not read from the log.
    const { log } = world;
    const labels = Float32Array.from(rows, (r) => log.click[r]);
    const noisy = Float32Array.from(rows, (r) => log.pClick[r]);
    expect(auc(labels, noisy)).toBeGreaterThan(click.auc!);
  });

  it('refuses rows outside the test split', () => {
    expect(() => shopperCeiling(world, data, splitRows(data, 'train').subarray(0, 3))).toThrow(/not a test impression/);
  });
});

describe('conversionCheck', () => {
  it('finds no bias for predictions equal to each impression\'s own probabilities, and the offset of a shifted one', async () => {
    const { conversionCheck } = await import('./truth');
    const world = generateShopperWorld({ numShoppers: 300, numItems: 100 });
    const data = encodeShopperWorld(world);
    const rows = splitRows(data, 'test');
    const { log } = world;
    const pc = Float32Array.from(rows, (r) => log.pClick[r]);
    const pp = Float32Array.from(rows, (r) => log.pClick[r] * log.pPurchaseGivenClick[r]);
    const exact = conversionCheck(world, rows, pc, pp);
    expect(exact.clickedBias).toBeCloseTo(0, 5);
    expect(exact.unclickedBias).toBeCloseTo(0, 5);
    // pCVR 0.05 higher everywhere: both biases +0.05.
    const shifted = conversionCheck(world, rows, pc, Float32Array.from(rows, (r, j) => pc[j] * (log.pPurchaseGivenClick[r] + 0.05)));
    expect(shifted.clickedBias).toBeCloseTo(0.05, 4);
    expect(shifted.unclickedBias).toBeCloseTo(0.05, 4);
    expect(exact.unclickedTruth).toBeGreaterThan(0);
  });
});

describe('mmoeCeiling', () => {
  it('is the label noise variance, below the MSE of predicting the mean', () => {
    const world = generateMmoeWorld({ numSamples: 2000, noiseStd: 0.1 });
    const data = encodeMmoeWorld(world);
    const [y1] = mmoeCeiling(world, data, splitRows(data, 'test'));
    expect(y1.mse).toBeCloseTo(0.01, 12);
    expect(y1.baselineMse!).toBeGreaterThan(0.5);
  });
});

describe('gapShare', () => {
  it('is (model − reference) / (ceiling − reference), for scores and for losses', () => {
    expect(gapShare(0.71, 0.5, 0.79)).toBeCloseTo(0.21 / 0.29, 12);
    expect(gapShare(0.3, 1.0, 0.1)).toBeCloseTo(0.7 / 0.9, 12); // MSE: lower is better
    expect(gapShare(0.5, 0.5, 0.5)).toBeNaN();
  });
});
