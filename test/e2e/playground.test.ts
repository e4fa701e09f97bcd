/**
 * The playground in Chromium on a small world: training draws curves and metrics; pause, step and
 * reset; live weights; a sweep and the inspector; URL state and its notice.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, watchPage, type PageWatch } from './browser';

/** A world and schedule small enough to train in seconds on WASM. */
export const SMALL =
  'world.numShoppers=300&world.numItems=150&world.sessionsPerShopper=4&training.epochs=2&training.batchSize=256&training.telemetryEvery=1&training.patience=0&evaluation.rankShoppers=30';

let browser: Browser;
let page: Page;
let watch: PageWatch;
let baseUrl: string;

beforeAll(async () => {
  baseUrl = inject('baseUrl');
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  watch = watchPage(page, baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

async function open(query: string): Promise<void> {
  await page.goto(`${baseUrl}?${query}`);
  await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
}

const status = () => page.getByTestId('run-status').textContent();

describe('playground', () => {
  it('loads with the backend badge, no console errors and no request to another origin', async () => {
    await open(SMALL);
    expect(await page.getByTestId('backend-name').textContent()).toBe('WASM');
    expect(await page.getByTestId('backend-badge').textContent()).toMatch(/not WebGPU: the WebGPU adapter is a software fallback/);
    expect(await status()).toMatch(/Ready/);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  it('trains a short run: loss curves and final metrics', async () => {
    await page.getByRole('button', { name: '▶ Play' }).click();
    await page.getByTestId('result-summary').waitFor({ timeout: 90_000 });
    expect(await status()).toMatch(/Finished: completed/);
    // Two train series and two validation series, drawn as SVG paths.
    expect(await page.getByTestId('chart-loss').locator('path.recharts-line-curve').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('task-metrics').locator('tbody tr').count()).toBe(2);
    const auc = Number(await page.getByTestId('task-metrics').locator('tbody tr').first().locator('td').first().textContent());
    expect(auc).toBeGreaterThan(0.5);
    expect(await page.getByTestId('ranking-metrics').locator('tbody tr').count()).toBe(3);
    // The numbers behind the chart are one click away.
    await page.getByText('Numbers of “Loss per task” as a table').click();
    expect(await page.getByTestId('chart-loss-table').locator('tbody tr').count()).toBeGreaterThan(5);
    expect(watch.consoleErrors).toEqual([]);
  });
});
