/**
 * A scenario's verdict from the learner's own runs: for each claim behind its story, the effect the
 * learner's runs show, with its 95% interval over their seeds, and whether it is outside the noise.
 * A claim is judged within one run when its two sides differ only in the ranking (fusion presets
 * are measured on every seed) or only in which metric is read; across two runs when the learner has
 * trained both sides (paired seed by seed). Claims that need more (four runs, a re-ranking trade-off)
 * are left to `npm run bench:claims` and say so.
 */
import { flattenConfig, trainingDifferences } from '../experiment/diff';
import { parseExperimentConfig, type ExperimentConfig } from '../experiment/config';
import { describeDifference, pairable, pairedDifference, seedSeries, type Difference } from '../noise/compare';
import { FUSION_PRESETS } from '../rerank/fusion';
import type { ClaimSide } from './claims/types';
import { claimById } from './claims/catalog';
import { pct, signed, type RunRecord } from './runs';
import type { Scenario } from './scenarios';

export type VerdictStatus = 'as-promised' | 'within-noise' | 'against' | 'one-seed' | 'not-run' | 'bench-only';

export interface VerdictLine {
  claimId: string;
  statement: string;
  status: VerdictStatus;
  /** What the learner's runs show, or what to run to see it. */
  text: string;
  difference: Difference | null;
}

/** Seeds vary by design between the seeds of a run and between learner and benchmark. */
const SEED_KEYS = new Set(['world.seed', 'training.seed', 'training.seeds']);

/**
 * The training settings two configs differ in: experiment/diff's `trainingDifferences` (which
 * already sets aside backend, telemetry and ranking) without the seeds.
 */
export function trainingKeysDiffering(a: ExperimentConfig, b: ExperimentConfig): string[] {
  return trainingDifferences([a, b]).filter((k) => !SEED_KEYS.has(k));
}

/** Whether `run` sets each of `keys` as `side` does (other settings are the learner's to choose). */
function setsLike(run: ExperimentConfig, side: ExperimentConfig, keys: string[]): boolean {
  const fr = flattenConfig(run);
  const fs = flattenConfig(side);
  return run.world.kind === side.world.kind && keys.every((k) => fr.get(k) === fs.get(k));
}

/** The replicate metric a claim side reads within a run: itself, or its fusion preset's outcome. */
function withinRunMetric(side: ClaimSide, config: ExperimentConfig): string | null {
  const [a, list, field] = side.metric.split(':');
  if (a !== 'online') return side.metric;
  if (list !== 'fused') return null;
  const r = config.ranking;
  const preset = Object.entries(FUSION_PRESETS).find(([, w]) => w.a === r.fusionClick && w.b === r.fusionPurchase && w.c === r.fusionPrice);
  return preset ? `preset:${preset[0]}:${field}` : null;
}

const fmt = (relative: boolean) => (x: number) => (relative ? pct(x) : signed(x));

function judge(d: Difference, direction: 'up' | 'down' | 'none', margin: number): VerdictStatus {
  if (d.n < 2) return 'one-seed';
  if (direction === 'none') return d.lo > -margin && d.hi < margin ? 'as-promised' : d.withinNoise ? 'within-noise' : 'against';
  if (d.withinNoise) return 'within-noise';
  return (direction === 'up') === d.mean > 0 ? 'as-promised' : 'against';
}

const WORDS: Record<VerdictStatus, string> = {
  'as-promised': 'as the scenario says',
  'within-noise': 'more seeds, or the scenario at full size, may tell',
  against: 'the opposite of what the scenario says',
  'one-seed': 'train with 3 or more seeds (Training → Seeds per run) to see the noise',
  'not-run': '',
  'bench-only': '',
};

/** The verdict lines of a scenario, from the learner's runs (latest matching runs first). */
export function scenarioVerdict(scenario: Scenario, runs: readonly RunRecord[]): VerdictLine[] {
  const latestFirst = [...runs].reverse().filter((r) => r.result.evaluation);
  return scenario.claims.map((id): VerdictLine => {
    const claim = claimById(id);
    if (!claim) throw new Error(`Scenario ${scenario.id} names an unknown claim ${id}`);
    const base = { claimId: id, statement: claim.statement, difference: null };
    if (claim.comparisons.length > 1) return { ...base, status: 'bench-only', text: 'Needs four runs; measured over 8 seeds by the project’s claim benchmark.' };
    const cmp = claim.comparisons[0];
    const cb = parseExperimentConfig(cmp.base.config);
    const cv = parseExperimentConfig(cmp.variant.config);
    const relative = claim.scale === 'relative';
    let d: Difference | null;
    const mb = withinRunMetric(cmp.base, cb);
    const mv = withinRunMetric(cmp.variant, cv);
    if (!mb || !mv) return { ...base, status: 'bench-only', text: 'Measured on a re-ranking trade-off; see the ranking panel, and the claim benchmark over 8 seeds.' };
    // The settings the claim is about; the learner's runs may differ from the scenario in anything else.
    const keys = trainingKeysDiffering(cb, cv);
    if (keys.length === 0) {
      // Both sides come from one run (different fusion presets or metrics): the latest run of this world.
      const run = latestFirst.find((r) => r.result.config.world.kind === cb.world.kind);
      if (!run) return { ...base, status: 'not-run', text: 'Train the scenario to see this in your numbers.' };
      const rep = run.result.replicates;
      if (!rep || rep.seeds.length === 0) {
        return { ...base, status: 'one-seed', text: `Run ${run.id} has one seed: ${WORDS['one-seed']}.` };
      }
      d = pairedDifference(seedSeries(rep, mb), seedSeries(rep, mv), relative);
    } else {
      // The latest pair: a run set like the variant, and one set like the base that differs from it
      // only in the claim's settings.
      const withSeeds = latestFirst.filter((r) => r.result.replicates && r.result.replicates.seeds.length > 1);
      let ra: RunRecord | undefined;
      let rb: RunRecord | undefined;
      for (const v of withSeeds.filter((r) => setsLike(r.result.config, cv, keys))) {
        ra = withSeeds.find((r) => setsLike(r.result.config, cb, keys) && trainingKeysDiffering(r.result.config, v.result.config).every((k) => keys.includes(k)));
        if (ra) {
          rb = v;
          break;
        }
      }
      const what = keys.map((k) => k.split('.')[1]).join(', ');
      if (!ra || !rb) return { ...base, status: 'not-run', text: `Train two runs with 3 or more seeds (Training → Seeds per run) that differ only in ${what}, as the claim does, to see this in your numbers.` };
      d = pairable(ra.result.replicates!, rb.result.replicates!) ? pairedDifference(seedSeries(ra.result.replicates!, mb), seedSeries(rb.result.replicates!, mv), relative) : null;
      if (!d) return { ...base, status: 'not-run', text: `Runs ${ra.id} and ${rb.id} used different seeds, so they cannot be paired: train both with the same seed settings.` };
    }
    const status = judge(d, claim.direction, claim.minEffect);
    return { ...base, status, difference: d, text: `Your runs: ${describeDifference(d, fmt(relative))} — ${WORDS[status]}.` };
  });
}
