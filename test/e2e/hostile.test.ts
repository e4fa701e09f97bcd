/**
 * Hostile links, oversized configs, broken stored progress and a worker that dies silently: the
 * page stays usable through each (issue "Hostile links, huge configs, broken files, lost progress").
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SMALL, type PageWatch } from './browser';
import { pageForFile } from './pageForFile';

let page: Page;
let watch: PageWatch;
let baseUrl: string;

pageForFile({ viewport: { width: 1280, height: 800 } }, async (p) => {
  ({ page, watch, baseUrl } = p);
});

async function open(query: string, p = page): Promise<void> {
  await p.goto(`${baseUrl}?${query}`);
  await p.getByTestId('backend-name').waitFor({ timeout: 60_000 });
}

const status = () => page.getByTestId('run-status').textContent();
const play = () => page.getByRole('button', { name: '▶ Play' });

/** Built-ins a link once could overwrite, as the page sees them. */
const builtInsIntact = () =>
  page.evaluate(() => typeof Object.assign === 'function' && typeof Object.keys === 'function' && ({}).toString() === '[object Object]' && Object.prototype.hasOwnProperty.call({ a: 1 }, 'a') && Object.name === 'Object');

describe('hostile links', () => {
  it('loads ten hostile links without a blank page or a changed built-in, lists what it ignored, and still trains', async () => {
    const links = [
      'constructor.assign=1',
      '__proto__.toString=1',
      'hasOwnProperty.call=1',
      '__proto__.hasOwnProperty=1',
      'constructor.keys=1',
      'constructor.name=1',
      'world.numItems=5',
      'world.sessionsPerShopper=1000&world.itemsPerSession=100',
      'training.learningRate=abc&weighting.weights=1,x&evaluation.k=1e308&model.architecture=%E0%A4%A&training.epochs=2&training.epochs=-0',
      `scenario=__proto__&__proto__.polluted=1&model.constructor=1&${SMALL}`,
    ];
    for (const link of links) {
      await open(link);
      expect(await builtInsIntact(), link).toBe(true);
      expect(await page.getByTestId('url-notice').textContent(), link).toMatch(/Some settings in the link were ignored/);
      expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted), link).toBeUndefined();
    }
    expect(await page.getByTestId('url-notice').textContent()).toContain('scenario=__proto__ is not a scenario of this playground');
    await play().click();
    await expect.poll(status, { timeout: 90_000 }).toMatch(/^Finished: completed/);
    expect(await builtInsIntact()).toBe(true);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('quotes a non-numeric value as given, and says why a conflicting key was dropped', async () => {
    await open('training.learningRate=abc&world.numItems=5');
    const notice = await page.getByTestId('url-notice').textContent();
    expect(notice).toContain('training.learningRate=abc must be a number in [1e-7, 10], got "abc"');
    expect(notice).toMatch(/world\.numItems=5 does not fit with world\.itemsPerSession/);
  });
});

describe('Play refuses what it cannot run, with the reason', () => {
  it('is off while a settings box shows an error, and on again once it is fixed', async () => {
    await open(SMALL);
    const box = page.locator('#f-training-batchSize');
    await box.fill('0');
    await expect.poll(() => play().isDisabled()).toBe(true);
    expect(await page.getByTestId('play-blocked').textContent()).toMatch(/^Play is off: Fix the setting first: Batch size must be an integer in \[1, 65536\], got 0/);
    await box.fill('256');
    await expect.poll(() => play().isDisabled()).toBe(false);
    expect(await page.getByTestId('play-blocked').count()).toBe(0);
  });

  it('refuses a world too large for the tab, with the estimate and what to lower', async () => {
    await open('world.numShoppers=200000&world.numItems=100000&world.sessionsPerShopper=10&world.latentDim=64');
    expect(await play().isDisabled()).toBe(true);
    expect(await page.getByTestId('play-blocked').textContent()).toMatch(/needs about \d+\.\d GB of memory, more than the 1\.5 GB allowed here\. .*lower world\.numShoppers/);
    await open(SMALL);
    // The run an earlier test finished in this tab is restored on load; Reset clears the screen.
    if (!(await page.getByRole('button', { name: '↺ Reset' }).isDisabled())) await page.getByRole('button', { name: '↺ Reset' }).click();
    expect(await status()).toMatch(/^Ready\. Press Play to train with these settings \(about \d+ MB, about \d+ s on a 2-core CPU\)\./);
  });

  it('a double-click on Play trains instead of pausing at step 0', async () => {
    await open(`${SMALL}&training.epochs=3`);
    await play().dblclick();
    await expect.poll(status, { timeout: 90_000 }).toMatch(/^Finished: completed/);
  });
});

describe('a run that learned nothing', () => {
  it('says so instead of a plain "completed" (Adam at learning rate 10)', async () => {
    await open(`${SMALL}&training.learningRate=10`);
    await play().click();
    await expect.poll(status, { timeout: 90_000 }).toMatch(/^Finished/);
    expect(await page.getByTestId('unlearned').textContent()).toMatch(/learned nothing useful\. The (click|purchase) head learned nothing useful: test log loss \d\.\d{3}, while always predicting the base rate scores \d\.\d{3}\..*learning rate \(now 10\)/);
  });
});

