/**
 * Interview-practice progress in localStorage, kept across visits and tabs: what is read is
 * validated (`readProgress`); an unreadable record is kept aside and the learner told; every save
 * merges with what another tab stored meanwhile, and the `storage` event brings another tab's
 * saves in at once; a failed save is shown, never fatal.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { EMPTY_PROGRESS, mergeProgress, readProgress, type ExerciseProgress, type PracticeProgress } from '../../core/teach/progress';
import { keepAside, readStored, removeStored, writeStored } from './storage';

export const PRACTICE_KEY = 'mtrec.practice.v1';

/** What was found on load: the progress, and a notice when the stored record was damaged. */
function load(): { progress: PracticeProgress; notice: string | null } {
  const { text, error } = readStored(PRACTICE_KEY);
  if (error) return { progress: {}, notice: error };
  const { progress, problem } = readProgress(text);
  if (!problem || text === null) return { progress, notice: null };
  const aside = keepAside(PRACTICE_KEY, text);
  return {
    progress,
    notice: `Saved progress could not be read whole (${problem}). ${aside ? `The old record is kept in this browser's storage under “${aside}”; ` : ''}what could be read is shown.`,
  };
}

export function usePractice() {
  const [initial] = useState(load);
  const [progress, setProgress] = useState<PracticeProgress>(initial.progress);
  // The latest progress outside React's updaters, so saving (a side effect) happens once, here.
  const latest = useRef(initial.progress);
  const show = useCallback((next: PracticeProgress) => {
    latest.current = next;
    setProgress(next);
  }, []);
  const [notice, setNotice] = useState<string | null>(initial.notice);
  const [storageError, setStorageError] = useState<string | null>(null);

  // Another tab saved: take its progress in (merged, so neither tab's hints or checks are lost).
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key !== PRACTICE_KEY || e.newValue === null) return;
      show(mergeProgress(latest.current, readProgress(e.newValue).progress));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [show]);

  const update = useCallback(
    (id: string, change: (p: ExerciseProgress) => ExerciseProgress) => {
      const all = latest.current;
      const changed = { ...all, [id]: change(all[id] ?? EMPTY_PROGRESS) };
      // Read-merge-write: a save never drops what another tab stored since this one last read.
      const stored = readStored(PRACTICE_KEY);
      const next = stored.text ? mergeProgress(changed, readProgress(stored.text).progress) : changed;
      show(next);
      setStorageError(writeStored(PRACTICE_KEY, JSON.stringify(next)));
    },
    [show],
  );

  const clear = useCallback(() => {
    show({});
    setNotice(null);
    removeStored(PRACTICE_KEY);
  }, [show]);
  return { progress, update, clear, storageError, notice, dismissNotice: () => setNotice(null) };
}
