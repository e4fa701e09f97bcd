/** The command-line runner as a user runs it: progress, a results table, JSON out, clear errors. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunFile } from '../../src/cli/runFile';

const dir = mkdtempSync(join(tmpdir(), 'mtrec-lab-'));
// As `npm run lab` runs it: node with tsx's loader, no tsx parent process between the runner and
// a signal (tsx's parent kills a child whose event loop is busy for 60 ms after Ctrl-C).
const LAB = ['--import', 'tsx', 'src/cli/lab.ts'];
const env = { ...process.env, FORCE_COLOR: '0' };

function lab(args: string[]) {
  return spawnSync(process.execPath, [...LAB, ...args], { encoding: 'utf8', env });
}

/** Runs the runner without blocking, so several can run at once. */
function labAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...LAB, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const TINY = {
  world: { numShoppers: 80, numItems: 50, sessionsPerShopper: 4 },
  training: { epochs: 2, batchSize: 64, backend: 'wasm' },
  evaluation: { rankShoppers: 10 },
};

describe('examples/', () => {
  it('every example file reads into valid runs', () => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.json'));
    expect(files).toContain('shopper-imbalance.json');
    for (const file of files) expect(readRunFile(readFileSync(join('examples', file), 'utf8')).length, file).toBeGreaterThan(0);
  });
});

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
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file).toMatchObject({ runner: 'npm run lab', status: 'complete', finished: 1, total: 1 });
    const json = file.runs[0];
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

  it('rejects malformed files naming the entry, before training anything (exit 2)', async () => {
    const cases: Array<[string, RegExp]> = [
      ['[]', /must hold an object .*got \[\]/],
      ['5', /must hold an object .*got 5/],
      ['null', /must hold an object .*got null/],
      ['{"runs":[null]}', /runs\[0\] must be an object .*got null/],
      ['{"runs":[{}, 5]}', /runs\[1\] must be an object .*got 5/],
      ['{"base":5,"runs":[{}]}', /"base" must be an object .*got 5/],
      ['{"runs":[]}', /"runs" must be a non-empty list/],
      ['{"runs":[{"name":7}]}', /runs\[0\]\.name must be a non-empty string, got 7/],
      ['{"runs":[{"name":"a"},{"name":"a"}]}', /runs\[1\]\.name "a" is used by an earlier run/],
      ['{"runs":[{}],"colour":1}', /unexpected: "colour"/],
      ['{"runs":[{}],"note":5}', /"note" must be a string .*got 5/],
      ['{"runs":[{"model":{"constructor":1}},{"training":{"epochs":0}}]}', /runs\[0\]\.model\.constructor: is not a known field[\s\S]*runs\[1\]\.training\.epochs: must be an integer/],
      ['{not json', /is not JSON/],
    ];
    const results = await Promise.all(
      cases.map(([text], i) => {
        const path = join(dir, `malformed-${i}.json`);
        writeFileSync(path, text);
        return labAsync([path]);
      }),
    );
    results.forEach((r, i) => {
      expect(r.status, cases[i][0]).toBe(2);
      expect(r.stderr, cases[i][0]).toMatch(cases[i][1]);
      expect(r.stderr, cases[i][0]).not.toMatch(/TypeError|at .*\.ts:\d+/);
      expect(r.stderr, cases[i][0]).not.toMatch(/: (world|training)$/m);
    });
  });

  it('accepts a UTF-8 byte-order mark, and checks --out before training', async () => {
    const config = join(dir, 'bom.json');
    writeFileSync(config, `\uFEFF${JSON.stringify({ ...TINY, training: { ...TINY.training, epochs: 1 } })}`);
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const outs: Array<[string, RegExp]> = [
      [join(dir, 'folder'), /is a folder; give a file name/],
      [join(dir, 'missing', 'out.json'), /the folder .*missing does not exist/],
      ['/dev/full', /is not a regular file/],
      ['/proc/mtrec-out.json', /cannot be written \(E[A-Z]+/],
    ];
    const results = await Promise.all([labAsync([config]), ...outs.map(([out]) => labAsync([config, '--out', out]))]);
    expect(results[0].status, results[0].stderr).toBe(0);
    outs.forEach(([out, message], i) => {
      const r = results[i + 1];
      expect(r.status, out).toBe(2);
      expect(r.stderr, out).toMatch(message);
      expect(r.stderr, out).not.toMatch(/: (world|training)$|at .*\.ts:\d+/m);
    });
  });

  it('marks an older --out as stale at once, keeps finished runs on Ctrl-C, and says so', async () => {
    const config = join(dir, 'two.json');
    const out = join(dir, 'two-out.json');
    writeFileSync(out, JSON.stringify({ old: true }));
    writeFileSync(config, JSON.stringify({ base: TINY, runs: [{ name: 'quick' }, { name: 'long', training: { epochs: 200 }, world: { numShoppers: 1500, numItems: 300 } }] }));
    const child = spawn(process.execPath, [...LAB, config, '--out', out], { env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((done) => {
      const poll = setInterval(() => {
        if (/long: training/.test(stderr)) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 100);
      child.on('close', (code) => {
        clearInterval(poll);
        done(code);
      });
    });
    expect(status, stderr).toBe(130);
    expect(stderr).toMatch(/Interrupted: 1 of 2 runs finished; .*two-out\.json holds them/);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file).toMatchObject({ status: 'interrupted', finished: 1, total: 2, note: 'interrupted after 1 of 2 runs' });
    expect(file.runs.map((r: { name: string }) => r.name)).toEqual(['quick']);
    expect(file.runs[0].evaluation.tasks).toHaveLength(2);
    expect(existsSync(join(dir, `.two-out.json.${child.pid}.tmp`))).toBe(false);
  });

  it('exits 1 when a run diverged, with every run written', () => {
    const config = join(dir, 'diverge.json');
    const out = join(dir, 'diverge-out.json');
    writeFileSync(config, JSON.stringify({ base: TINY, runs: [{ name: 'calm' }, { name: 'wild', weighting: { weights: [100, 100] }, training: { optimizer: 'sgd', learningRate: 10, momentum: 0.99 } }] }));
    const r = lab([config, '--out', out]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/wild: The (click|purchase) loss became NaN/);
    expect(r.stderr).toMatch(/1 of 2 runs diverged/);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file).toMatchObject({ status: 'complete', finished: 2, total: 2 });
    expect(file.runs[1].training.status).toBe('diverged');
  });

  it('refuses a run too large for memory before training, with the estimate and what to lower', async () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, JSON.stringify({ runs: [{ name: 'small', ...TINY }, { name: 'huge', world: { numShoppers: 200000, numItems: 100000, sessionsPerShopper: 10, itemsPerSession: 10, latentDim: 64 } }] }));
    const model = join(dir, 'model.json');
    writeFileSync(model, JSON.stringify({ model: { numExperts: 64, expertUnits: 1024 }, training: { batchSize: 65536 } }));
    const [a, b, c] = await Promise.all([labAsync([huge, '--memory-budget', '2']), labAsync([model]), labAsync([huge, '--memory-budget', '0'])]);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/huge: This run needs about \d+\.\d GB of memory, more than the 2\.0 GB allowed here\. .*lower world\.numShoppers/);
    expect(a.stderr).toMatch(/--memory-budget <GB> sets another/);
    expect(a.stderr).not.toMatch(/: (world|training)$/m);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/activations of one training step \(batch 65536\).*lower training\.batchSize/);
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/--memory-budget must be a number of GB/);
  });
});

