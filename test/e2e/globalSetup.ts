/**
 * Builds the site once and serves it under a sub-path for every browser test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the built site, served under a sub-path. */
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = mkdtempSync(join(tmpdir(), 'mtrec-e2e-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const { server, url } = await serveStatic(outDir, '/some/sub/path/');
  project.provide('baseUrl', url);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  };
}
