/**
 * Teaching in Chromium: every scenario loads and trains to completion; the accuracy-vs-diversity
 * lesson walked end to end; an exercise that fails its check before the task and passes after,
 * with progress kept across a reload and exported; the glossary and presenter mode.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/core/teach/scenarios';
import { GLOSSARY_IDS } from '../../src/ui/glossary/ids';
import { SMALL, type PageWatch } from './browser';
import { pageForFile } from './pageForFile';

let page: Page;
let watch: PageWatch;
let baseUrl: string;

pageForFile({ viewport: { width: 1280, height: 900 }, acceptDownloads: true }, async (p) => {
  ({ page, watch, baseUrl } = p);
});

async function open(query: string): Promise<void> {
  await page.goto(`${baseUrl}?${query}`);
  await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
}

async function train(): Promise<void> {
  await page.getByRole('button', { name: '▶ Play' }).click();
  await page.getByTestId('result-summary').waitFor({ timeout: 120_000 });
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/Finished: (completed|early-stopped)/);
}

describe('scenarios', () => {
  it('the picker loads one in a click, and the link names it', async () => {
    await open('');
    // The list is folded (the first screen shows what to do); one click opens it.
    expect(await page.getByTestId('scenario-story').textContent()).toMatch(/^Default settings: /);
    await page.getByRole('button', { name: 'Choose a scenario' }).click();
    expect(await page.getByRole('button', { name: 'Hide scenarios' }).getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Load the scenario “The seesaw”' }).click();
    expect(await page.getByTestId('scenario-story').textContent()).toContain('seesaw');
    expect(page.url()).toContain('scenario=seesaw');
    expect(await page.getByLabel('Architecture').inputValue()).toBe('shared-bottom');
  });

  for (const s of SCENARIOS) {
    it(`“${s.title}” loads from its link and trains to completion`, async () => {
      await open(`scenario=${s.id}`);
      expect(await page.getByRole('heading', { name: `Scenario: ${s.title}` }).count()).toBe(1);
      await train();
      expect(await page.getByTestId('task-metrics').locator('tbody tr').count()).toBe(2);
      expect(watch.consoleErrors).toEqual([]);
    }, 180_000);
  }
});

describe('noise on screen', () => {
  it('a 3-seed run shows mean ± interval and the scenario’s verdict from the learner’s runs', async () => {
    await open('scenario=clickbait&world.numShoppers=300&world.numItems=150&training.epochs=1&training.seeds=3&evaluation.rankShoppers=30&ranking.shoppers=30');
    expect(await page.getByLabel('Seeds per run').inputValue()).toBe('3');
    await train();
    expect(await page.getByTestId('seed-note').textContent()).toMatch(/Mean ± 95% interval over 3 seeds \(world seeds 42–44, initialisation\s+seeds 1–3\)/);
    const intervals = page.getByTestId('task-metrics').locator('[data-noise="interval"]');
    expect(await intervals.count()).toBeGreaterThanOrEqual(8);
    expect(await intervals.first().textContent()).toMatch(/^0\.\d{3} ± 0\.\d{3}$/);
    const verdict = page.getByTestId('scenario-verdict');
    const line = verdict.locator('li').filter({ hasText: 'Ranking by P(purchase) instead of P(click) sells more per session.' });
    expect(await line.textContent()).toMatch(/Your runs: [+−]\d+\.\d% \(95% interval [+−]\d+\.\d% to [+−]\d+\.\d%, 3 seeds\): (outside|within) noise/);
    // The loss-weight claims need a second run, and say how to get it.
    expect(await verdict.locator('li[data-status="not-run"]').count()).toBeGreaterThanOrEqual(1);
    expect(watch.consoleErrors).toEqual([]);
  }, 240_000);
});

describe('a guided lesson', () => {
  it('walks “Accuracy vs diversity” end to end, explaining with the learner’s numbers', async () => {
    await open('');
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    const drawer = page.getByTestId('teach-drawer');
    await drawer.getByRole('button', { name: 'Accuracy vs diversity' }).click();
    const title = () => drawer.getByTestId('lesson-step-title').textContent();
    expect(await title()).toBe('Train the model');
    expect(page.url()).toContain('scenario=filter-bubble');
    expect(await drawer.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await train();
    await expect.poll(() => drawer.getByTestId('lesson-explain').textContent(), { timeout: 30_000 }).toMatch(/intra-list diversity \d\.\d{3} and covers \d+\.\d% of the catalogue/);
    await drawer.getByRole('button', { name: 'Next' }).click();

    expect(await title()).toBe('Predict the price of variety');
    // The prediction comes first; then the trade-off.
    expect(await drawer.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await drawer.getByLabel('Under 10%').check();
    await page.getByTestId('rerank').getByRole('button', { name: 'Compute the trade-off' }).click();
    await expect.poll(() => drawer.getByTestId('lesson-explain').textContent(), { timeout: 60_000 }).toMatch(/At λ = 0\.6: diversity [+−]\d+\.\d%, purchases per session [+−]\d+\.\d%.*you said “Under 10%”/);
    await drawer.getByRole('button', { name: 'Next' }).click();

    expect(await title()).toBe('The same with a DPP');
    expect(await page.getByLabel('Re-ranker', { exact: true }).inputValue()).toBe('dpp');
    await page.getByTestId('rerank').getByRole('button', { name: 'Compute the trade-off again' }).click();
    await expect.poll(() => drawer.getByTestId('lesson-explain').textContent(), { timeout: 60_000 }).toMatch(/MMR λ = 0\.6: diversity .*DPP θ = 0\.7: diversity/);
    await drawer.getByRole('button', { name: 'Next' }).click();

    expect(await title()).toBe('One shopper’s list');
    expect(await page.getByTestId('inspector').getAttribute('class')).toContain('lesson-spotlight');
    await page.getByTestId('inspector').getByRole('button', { name: 'Random shopper' }).click();
    await page.getByTestId('rerank-compare').waitFor({ timeout: 30_000 });
    await drawer.getByRole('button', { name: 'Next' }).click();

    expect(await title()).toBe('What to take away');
    expect(await drawer.getByTestId('lesson-explain').textContent()).toMatch(/Kendall τ = -?\d\.\d\d/);
    await drawer.getByRole('button', { name: 'Finish the lesson' }).click();
    expect(await drawer.getByRole('button', { name: 'Accuracy vs diversity' }).count()).toBe(1);
    expect(watch.consoleErrors).toEqual([]);
  });
});

describe('an interview exercise', () => {
  it('fails its check before the task, passes after, and keeps the progress', async () => {
    await page.evaluate(() => localStorage.clear());
    await open(SMALL);
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    const drawer = page.getByTestId('teach-drawer');
    await drawer.getByRole('tab', { name: 'Interview practice' }).click();
    await drawer.getByRole('button', { name: 'Diversity and novelty' }).click();
    await drawer.getByRole('button', { name: 'Check my work' }).click();
    expect(await drawer.getByTestId('check-result').textContent()).toBe('Not yet. No re-ranking trade-off computed yet.');

    await drawer.getByRole('button', { name: 'Load the scenario “The filter bubble”' }).click();
    await train();
    await page.getByTestId('rerank').getByRole('button', { name: 'Compute the trade-off' }).click();
    await page.getByTestId('policy-table').waitFor({ timeout: 60_000 });
    await drawer.getByRole('button', { name: 'Check my work' }).click();
    expect(await drawer.getByTestId('check-result').textContent()).toMatch(/^Passed\. At λ = 0\.6: diversity \+\d+\.\d%, purchases per session [+−]\d+\.\d%/);
    await drawer.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
    expect(await drawer.getByRole('list', { name: 'Hints' }).locator('li').count()).toBe(1);
    await drawer.getByRole('button', { name: 'Show the model answer' }).click();
    expect(await drawer.getByTestId('model-answer').textContent()).toMatch(/Your operating point \(MMR λ = 0\.6\) changes diversity by \+/);

    // Kept across a reload, and in the exported report.
    await page.reload();
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    await drawer.getByRole('tab', { name: 'Interview practice' }).click();
    expect(await drawer.getByTestId('practice').textContent()).toContain('1 of 17 passed');
    const [d] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('button', { name: 'Export report' }).click()]);
    expect(d.suggestedFilename()).toBe('interview-practice.md');
    const report = readFileSync((await d.path())!, 'utf8');
    expect(report).toContain('1 of 17 exercises passed');
    expect(report).toMatch(/## Diversity and novelty: .*\n\n\*\*Passed\*\* on \d{4}-\d\d-\d\d after 2 checks and 1 hint\./);
    expect(watch.consoleErrors).toEqual([]);
  });
});

describe('glossary and presenter mode', () => {
  it('every metric label opens its formula; the glossary tab lists them all', async () => {
    await open(SMALL);
    await train();
    await page.getByTestId('task-metrics').getByRole('button', { name: 'What is AUC? Open the glossary' }).click();
    const dialog = page.locator('dialog.glossary-dialog');
    await expect.poll(() => dialog.textContent()).toContain('Mann–Whitney');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    await page.getByRole('tab', { name: 'Glossary' }).click();
    await expect.poll(() => page.locator('.glossary-entry').count()).toBe(GLOSSARY_IDS.length);
    await page.getByRole('tab', { name: 'Playground' }).click();
  });

  it('presenter mode captions each chart from the run and headlines the change from the run before', async () => {
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    expect(await page.getByTestId('chart-loss-caption').textContent()).toMatch(/^Validation loss over 2 epochs: click \d\.\d{3} → \d\.\d{3}, purchase/);
    expect(await page.getByTestId('chart-auc-caption').textContent()).toMatch(/^Test AUC at the best epoch/);
    expect(await page.locator('[data-section=training]').isVisible()).toBe(false);
    // React reads a range input's value from its input event.
    await page.getByRole('slider', { name: 'purchase' }).evaluate((el) => {
      const input = el as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '4');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await train();
    await expect.poll(() => page.getByTestId('presenter-headline').textContent(), { timeout: 30_000 }).toMatch(/^weights 1, 1 → 1, 4: [+−]\d+\.\d% purchases, [+−]\d+\.\d% clicks/);
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    expect(await page.getByTestId('chart-loss-caption').count()).toBe(0);
    expect(watch.consoleErrors).toEqual([]);
  });
});