describe('a sweep keeps the settings it started with', () => {
  it('locks the weight sliders, Reset and lessons while it trains, and says why', async () => {
    await open(`${SMALL}&training.epochs=20`);
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await expect.poll(() => page.locator('#weight-click').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Reset to defaults' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    expect(await page.getByTestId('teach-locked').textContent()).toMatch(/settings are locked until it ends or is cancelled/);
    expect(await page.getByTestId('lessons').getByRole('button').first().isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    await page.getByTestId('sweep').getByRole('button', { name: /Cancel/ }).click();
    await expect.poll(() => page.locator('#weight-click').isDisabled(), { timeout: 60_000 }).toBe(false);
    expect(await page.getByRole('button', { name: 'Reset to defaults' }).isDisabled()).toBe(false);
  });
});

describe('stored progress', () => {
  it('keeps an unreadable practice record aside, says so, and merges two tabs’ hints', async () => {
    await open(SMALL);
    await page.evaluate(() => {
      localStorage.clear();
      localStorage.setItem('mtrec.practice.v1', '{"diversity": {"passed": tru');
    });
    await page.reload();
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    const drawer = page.getByTestId('teach-drawer');
    await drawer.getByRole('tab', { name: 'Interview practice' }).click();
    expect(await drawer.getByTestId('progress-notice').textContent()).toMatch(/could not be read whole \(the stored progress is not valid JSON\)\. The old record is kept .*“mtrec\.practice\.v1\.unreadable”/);
    await drawer.getByRole('button', { name: 'The seesaw phenomenon' }).click();
    await drawer.getByRole('button', { name: 'Show a hint (1 of' }).click();
    expect(await page.evaluate(() => localStorage.getItem('mtrec.practice.v1.unreadable'))).toBe('{"diversity": {"passed": tru');

    // A second tab shows a hint of another exercise; the first tab takes it in without a reload.
    const other = await page.context().newPage();
    await open(SMALL, other);
    await other.getByRole('button', { name: 'Lessons and practice' }).click();
    const drawer2 = other.getByTestId('teach-drawer');
    await drawer2.getByRole('tab', { name: 'Interview practice' }).click();
    await drawer2.getByRole('button', { name: 'Diversity and novelty' }).click();
    await drawer2.getByRole('button', { name: 'Show a hint (1 of' }).click();
    await other.close();
    await drawer.getByRole('button', { name: '← All exercises' }).click();
    await drawer.getByRole('button', { name: 'Diversity and novelty' }).click();
    expect(await drawer.getByRole('list', { name: 'Hints' }).locator('li').count()).toBe(1);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('mtrec.practice.v1')!) as Record<string, { hintsShown: number }>);
    expect(Object.values(stored).filter((p) => p.hintsShown === 1)).toHaveLength(2);
  });

  it('rejects a negative hint count instead of showing "-3 of 3"', async () => {
    await page.evaluate(() => localStorage.setItem('mtrec.practice.v1', JSON.stringify({ diversity: { passed: false, passedAt: null, lastCheck: null, checks: 0, hintsShown: -4 } })));
    await page.evaluate(() => localStorage.removeItem('mtrec.practice.v1.unreadable'));
    await page.reload();
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    const drawer = page.getByTestId('teach-drawer');
    await drawer.getByRole('tab', { name: 'Interview practice' }).click();
    expect(await drawer.getByTestId('progress-notice').textContent()).toContain('the stored entries of diversity are malformed');
    await drawer.getByRole('button', { name: 'Diversity and novelty' }).click();
    expect(await drawer.getByRole('button', { name: /Show a hint/ }).textContent()).toBe('Show a hint (1 of 3)');
  });

  it('resumes a lesson at its step after a reload', async () => {
    await page.evaluate(() => localStorage.clear());
    await open(SMALL);
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    const drawer = page.getByTestId('teach-drawer');
    await drawer.getByTestId('lessons').getByRole('button').first().click();
    const title = await drawer.getByTestId('lesson-step-title').textContent();
    const where = await drawer.getByTestId('lesson').locator('p').first().textContent();
    await page.reload();
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    expect(await drawer.getByTestId('lesson-step-title').textContent()).toBe(title);
    expect(await drawer.getByTestId('lesson').locator('p').first().textContent()).toBe(where);
    await drawer.getByRole('button', { name: /Leave the lesson|Finish the lesson/ }).click();
    expect(await page.evaluate(() => localStorage.getItem('mtrec.lesson.v1'))).toBeNull();
    expect(watch.consoleErrors).toEqual([]);
  });
});

describe('a worker that dies without an error event', () => {
  it('is noticed, reported, and replaced on the next Play', async () => {
    await open(`${SMALL}&training.epochs=200`);
    await play().click();
    await expect.poll(status, { timeout: 60_000 }).toMatch(/^Training: epoch/);
    const worker = page.workers().find((w) => w.url().includes('playground.worker'));
    expect(worker, page.workers().map((w) => w.url()).join(', ')).toBeDefined();
    await worker!.evaluate(() => self.close());
    await expect.poll(() => page.getByTestId('run-error').textContent(), { timeout: 40_000, interval: 500 }).toMatch(/stopped responding/);
    await page.getByRole('button', { name: '↺ Reset' }).click();
    await open(SMALL);
    await play().click();
    await expect.poll(status, { timeout: 90_000 }).toMatch(/^Finished: completed/);
  });

  it('Reset then Play right after a silent death starts a fresh worker instead of sticking at "Preparing"', async () => {
    await open(`${SMALL}&training.epochs=200`);
    await play().click();
    await expect.poll(status, { timeout: 60_000 }).toMatch(/^Training: epoch/);
    const worker = page.workers().find((w) => w.url().includes('playground.worker'));
    await worker!.evaluate(() => self.close());
    await page.getByRole('button', { name: '↺ Reset' }).click();
    await page.waitForTimeout(4000);
    await play().click();
    await expect.poll(status, { timeout: 90_000 }).toMatch(/^Training: epoch|^Finished/);
  });
});
