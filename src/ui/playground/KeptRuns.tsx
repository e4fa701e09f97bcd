/**
 * Finished work kept across reloads: saves the page's session (run log, trade-offs, pins, the run
 * on screen) shortly after it changes, says what was restored and how much is kept, and offers to
 * forget it all.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeSession, KEEP_PINS, KEEP_RUNS, KEEP_TRADEOFFS, SAVED_VERSION, sessionBytes, type SavedSession } from '../../core/teach/saved';
import { formatBytes } from '../../core/experiment/cost';
import type { TeachLog } from '../teach/useTeachLog';
import type { PinnedRun } from './pins';
import { saveSession, type LoadedSession } from './savedRuns';
import type { RunView } from './runStore';

/** Saves wait this long after the last change, so a burst of changes is one write. */
const SAVE_DELAY_MS = 400;

export function useKeptRuns(input: { loaded: LoadedSession | null; log: TeachLog; pins: PinnedRun[]; lastRun: number; latest: { id: number; view: RunView } | null }) {
  const { log, pins, lastRun, latest } = input;
  const session = useMemo<SavedSession>(
    () => ({
      version: SAVED_VERSION,
      savedAt: '',
      lastRun,
      runs: log.runs,
      runCount: log.runCount,
      tradeoffs: log.tradeoffs,
      tradeoffCount: log.tradeoffCount,
      pins: pins.map((p) => ({ id: p.id, name: p.name, result: p.result, view: p.view })),
      latest,
    }),
    [log, pins, lastRun, latest],
  );
  const [error, setError] = useState<string | null>(input.loaded?.error ?? null);
  const first = useRef(true);
  useEffect(() => {
    // The session as loaded needs no write.
    if (first.current) {
      first.current = false;
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      saveSession(session).then((e) => live && setError(e));
    }, SAVE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [session]);
  const bytes = useMemo(() => sessionBytes(session), [session]);
  return { session, bytes, error, setError };
}

/** What was restored on load, in words (null when nothing was kept and nothing went wrong). */
export function restoredNotice(loaded: LoadedSession | null): string | null {
  if (!loaded) return null;
  const s = loaded.session;
  const parts: string[] = [];
  if (s.runs.length || s.pins.length || s.tradeoffs.length) {
    const when = Date.parse(s.savedAt) > 0 ? ` (saved ${new Date(s.savedAt).toLocaleString()})` : '';
    parts.push(
      `Restored from your last visit${when}: ${describeSession(s)}. Trained models are not kept across a reload, so the shopper inspector and the re-ranking need a new run.`,
    );
  }
  if (loaded.problems.length) {
    parts.push(`${loaded.problems.length} saved ${loaded.problems.length === 1 ? 'entry' : 'entries'} could not be read and ${loaded.problems.length === 1 ? 'was' : 'were'} left out (${loaded.problems[0].slice(0, 200)}).`);
  }
  return parts.length ? parts.join(' ') : null;
}

/** What a reload restored, until dismissed. */
export function RestoredNotice({ text, onDismiss }: { text: string | null; onDismiss: () => void }) {
  if (!text) return null;
  return (
    <div role="status" className="banner info" data-testid="restored-notice">
      <p>{text}</p>
      <button type="button" className="secondary" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** How much is kept, and a button to forget it. */
export function KeptRuns(props: { session: SavedSession; bytes: number; error: string | null; disabled: boolean; onForget: () => void }) {
  const { session } = props;
  const empty = !session.runs.length && !session.pins.length && !session.tradeoffs.length;
  if (empty && !props.error) return null;
  return (
    <section className="card kept-runs" aria-labelledby="kept-title" data-testid="kept-runs">
      <h3 id="kept-title">Kept in this browser</h3>
      <p className="small">
        {describeSession(session)}, about {formatBytes(props.bytes)}. Finished runs survive a reload; the newest {KEEP_RUNS} runs, {KEEP_TRADEOFFS} trade-offs and{' '}
        {KEEP_PINS} pinned runs are kept, each tab its own. Trained models are not kept.
      </p>
      {props.error && (
        <p className="banner warn small" role="status" data-testid="kept-error">
          {props.error}
        </p>
      )}
      {!empty && (
        <button
          type="button"
          className="secondary"
          disabled={props.disabled}
          onClick={() => {
            if (confirm('Forget every finished run, pinned run and trade-off kept in this browser? Lessons and exercises that quote them will need new runs.')) props.onForget();
          }}
        >
          Forget saved runs
        </button>
      )}
    </section>
  );
}
