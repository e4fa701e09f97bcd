/**
 * Backends in Chromium: a run on WebGPU (SwiftShader here, so slow), and with WebGPU disabled a
 * run that asked for WebGPU falls back and the header says why.
 */
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium, launchBrowser, SMALL, watchPage } from './browser';

/** WebGPU here is SwiftShader on the CPU: shader compilation alone takes about a minute. */
const WEBGPU_TIMEOUT = 280_000;
const browsers: Browser[] = [];
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
});

async function trainOn(browser: Browser, query: string, timeout: number) {
  const baseUrl = inject('baseUrl');
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const watch = watchPage(page, baseUrl);
  await page.goto(`${baseUrl}?${query}`);
  await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '▶ Play' }).click();
  await page.getByTestId('result-summary').waitFor({ timeout });
  return { page, watch };
}

describe('backends', () => {
  it('trains on WebGPU when asked', { timeout: WEBGPU_TIMEOUT + 30_000 }, async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    // One epoch keeps SwiftShader's share of the suite's time down.
    const { page, watch } = await trainOn(browser, `${SMALL.replace('training.epochs=2', 'training.epochs=1')}&training.backend=webgpu`, WEBGPU_TIMEOUT);
    expect(await page.getByTestId('backend-name').textContent()).toBe('WebGPU');
    expect(await page.getByTestId('result-summary').textContent()).toMatch(/samples\/s on webgpu/);
    expect(await page.getByTestId('task-metrics').locator('tbody tr').count()).toBe(2);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('falls back, and says why, when WebGPU is disabled', async () => {
    const browser = await chromium.launch({
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'), '--disable-features=WebGPU'],
    });
    browsers.push(browser);
    const { page, watch } = await trainOn(browser, `${SMALL}&training.backend=webgpu`, 90_000);
    const badge = (await page.getByTestId('backend-badge').textContent()) ?? '';
    expect(await page.getByTestId('backend-name').textContent()).not.toBe('WebGPU');
    // The reason is the engine's own (e.g. no navigator.gpu, or no adapter), shown verbatim.
    expect(badge).toMatch(/not WebGPU: \w+/);
    expect(await page.getByTestId('result-summary').textContent()).toMatch(/samples\/s on (wasm|webgl|cpu)/);
    expect(watch.consoleErrors).toEqual([]);
  });
});
