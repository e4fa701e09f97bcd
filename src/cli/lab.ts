/**
 * `npm run lab -- <config.json> [--out result.json] [--backend NAME] [--tradeoff]`: runs world →
 * train → evaluate in Node, shows progress (a bar with ETA on a terminal, plain lines otherwise),
 * prints a results table, and with --out writes config, telemetry and results as JSON. With
 * --tradeoff it also computes the re-ranking trade-off of the config's `ranking` section (the
 * playground's curve: offline and simulated online per knob value, with references).
 *
 * A config file holds one experiment, or `{ "runs": [ ... ] }` for several (each a partial config;
 * a top-level `"base"` is merged under every run); `runFile.ts` reads it strictly and validates
 * every run before the first trains. `--out` is checked before training and rewritten after every
 * run (`outFile.ts`), so Ctrl-C or a crash keeps what finished. Exit codes: 0 all runs completed,
 * 1 a run diverged or the job failed, 2 bad input (arguments, file, config, --out), 130 interrupted.
 */
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { budgetProblem, estimateCost, formatBytes, formatDuration } from '../core/experiment/cost';
import { ConfigError } from '../core/config/fields';
import { TrainingControl } from '../core/train/control';
import type { EpochSummary, TelemetrySnapshot } from '../core/train/trainer';
import type { ExperimentResult } from '../core/experiment/run';
import { trainWithSeeds } from '../core/noise/seeds';
import { knobGrid } from '../core/rerank/config';
import { rerankTradeoff, type TradeoffResult } from '../core/rerank/tradeoff';
import { formatResults, formatTradeoff } from './report';
import { OutPathError, outText, prepareOut, writeAtomically, type OutFile, type OutStatus } from './outFile';
import { readRunFile, RunFileError } from './runFile';
import { nodeWasmPaths } from './wasmPaths';

interface Args {
  configPath: string;
  out: string | null;
  backend: string | null;
  tradeoff: boolean;
  /** Memory a run may take, bytes (--memory-budget, in GB). */
  memoryBudget: number;
}

/** Default memory budget of one run: 8 GB, or 60% of this machine's memory if that is less. */
function defaultBudget(): number {
  return Math.min(8 * 2 ** 30, 0.6 * totalmem());
}

function usage(message: string): never {
  process.stderr.write(`${message}\n\nUsage: npm run lab -- <config.json> [--out result.json] [--backend auto|wasm|cpu] [--tradeoff] [--memory-budget GB]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  let configPath: string | null = null;
  let out: string | null = null;
  let backend: string | null = null;
  let tradeoff = false;
  let memoryBudget = defaultBudget();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--memory-budget') {
      const text = argv[++i] ?? usage('--memory-budget needs a number of GB');
      const gb = Number(text);
      if (!(gb > 0 && gb <= 4096)) usage(`--memory-budget must be a number of GB in (0, 4096], got ${JSON.stringify(text)}`);
      memoryBudget = gb * 2 ** 30;
      continue;
    }
    if (a === '--out') out = argv[++i] ?? usage('--out needs a file name');
    else if (a === '--backend') backend = argv[++i] ?? usage('--backend needs a name');
    else if (a === '--tradeoff') tradeoff = true;
    else if (a.startsWith('--')) usage(`Unknown option ${a}`);
    else if (configPath === null) configPath = a;
    else usage(`Unexpected argument ${a}`);
  }
  if (!configPath) usage('No config file given.');
  return { configPath, out, backend, tradeoff, memoryBudget };
}

/** Progress display: a redrawn bar on a terminal, a line every 10% otherwise. */
class Progress {
  private readonly tty = Boolean(process.stderr.isTTY);
  private lastPct = -1;
  private readonly t0 = Date.now();
  constructor(private readonly label: string) {}

  update(fraction: number, detail: string): void {
    const pct = Math.floor(fraction * 100);
    const elapsed = (Date.now() - this.t0) / 1000;
    const eta = fraction > 0.01 ? (elapsed / fraction) * (1 - fraction) : NaN;
    const etaText = Number.isFinite(eta) ? `ETA ${Math.ceil(eta)}s` : 'ETA …';
    if (this.tty) {
      const width = 28;
      const filled = Math.round(fraction * width);
      process.stderr.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${etaText} ${detail}`.padEnd(110));
    } else if (pct >= this.lastPct + 10 || fraction === 1) {
      this.lastPct = pct - (pct % 10);
      process.stderr.write(`${this.label}: ${pct}% (${elapsed.toFixed(0)}s elapsed, ${etaText}) ${detail}\n`);
    }
  }

  private stageShown = '';

  /** A long stage's progress: redrawn on a terminal, a line at each quarter otherwise. */
  stageProgress(text: string, fraction: number): void {
    const pct = Math.floor(fraction * 100);
    if (this.tty) {
      process.stderr.write(`\r${`${this.label}: ${text} ${pct}%`.padEnd(110)}`);
      return;
    }
    const key = `${text} ${Math.floor(pct / 25) * 25}`;
    if (key === this.stageShown || pct < 25) return;
    this.stageShown = key;
    process.stderr.write(`${this.label}: ${text} ${Math.floor(pct / 25) * 25}%\n`);
  }

  stage(text: string): void {
    if (this.tty) process.stderr.write(`\r${`${this.label}: ${text}`.padEnd(110)}`);
    else process.stderr.write(`${this.label}: ${text}\n`);
  }

  done(): void {
    if (this.tty) process.stderr.write('\n');
  }
}

