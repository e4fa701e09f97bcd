/**
 * One Chromium page per browser-test file: launched before the file's tests (with the console
 * and network watch), handed to `ready`, and closed after them.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, watchPage, type PageWatch } from './browser';

export interface FilePage {
  page: Page;
  watch: PageWatch;
  baseUrl: string;
}

export function pageForFile(options: BrowserContextOptions, ready: (p: FilePage) => void | Promise<void>): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    const baseUrl = inject('baseUrl');
    browser = await launchBrowser();
    // A context of its own (not browser.newPage), so a test can open a second tab that shares its storage.
    const page = await (await browser.newContext(options)).newPage();
    await ready({ page, watch: watchPage(page, baseUrl), baseUrl });
  });
  afterAll(async () => {
    await browser?.close();
  });
}
