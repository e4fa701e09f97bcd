/** The shape of an interview exercise: a question, a task in the playground, a check, hints, an answer. */
import type { TeachContext } from '../runs';

export interface CheckResult {
  passed: boolean;
  /** What was found, with the learner's numbers (or what is still missing). */
  message: string;
}

export interface Exercise {
  id: string;
  /** The interview topic, e.g. "Loss weighting". */
  topic: string;
  /** The question as an interviewer asks it. */
  question: string;
  /** What to do in the playground, with the target the check tests. */
  task: string;
  /** A scenario to start from (loaded by the exercise's button). */
  scenario: string | null;
  hints: string[];
  /** Checks the learner's runs and trade-off; never throws. */
  check(ctx: TeachContext): CheckResult;
  /** A model answer, using the learner's numbers where their runs have them. */
  answer(ctx: TeachContext): string;
}
