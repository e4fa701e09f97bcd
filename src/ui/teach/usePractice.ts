/** Interview-practice progress in localStorage (kept across visits; a full or blocked storage is reported, not fatal). */
import { useCallback, useState } from 'react';
import { EMPTY_PROGRESS, parseProgress, type ExerciseProgress, type PracticeProgress } from '../../core/teach/progress';

const KEY = 'mtrec.practice.v1';

function load(): PracticeProgress {
  try {
    return parseProgress(localStorage.getItem(KEY));
  } catch {
    return {};
  }
}

export function usePractice() {
  const [progress, setProgress] = useState<PracticeProgress>(load);
  const [storageError, setStorageError] = useState<string | null>(null);
  const update = useCallback((id: string, change: (p: ExerciseProgress) => ExerciseProgress) => {
    setProgress((all) => {
      const next = { ...all, [id]: change(all[id] ?? EMPTY_PROGRESS) };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
        setStorageError(null);
      } catch (e) {
        setStorageError(`Progress could not be saved in this browser (${e instanceof Error ? e.message : String(e)}); export the report to keep it.`);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => {
    setProgress({});
    try {
      localStorage.removeItem(KEY);
    } catch {
      // Nothing stored to remove.
    }
  }, []);
  return { progress, update, clear, storageError };
}
