/**
 * `npm run screenshots`: the README's pictures, taken from the real page in headless Chromium
 * (built site, WASM backend) at a laptop's 1280×800 and a phone's 390×844. Writes
 * docs/screenshots/*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { withBuiltSite } from './site';

const OUT = 'docs/screenshots';
/** A mid-sized world: curves with some shape, a sweep in about a minute. */
const CONFIG =
  'world.numShoppers=1500&world.numItems=400&world.sessionsPerShopper=6&training.epochs=4&training.batchSize=512&training.telemetryEvery=2&evaluation.rankShoppers=200';

async function shot(page: Page, name: string, selector?: string): Promise<void> {
  const path = join(OUT, `${name}.png`);
  if (selector) await page.locator(selector).first().screenshot({ path });
  else await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

mkdirSync(OUT, { recursive: true });
withBuiltSite('shots', async ({ url, browser }) => {
    // Each part in a context of its own: finished runs are kept per browser profile, and a
    // picture of first contact must not show the runs of another.
    const fresh = async (viewport = { width: 1280, height: 800 }) => (await browser.newContext({ viewport })).newPage();
    const page = await fresh();
    // First contact: the default settings as a visitor meets them.
    await page.goto(url);
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    await shot(page, '1-start');
    await page.goto(`${url}?${CONFIG}`);
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });

    // Mid-run, paused, with live curves.
    await page.getByLabel('Speed').selectOption({ label: 'Fast (≤ 50 steps/s)' });
    await page.getByRole('button', { name: '▶ Play' }).click();
    await page.waitForFunction(() => /epoch 2/.test(document.querySelector('[data-testid=run-status]')?.textContent ?? ''), null, { timeout: 120_000 });
    await page.getByRole('button', { name: '⏸ Pause' }).click();
    await page.waitForTimeout(600);
    await page.locator('.grid.charts').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '2-training-paused');
    await page.getByLabel('Speed').selectOption({ label: 'Full speed' });
    await page.getByRole('button', { name: '▶ Resume' }).click();
    await page.getByTestId('result-summary').waitFor({ timeout: 300_000 });
    await page.waitForTimeout(500);
    await shot(page, '3-charts', '.grid.charts');
    await shot(page, '4-results', '[data-testid=result-summary]');

    // A 5-point sweep and its trade-off charts.
    await page.getByLabel('Weightings').fill('5');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await page.getByTestId('sweep-done').waitFor({ timeout: 600_000 });
    await page.waitForTimeout(500);
    await shot(page, '5-sweep', '[data-testid=sweep]');

    // The inspector: a sweep point against the latest run, for one shopper.
    await page.getByTestId('pareto-auc').locator('.sweep-points .recharts-symbols').last().click();
    await page.getByTestId('recs-a').waitFor({ timeout: 60_000 });
    await page.getByLabel('Top K').fill('6');
    await page.getByLabel('Compare with').selectOption({ index: 1 });
    await page.getByTestId('recs-b').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(300);
    await shot(page, '6-inspector', '[data-testid=inspector]');

    // Re-ranking: the trade-off curves of the latest run, then one shopper before and after.
    await page.getByTestId('rerank').getByRole('button', { name: 'Compute the trade-off' }).click();
    await page.getByTestId('policy-table').waitFor({ timeout: 300_000 });
    await page.waitForTimeout(500);
    await shot(page, '8-rerank', '[data-testid=rerank]');
    await page.getByLabel('Compare with').selectOption({ index: 0 });
    await page.getByTestId('rerank-compare').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(300);
    await shot(page, '9-rerank-inspector', '[data-testid=rerank-compare]');

    // A reload keeps the finished runs (not the trained models) and says so.
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByTestId('restored-notice').waitFor({ timeout: 60_000 });
    await shot(page, '14-restored', '[data-testid=restored-notice]');
    await page.getByTestId('kept-runs').scrollIntoViewIfNeeded();
    await shot(page, '15-kept-runs', '[data-testid=kept-runs]');
    await page.context().close();

    // Teaching: the scenario list, a lesson step with its explanation, an exercise, presenter mode.
    const teach = await fresh();
    await teach.goto(url);
    await teach.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    await shot(teach, '10-scenarios', '[data-testid=scenarios]');
    await teach.getByRole('button', { name: 'Lessons and practice' }).click();
    const drawer = teach.getByTestId('teach-drawer');
    await drawer.getByRole('button', { name: 'Accuracy vs diversity' }).click();
    await teach.getByRole('button', { name: '▶ Play' }).click();
    await drawer.getByTestId('lesson-explain').waitFor({ timeout: 300_000 });
    await drawer.getByRole('button', { name: 'Next' }).click();
    await drawer.getByLabel('Under 10%').check();
    await teach.getByTestId('rerank').getByRole('button', { name: 'Compute the trade-off' }).click();
    await drawer.getByTestId('lesson-explain').waitFor({ timeout: 300_000 });
    await teach.waitForTimeout(500);
    await shot(teach, '11-lesson', '[data-testid=teach-drawer]');
    await drawer.getByRole('button', { name: 'Leave the lesson' }).click();
    await drawer.getByRole('tab', { name: 'Interview practice' }).click();
    await drawer.getByRole('button', { name: 'Diversity and novelty' }).click();
    await drawer.getByRole('button', { name: 'Check my work' }).click();
    await drawer.getByRole('button', { name: 'Show the model answer' }).click();
    await shot(teach, '12-practice', '[data-testid=teach-drawer]');
    await drawer.getByRole('button', { name: 'Close the learning panel' }).click();
    await teach.getByRole('button', { name: 'Presenter mode' }).click();
    await teach.locator('.grid.charts').scrollIntoViewIfNeeded();
    await teach.waitForTimeout(500);
    await shot(teach, '13-presenter');
    await teach.getByRole('button', { name: 'Presenter mode' }).click();

    // A tampered link: the notice names what was ignored.
    await teach.goto(`${url}?model.architecture=transformer&training.learningRate=-1&training.epochs=3`);
    await teach.getByTestId('url-notice').waitFor();
    await shot(teach, '7-bad-link');
    await teach.context().close();

    // The phone: the first screen, and the outcome strip and results after a run.
    const phone = await fresh({ width: 390, height: 844 });
    await phone.goto(url);
    await phone.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    await shot(phone, '16-phone-start');
    await phone.goto(`${url}?${CONFIG}`);
    await phone.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    await phone.getByRole('button', { name: '▶ Play' }).click();
    await phone.getByTestId('result-summary').waitFor({ timeout: 300_000 });
    await phone.getByTestId('training-card').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await phone.waitForTimeout(500);
    await shot(phone, '17-phone-after-run');
    await phone.context().close();
});
