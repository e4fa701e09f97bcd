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

/** Reads stored progress, keeping only well-formed entries of known exercises. */
export function parseProgress(text: string | null): PracticeProgress {
  if (!text) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const out: PracticeProgress = {};
  for (const e of EXERCISES) {
    const v = (raw as Record<string, unknown>)[e.id] as Partial<ExerciseProgress> | undefined;
    if (!v || typeof v !== 'object') continue;
    out[e.id] = {
      passed: v.passed === true,
      passedAt: typeof v.passedAt === 'string' ? v.passedAt : null,
      lastCheck: typeof v.lastCheck === 'string' ? v.lastCheck : null,
      checks: Number.isInteger(v.checks) ? (v.checks as number) : 0,
      hintsShown: Number.isInteger(v.hintsShown) ? (v.hintsShown as number) : 0,
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
