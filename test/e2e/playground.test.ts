/**
 * The playground in Chromium on a small world: training draws curves and metrics; pause, step and
 * reset; live weights; a sweep and the inspector; URL state and its notice.
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
    // The reference baselines were judged in the second worker while the run trained (2 cores here).
    expect(await page.getByTestId('result-summary').getAttribute('data-references')).toBe('beside');
    // Two train series and two validation series, drawn as SVG paths.
    await expect.poll(() => page.getByTestId('chart-loss').locator('path.recharts-line-curve').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('task-metrics').locator('tbody tr').count()).toBe(2);
    const auc = Number(await page.getByTestId('task-metrics').locator('tbody tr').first().locator('td').first().textContent());
    expect(auc).toBeGreaterThan(0.5);
    // Model, popularity, random, and the popularity fallback for cold-start shoppers when any are ranked.
    expect(await page.getByTestId('ranking-metrics').locator('tbody th').allTextContents()).toEqual(expect.arrayContaining(['model', 'popularity', 'random']));
    // The numbers behind the chart are one click away.
    await page.getByText('Numbers of “Loss per task” as a table').click();
    await expect.poll(() => page.getByTestId('chart-loss-table').locator('tbody tr').count()).toBeGreaterThan(5);
    expect(watch.consoleErrors).toEqual([]);
  });
});

describe('transport', () => {
  it('steps one batch, then one epoch, resumes to the end, and resets', async () => {
    await page.getByRole('button', { name: '↺ Reset' }).click();
    await expect.poll(status, { timeout: 30_000 }).toMatch(/Ready/);
    // Before a run the loss chart is drawn empty (it shows where the curves will appear).
    const drawnLines = () =>
      page.getByTestId('chart-loss').evaluate((el) => [...el.querySelectorAll('path.recharts-line-curve, .fast-line path')].filter((p) => (p.getAttribute('d') ?? '').includes('L')).length);
    await expect.poll(drawnLines, { timeout: 10_000 }).toBe(0);
    await page.getByRole('button', { name: 'Step batch' }).click();
    await expect.poll(status, { timeout: 30_000 }).toMatch(/Paused: epoch 1, step 1 of \d+/);
    await page.getByRole('button', { name: 'Step batch' }).click();
    await expect.poll(status, { timeout: 30_000 }).toMatch(/Paused: epoch 1, step 2 of/);
    const total = Number((await status())!.match(/of (\d+)/)![1]);
    await page.getByRole('button', { name: 'Step epoch' }).click();
    // Two epochs: one epoch's grant ends at the last step of epoch 1.
    await expect.poll(status, { timeout: 30_000 }).toMatch(new RegExp(`Paused: epoch 1, step ${total / 2} of ${total}`));
    await new Promise((r) => setTimeout(r, 500));
    expect(await status()).toMatch(new RegExp(`step ${total / 2} of`));
    await page.getByRole('button', { name: '▶ Resume' }).click();
    await expect.poll(status, { timeout: 60_000 }).toMatch(new RegExp(`Finished: completed after ${total} steps`));
    await page.getByRole('button', { name: '↺ Reset' }).click();
    await expect.poll(status, { timeout: 30_000 }).toMatch(/Ready/);
    expect(await page.getByTestId('result-summary').count()).toBe(0);
  });

  it('pauses a running run, which then stays put', async () => {
    await page.getByLabel('Speed').selectOption({ label: 'Slow (≤ 10 steps/s)' });
    await page.getByRole('button', { name: '▶ Play' }).click();
    await expect.poll(status, { timeout: 30_000 }).toMatch(/Training: epoch 1, step [3-9]/);
    // While training, the curves are drawn by the light live renderer; paused, by recharts.
    await expect.poll(() => page.getByTestId('chart-loss').locator('.fast-line path').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: '⏸ Pause' }).click();
    await expect.poll(() => page.getByTestId('chart-loss').locator('path.recharts-line-curve').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(status, { timeout: 30_000 }).toMatch(/Paused/);
    // The step in flight when Pause was pressed still finishes and reports (seconds later on a
    // machine busy with other tests); after it, nothing moves.
    const stepOf = (text: string | null) => Number(/step (\d+)/.exec(text ?? '')?.[1]);
    const first = stepOf(await status());
    await new Promise((r) => setTimeout(r, 3000));
    const settled = await status();
    expect(stepOf(settled)).toBeLessThanOrEqual(first + 2); // one step in flight, one in the 100 ms telemetry buffer
    await new Promise((r) => setTimeout(r, 1500));
    expect(stepOf(await status())).toBe(stepOf(settled));
    await page.getByRole('button', { name: '↺ Reset' }).click();
    await page.getByLabel('Speed').selectOption({ label: 'Full speed' });
  });

  it('moving a weight slider changes the weights the worker trains with', async () => {
    await page.getByLabel('Speed').selectOption({ label: 'Slow (≤ 10 steps/s)' });
    await page.getByRole('button', { name: '▶ Play' }).click();
    await expect.poll(status, { timeout: 30_000 }).toMatch(/Training: epoch 1, step [2-9]/);
    const slider = page.getByRole('slider', { name: 'purchase' });
    await slider.focus();
    await page.keyboard.press('End'); // the slider's maximum, 5
    await page.getByLabel('Speed').selectOption({ label: 'Full speed' });
    await expect.poll(status, { timeout: 60_000 }).toMatch(/Finished/);
    await page.getByText('Numbers of “Task weights” as a table').click();
    await page.getByTestId('chart-weights-table').waitFor();
    const rows = await page.getByTestId('chart-weights-table').locator('tbody tr').allTextContents();
    // Starts at (1, 1); after the move the worker reports (1, 5) for every later step.
    expect(rows[0]).toMatch(/^\d+11$/);
    expect(rows.at(-1)).toMatch(/^\d+15$/);
    expect(page.url()).toContain('weighting.weights=1%2C5');
    await page.getByRole('button', { name: '↺ Reset' }).click();
  });
});

describe('one model for every weighting', () => {
  it('a conditioned run follows the weight sliders after training: evaluated at the new weights, no retraining', async () => {
    await open(`${SMALL}&weighting.strategy=conditioned`);
    await expect.poll(() => page.locator('legend', { hasText: 'Task weights' }).textContent()).toMatch(/where the trained model is evaluated/);
    await page.getByRole('button', { name: '▶ Play' }).click();
    await page.getByTestId('result-summary').waitFor({ timeout: 90_000 });
    const note = page.getByTestId('conditioned-note');
    expect(await note.textContent()).toMatch(/at\s+weights 1\.00 \/ 1\.00 \(click 50(\.0)?%, purchase 50(\.0)?%\)/);
    // The line's training part (its evaluation time is the moved model's own).
    const trainingLine = async () => (await page.getByTestId('result-summary').locator('p').first().textContent())?.replace(/, evaluated in [\d.]+ s/, '');
    const steps = await trainingLine();
    expect(steps).toMatch(/steps in [\d.]+ s/);
    const slider = page.getByRole('slider', { name: 'click' });
    await slider.focus();
    await page.keyboard.press('Home'); // click weight 0: the purchase-only corner
    await expect.poll(() => note.textContent(), { timeout: 60_000 }).toMatch(/at\s+weights 0\.00 \/ 1\.00 \(click 0(\.0)?%, purchase 100(\.0)?%\)/);
    await expect.poll(() => note.getByRole('status').textContent(), { timeout: 60_000 }).toBe('');
    // The same training (nothing retrained), the run still finished, and the URL carries the weights.
    expect(await trainingLine()).toBe(steps);
    expect(await status()).toMatch(/Finished/);
    expect(page.url()).toContain('weighting.weights=0%2C1');
    expect(watch.consoleErrors).toEqual([]);
    await page.getByRole('button', { name: '↺ Reset' }).click();
    await open(SMALL); // the tests below start from the plain small world
  });
});

describe('sweep and inspector', () => {
  // The sweep runs on the three-step funnel: one sweep covers the two-task charts (click vs
  // purchase) and the three-task screens (three sliders, the simplex plot), at the cost of one.
  it('the three-step funnel gives three weight sliders; a 3-point sweep trains the simplex corners, drawn on the ternary plot and the fronts; a point opens the inspector', async () => {
    await page.locator('details[data-section="world"] > summary').click();
    await page.getByLabel('Funnel').selectOption('click-cart-purchase');
    const sliders = page.locator('fieldset.weights input[type="range"]');
    await expect.poll(() => sliders.count()).toBe(3);
    expect(await page.locator('fieldset.weights label').allTextContents()).toEqual(['click', 'purchase', 'cart']);
    await expect.poll(() => page.url()).toContain('world.funnel=click-cart-purchase');
    // A run on it: three tasks in the results, and the funnel-order line.
    await page.getByRole('button', { name: '▶ Play' }).click();
    await expect.poll(() => page.getByTestId('task-metrics').locator('tbody tr').count(), { timeout: 90_000 }).toBe(3);
    expect(await page.getByTestId('task-metrics').locator('tbody th').allTextContents()).toEqual(expect.arrayContaining(['click', 'purchase', 'cart']));
    expect(await page.getByTestId('funnel-order').textContent()).toMatch(/predicts P\(purchase\) > P\(cart\) or P\(cart\) > P\(click\) on \d+\.\d% of test impressions/);
    await page.getByLabel('Weightings').fill('3');
    expect(await page.getByTestId('sweep').textContent()).toContain('3 weightings for 3 (each edge cut in 1)');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await page.getByTestId('sweep-done').waitFor({ timeout: 180_000 });
    const chart = page.getByTestId('pareto-auc');
    await expect.poll(() => chart.locator('.sweep-points .recharts-symbols').count()).toBe(3);
    expect(await page.getByTestId('sweep-table').locator('tbody tr').count()).toBe(4); // + single-task reference
    // The product manager's columns: calibration and what a session brings, with units; the cart's AUC.
    const head = await page.getByTestId('sweep-table').locator('thead').textContent();
    expect(head).toContain('cart AUC');
    expect(head).toContain('True P(buy) per listed item');
    expect(head).toContain('ECE click / purchase');
    expect(head).toContain('Per session: clicks / purchases / revenue');
    expect(await page.getByTestId('sweep-table').locator('tbody tr').first().textContent()).toMatch(/\d\.\d{3} \/ \d\.\d{3} \/ \d+\.\d\d/);
    // The simplex: one point per weighting, each named with its shares and value, recoloured on request.
    const ternary = page.getByTestId('sweep-ternary');
    const points = ternary.getByTestId('ternary-point');
    expect(await points.count()).toBe(3);
    expect(await points.first().getAttribute('aria-label')).toMatch(/^w = 3\.00 \/ 0\.00 \/ 0\.00 \(click 100%, purchase 0%, cart 0%\): click AUC 0\.\d{3}; inspect this model$/);
    await ternary.getByTestId('ternary-metric').selectOption('auc-cart');
    await expect.poll(() => ternary.locator('h3, .chart-title').first().textContent()).toContain('cart AUC over the weight simplex');
    // The keyboard reaches a point: Enter on the cart corner opens that model in the inspector.
    await ternary.getByRole('button', { name: /^w = 0\.00 \/ 0\.00 \/ 3\.00/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Model', { exact: true }).locator('option:checked').textContent()).toMatch(/Sweep: w = 0\.00 \/ 0\.00 \/ 3\.00/);
    await chart.locator('.sweep-points .recharts-symbols').first().click();
    await expect.poll(() => page.getByLabel('Model', { exact: true }).locator('option:checked').textContent()).toMatch(/Sweep: w = 3\.00 \/ 0\.00 \/ 0\.00/);
    await expect.poll(() => page.getByTestId('recs-a').getByTestId('rec-item').count(), { timeout: 30_000 }).toBe(10);
  });

  it('shows K recommendations for a shopper found by name, and a cold-start shopper', async () => {
    await page.getByLabel('Find a shopper').fill('a');
    const hit = page.locator('#shopper-hits button').first();
    await hit.waitFor();
    const name = ((await hit.textContent()) ?? '').split(' (')[0];
    await hit.click();
    await expect.poll(() => page.getByTestId('inspector').locator('.shopper h3').textContent(), { timeout: 30_000 }).toContain(name);
    await page.getByLabel('Top K').fill('5');
    await expect.poll(() => page.getByTestId('recs-a').getByTestId('rec-item').count(), { timeout: 30_000 }).toBe(5);
    const first = await page.getByTestId('recs-a').getByTestId('rec-item').first().textContent();
    expect(first).toMatch(/#1.*P\(click\)\d+\.\d%\d+\.\d%P\(purchase\)\d+\.\d%\d+\.\d%/);
    // What each baseline would show the same shopper, beside the model's list.
    const baselines = page.getByTestId('baseline-lists').locator('tbody tr');
    expect(await baselines.locator('th').allTextContents()).toEqual(['popularity', 'mf', 'item-knn', 'content']);
    expect(await baselines.first().textContent()).toMatch(/^popularity\d of 5\d+\.\d\d%/);
    await page.getByRole('button', { name: 'Cold-start shopper' }).click();
    await expect.poll(() => page.getByTestId('inspector').locator('.shopper h3').textContent(), { timeout: 30_000 }).toContain('cold start');
    // Two models side by side.
    await page.getByLabel('Compare with').selectOption({ index: 2 });
    await expect.poll(() => page.getByTestId('recs-b').getByTestId('rec-item').count(), { timeout: 30_000 }).toBe(5);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('maps the shoppers’ embeddings with results per persona and per segment, and opens a clicked shopper', async () => {
    await page.getByTestId('segment-map').locator('summary').click();
    await expect.poll(() => page.getByTestId('segments-persona').locator('tbody tr').count(), { timeout: 60_000 }).toBe(6);
    expect(await page.getByTestId('segments-kmeans').locator('tbody tr').count()).toBe(4);
    expect(await page.getByTestId('segments-history').locator('tbody th').allTextContents()).toEqual(['warm (seen in training)', 'cold start (never seen)']);
    const k = page.getByLabel('Segments (K)');
    await k.fill('20');
    await expect.poll(() => page.locator('#segment-k-error').textContent()).toBe('K must be a whole number from 1 to 12, got “20”.');
    await k.fill('3');
    await expect.poll(() => page.getByTestId('segments-kmeans').locator('tbody tr').count(), { timeout: 60_000 }).toBe(3);
    const before = await page.getByTestId('inspector').locator('.shopper h3').textContent();
    const points = page.locator('.segment-points .recharts-symbols');
    expect(await points.count()).toBeGreaterThan(100);
    // A point far from the first: another shopper opens in the inspector.
    await points.nth(Math.floor((await points.count()) / 2)).click({ force: true });
    await expect.poll(() => page.getByTestId('inspector').locator('.shopper h3').textContent(), { timeout: 30_000 }).not.toBe(before);
    expect(watch.consoleErrors).toEqual([]);
  });
});

describe('URL state', () => {
  it('round-trips a changed config through the URL', async () => {
    await open(SMALL);
    await page.getByLabel('Architecture').selectOption('ple');
    await page.getByLabel('Learning rate', { exact: true }).fill('0.01');
    await expect.poll(() => page.url()).toContain('model.architecture=ple');
    expect(page.url()).toContain('training.learningRate=0.01');
    await page.reload();
    await page.getByTestId('backend-name').waitFor();
    expect(await page.getByLabel('Architecture').inputValue()).toBe('ple');
    expect(await page.getByLabel('Learning rate', { exact: true }).inputValue()).toBe('0.01');
    expect(await page.getByTestId('url-notice').count()).toBe(0);
  });

  it('a bad URL loads the defaults for what it got wrong and names each ignored field', async () => {
    await open('model.architecture=transformer&training.learningRate=-1&colour=blue&training.epochs=3');
    const notice = (await page.getByTestId('url-notice').textContent()) ?? '';
    expect(notice).toContain('model.architecture=transformer');
    expect(notice).toContain('training.learningRate=-1');
    expect(notice).toContain('colour=blue');
    expect(notice).not.toContain('training.epochs');
    expect(await page.getByLabel('Architecture').inputValue()).toBe('mmoe');
    expect(await page.getByLabel('Epochs').inputValue()).toBe('3');
    expect(page.url()).toMatch(/\?training\.epochs=3$/);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('an out-of-range edit is explained beside the field and not applied', async () => {
    await page.getByLabel('Learning rate', { exact: true }).fill('50');
    expect(await page.locator('.field-error', { hasText: /Learning rate must be/ }).count()).toBe(1);
    expect(page.url()).not.toContain('learningRate');
    // Play refuses to train the last valid value while the box shows another.
    expect(await page.getByTestId('play-blocked').textContent()).toMatch(/Learning rate must be a number in \[1e-7, 10\], got 50/);
  });
});
