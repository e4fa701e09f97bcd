/** Arguments and report of `npm run bench:claims` (src/cli/claims.ts), kept apart so tests can import them. */
import { availableParallelism } from 'node:os';
import { CLAIMS, claimById } from '../core/teach/claims/catalog';
import type { Claim, ClaimVerdict } from '../core/teach/claims/types';
import { pct, signed } from '../core/teach/runs';

export interface ClaimArgs {
  seeds: number[];
  claims: Claim[];
  jobs: number;
  json: string | null;
  tiny: boolean;
  /** Internal: this process is a child that measures its seeds and prints JSON lines. */
  worker: boolean;
}

export class UsageError extends Error {}

export const USAGE = 'Usage: npm run bench:claims -- [--seeds 1-8 | 1,3,5] [--claim ID[,ID…]] [--jobs N] [--json FILE] [--tiny]';

/** Seeds from "1-8", "3", "1,4,9" or "1-4,9": non-negative integers, each at most once. */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new UsageError(`--seeds must be whole numbers or ranges like 1-8 or 1,3,5; got "${text}"`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b < a) throw new UsageError(`--seeds range "${part.trim()}" must run from low to high`);
    if (b - a >= 1000) throw new UsageError(`--seeds range "${part.trim()}" has more than 1,000 seeds`);
    for (let s = a; s <= b; s++) {
      if (seeds.includes(s)) throw new UsageError(`--seeds lists seed ${s} twice`);
      seeds.push(s);
    }
  }
  return seeds;
}

export function parseClaimArgs(argv: string[]): ClaimArgs {
  const out: ClaimArgs = { seeds: parseSeeds('1-8'), claims: [...CLAIMS], jobs: Math.min(2, availableParallelism()), json: null, tiny: false, worker: false };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seeds') out.seeds = parseSeeds(value(i++, a));
    else if (a === '--claim') {
      const ids = value(i++, a).split(',').map((s) => s.trim());
      out.claims = ids.map((id) => {
        const c = claimById(id);
        if (!c) throw new UsageError(`There is no claim "${id}". Claims: ${CLAIMS.map((x) => x.id).join(', ')}`);
        return c;
      });
    } else if (a === '--jobs') {
      const v = value(i++, a);
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, got "${v}"`);
      out.jobs = Number(v);
    } else if (a === '--json') out.json = value(i++, a);
    else if (a === '--tiny') out.tiny = true;
    else if (a === '--worker') out.worker = true;
    else throw new UsageError(`Unknown argument "${a}"`);
  }
  return out;
}

/** One row per claim, then the run time and `claims: H of N hold`. */
export function formatVerdicts(claims: readonly Claim[], verdicts: ClaimVerdict[], seconds: number): string {
  const f = (c: Claim, x: number) => (c.scale === 'relative' ? pct(x) : signed(x));
  const rows = claims.map((c, j) => {
    const v = verdicts[j];
    const interval = Number.isFinite(v.lo) ? `[${f(c, v.lo)}, ${f(c, v.hi)}]` : '—';
    return [c.id, Number.isFinite(v.mean) ? f(c, v.mean) : '—', interval, `${v.agree}/${v.effects.length}`, `${c.direction === 'up' ? '≥ +' : c.direction === 'down' ? '≤ −' : 'within ±'}${c.scale === 'relative' ? `${100 * c.minEffect}%` : c.minEffect}`, v.holds ? 'holds' : 'fails'];
  });
  const head = ['claim', 'mean', '95% interval', 'agree', 'promised', 'verdict'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (r: string[]) => r.map((x, k) => x.padEnd(widths[k])).join('  ');
  const why = verdicts.filter((v) => !v.holds).map((v) => `  ${v.id}: ${v.why}`);
  const held = verdicts.filter((v) => v.holds).length;
  return [
    line(head),
    ...rows.map(line),
    ...(why.length ? ['', 'Why the failing claims fail:', ...why] : []),
    '',
    `seeds ${verdicts[0]?.seeds.join(',') ?? '—'}; ${seconds.toFixed(0)} s`,
    `claims: ${held} of ${claims.length} hold`,
  ].join('\n');
}

