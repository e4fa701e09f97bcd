/**
 * `npm run bench:ui`: the playground in headless Chromium (the browser tests' Chromium and flags).
 * Prints, for the built site:
 *  1. time until the page is interactive (the Play button enabled and the backend badge shown),
 *     and from Play to the first point of the loss chart (default settings: world, features and
 *     the first training steps), each the median of 3 fresh pages; the default run from Play to
 *     its results, and how much of that was training;
 *  2. main-thread long tasks (PerformanceObserver "longtask": every task over 50 ms) on an idle
 *     page, and while the default world trains for two epochs — the goal is none;
 *  3. the duration of the default sweep (7 weightings + the single-task reference, default world
 *     and training settings) per backend. A backend still running after `--cap` seconds (default
 *     240) is cancelled and its duration projected from the fraction done, marked "projected".
 *     For a sweep that finishes, how right its "time left" was: the figure shown at 25%, 50% and
 *     75% of the elapsed time against the time it really had left. WASM's sweep runs twice: on a
 *     fresh page, and after the default run on the same page (the usual order).
 *     With `--against REV` (a git revision, e.g. the engine before issue 13's work, 0f8d45e) the
 *     site of that revision is built too and its default sweep runs first, on a fresh page, in
 *     the same run; the last line is then `sweep speed-up against REV: N.N× fresh page, N.N× after a run`.
 *     `--rounds N` repeats the two fresh-page sweeps N times, the order alternating (the machine's
 *     speed drifts; the ratio then compares medians).
 * Options: --backends wasm,webgl,webgpu,cpu (or none: no sweep)   --cap SECONDS   --against REV   --rounds N
 *   --sweep-only (skip parts 1 and 2)
 * Figures only; nothing is asserted.
 */
import type { Browser, Page } from 'playwright-core';
import { serveRevision, withBuiltSite } from './site';
import { intArg } from './args';
import { median } from './stats';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const BACKENDS = arg('backends', 'wasm,webgl,cpu,webgpu').split(',').filter((b) => b !== 'none');
const CAP_S = Number(arg('cap', '240'));
const AGAINST = arg('against', '');
const SWEEP_ONLY = process.argv.includes('--sweep-only');
const ROUNDS = intArg('rounds', 1);

/** Records every long task from page start in `window.__longTasks`. */
const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

/**
 * Clicks Play and resolves with the milliseconds until the loss chart first draws a line (a path
 * starting with "M" in the chart-loss card). A string: tsx would wrap a function in helpers the page lacks.
 */
