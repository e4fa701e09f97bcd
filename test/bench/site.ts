/**
 * For the page scripts (bench:ui, screenshots): builds the site to a temporary folder, serves it,
 * launches the browser tests' Chromium, runs `body`, and cleans everything up; a failure exits 1.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

/**
 * Builds and serves the site of an earlier git revision (a detached worktree in a temporary folder
 * sharing this checkout's node_modules, so a revision with other dependencies may not build), for
 * a same-run comparison. `close` stops the server and removes the worktree and the build.
 */
export async function serveRevision(rev: string): Promise<{ url: string; close: () => void }> {
  const tree = mkdtempSync(join(tmpdir(), 'mtrec-rev-'));
  const outDir = mkdtempSync(join(tmpdir(), 'mtrec-rev-site-'));
  execFileSync('git', ['worktree', 'add', '--detach', '--force', tree, rev], { stdio: 'ignore' });
  const close = () => {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { stdio: 'ignore' });
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    symlinkSync(resolve('node_modules'), join(tree, 'node_modules'));
    await build({ root: tree, configFile: join(tree, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
    const { server, url } = await serveStatic(outDir, '/app/');
    return {
      url,
      close: () => {
        server.close();
        close();
      },
    };
  } catch (e) {
    close();
    throw e;
  }
}
