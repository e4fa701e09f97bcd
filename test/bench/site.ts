/**
 * For the page scripts (bench:ui, screenshots): builds the site to a temporary folder, serves it,
 * launches the browser tests' Chromium, runs `body`, and cleans everything up; a failure exits 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { launchBrowser } from '../e2e/browser';
import { serveStatic } from '../e2e/server';

export function withBuiltSite(name: string, body: (site: { url: string; browser: Browser; outDir: string }) => Promise<void>): void {
  const run = async () => {
    const outDir = mkdtempSync(join(tmpdir(), `mtrec-${name}-`));
    await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
    const { server, url } = await serveStatic(outDir, '/app/');
    const browser = await launchBrowser();
    try {
      await body({ url, browser, outDir });
    } finally {
      await browser.close();
      server.close();
      rmSync(outDir, { recursive: true, force: true });
    }
  };
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