const FIRST_LOSS_POINT = `new Promise((resolve, reject) => {
  const play = [...document.querySelectorAll('button')].find((b) => b.textContent === '▶ Play');
  if (!play) return reject(new Error('no Play button'));
  const t0 = performance.now();
  play.click();
  const check = () => {
    const drawn = [...document.querySelectorAll('[data-testid=chart-loss] .fast-line path')].some((p) => /^M-?\\d/.test(p.getAttribute('d') || ''));
    if (drawn) resolve(performance.now() - t0);
    else if (performance.now() - t0 > 300000) reject(new Error('no loss point within 300 s'));
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

/** Clicks a button by its text from inside the page: Playwright's own actionability checks run on
 * the page's main thread and would show up as the long tasks being measured. */
async function clickButton(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent === t);
    if (!b) throw new Error(`no button "${t}"`);
    b.click();
  }, text);
}

/** Waits for a test id with a cheap in-page check once a second (again, to stay off the main thread). */
async function waitForTestId(page: Page, id: string, timeoutMs: number): Promise<void> {
  await page.waitForFunction((x) => document.querySelector(`[data-testid="${x}"]`) !== null, id, { polling: 1000, timeout: timeoutMs });
}

async function longTasks(page: Page, since: number): Promise<number[]> {
  return (await longTaskEntries(page, since)).map((e) => e.duration);
}

/** Long tasks since `since`, with their start relative to it (ms). */
async function longTaskEntries(page: Page, since: number): Promise<Array<{ start: number; duration: number }>> {
  return page.evaluate(
    (t) => (window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks.filter((e) => e.start >= t).map((e) => ({ start: e.start - t, duration: e.duration })),
    since,
  );
}

withBuiltSite('bench-ui', async ({ url, browser, outDir }) => {
    console.log(`Chromium ${browser.version()}, headless; site built to ${outDir}\n`);
    if (!SWEEP_ONLY) await pageFigures(url, browser);
    await sweeps(url, browser);
});

/** Parts 1 and 2: load, first loss point, the default run, long tasks. */
async function pageFigures(url: string, browser: Browser): Promise<void> {

    // 1. Time to interactive, median of 3 cold loads.
    const ttis: number[] = [];
    /** Of which: reading the saved runs from IndexedDB before the first render. */
    const reads: number[] = [];
    for (let r = 0; r < 3; r++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await ctx.newPage();
      await page.goto(url);
      await page.getByRole('button', { name: '▶ Play' }).waitFor();
      await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
      ttis.push(await page.evaluate(() => performance.now()));
      reads.push(await page.evaluate(() => performance.getEntriesByName('mtrec:read-saved-runs')[0]?.duration ?? Number.NaN));
      await ctx.close();
    }
    ttis.sort((a, b) => a - b);
    console.log(`Time to interactive (Play enabled, backend shown): median ${ttis[1].toFixed(0)} ms (runs: ${ttis.map((t) => t.toFixed(0)).join(', ')}); reading saved runs before the first render: ${reads.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);

    // 1b. Play to the first loss point on the default settings, median of 3 fresh pages.
    const firsts: number[] = [];
    for (let r = 0; r < 3; r++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await ctx.newPage();
      await page.goto(url);
      await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
      // Checked every animation frame in the page: the loss chart's first drawn line.
      const ms = (await page.evaluate(FIRST_LOSS_POINT)) as number;
      firsts.push(ms);
      await clickButton(page, 'Reset to defaults');
      await ctx.close();
    }
    firsts.sort((a, b) => a - b);
    console.log(`Play to the first loss point (default settings): median ${(firsts[1] / 1000).toFixed(2)} s (runs: ${firsts.map((t) => (t / 1000).toFixed(2)).join(', ')})`);

    // 1c. The default run as a visitor starts it: Play to results, and how much of that is training.
    {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await ctx.newPage();
      await page.goto(url);
      await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
      // When the status first says "Evaluating": the evaluation (and drawing the results) from there on.
      await page.evaluate(`window.__evaluating = null; new MutationObserver(() => {
        if (window.__evaluating === null && /Evaluating/.test(document.querySelector('[data-testid=run-status]')?.textContent ?? '')) window.__evaluating = performance.now();
      }).observe(document.body, { childList: true, characterData: true, subtree: true })`);
      const t0 = await page.evaluate(() => performance.now());
      await clickButton(page, '▶ Play');
      await waitForTestId(page, 'result-summary', 600_000);
      const t1 = await page.evaluate(() => performance.now());
      const evaluating = (await page.evaluate('window.__evaluating')) as number | null;
      const references = await page.getByTestId('result-summary').getAttribute('data-references');
      const summary = (await page.getByTestId('result-summary').locator('p').first().textContent()) ?? '';
      const training = Number(summary.match(/ in (\d+(?:\.\d+)?) s /)?.[1] ?? Number.NaN);
      const total = (t1 - t0) / 1000;
      console.log(`Default run, Play to results: ${total.toFixed(1)} s, of which training ${training.toFixed(1)} s; the rest (backend, world, features, evaluation, drawing) ${(total - training).toFixed(1)} s (${summary.trim()})`);
      if (evaluating !== null) {
        const tail = (t1 - evaluating) / 1000;
        const evaluation = Number(summary.match(/evaluated in (\d+(?:\.\d+)?) s/)?.[1] ?? Number.NaN);
        console.log(
          `  evaluation (the worker's own figure) ${evaluation.toFixed(2)} s = ${((100 * evaluation) / training).toFixed(1)}% of training time (goal ≤ 15%); from "Evaluating" to the results drawn ${tail.toFixed(2)} s = ${((100 * tail) / training).toFixed(1)}%; ` +
            `the reference baselines judged ${references === 'beside' ? 'in the second worker while it trained' : 'in the evaluation'}`,
        );
      }
      await ctx.close();
    }

    // 2. Long tasks on the main thread: first 10 s of an idle page (the baseline), then while the
    // default world trains (auto backend, 2 epochs).
    {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.addInitScript(LONG_TASK_OBSERVER);
      await page.goto(url);
      await waitForTestId(page, 'backend-name', 60_000);
      const t0 = await page.evaluate(() => performance.now());
      await new Promise((r) => setTimeout(r, 10_000));
      const tasks = await longTasks(page, t0);
      console.log(`Idle page, 10 s: ${tasks.length} main-thread tasks over 50 ms${tasks.length ? ` (longest ${Math.max(...tasks).toFixed(0)} ms)` : ''}`);
      await page.close();
    }
    {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.addInitScript(LONG_TASK_OBSERVER);
      await page.goto(`${url}?training.epochs=2&training.patience=0`);
      await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
      const backend = await page.getByTestId('backend-name').textContent();
      const t0 = await page.evaluate(() => performance.now());
      await clickButton(page, '▶ Play');
      await waitForTestId(page, 'result-summary', 600_000);
      const t1 = await page.evaluate(() => performance.now());
      const tasks = await longTaskEntries(page, t0);
      const summary = (await page.getByTestId('result-summary').locator('p').first().textContent()) ?? '';
      console.log(
        `Training the default world for 2 epochs on ${backend}: results shown ${((t1 - t0) / 1000).toFixed(1)} s after Play (${summary.trim()})\n` +
          `  main-thread tasks over 50 ms from Play to results: ${tasks.length}` +
          (tasks.length ? `: ${tasks.map((e) => `${e.duration.toFixed(0)} ms at ${(e.start / 1000).toFixed(1)} s`).join(', ')}` : ' (goal met: none)'),
      );
      await page.close();
    }
}

