/**
 * Ranking and re-ranking in Chromium on a small world: the trade-off curves draw with their
 * references, a click on a curve point moves the operating point (and the URL), the inspector
 * shows the list before and after re-ranking, and bad input is explained.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SMALL, type PageWatch } from './browser';
import { pageForFile } from './pageForFile';

let page: Page;
let watch: PageWatch;
let baseUrl: string;

pageForFile({ viewport: { width: 1280, height: 720 } }, async (p) => {
  ({ page, watch, baseUrl } = p);
  await page.goto(`${baseUrl}?${SMALL}&ranking.shoppers=25&ranking.curvePoints=3&ranking.sessions=5`);
  await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '▶ Play' }).click();
  await page.getByTestId('result-summary').waitFor({ timeout: 90_000 });
});

const panel = () => page.getByTestId('rerank');

describe('re-ranking trade-off', () => {
  it('draws the curve offline and online with the references, and a table of every policy', async () => {
    await panel().getByRole('button', { name: 'Compute the trade-off' }).click();
    const offline = page.getByTestId('tradeoff-offline');
    // λ grid 0, 0.5, 1 plus the operating point 0.7: four points joined by one curve.
    await expect.poll(() => offline.locator('.tradeoff-points .recharts-symbols').count(), { timeout: 60_000 }).toBe(4);
    expect(await offline.locator('path.recharts-line-curve').count()).toBe(1);
    for (const ref of ['model', 'popularity', 'random', 'mf', 'item-knn', 'content']) {
      expect(await offline.locator(`.tradeoff-ref-${ref} .recharts-symbols`).count()).toBe(1);
    }
    const online = page.getByTestId('tradeoff-online');
    expect(await online.locator('.tradeoff-points .recharts-symbols').count()).toBe(4);
    expect(await online.locator('.tradeoff-operating .recharts-symbols').count()).toBe(1);
    // 4 curve points, the model's list and the five reference baselines.
    expect(await page.getByTestId('policy-table').locator('tbody tr').count()).toBe(10);
    expect(await page.getByTestId('disagreement').textContent()).toMatch(/Kendall τ/);
    expect(await page.getByTestId('operating-summary').textContent()).toMatch(/Operating point λ = 0\.70 against no re-ranking: NDCG@10 [+−]/);
    // Another beyond-accuracy axis redraws the same points.
    await page.getByLabel('Against').selectOption('gini');
    expect(await page.getByTestId('tradeoff-offline').textContent()).toMatch(/Gini of exposure/);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('a click on a curve point makes it the operating point, in the URL too', async () => {
    const points = page.getByTestId('tradeoff-offline').locator('.tradeoff-points .recharts-symbols');
    await points.first().click();
    await expect.poll(() => page.getByTestId('operating-summary').textContent()).toMatch(/λ = 0\.00/);
    expect(page.url()).toContain('ranking.mmrLambda=0');
    expect(await page.getByLabel('MMR λ').inputValue()).toBe('0');
  });

  it('the inspector shows the list before and after re-ranking, with why items moved', async () => {
    await page.getByTestId('inspector').getByRole('button', { name: 'Random shopper' }).click();
    const cmp = page.getByTestId('rerank-compare');
    await cmp.waitFor({ timeout: 30_000 });
    expect(await cmp.getByTestId('before-item').count()).toBe(10);
    expect(await cmp.getByTestId('after-item').count()).toBe(10);
    expect(await cmp.textContent()).toMatch(/MMR λ = 0/);
    // At λ = 0 MMR picks for diversity alone: something moves, and says why.
    expect(await cmp.locator('.reason').count()).toBeGreaterThan(0);
    expect(await cmp.locator('.reason').first().textContent()).toMatch(/MMR \(λ = 0\)/);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('explains bad input: λ out of range, fewer candidates than K', async () => {
    const lambda = page.getByLabel('MMR λ');
    await lambda.fill('2');
    await lambda.blur();
    expect(await panel().textContent()).toContain('MMR λ must be a number in [0, 1], got 2');
    await panel().getByText('Candidates and sampling').click();
    const m = page.getByLabel('Candidates M');
    await m.fill('5');
    await m.blur();
    await expect.poll(() => panel().textContent()).toContain('the re-ranker needs at least K (10) candidates to fill a list, got 5');
    expect(page.url()).not.toContain('ranking.candidates=5');
    expect(watch.consoleErrors).toEqual([]);
  });

  it('explains a K larger than the catalogue, and keeps K within it', async () => {
    await page.goto(`${baseUrl}?world.numShoppers=200&world.numItems=12&world.itemsPerSession=5&world.sessionsPerShopper=4&training.epochs=1&training.batchSize=256&evaluation.k=20&evaluation.rankShoppers=20&ranking.shoppers=10&ranking.candidates=12`);
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    // A K past the catalogue is a config error now (it used to be cut silently to the catalogue).
    expect(await page.getByTestId('url-notice').textContent()).toContain('evaluation.k=20 a top-K list cannot be longer than the 12-item catalogue, got 20');
    await page.getByRole('button', { name: '▶ Play' }).click();
    await page.getByTestId('result-summary').waitFor({ timeout: 90_000 });
    await panel().getByRole('button', { name: 'Compute the trade-off' }).click();
    await page.getByTestId('policy-table').waitFor({ timeout: 60_000 });
    expect(watch.consoleErrors).toEqual([]);
  });
});
