/** The command-line runner as a user runs it: progress, a results table, JSON out, clear errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mtrec-lab-'));
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function lab(args: string[]) {
  return spawnSync(tsx, ['src/cli/lab.ts', ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
}

describe('npm run lab', () => {
  it('runs a config, shows progress lines off a terminal, prints a table and writes JSON', () => {
    const config = join(dir, 'tiny.json');
    const out = join(dir, 'out.json');
    writeFileSync(
      config,
      JSON.stringify({
        world: { numShoppers: 80, numItems: 50, sessionsPerShopper: 4 },
        model: { architecture: 'mmoe' },
        training: { epochs: 2, batchSize: 128, backend: 'wasm', telemetryEvery: 2 },
        evaluation: { rankShoppers: 10 },
      }),
    );
    const r = lab([config, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/run 1\/1: \d+% \(\d+s elapsed, ETA/);
    expect(r.stdout).toMatch(/click AUC/);
    expect(r.stdout).toMatch(/mmoe\s+fixed\s+completed\s+2/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.config.model.architecture).toBe('mmoe');
    expect(json.telemetry.length).toBeGreaterThan(0);
    expect(json.evaluation.tasks).toHaveLength(2);
    expect(json.backend.backend).toBe('wasm');
  });

  it('rejects a bad config with the field named and exit code 2', () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ model: { architecture: 'transformer' }, training: { batchSize: 0 } }));
    const r = lab([config]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/model\.architecture: must be one of/);
    expect(r.stderr).toMatch(/training\.batchSize: must be an integer in \[1, 65536\], got 0/);
  });

  it('explains a missing file and a missing argument', () => {
    expect(lab([join(dir, 'nope.json')]).stderr).toMatch(/Cannot read .*nope\.json/);
    const none = lab([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/Usage: npm run lab/);
  });
});
