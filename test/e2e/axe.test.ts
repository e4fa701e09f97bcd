/**
 * An automated accessibility scan (axe-core, the engine behind most accessibility checkers) of the
 * main screens: the playground before and after a run and a trade-off, the shopper world, the
 * glossary and the lessons drawer. No serious or critical violation may remain.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SMALL } from './browser';
import { pageForFile } from './pageForFile';

let page: Page;
let baseUrl: string;

pageForFile({ viewport: { width: 1280, height: 800 } }, async (p) => {
  ({ page, baseUrl } = p);
});

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Serious and critical violations on the page as it is now, in words. */
async function scan(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? `, +${v.nodes.length - 3}` : ''})`);
}

describe('accessibility scan', () => {
  it('finds no serious or critical violation on the main screens', async () => {
    await page.goto(`${baseUrl}?${SMALL}`);
    await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    const found: Record<string, string[]> = { 'playground on load': await scan() };
    await page.getByRole('button', { name: '▶ Play' }).click();
    await page.getByTestId('result-summary').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/^Finished/);
    await page.getByTestId('rerank').getByRole('button', { name: 'Compute the trade-off' }).click();
    await page.getByTestId('policy-table').waitFor({ timeout: 120_000 });
    found['playground after a run and a trade-off'] = await scan();
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    found['lessons drawer'] = await scan();
    await page.getByRole('button', { name: 'Lessons and practice' }).click();
    await page.getByRole('tab', { name: 'The shopper world' }).click();
    await page.getByTestId('world-page').waitFor({ timeout: 60_000 });
    found['shopper world'] = await scan();
    await page.getByRole('tab', { name: 'Glossary' }).click();
    found.glossary = await scan();
    const problems = Object.entries(found).flatMap(([screen, list]) => list.map((v) => `${screen}: ${v}`));
    expect(problems, problems.join('\n')).toEqual([]);
  }, 300_000);
});
