/**
 * The page as its users first meet it, at a laptop's 1280×800 and a phone's 390×844: what to do is
 * on the first screen, and nothing makes the page wider than the screen (issue "First contact").
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SMALL, watchPage, type PageWatch } from './browser';
import { pageForFile } from './pageForFile';

let browser: Browser;
let baseUrl: string;

pageForFile({ viewport: { width: 1280, height: 800 } }, async (p) => {
  browser = p.page.context().browser()!;
  baseUrl = p.baseUrl;
});

const SIZES = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

/** A fresh tab (its own storage) at the laptop size unless told, on the small world, ready to train. */
async function freshPage(viewport = { width: 1280, height: 800 }): Promise<{ page: Page; watch: PageWatch }> {
  const page = await (await browser.newContext({ viewport })).newPage();
  const watch = watchPage(page, baseUrl);
  await page.goto(`${baseUrl}?${SMALL}`);
  await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
  return { page, watch };
}

/** Top and bottom of an element in page coordinates (null when absent). */
function box(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY };
  }, selector);
}

/** How much wider than the screen the page is, and the widest culprits. */
function overflow(page: Page) {
  return page.evaluate(() => ({
    extra: document.documentElement.scrollWidth - innerWidth,
    culprits: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 40)} ${Math.round(e.getBoundingClientRect().right)}`),
  }));
}

describe.each(SIZES)('first contact on a $name ($width×$height)', ({ width, height }) => {
  let page: Page;
  let watch: PageWatch;

  it('shows the story, Play and the loss chart on the first screen', async () => {
    ({ page, watch } = await freshPage({ width, height }));
    const play = await box(page, '[data-testid=training-card] button');
    const story = await box(page, '[data-testid=scenario-story]');
    const chart = await box(page, '[data-testid=chart-loss]');
    expect(play!.bottom, 'Play').toBeLessThanOrEqual(height);
    expect(story!.top, 'story').toBeLessThan(height);
    // At least the head of the loss chart (its title and the top of the plot) is on screen.
    expect(chart!.top + 80, 'loss chart').toBeLessThanOrEqual(height);
    expect((await overflow(page)).extra).toBeLessThanOrEqual(0);
  });

  it('stays within the screen after a run and after a trade-off', async () => {
    await page.getByRole('button', { name: '▶ Play' }).click();
    await page.getByTestId('result-summary').waitFor({ timeout: 120_000 });
    const afterRun = await overflow(page);
    expect(afterRun.extra, afterRun.culprits.join('; ')).toBeLessThanOrEqual(0);
    await page.getByTestId('rerank').getByRole('button', { name: 'Compute the trade-off' }).click();
    await page.getByTestId('policy-table').waitFor({ timeout: 120_000 });
    const afterTradeoff = await overflow(page);
    expect(afterTradeoff.extra, afterTradeoff.culprits.join('; ')).toBeLessThanOrEqual(0);
    // The lessons drawer opens inside the screen.
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    const drawer = await page.getByTestId('teach-drawer').boundingBox();
    expect(drawer!.x).toBeGreaterThanOrEqual(0);
    expect(drawer!.x + drawer!.width).toBeLessThanOrEqual(width);
    expect(watch.consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe('the product manager’s answer', () => {
  it('after two runs, the outcome strip shows clicks, purchases and revenue per session and their change', async () => {
    const { page } = await freshPage();
    const finished = () => page.getByTestId('run-status').textContent();
    await page.getByRole('button', { name: '▶ Play' }).click();
    await expect.poll(finished, { timeout: 120_000 }).toMatch(/^Finished/);
    const strip = page.getByTestId('outcome-strip');
    expect(await strip.textContent()).toMatch(/^Per session of the model’s top 10 \(expected, with position bias\):Clicks\d\.\d{3}Purchases\d\.\d{3}Revenue\d+\.\d\d$/);
    expect(await strip.locator('[data-outcome=revenue] dd').first().textContent()).toMatch(/^\d+\.\d\d$/);
    // Weight purchases 4× and run again: the strip says what that changed against the run before.
    await page.getByLabel('purchase', { exact: true }).fill('4');
    await page.getByRole('button', { name: '▶ Play' }).click();
    await expect.poll(finished, { timeout: 120_000 }).toMatch(/^Finished/);
    expect(await strip.textContent()).toContain('change against the previous run (Run 1: ');
    expect(await page.getByTestId('outcome-change-revenue').textContent()).toMatch(/^[+−]\d+\.\d% \(one seed: no interval, so no telling it from noise\)$/);
    await page.context().close();
  }, 300_000);
});

describe('trade-off axes a degenerate point cannot squash', () => {
  it('after the default 7-point sweep, points outside the scale of the weighted points are drawn on the edge and marked', async () => {
    const { page, watch } = await freshPage();
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await page.getByTestId('sweep-done').waitFor({ timeout: 300_000 });
    const chart = page.getByTestId('pareto-auc');
    await chart.locator('summary').click();
    const rows = await chart.getByTestId('pareto-auc-table').locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')),
    );
    const points = rows.filter((r) => r[3] !== 'reference').map((r) => ({ label: r[0], x: Number(r[1]), y: Number(r[2]) }));
    const refs = rows.filter((r) => r[3] === 'reference').map((r) => ({ x: Number(r[1]), y: Number(r[2]) }));
    expect(points).toHaveLength(8);
    // The scale: the weightings that train both tasks (no zero weight, not single-task) and the
    // references, padded by a tenth of their range.
    const weighted = points.filter((p) => /^w = /.test(p.label) && !/(^w = 0\.00 |\/ 0\.00$)/.test(p.label));
    expect(weighted).toHaveLength(5);
    const domain = (k: 'x' | 'y') => {
      const v = [...weighted, ...refs].map((p) => p[k]);
      const lo = Math.min(...v);
      const hi = Math.max(...v);
      return [lo - (hi - lo) * 0.1, hi + (hi - lo) * 0.1];
    };
    const [x, y] = [domain('x'), domain('y')];
    // The table shows 4 significant digits: a point within 0.001 of an edge could fall either side.
    const outside = (p: { x: number; y: number }, m: number) => p.x < x[0] - m || p.x > x[1] + m || p.y < y[0] - m || p.y > y[1] + m;
    const surelyOut = points.filter((p) => outside(p, 0.001)).length;
    const maybeOut = points.filter((p) => outside(p, -0.001)).length;
    // On this world two extremes fall outside (measured); without one the test would check nothing.
    expect(surelyOut).toBeGreaterThan(0);
    const marked = await chart.locator('.off-scale-points .recharts-symbols').count();
    expect(marked).toBeGreaterThanOrEqual(surelyOut);
    expect(marked).toBeLessThanOrEqual(maybeOut);
    expect(await chart.getByText('off the scale (true value in the table)').count()).toBe(marked > 0 ? 1 : 0);
    // Every point is drawn: marked ones instead of, not besides, their ordinary symbol.
    const ordinary = await chart.locator('.sweep-points .recharts-symbols').count();
    expect(ordinary + marked + (await chart.locator('.single-task-points .recharts-symbols').count())).toBe(8);
    expect(watch.consoleErrors).toEqual([]);
    await page.context().close();
  }, 400_000);
});

describe('history and leaving', () => {
  it('Back after loading a scenario returns to the one before, and leaving mid-run asks first', async () => {
    const { page, watch } = await freshPage();
    const load = async (title: string) => {
      await page.getByRole('button', { name: /Choose a scenario|Hide scenarios/ }).click();
      await page.getByRole('button', { name: `Load the scenario “${title}”` }).click();
      await page.getByRole('heading', { name: `Scenario: ${title}` }).waitFor();
    };
    await load('The seesaw');
    await load('The filter bubble');
    await page.goBack();
    await page.getByRole('heading', { name: 'Scenario: The seesaw' }).waitFor({ timeout: 10_000 });
    expect(page.url()).toContain('scenario=seesaw');
    expect(await page.getByLabel('Architecture').inputValue()).toBe('shared-bottom');
    await page.goBack();
    await expect.poll(() => page.getByTestId('scenario-story').textContent()).toMatch(/^Default settings/);
    // A setting change is an entry of its own (further edits of that field amend it), and so is a tab.
    await page.getByLabel('Architecture').selectOption('ple');
    await page.getByLabel('Epochs').fill('3');
    await page.getByLabel('Epochs').fill('4');
    await page.getByRole('tab', { name: 'Glossary' }).click();
    await page.goBack();
    await expect.poll(() => page.getByRole('tab', { name: 'Playground' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByLabel('Epochs').inputValue()).toBe('4');
    await page.goBack();
    await expect.poll(() => page.getByLabel('Epochs').inputValue()).toBe('2');
    expect(await page.getByLabel('Architecture').inputValue()).toBe('ple');
    await page.goBack();
    await expect.poll(() => page.getByLabel('Architecture').inputValue()).toBe('mmoe');
    // Mid-run, a reload asks before it throws the run away.
    let asked = false;
    page.on('dialog', (d) => {
      if (d.type() === 'beforeunload') asked = true;
    });
    await page.getByLabel('Epochs').fill('200');
    await page.getByRole('button', { name: '▶ Play' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toMatch(/^Training/);
    // Loading a scenario mid-run asks first too (the test's dialog handler says no: the run goes on).
    await page.getByRole('button', { name: /Choose a scenario|Hide scenarios/ }).click();
    await page.getByRole('button', { name: 'Load the scenario “The seesaw”' }).click();
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Training/);
    expect(page.url()).not.toContain('scenario=seesaw');
    await page.reload();
    expect(asked).toBe(true);
    expect(watch.consoleErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});


describe('finished work survives a reload', () => {
  it('keeps finished runs, pins and the run on screen; lessons keep counting their runs; forgetting clears it all', async () => {
    const { page, watch } = await freshPage();
    const finished = () => page.getByTestId('run-status').textContent();
    // A lesson whose first step waits for a run: the run made for it must still count after a reload.
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    const drawer = page.getByTestId('teach-drawer');
    await drawer.getByRole('button', { name: 'Accuracy vs diversity' }).click();
    await page.getByLabel('Epochs').fill('1');
    await page.getByRole('button', { name: '▶ Play' }).click();
    await expect.poll(finished, { timeout: 120_000 }).toMatch(/^Finished/);
    await drawer.getByTestId('lesson-explain').waitFor({ timeout: 30_000 });
    const explained = await drawer.getByTestId('lesson-explain').textContent();
    await page.getByRole('button', { name: 'Pin this run' }).click();
    const summary = await page.getByTestId('result-summary').locator('p').first().textContent();
    const kept = page.getByTestId('kept-runs');
    await expect.poll(() => kept.textContent()).toMatch(/^Kept in this browser1 run, 1 pinned, 0 trade-offs, about \d+(\.\d)? kB\./);
    await page.waitForTimeout(1000); // the save waits 400 ms after the last change

    await page.reload();
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('restored-notice').textContent()).toMatch(/Restored from your last visit \(saved .+\): 1 run, 1 pinned, 0 trade-offs\. Trained models are not kept/);
    expect(await page.getByTestId('result-summary').locator('p').first().textContent()).toBe(summary);
    expect(await page.getByTestId('outcome-strip').textContent()).toMatch(/Revenue\d+\.\d\d/);
    expect(await page.getByTestId('pinned-runs').textContent()).toContain('Run 1: ');
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Finished/);
    // The lesson resumed at its step, with the run it waited for.
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    expect(await drawer.getByTestId('lesson-explain').textContent()).toBe(explained);
    expect(await drawer.getByRole('button', { name: 'Next' }).isDisabled()).toBe(false);
    await drawer.getByRole('button', { name: 'Leave the lesson' }).click();
    await page.getByRole('button', { name: 'Close the learning panel' }).click();

    // Numbering goes on, and the new run is compared with the restored pin.
    await page.getByRole('button', { name: '▶ Play' }).click();
    await expect.poll(finished, { timeout: 120_000 }).toMatch(/^Finished/);
    expect(await page.getByTestId('outcome-strip').textContent()).toContain('change against pinned Run 1: ');
    await expect.poll(() => kept.textContent()).toMatch(/^Kept in this browser2 runs, 1 pinned/);

    // The page watch dismisses every dialog; this one is accepted.
    page.removeAllListeners('dialog');
    page.on('dialog', (d) => void d.accept());
    await kept.getByRole('button', { name: 'Forget saved runs' }).click();
    await expect.poll(() => page.getByTestId('kept-runs').count()).toBe(0);
    expect(await page.getByTestId('pinned-runs').count()).toBe(0);
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('restored-notice').count()).toBe(0);
    expect(await page.getByTestId('result-summary').count()).toBe(0);
    expect(watch.consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('a damaged saved session is read entry by entry and the page says what was left out', async () => {
    const { page, watch } = await freshPage();
    await page.getByLabel('Epochs').fill('1');
    await page.getByRole('button', { name: '▶ Play' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/^Finished/);
    await page.getByRole('button', { name: '▶ Play' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/^Finished/);
    await expect.poll(() => page.getByTestId('kept-runs').textContent()).toMatch(/2 runs/);
    await page.waitForTimeout(1000);
    // Damage the first run in storage (as a bug or another page on this origin could).
    await page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('mtrec-playground');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('saved-runs', 'readwrite');
        const store = tx.objectStore('saved-runs');
        const key = 'session:' + sessionStorage.getItem('mtrec.tab');
        const get = store.get(key);
        get.onsuccess = () => {
          const s = get.result;
          s.runs[0].result.training.epochs = 'lots';
          s.runs[1].result.training.epochs.constructor = 5;
          store.put(s, key);
        };
        tx.oncomplete = () => resolve(null);
        tx.onerror = () => reject(tx.error);
      };
    })`);
    await page.reload();
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('restored-notice').textContent()).toContain('2 saved entries could not be read and were left out (runs[0].result.training.epochs: expected a list)');
    expect(await page.getByTestId('result-summary').count()).toBe(0);
    expect(watch.consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);
});