/** Part 3: the default sweep per backend (and at `--against`'s revision). */
async function sweeps(url: string, browser: Browser): Promise<void> {
    // 3. The default sweep per backend.
    console.log(`\nDefault sweep (7 weightings + single-task reference, default settings), cap ${CAP_S} s per backend:`);
    const etaLines: string[] = [];
    console.log('| backend | models | duration | long tasks > 50 ms (longest) |');
    console.log('|---|---|---|---|');
    // WASM's sweep twice: on a fresh page, and after the default run (the usual order: the sweep
    // then starts from the run's kept world, features and judged references).
    const old = AGAINST && BACKENDS.includes('wasm') ? await serveRevision(AGAINST) : null;
    /** Sweep seconds by kind of row: the old revision's, the fresh page's and the after-run page's (WASM). */
    const sweepSeconds: { old: number[]; fresh: number[]; after: number[] } = { old: [], fresh: [], after: [] };
    const fresh = (b: string): Array<[string, boolean, string]> =>
      old ? Array.from({ length: ROUNDS }, (_, r): Array<[string, boolean, string]> => (r % 2 === 0 ? [[b, false, old.url], [b, false, url]] : [[b, false, url], [b, false, old.url]])).flat() : [[b, false, url]];
    const rows = BACKENDS.flatMap((b): Array<[string, boolean, string]> => (b === 'wasm' ? [...fresh(b), [b, true, url]] : [[b, false, url]]));
    for (const [backend, afterRun, site] of rows) {
      const isOld = old !== null && site === old.url;
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.addInitScript(LONG_TASK_OBSERVER);
      await page.goto(`${site}?training.backend=${backend}`);
      await page.getByTestId('backend-name').waitFor({ timeout: 120_000 });
      const ran = `${(await page.getByTestId('backend-name').textContent()) ?? '?'}${isOld ? `, at ${AGAINST}` : ''}${afterRun ? ', after the default run' : ''}`;
      if (afterRun) {
        await clickButton(page, '▶ Play');
        await waitForTestId(page, 'result-summary', 600_000);
      }
      const t0 = await page.evaluate(() => performance.now());
      // The "time left" shown, read once a second in the page.
      await page.evaluate(`window.__eta = []; window.__etaTimer = setInterval(() => {
        const e = document.querySelector('[data-testid=sweep-eta]');
        if (e) window.__eta.push({ t: performance.now(), text: e.textContent, seconds: e.dataset.seconds === undefined ? null : Number(e.dataset.seconds) });
      }, 1000)`);
      await clickButton(page, 'Run sweep');
      const start = Date.now();
      let line: string;
      try {
        await waitForTestId(page, 'sweep-done', CAP_S * 1000);
        const text = (await page.getByTestId('sweep-done').textContent()) ?? '';
        const [, models, seconds] = text.match(/(\d+) models trained in (\d+) s/) ?? [];
        const lanes = text.match(/two workers, one per core: (\d+) s and (\d+) s/);
        if (backend === 'wasm') sweepSeconds[isOld ? 'old' : afterRun ? 'after' : 'fresh'].push(seconds_(text));
        line = `| ${ran} | ${models} | ${seconds} s${lanes ? ` (the workers' shares done at ${lanes[1]} s and ${lanes[2]} s)` : ''} |`;
        const tEnd = await page.evaluate(() => performance.now());
        const samples = (await page.evaluate('window.__eta')) as Array<{ t: number; text: string; seconds: number | null }>;
        etaLines.push(`${ran}: ${[0.25, 0.5, 0.75].map((q) => etaAt(samples, t0, tEnd, q)).join('; ')}`);
      } catch {
        const fraction = Number(await page.locator('[data-testid=sweep-progress] progress').getAttribute('value'));
        const elapsed = (Date.now() - start) / 1000;
        await clickButton(page, 'Cancel sweep');
        line = `| ${ran} | 8 | ${fraction > 0 ? `${(elapsed / fraction).toFixed(0)} s projected (${(100 * fraction).toFixed(1)}% done in ${elapsed.toFixed(0)} s)` : `not measurable within ${elapsed.toFixed(0)} s`} |`;
      }
      const tasks = await longTasks(page, t0);
      console.log(`${line} ${tasks.length} (${tasks.length ? `${Math.max(...tasks).toFixed(0)} ms` : '—'}) |`);
      await page.close();
    }
    old?.close();
    if (etaLines.length) console.log(`\nThe sweep's "time left" against the time it really had left:\n${etaLines.map((l) => `  ${l}`).join('\n')}`);
    if (old) {
      const oldS = median(sweepSeconds.old);
      const ratio = (xs: number[]) => (Number.isFinite(oldS) && xs.length ? `${(oldS / median(xs)).toFixed(1)}×` : 'not measured');
      if (ROUNDS > 1) console.log(`fresh-page sweeps, in order per round: ${AGAINST} ${sweepSeconds.old.join(', ')} s; this code ${sweepSeconds.fresh.join(', ')} s`);
      console.log(`sweep speed-up against ${AGAINST}: ${ratio(sweepSeconds.fresh)} fresh page, ${ratio(sweepSeconds.after)} after a run`);
    }
}

/** The sweep's duration from its done line ("8 models trained in 52 s"), NaN when absent. */
function seconds_(text: string): number {
  return Number(text.match(/models trained in (\d+) s/)?.[1] ?? Number.NaN);
}

/** The "time left" shown closest to fraction `q` of the sweep's duration (its exact figure), against the truth then. */
function etaAt(samples: Array<{ t: number; text: string; seconds: number | null }>, t0: number, tEnd: number, q: number): string {
  const at = t0 + q * (tEnd - t0);
  const s = samples.reduce<(typeof samples)[number] | null>((best, x) => (best === null || Math.abs(x.t - at) < Math.abs(best.t - at) ? x : best), null);
  const head = `at ${Math.round(q * 100)}%`;
  if (!s) return `${head}: no figure`;
  const truth = (tEnd - s.t) / 1000;
  const when = `${head} (${((s.t - t0) / 1000).toFixed(0)} s)`;
  if (s.seconds === null) return `${when}: "${s.text.trim()}", truly ${truth.toFixed(0)} s left`;
  return `${when}: said ${s.seconds.toFixed(0)} s ("${s.text.trim()}"), truly ${truth.toFixed(0)} s left (×${(s.seconds / truth).toFixed(2)})`;
}
