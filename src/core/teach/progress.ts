/**
 * The learner's interview-practice progress (kept by the page in localStorage) and the report
 * they can export: each exercise's status, the last check's finding and the model answer with
 * their numbers.
 */
import { EXERCISES } from './exercises';
import type { TeachContext } from './runs';

export interface ExerciseProgress {
  passed: boolean;
  /** ISO time of the first passing check. */
  passedAt: string | null;
  /** What the last check found. */
  lastCheck: string | null;
  checks: number;
  hintsShown: number;
}

export type PracticeProgress = Record<string, ExerciseProgress>;

export const EMPTY_PROGRESS: ExerciseProgress = { passed: false, passedAt: null, lastCheck: null, checks: 0, hintsShown: 0 };

/** Longest stored finding kept (a check's message is a sentence or two). */
const MAX_CHECK_TEXT = 2000;
/** Largest plausible check count; anything above is not a count this page wrote. */
const MAX_CHECKS = 1_000_000;

/** Stored progress as read: the usable part, and what was wrong with the rest (null: all fine). */
export interface ReadProgress {
  progress: PracticeProgress;
  /** Why the stored record could not be read whole; the page keeps such a record aside. */
  problem: string | null;
}

function validEntry(v: unknown, hintCount: number): ExerciseProgress | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const r = v as Record<string, unknown>;
  const count = (x: unknown, max: number) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;
  const time = (x: unknown) => x === null || (typeof x === 'string' && x.length <= 40 && !Number.isNaN(Date.parse(x)));
  if (typeof r.passed !== 'boolean' || !time(r.passedAt) || !count(r.checks, MAX_CHECKS) || !count(r.hintsShown, hintCount)) return null;
  if (!(r.lastCheck === null || (typeof r.lastCheck === 'string' && r.lastCheck.length <= MAX_CHECK_TEXT))) return null;
  if (r.passed && r.passedAt === null) return null;
  return { passed: r.passed, passedAt: r.passedAt as string | null, lastCheck: r.lastCheck as string | null, checks: r.checks as number, hintsShown: r.hintsShown as number };
}

/**
 * Reads stored progress strictly: every field of an entry must have its type and range (hints
 * shown between 0 and the exercise's hint count, counts whole and non-negative, a passed entry
 * dated). Entries of exercises this version does not have are skipped silently (a newer version
 * may have written them); anything else that is wrong is named in `problem`, so the page can keep
 * the record aside instead of overwriting it.
 */
export function readProgress(text: string | null): ReadProgress {
  if (text === null || text === '') return { progress: {}, problem: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { progress: {}, problem: 'the stored progress is not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { progress: {}, problem: 'the stored progress is not a record of exercises' };
  const out: PracticeProgress = {};
  const bad: string[] = [];
  for (const e of EXERCISES) {
    if (!Object.hasOwn(raw, e.id)) continue;
    const entry = validEntry((raw as Record<string, unknown>)[e.id], e.hints.length);
    if (entry) out[e.id] = entry;
    else bad.push(e.id);
  }
  return { progress: out, problem: bad.length ? `the stored entries of ${bad.join(', ')} are malformed` : null };
}

/**
 * Two records of the same learner (two tabs) joined without losing either: an exercise is passed
 * if either passed it (at the earlier date); counts and hints take the larger value; the finding
 * is the one of the record with more checks.
 */
export function mergeProgress(a: PracticeProgress, b: PracticeProgress): PracticeProgress {
  const out: PracticeProgress = {};
  for (const e of EXERCISES) {
    const x = a[e.id];
    const y = b[e.id];
    if (!x || !y) {
      const only = x ?? y;
      if (only) out[e.id] = only;
      continue;
    }
    const dates = [x.passedAt, y.passedAt].filter((d): d is string => d !== null).sort();
    out[e.id] = {
      passed: x.passed || y.passed,
      passedAt: dates[0] ?? null,
      lastCheck: y.checks > x.checks ? y.lastCheck : x.lastCheck,
      checks: Math.max(x.checks, y.checks),
      hintsShown: Math.max(x.hintsShown, y.hintsShown),
    };
  }
  return out;
}

/** A Markdown report of every exercise: status, last finding, and the model answer. */
export function practiceReport(progress: PracticeProgress, ctx: TeachContext, now: Date): string {
  const passed = EXERCISES.filter((e) => progress[e.id]?.passed).length;
  const lines = [`# Interview practice report`, '', `${now.toISOString().slice(0, 10)} — ${passed} of ${EXERCISES.length} exercises passed.`, ''];
  for (const e of EXERCISES) {
    const p = progress[e.id] ?? EMPTY_PROGRESS;
    lines.push(`## ${e.topic}: ${e.question}`, '');
    lines.push(p.passed ? `**Passed** on ${p.passedAt?.slice(0, 10) ?? '—'} after ${p.checks} check${p.checks === 1 ? '' : 's'} and ${p.hintsShown} hint${p.hintsShown === 1 ? '' : 's'}.` : `Not passed yet (${p.checks} check${p.checks === 1 ? '' : 's'}).`);
    lines.push('', `Task: ${e.task}`, '');
    if (p.lastCheck) lines.push(`Last check: ${p.lastCheck}`, '');
    lines.push(`Model answer: ${e.answer(ctx)}`, '');
  }
  return lines.join('\n');
}