describe('keyboard and screen readers', () => {
  it('skips to Play in two Tabs, keeps charts out of the Tab order, announces phases not steps, and shows pressed toggles', async () => {
    const { page } = await freshPage();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the training controls');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('▶ Play');
    // Count what the live region says during a whole run.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid=run-announce]')!;
      (window as unknown as { said: string[] }).said = [];
      new MutationObserver(() => (window as unknown as { said: string[] }).said.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/^Finished/);
    const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
    expect(said.length, said.join(' | ')).toBeLessThanOrEqual(8);
    expect(said.at(-1)).toMatch(/^Finished/);
    expect(await page.locator('svg[tabindex], .recharts-surface[tabindex]').count()).toBe(0);
    const presenter = page.getByRole('button', { name: 'Presenter mode' });
    const look = () => presenter.evaluate((b) => getComputedStyle(b).backgroundColor);
    const off = await look();
    await presenter.click();
    expect(await presenter.getAttribute('aria-pressed')).toBe('true');
    expect(await look()).not.toBe(off);
    await page.context().close();
  }, 180_000);
});

describe('settings that matter first', () => {
  it('folds away what the current choices do not use, and shows it once a choice uses it', async () => {
    const { page } = await freshPage();
    expect(await page.locator('#f-weighting-gradnormAlpha').isVisible()).toBe(false);
    expect(await page.getByTestId('idle-weighting').locator('summary').textContent()).toMatch(/^3 settings do nothing with these choices$/);
    await page.getByLabel('Weighting', { exact: true }).selectOption('gradnorm');
    await expect.poll(() => page.locator('#f-weighting-gradnormAlpha').isVisible()).toBe(true);
    expect(await page.getByTestId('idle-weighting').locator('summary').textContent()).toBe('1 setting does nothing with these choices');
    await page.context().close();
  });
});
