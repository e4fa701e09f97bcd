/**
 * Launches headless Chromium for the browser tests. Chromium is found through CHROME_PATH, then
 * Debian's /usr/bin/chromium, then Playwright's own download; with none, launching fails with a
 * message that says how to get one (never a silent skip).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Flags that give WebGPU and WebGL2 on SwiftShader and keep Chromium off the (closed) network. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--no-sandbox',
];

export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // playwright-core has no browser of its own unless one was downloaded.
  }
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error(
    'No Chromium found for the browser tests. Install Debian\'s: `apt-get install -y chromium` ' +
      '(gives /usr/bin/chromium), or point CHROME_PATH at a Chromium or Chrome binary.',
  );
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}

/** What a page did that a test may want to forbid: console errors, page errors, foreign requests. */
export interface PageWatch {
  consoleErrors: string[];
  foreignRequests: string[];
}

/** Records console errors, uncaught errors and requests to any origin other than `baseUrl`'s. */
export function watchPage(page: Page, baseUrl: string): PageWatch {
  const origin = new URL(baseUrl).origin;
  const watch: PageWatch = { consoleErrors: [], foreignRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') watch.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => watch.consoleErrors.push(`pageerror: ${err.message}`));
  // Leaving mid-run asks first (beforeunload): tests that navigate away mean it. Every other
  // dialog is dismissed, as Playwright does when nobody listens.
  page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) {
      watch.foreignRequests.push(url);
    }
  });
  return watch;
}

/** URL query of a world and schedule small enough to train in seconds on WASM. */
export const SMALL =
  'world.numShoppers=300&world.numItems=150&world.sessionsPerShopper=4&training.epochs=2&training.batchSize=256&training.telemetryEvery=1&training.patience=0&evaluation.rankShoppers=30';
