/**
 * `npm run bench:claims` as a user runs it, at tiny sizes and on two seeds: this checks the plumbing
 * (arguments, child processes, the table, the JSON, the verdict rule), not whether claims hold —
 * that is the benchmark's job on 8 seeds at full size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClaimArgs, parseSeeds, UsageError } from '../../src/cli/claimArgs';
import { parseExperimentConfig } from '../../src/core/experiment/config';
import { CLAIMS, claimById } from '../../src/core/teach/claims/catalog';
import { isRunMetric } from '../../src/core/experiment/metrics';
import { seededConfig } from '../../src/core/teach/claims/measure';
import { scenarioById, SCENARIOS } from '../../src/core/teach/scenarios';
import { claimEffect, seedsNeeded, verdict } from '../../src/core/teach/claims/verdict';

const dir = mkdtempSync(join(tmpdir(), 'mtrec-claims-'));
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const bench = (args: string[]) => spawnSync(tsx, ['src/cli/claims.ts', ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });

describe('the claim catalogue', () => {
  it('has unique ids, known metrics and valid configs on every side', () => {
    expect(new Set(CLAIMS.map((c) => c.id)).size).toBe(CLAIMS.length);
    for (const c of CLAIMS) {
      expect(c.minEffect, c.id).toBeGreaterThanOrEqual(0);
      for (const cmp of c.comparisons) {
        for (const side of [cmp.base, cmp.variant]) {
          expect(isRunMetric(side.metric), `${c.id}: ${side.metric}`).toBe(true);
          expect(() => parseExperimentConfig(side.config), c.id).not.toThrow();
          // Only a conditioned run's model moves to other weights.
          if (side.metric.startsWith('at:')) expect(parseExperimentConfig(side.config).weighting.strategy, c.id).toBe('conditioned');
        }
      }
    }
  });

  it('reads a moved conditioned model’s metric as at:<weights>:<metric>, and refuses weights it cannot run at', () => {
    expect(isRunMetric('at:1.333,0.667:auc:purchase')).toBe(true);
    expect(isRunMetric('at:0,2:ranking:model:ndcg')).toBe(true);
    expect(isRunMetric('at:0,0:auc:purchase')).toBe(false);
    expect(isRunMetric('at:1,-1:auc:purchase')).toBe(false);
    expect(isRunMetric('at:x:auc:purchase')).toBe(false);
    expect(isRunMetric('at:1,,1:auc:purchase')).toBe(false);
    expect(isRunMetric('at:1,1:nope')).toBe(false);
  });

  it('states a claim for every scenario, and every claim a scenario names exists', () => {
    for (const s of SCENARIOS) {
      expect(s.claims.length, s.id).toBeGreaterThan(0);
      for (const id of s.claims) expect(claimById(id), `${s.id} names ${id}`).toBeDefined();
      expect(CLAIMS.some((c) => c.id.startsWith(`${s.id}.`)), s.id).toBe(true);
    }
    expect(scenarioById('clickbait')?.claims).toContain('clickbait.rank-for-purchases');
  });

  it('varies the world and the initialisation together', () => {
    const c = seededConfig(CLAIMS[0].comparisons[0].base, 7);
    expect(c.world.seed).toBe(7);
    expect(c.training.seed).toBe(7);
  });
});

describe('the verdict rule', () => {
  const claim = CLAIMS.find((c) => c.direction === 'up' && c.scale === 'absolute')!;
  it('holds only with the interval off zero, 7 of 8 seeds agreeing and the mean at least the smallest effect', () => {
    const m = claim.minEffect + 0.01;
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(verdict(claim, seeds, seeds.map((s) => m + 0.001 * s)).holds).toBe(true);
    // 6 of 8 agreeing is not enough even when the interval excludes zero.
    const six = verdict(claim, seeds, [m, m, m, m, m, m, -0.0001, -0.0001].map((x) => x * 10));
    expect(six.agree).toBe(6);
    expect(six.holds).toBe(false);
    expect(six.why).toMatch(/only 6 of 8 seeds agree \(7 needed\)/);
    // A steady but tiny effect does not hold.
    const tiny = verdict(claim, seeds, seeds.map(() => claim.minEffect / 2 + 1e-9));
    expect(tiny.holds).toBe(false);
    expect(tiny.why).toMatch(/smallest worth showing/);
    // A missing seed (diverged run) is counted against the claim.
    expect(verdict(claim, seeds, seeds.map((s) => (s === 3 ? Number.NaN : m))).why).toMatch(/1 seed gave no value/);
    expect(seedsNeeded(8)).toBe(7);
    expect(seedsNeeded(2)).toBe(2);
  });

  it('holds a “no change” claim only when the whole interval lies within the margin', () => {
    const none = { ...claim, direction: 'none' as const, minEffect: 0.05 };
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(verdict(none, seeds, [0.01, -0.01, 0.02, 0, 0.01, -0.02, 0.01, 0]).holds).toBe(true);
    // Centred on zero but too noisy to say "no change".
    const noisy = verdict(none, seeds, [0.2, -0.2, 0.1, -0.1, 0.15, -0.15, 0.05, -0.05]);
    expect(noisy.holds).toBe(false);
    expect(noisy.why).toMatch(/interval reaches beyond ±0\.05/);
  });

  it('computes relative effects and differences of two comparisons', () => {
    const rel = { ...claim, scale: 'relative' as const };
    expect(claimEffect(rel, (_, side) => (side === 'base' ? 2 : 3))).toBeCloseTo(0.5, 12);
    const two = { ...claim, comparisons: [claim.comparisons[0], claim.comparisons[0]] as [typeof claim.comparisons[0], typeof claim.comparisons[0]] };
    expect(claimEffect(two, (k, side) => (side === 'base' ? 1 : k === 0 ? 4 : 2))).toBe(2);
  });
});

describe('argument checks', () => {
  it('reads seed lists and ranges and refuses anything else', () => {
    expect(parseSeeds('1-4,9')).toEqual([1, 2, 3, 4, 9]);
    for (const bad of ['1.5', 'x', '3-1', '-2', '1,1', '']) expect(() => parseSeeds(bad), bad).toThrow(UsageError);
    expect(() => parseClaimArgs(['--claim', 'no-such-claim'])).toThrow(/There is no claim "no-such-claim"/);
    expect(() => parseClaimArgs(['--jobs', '0'])).toThrow(UsageError);
    expect(() => parseClaimArgs(['--seeds'])).toThrow(/--seeds needs a value/);
  });

  it('exits 2 with a clear message for an unknown claim or seeds that are not integers', () => {
    const unknown = bench(['--claim', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/There is no claim "nope"\. Claims: clickbait\./);
    const seeds = bench(['--seeds', '1.5']);
    expect(seeds.status).toBe(2);
    expect(seeds.stderr).toMatch(/--seeds must be whole numbers/);
  });
});

describe('npm run bench:claims (tiny sizes, 2 seeds)', () => {
  it('trains each side on both seeds over two processes and prints a row per claim and the summary line', () => {
    const json = join(dir, 'claims.json');
    const ids = ['filter-bubble.mmr-buys-variety', 'popularity-bias.lead-shrinks', 'related-tasks.mmoe-overfits'];
    const r = bench(['--tiny', '--seeds', '3-4', '--jobs', '2', '--claim', ids.join(','), '--json', json]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/over 2 processes/);
    expect(r.stderr).toMatch(/seed 3 done/);
    expect(r.stderr).toMatch(/seed 4 done/);
    for (const id of ids) expect(r.stdout).toMatch(new RegExp(`^${id.replace(/\./g, '\\.')}\\s+[+−]\\d`, 'm'));
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^claims: \d of 3 hold$/);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out.seeds).toEqual([3, 4]);
    expect(out.tiny).toBe(true);
    for (const v of out.verdicts) {
      expect(v.effects).toHaveLength(2);
      for (const e of v.effects) expect(typeof e).toBe('number');
      expect(['number', 'object']).toContain(typeof v.lo);
    }
  });
});
