/**
 * `npm run lab -- <config.json> [--out result.json] [--backend NAME] [--tradeoff]`: runs world →
 * train → evaluate in Node, shows progress (a bar with ETA on a terminal, plain lines otherwise),
 * prints a results table, and with --out writes config, telemetry and results as JSON. With
 * --tradeoff it also computes the re-ranking trade-off of the config's `ranking` section (the
 * playground's curve: offline and simulated online per knob value, with references).
 *
 * A config file holds one experiment, or `{ "runs": [ ... ] }` for several (each a partial config;
 * a top-level `"base"` is merged under every run).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../core/config/fields';
import { deepMerge } from '../core/config/merge';
import type { EpochSummary, TelemetrySnapshot } from '../core/train/trainer';
import type { ExperimentResult } from '../core/experiment/run';
import { trainWithSeeds } from '../core/noise/seeds';
import { knobGrid } from '../core/rerank/config';
import { rerankTradeoff, type TradeoffResult } from '../core/rerank/tradeoff';
import { formatResults, formatTradeoff } from './report';
import { nodeWasmPaths } from './wasmPaths';

interface Args {
  configPath: string;
  out: string | null;
  backend: string | null;
  tradeoff: boolean;
}

function usage(message: string): never {
  process.stderr.write(`${message}\n\nUsage: npm run lab -- <config.json> [--out result.json] [--backend auto|wasm|cpu] [--tradeoff]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  let configPath: string | null = null;
  let out: string | null = null;
  let backend: string | null = null;
  let tradeoff = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out = argv[++i] ?? usage('--out needs a file name');
    else if (a === '--backend') backend = argv[++i] ?? usage('--backend needs a name');
    else if (a === '--tradeoff') tradeoff = true;
    else if (a.startsWith('--')) usage(`Unknown option ${a}`);
    else if (configPath === null) configPath = a;
    else usage(`Unexpected argument ${a}`);
  }
  if (!configPath) usage('No config file given.');
  return { configPath, out, backend, tradeoff };
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

  stage(text: string): void {
    if (this.tty) process.stderr.write(`\r${`${this.label}: ${text}`.padEnd(110)}`);
    else process.stderr.write(`${this.label}: ${text}\n`);
  }

  done(): void {
    if (this.tty) process.stderr.write('\n');
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let file: unknown;
  try {
    file = JSON.parse(readFileSync(args.configPath, 'utf8'));
  } catch (e) {
    usage(`Cannot read ${args.configPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const spec = file as { runs?: unknown[]; base?: unknown; name?: string };
  const runs = Array.isArray(spec.runs) ? spec.runs.map((r) => deepMerge(spec.base ?? {}, r)) : [file];
  const results: Array<{ result: ExperimentResult; telemetry: TelemetrySnapshot[]; epochs: EpochSummary[]; name: string; tradeoff: TradeoffResult | null }> = [];
  for (const [n, raw] of runs.entries()) {
    const named = raw as { name?: string };
    const name = named.name ?? `run ${n + 1}/${runs.length}`;
    const config = { ...(raw as Record<string, unknown>) };
    delete config.name;
    if (args.backend) config.training = { ...((config.training as object) ?? {}), backend: args.backend };
    const progress = new Progress(name);
    const telemetry: TelemetrySnapshot[] = [];
    const epochs: EpochSummary[] = [];
    let totalSteps = 0;
    const { result, model } = await trainWithSeeds(
      config,
      {
        onSeed: (index, count) => progress.stage(`seed ${index} of ${count}`),
        onStage: (s) => progress.stage(s),
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
    results.push({ result, telemetry, epochs, name, tradeoff });
    if (result.training.divergence) process.stderr.write(`${name}: ${result.training.divergence.message}\n`);
  }
  process.stdout.write(formatResults(results.map((r) => ({ name: r.name, result: r.result }))));
  for (const r of results) if (r.tradeoff) process.stdout.write(`\n\n${r.name}: ${formatTradeoff(r.tradeoff)}`);
  if (args.out) {
    const payload = results.map((r) => ({ name: r.name, config: r.result.config, backend: r.result.backend, world: r.result.world, training: r.result.training, epochs: r.epochs, telemetry: r.telemetry, evaluation: r.result.evaluation, ...(r.tradeoff ? { tradeoff: r.tradeoff } : {}) }));
    writeFileSync(args.out, JSON.stringify(payload.length === 1 ? payload[0] : payload, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 1));
    process.stderr.write(`Wrote ${args.out}\n`);
  }
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
