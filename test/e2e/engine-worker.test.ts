/**
 * The engine runs in a Web Worker in Chromium: `auto` skips the software WebGPU adapter for WASM
 * and says so, and naming `webgpu` trains on WebGPU (SwiftShader here).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, watchPage, type PageWatch } from './browser';

let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  watch = watchPage(page, inject('baseUrl'));
  await page.goto(inject('baseUrl'));
  await page.getByTestId('quick-check').waitFor({ timeout: 60_000 });
});
afterAll(async () => {
  await browser?.close();
});

/** WebGPU here is SwiftShader on the CPU: shader compilation alone takes about a minute. */
const TRAIN_TIMEOUT = 280_000;

async function train(backend: string): Promise<string> {
  await page.getByLabel('Backend').selectOption(backend);
  await page.getByRole('button', { name: 'Train' }).click();
  await page.getByTestId('quick-result').waitFor({ timeout: TRAIN_TIMEOUT });
  return (await page.getByTestId('quick-result').textContent()) ?? '';
}

describe('engine in a Web Worker', () => {
  it('auto picks WASM over the software WebGPU adapter and reports why', async () => {
    const text = await train('auto');
    expect(await page.getByTestId('quick-backend-used').textContent()).toBe('wasm');
    expect(text).toMatch(/Not webgpu: the WebGPU adapter is a software fallback \(SwiftShader\); WASM is faster/);
    expect(text).toMatch(/completed, \d+ steps/);
    expect(await page.getByTestId('quick-result').locator('tbody tr').count()).toBe(2);
    expect(text).toMatch(/True purchase probability of the top 10: model 0\.\d+/);
  });

  it('trains on WebGPU when asked', { timeout: TRAIN_TIMEOUT + 10_000 }, async () => {
    const text = await train('webgpu');
    expect(await page.getByTestId('quick-backend-used').textContent()).toBe('webgpu');
    expect(text).toMatch(/requested/);
    expect(text).toMatch(/completed/);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});
