/** Scenario verdicts from the learner's runs: within one run, across two runs, and what is missing. */
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../experiment/config';
import type { ExperimentResult } from '../experiment/run';
import { summarise } from '../noise/seeds';
import type { RunRecord } from './runs';
import { scenarioById, scenarioConfig } from './scenarios';
import { scenarioVerdict, trainingKeysDiffering } from './verdicts';

let nextId = 1;
/** A finished run of `config` whose seeds carry the given values. */
function run(config: Record<string, unknown>, perSeed: Array<Record<string, number>> | null): RunRecord {
  const c = parseExperimentConfig(config);
  const result = {
    config: c,
    training: { status: 'completed', epochs: [], bestEpoch: 1 },
    evaluation: { tasks: [], truth: [], conversion: null, ranking: null },
    replicates: perSeed ? summarise(perSeed.map((values, k) => ({ offset: k, worldSeed: c.world.seed + k, trainingSeed: c.training.seed + k, values })), perSeed.length) : null,
  } as unknown as ExperimentResult;
  const id = nextId++;
  return { id, name: `Run ${id}`, result };
}

const clickbait = scenarioById('clickbait')!;
const seesaw = scenarioById('seesaw')!;

describe('scenarioVerdict', () => {
  it('judges ranking for purchases against ranking for clicks within one multi-seed run', () => {
    const seeds = [0, 1, 2].map((k) => ({
      'preset:clicks:purchases': 0.3,
      'preset:purchases:purchases': 0.4 + 0.01 * k,
      'preset:clicks:clicks': 2,
      'preset:purchases:clicks': 1.5 - 0.02 * k,
    }));
    const lines = scenarioVerdict(clickbait, [run({ ...(clickbait.config as object), training: { ...(clickbait.config.training as object), seeds: 3 } }, seeds)]);
    const buy = lines.find((l) => l.claimId === 'clickbait.rank-for-purchases')!;
    expect(buy.status).toBe('as-promised');
    expect(buy.text).toMatch(/^Your runs: \+36\.\d% \(95% interval \+\d+\.\d% to \+\d+\.\d%, 3 seeds\): outside noise — as the scenario says\.$/);
    expect(lines.find((l) => l.claimId === 'clickbait.rank-for-clicks')!.status).toBe('as-promised');
    // The loss-weight claims need a second run (weights 1 / 4).
    expect(lines.find((l) => l.claimId === 'clickbait.weight-lowers-purchase-auc')!.status).toBe('not-run');
  });

  it('asks for more seeds when the run has one', () => {
    const lines = scenarioVerdict(clickbait, [run(clickbait.config, null)]);
    expect(lines[0].status).toBe('one-seed');
    expect(lines[0].text).toMatch(/Seeds per run/);
  });

  it('pairs two runs seed by seed and says when the difference is within noise', () => {
    // The learner shrank the world: the claim is about the weights, so the runs still count.
    const cfg = (w: number[]) => ({
      ...(seesaw.config as object),
      world: { ...(seesaw.config.world as object), numShoppers: 300 },
      weighting: { weights: w },
      training: { ...(seesaw.config.training as object), seeds: 3 },
    });
    const id = 'seesaw.purchase-weight-hurts-clicks';
    const a = run(cfg([1, 1]), [{ 'auc:click': 0.7 }, { 'auc:click': 0.71 }, { 'auc:click': 0.69 }]);
    const b = run(cfg([1, 4]), [{ 'auc:click': 0.69 }, { 'auc:click': 0.70 }, { 'auc:click': 0.675 }]);
    const line = scenarioVerdict(seesaw, [a, b]).find((l) => l.claimId === id)!;
    expect(line.status).toBe('as-promised');
    expect(line.text).toMatch(/^Your runs: −0\.0117 \(95% interval −0\.0\d{3} to −0\.0\d{3}, 3 seeds\): outside noise/);
    const noisy = run(cfg([1, 4]), [{ 'auc:click': 0.72 }, { 'auc:click': 0.70 }, { 'auc:click': 0.69 }]);
    expect(scenarioVerdict(seesaw, [a, noisy]).find((l) => l.claimId === id)!.status).toBe('within-noise');
    // Two runs that also differ in something else are not a fair pair.
    const other = run({ ...cfg([1, 4]), model: { architecture: 'shared-bottom', expertUnits: 8 } }, [{ 'auc:click': 0.6 }, { 'auc:click': 0.6 }, { 'auc:click': 0.6 }]);
    expect(scenarioVerdict(seesaw, [a, other]).find((l) => l.claimId === id)!.status).toBe('not-run');
  });

  it('leaves four-run claims to the benchmark, and matches configs regardless of seeds and ranking', () => {
    const lines = scenarioVerdict(scenarioById('popularity-bias')!, []);
    expect(lines[0].status).toBe('bench-only');
    const c = scenarioConfig(clickbait);
    expect(trainingKeysDiffering(c, { ...c, world: { ...c.world, seed: 7 }, training: { ...c.training, seeds: 3 }, ranking: { ...c.ranking, fusionClick: 0 } })).toEqual([]);
    expect(trainingKeysDiffering(c, { ...c, model: { ...c.model, architecture: 'mmoe' } })).toEqual(['model.architecture']);
  });
});