/** One finished run as `--out` holds it. */
interface OutRun {
  name: string;
  config: ExperimentResult['config'];
  backend: ExperimentResult['backend'];
  world: ExperimentResult['world'];
  training: ExperimentResult['training'];
  replicates: ExperimentResult['replicates'];
  epochs: EpochSummary[];
  telemetry: TelemetrySnapshot[];
  evaluation: ExperimentResult['evaluation'];
  tradeoff?: TradeoffResult;
}

/** The config file's path, for errors about the file. */
let filePath = 'The config file';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  filePath = args.configPath;
  let text: string;
  try {
    text = readFileSync(args.configPath, 'utf8');
  } catch (e) {
    usage(`Cannot read ${args.configPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const runs = readRunFile(text, args.backend);
  // Every run's size is checked before the first trains (auto picks WASM in Node: its 4 GB heap counts).
  const refused: string[] = [];
  for (const run of runs) {
    const estimate = estimateCost(run.config);
    const backend = run.config.training.backend === 'auto' ? 'wasm' : run.config.training.backend;
    const problem = budgetProblem(estimate, args.memoryBudget, backend);
    if (problem) refused.push(`${run.name}: ${problem}`);
    else process.stderr.write(`${run.name}: estimated ${formatBytes(estimate.bytes)} of memory, ${formatDuration(estimate.seconds.total)} on a 2-core CPU\n`);
  }
  if (refused.length) {
    process.stderr.write(`${refused.join('\n')}\n(The budget is ${formatBytes(args.memoryBudget)}; --memory-budget <GB> sets another, up to what this machine has: ${formatBytes(totalmem())}.)\n`);
    process.exit(2);
  }
  const outPath = args.out ? prepareOut<OutRun>(args.out, runs.length) : null;
  const finished: OutRun[] = [];
  const reported: Array<{ name: string; result: ExperimentResult }> = [];
  const save = (status: OutStatus, note?: string): void => {
    if (!outPath) return;
    const file: OutFile<OutRun> = { runner: 'npm run lab', status, finished: finished.length, total: runs.length, writtenAt: new Date().toISOString(), ...(note ? { note } : {}), runs: finished };
    writeAtomically(outPath, outText(file));
  };
  // Ctrl-C cancels the run in progress at its next step (the control makes training yield to the
  // event loop, so the signal is seen); a second Ctrl-C stops at once. Either way the file keeps
  // every finished run and says the job was interrupted.
  const control = new TrainingControl();
  let interrupted = false;
  const stopNow = (): never => {
    const note = `interrupted after ${finished.length} of ${runs.length} runs`;
    save('interrupted', note);
    process.stderr.write(`\nInterrupted: ${finished.length} of ${runs.length} runs finished${outPath ? `; ${args.out} holds them` : ''}.\n`);
    process.exit(130);
  };
  process.on('SIGINT', () => {
    if (interrupted) stopNow();
    interrupted = true;
    control.cancel();
    process.stderr.write('\nStopping after this step (Ctrl-C again to stop at once)…\n');
  });
  let diverged = 0;
  for (const run of runs) {
    const { name } = run;
    const progress = new Progress(name);
    const telemetry: TelemetrySnapshot[] = [];
    const epochs: EpochSummary[] = [];
    let totalSteps = 0;
    const { result, model } = await trainWithSeeds(
      run.config,
      {
        control,
        memoryBudget: args.memoryBudget,
        onSeed: (index, count) => progress.stage(`seed ${index} of ${count}`),
        onStage: (s, fraction) => (fraction === undefined ? progress.stage(s) : progress.stageProgress(s, fraction)),
        onTrainer: (t) => (totalSteps = t.totalSteps),
        onTelemetry: (s) => {
          telemetry.push(s);
          const loss = s.losses.at(-1)?.values.map((v) => v.toFixed(4)).join(' / ') ?? '';
          progress.update(Math.min(1, s.step / Math.max(totalSteps, 1)), `epoch ${s.epoch} loss ${loss} ${Math.round(s.samplesPerSecond)}/s`);
        },
        onEpoch: (e) => epochs.push(e),
      },
      { wasmPaths: nodeWasmPaths() },
    );
    progress.done();
    if (interrupted) {
      model?.dispose();
      stopNow();
    }
    let tradeoff: TradeoffResult | null = null;
    try {
      if (args.tradeoff && model?.world) {
        const c = result.config;
        const bar = new Progress(`${name} trade-off`);
        tradeoff = await rerankTradeoff(model, { ranking: c.ranking, knobs: knobGrid(c.ranking, c.evaluation.k), k: c.evaluation.k, seed: c.world.seed, onProgress: (f) => bar.update(f, '') });
        bar.done();
      } else if (args.tradeoff) {
        process.stderr.write(`${name}: no trade-off (${model ? 'the regression world has no items to rank' : 'the run left no model'})\n`);
      }
    } finally {
      model?.dispose();
    }
    finished.push({ name, config: result.config, backend: result.backend, world: result.world, training: result.training, replicates: result.replicates ?? null, epochs, telemetry, evaluation: result.evaluation, ...(tradeoff ? { tradeoff } : {}) });
    reported.push({ name, result });
    save(finished.length === runs.length ? 'complete' : 'running');
    for (const u of result.evaluation?.unlearned ?? []) process.stderr.write(`${name}: ${u.message} Try a lower learning rate (now ${result.config.training.learningRate}).\n`);
    if (result.training.divergence) {
      diverged++;
      process.stderr.write(`${name}: ${result.training.divergence.message}\n`);
    }
  }
  process.stdout.write(formatResults(reported));
  for (const r of finished) if (r.tradeoff) process.stdout.write(`\n\n${r.name}: ${formatTradeoff(r.tradeoff)}`);
  if (outPath) process.stderr.write(`Wrote ${args.out} (${finished.length} of ${runs.length} runs)\n`);
  if (diverged > 0) {
    process.stderr.write(`${diverged} of ${runs.length} runs diverged (see above); exit status 1.\n`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  if (e instanceof RunFileError || e instanceof OutPathError) {
    process.stderr.write(`${e instanceof RunFileError ? `${filePath} ` : ''}${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
