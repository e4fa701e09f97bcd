/**
 * `npm run bench:claims -- [--seeds 1-8] [--claim ID[,ID…]] [--jobs N] [--json FILE] [--tiny]`:
 * measures every claim the playground's words make (src/core/teach/claims) over seeds, world and
 * initialisation both varied (world.seed = training.seed = seed), and prints one row per claim:
 * mean effect, 95% interval, how many seeds agree in sign, and holds / fails. The last line is
 * `claims: H of N hold`.
 *
 * Seeds are shared out over `--jobs` child processes (default: one per core, at most 2 here); each
 * trains the distinct models of its seeds once and prints one JSON line per seed.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureSeed, runsPerSeed } from '../core/teach/claims/measure';
import { verdict } from '../core/teach/claims/verdict';
import { formatVerdicts, parseClaimArgs, USAGE, UsageError, type ClaimArgs } from './claimArgs';
import { nodeWasmPaths } from './wasmPaths';

/** Measures `seeds` in this process, one JSON line per seed on stdout. */
async function runWorker(args: ClaimArgs): Promise<void> {
  for (const seed of args.seeds) {
    const effects = await measureSeed(args.claims, seed, { tiny: args.tiny, backend: { wasmPaths: nodeWasmPaths() } });
    process.stdout.write(`${JSON.stringify({ seed, effects: Object.fromEntries(effects) })}\n`);
  }
}

/** Runs the seeds over child processes and gathers each seed's effects. */
async function runJobs(args: ClaimArgs, onSeed: (seed: number) => void): Promise<Map<number, Record<string, number>>> {
  const jobs = Math.min(args.jobs, args.seeds.length);
  const groups = Array.from({ length: jobs }, (_, j) => args.seeds.filter((_, k) => k % jobs === j));
  const script = fileURLToPath(import.meta.url);
  const bySeed = new Map<number, Record<string, number>>();
  await Promise.all(
    groups.map(
      (seeds) =>
        new Promise<void>((resolve, reject) => {
          const childArgs = [...process.execArgv, script, '--worker', '--seeds', seeds.join(','), '--claim', args.claims.map((c) => c.id).join(','), ...(args.tiny ? ['--tiny'] : [])];
          const child = spawn(process.execPath, childArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
          let buffer = '';
          let errors = '';
          child.stdout.on('data', (chunk: Buffer) => {
            buffer += chunk.toString();
            let nl: number;
            while ((nl = buffer.indexOf('\n')) >= 0) {
              const text = buffer.slice(0, nl);
              buffer = buffer.slice(nl + 1);
              if (!text.startsWith('{')) continue;
              // Non-finite effects travel as null in JSON.
              const row = JSON.parse(text) as { seed: number; effects: Record<string, number | null> };
              bySeed.set(row.seed, Object.fromEntries(Object.entries(row.effects).map(([k, v]) => [k, v ?? Number.NaN])));
              onSeed(row.seed);
            }
          });
          child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`seeds ${seeds.join(',')} failed (exit ${code}):\n${errors.slice(-2000)}`))));
        }),
    ),
  );
  return bySeed;
}

async function main(): Promise<void> {
  let args: ClaimArgs;
  try {
    args = parseClaimArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    throw e;
  }
  if (args.worker) return runWorker(args);
  const t0 = Date.now();
  const perSeed = runsPerSeed(args.claims);
  process.stderr.write(`${args.claims.length} claims, seeds ${args.seeds.join(',')}: ${perSeed} models per seed, ${perSeed * args.seeds.length} in all, over ${Math.min(args.jobs, args.seeds.length)} processes${args.tiny ? ' (tiny sizes: plumbing only)' : ''}\n`);
  let finished = 0;
  const bySeed = await runJobs(args, (seed) => {
    finished++;
    const elapsed = (Date.now() - t0) / 1000;
    const eta = (elapsed / finished) * (args.seeds.length - finished);
    process.stderr.write(`seed ${seed} done (${finished}/${args.seeds.length}, ${elapsed.toFixed(0)} s elapsed, about ${eta.toFixed(0)} s left)\n`);
  });
  const verdicts = args.claims.map((c) => verdict(c, args.seeds, args.seeds.map((s) => bySeed.get(s)?.[c.id] ?? Number.NaN)));
  const seconds = (Date.now() - t0) / 1000;
  if (args.json) {
    writeFileSync(args.json, JSON.stringify({ seeds: args.seeds, seconds, tiny: args.tiny, verdicts: verdicts.map((v, j) => ({ ...v, statement: args.claims[j].statement, source: args.claims[j].source, scale: args.claims[j].scale, direction: args.claims[j].direction, minEffect: args.claims[j].minEffect })) }, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1));
  }
  process.stdout.write(`${formatVerdicts(args.claims, verdicts, seconds)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
