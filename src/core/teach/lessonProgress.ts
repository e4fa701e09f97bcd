/**
 * Where a learner is in a lesson, as the page stores it (localStorage) so a reload resumes the
 * lesson at the same step with the same predictions. Read strictly: a record that does not fit the
 * lessons of this version (an unknown lesson, a step out of range, a prediction that is not one of
 * the step's options) is rejected with the reason, never half-applied.
 */
import { lessonById } from './lessons';

export interface StoredLesson {
  /** Lesson id. */
  lesson: string;
  /** Current step, 0-based. */
  step: number;
  /** Prediction per step index: the chosen option's index. */
  predictions: Record<number, number>;
  /**
   * The page's run and trade-off counts when the lesson and its step started counting (absent in
   * records of earlier versions): with the run log kept across reloads, a resumed step still sees
   * the runs made for it.
   */
  counts?: LessonCounts;
}

export interface LessonCounts {
  runsAtStart: number;
  tradeoffsAtStart: number;
  runsAtStep: number;
  tradeoffsAtStep: number;
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/** Stored counts: whole, non-negative, and a step never starts before its lesson. */
function readCounts(v: unknown): LessonCounts | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const r = v as Record<string, unknown>;
  const { runsAtStart, tradeoffsAtStart, runsAtStep, tradeoffsAtStep } = r;
  if (!isCount(runsAtStart) || !isCount(tradeoffsAtStart) || !isCount(runsAtStep) || !isCount(tradeoffsAtStep)) return null;
  if (runsAtStep < runsAtStart || tradeoffsAtStep < tradeoffsAtStart) return null;
  return { runsAtStart, tradeoffsAtStart, runsAtStep, tradeoffsAtStep };
}

const isIndex = (x: unknown, length: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < length;

/** Reads a stored lesson position; `problem` says why a present record was rejected. */
export function readLessonProgress(text: string | null): { value: StoredLesson | null; problem: string | null } {
  if (text === null || text === '') return { value: null, problem: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { value: null, problem: 'the stored lesson position is not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { value: null, problem: 'the stored lesson position is not a record' };
  const r = raw as Record<string, unknown>;
  const lesson = typeof r.lesson === 'string' ? lessonById(r.lesson) : undefined;
  if (!lesson) return { value: null, problem: `the stored lesson ${JSON.stringify(String(r.lesson)).slice(0, 60)} is not a lesson of this version` };
  if (!isIndex(r.step, lesson.steps.length)) return { value: null, problem: `the stored step is not a step of “${lesson.title}”` };
  const predictions: Record<number, number> = {};
  const given = r.predictions;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return { value: null, problem: 'the stored predictions are not a record' };
  for (const [key, choice] of Object.entries(given)) {
    const index = Number(key);
    const options = isIndex(index, lesson.steps.length) ? lesson.steps[index].predict?.options : undefined;
    if (!options || !isIndex(choice, options.length)) return { value: null, problem: `the stored prediction for step ${key.slice(0, 10)} does not fit “${lesson.title}”` };
    predictions[index] = choice;
  }
  if (!Object.hasOwn(r, 'counts')) return { value: { lesson: lesson.id, step: r.step, predictions }, problem: null };
  const counts = readCounts(r.counts);
  if (!counts) return { value: null, problem: 'the stored run counts are malformed' };
  return { value: { lesson: lesson.id, step: r.step, predictions, counts }, problem: null };
}
