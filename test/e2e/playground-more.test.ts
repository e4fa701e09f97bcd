/**
 * The playground's files, comparisons and failure modes: export (JSON, CSV, PNG), pinned runs,
 * divergence, a worker that cannot start, and keyboard access with labelled controls.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SMALL, type PageWatch } from './browser';
import { pageForFile } from './pageForFile';

let page: Page;
let watch: PageWatch;
let baseUrl: string;

pageForFile({ viewport: { width: 1280, height: 720 }, acceptDownloads: true }, async (p) => {
  ({ page, watch, baseUrl } = p);
});

async function open(query: string, p = page): Promise<void> {
  await p.goto(`${baseUrl}?${query}`);
  await p.getByTestId('backend-name').waitFor({ timeout: 60_000 });
}

async function train(): Promise<void> {
  await page.getByRole('button', { name: '▶ Play' }).click();
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 90_000 }).toMatch(/Finished/);
}

async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

describe('files and comparisons', () => {
  it('exports a run as JSON and CSV, and a chart as PNG', async () => {
    await open(SMALL);
    await train();
    const json = await download(() => page.getByRole('button', { name: 'Export JSON' }).click());
    expect(json.name).toBe('run-1.json');
    const data = JSON.parse(json.bytes.toString('utf8'));
    expect(data.config.world.numShoppers).toBe(300);
    expect(data.result.training.status).toBe('completed');
    expect(data.history.trainLoss[0].x.length).toBe(data.result.training.steps);
    const csv = await download(() => page.getByRole('button', { name: 'Export CSV' }).click());
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('kind,step,epoch,click_loss,purchase_loss,click_weight,purchase_weight,gradient_cosine,click_auc,purchase_auc');
    expect(lines.filter((l) => l.startsWith('train,'))).toHaveLength(data.result.training.steps);
    expect(lines.filter((l) => l.startsWith('validation,'))).toHaveLength(2);
    const png = await download(() => page.getByRole('button', { name: 'PNG of Loss per task' }).click());
    expect(png.name).toBe('loss.png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.bytes.length).toBeGreaterThan(5000);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('pins a run, overlays it on the next, and tabulates how the configs differ', async () => {
    await page.getByRole('button', { name: 'Pin this run' }).click();
    await page.getByTestId('pinned-runs').waitFor();
    const curves = () => page.getByTestId('chart-loss').locator('path.recharts-line-curve').count();
    await expect.poll(curves).toBe(4);
    const linesBefore = 4;
    await page.getByLabel('Architecture').selectOption('shared-bottom');
    // Negative sampling: a rate outside (0, 1] is refused naming the field, a valid one trains on the
    // sample and the results show its predictions before and after re-calibration.
    const rate = page.getByLabel('Negative sampling rate');
    await rate.fill('0');
    await expect.poll(() => page.locator('#f-training-negativeSampling-error').textContent()).toBe('Negative sampling rate must be a number in (0, 1], got 0');
    await rate.fill('0.2');
    await train();
    const sampling = (await page.getByTestId('sampling-report').textContent()) ?? '';
    // “?” is the glossary button beside the term.
    expect(sampling).toMatch(/Negative sampling\?: trained on [\d,]+ of [\d,]+ train impressions/);
    expect(sampling).toContain('Before → after re-calibration');
    // The pinned run's two training curves are drawn beside the new run's four.
    await expect.poll(curves).toBe(linesBefore + 2);
    const table = (await page.getByTestId('pinned-runs').textContent()) ?? '';
    expect(table).toContain('model.architecture');
    expect(table).toContain('Run 1: mmoe, fixed 1/1');
    expect(table).toContain('shared-bottom');
    expect(table).toContain('training.negativeSampling');
    // The pinned model stays inspectable.
    expect(await page.getByLabel('Model', { exact: true }).locator('option').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Pinned: Run 1'), expect.stringContaining('Latest: Run 2')]),
    );
    expect(watch.consoleErrors).toEqual([]);
  });
});

describe('failures', () => {
  it('explains divergence in plain words and offers a lower learning rate', async () => {
    await open('world.kind=mmoe&world.numSamples=1000&world.inputDim=10&world.scale=50&model.architecture=shared-bottom&training.optimizer=sgd&training.learningRate=5&training.batchSize=64');
    await train();
    const banner = (await page.getByTestId('divergence').textContent()) ?? '';
    expect(banner).toMatch(/Training diverged and was stopped.*loss became (Infinity|NaN) at step \d+.*Try a lower learning rate/);
    await page.getByRole('button', { name: 'Train again with learning rate 0.5' }).click();
    await expect.poll(() => page.url()).toContain('training.learningRate=0.5');
    expect(watch.consoleErrors).toEqual([]);
  });

  it('a worker that cannot start shows an error and keeps the settings', async () => {
    const p = await page.context().browser()!.newPage({ viewport: { width: 1280, height: 720 } });
    await p.route('**/playground.worker*', (route) => route.abort());
    await p.goto(`${baseUrl}?${SMALL}&model.architecture=ple`);
    await p.getByTestId('worker-crash').waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('worker-crash').textContent()).toMatch(/training worker stopped unexpectedly.*settings are kept/);
    await p.getByRole('button', { name: '▶ Play' }).click();
    await p.getByTestId('run-error').waitFor({ timeout: 30_000 });
    expect(await p.getByLabel('Architecture').inputValue()).toBe('ple');
    expect(p.url()).toContain('model.architecture=ple');
    await p.close();
  });
});

describe('accessibility', () => {
  it('labels every control, offers every chart as a table, and reaches Play by keyboard', async () => {
    await open(SMALL);
    await train();
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => {
          const h = el as HTMLInputElement;
          const named = (h.labels?.length ?? 0) > 0 || h.getAttribute('aria-label') || h.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !named;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unlabelled).toEqual([]);
    const charts = page.locator('.chart-card');
    const n = await charts.count();
    expect(n).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < n; i++) expect(await charts.nth(i).locator('details summary').textContent()).toMatch(/^Numbers of/);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(() => document.activeElement?.textContent ?? '')) === '▶ Play';
    }
    expect(reached).toBe(true);
    // The status read "Finished" before Enter; a new run shows as preparing or training.
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Finished/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000, interval: 50 }).toMatch(/^(Preparing|Training)/);
  });
});
