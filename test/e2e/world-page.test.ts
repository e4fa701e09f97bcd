/** The world tab: generates the settings' world in a worker and shows its summary. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateMmoeWorld, generateShopperWorld, hashWorld } from '../../src/core/world';
import { launchBrowser, watchPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('world tab', () => {
  it('loads from a sub-path, generates the default world and shows its summary without errors', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const watch = watchPage(page, baseUrl);
    await page.goto(`${baseUrl}#world`);
    await page.getByTestId('world-overview').waitFor({ timeout: 60_000 });

    // The browser's world is the Node world, bit for bit: same seed, same generator.
    const hash = await page.getByTestId('world-hash').textContent();
    expect(hash).toBe(hashWorld(generateShopperWorld()));

    await expect.poll(() => page.getByTestId('shopper-cards').locator('li').count()).toBe(5);
    expect(await page.getByTestId('category-table').locator('tbody tr').count()).toBe(12);
    expect(await page.getByTestId('position-table').locator('tbody tr').count()).toBe(10);
    await expect.poll(() => page.getByTestId('relatedness-table').locator('tbody tr').count(), { timeout: 30_000 }).toBe(6);
    // Same generator, same numbers: the page's p = 0.5 row is what Node measures.
    const row = await page.getByTestId('relatedness-table').locator('tbody tr').nth(3).textContent();
    expect(row).toBe(`0.50${generateMmoeWorld({ correlation: 0.5 }).labelCorrelation.toFixed(3)}`);
    const overview = await page.getByTestId('world-overview').textContent();
    expect(overview).toContain('120,000'); // impressions of the default world
    expect(overview).toMatch(/Click rate\d+\.\d%/);

    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await page.close();
  });
});
