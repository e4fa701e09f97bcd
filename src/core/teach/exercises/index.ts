/** Every interview exercise, in the order the practice panel lists them. */
import { threeTaskWeighting } from './funnel';
import { RANKING_EXERCISES } from './ranking';
import { TRAINING_EXERCISES } from './training';
import type { Exercise } from './types';

export type { CheckResult, Exercise } from './types';

export const EXERCISES: readonly Exercise[] = [...TRAINING_EXERCISES, threeTaskWeighting, ...RANKING_EXERCISES];

export function exerciseById(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}
