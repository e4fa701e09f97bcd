/**
 * Interview practice: the exercises with their status; one opened shows the question, the task in
 * the playground, a check against the learner's runs, hints one at a time, and a model answer that
 * quotes their numbers. Progress stays in the browser and exports as a Markdown report.
 */
import { useState } from 'react';
import { EXERCISES, exerciseById } from '../../core/teach/exercises';
import { practiceReport } from '../../core/teach/progress';
import type { TeachContext } from '../../core/teach/runs';
import { scenarioById } from '../../core/teach/scenarios';
import { downloadText } from '../export';
import { usePractice } from './usePractice';

export function PracticePanel(props: { ctx: TeachContext; onLoadScenario: (id: string) => void }) {
  const { progress, update, clear, storageError, notice, dismissNotice } = usePractice();
  const storageNotes = <StorageNotes error={storageError} notice={notice} onDismiss={dismissNotice} />;
  const [openId, setOpenId] = useState<string | null>(null);
  const [showAnswer, setShowAnswer] = useState(false);
  // The last check's outcome, shown until the next check (also after leaving and reopening).
  const [lastResult, setLastResult] = useState<{ id: string; passed: boolean; message: string } | null>(null);
  const ex = openId ? exerciseById(openId) : undefined;
  const passed = EXERCISES.filter((e) => progress[e.id]?.passed).length;

  if (!ex) {
    return (
      <div data-testid="practice">
        <p className="small">
          {passed} of {EXERCISES.length} passed. Each exercise is a question an interviewer asks, with a task to do here and a check against your runs.
        </p>
        <ol className="exercise-list">
          {EXERCISES.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setOpenId(e.id);
                  setShowAnswer(false);
                }}
              >
                {e.topic}
              </button>{' '}
              {progress[e.id]?.passed ? <span className="tag">passed</span> : progress[e.id]?.checks ? <span className="tag alt">tried</span> : null}
            </li>
          ))}
        </ol>
        <div className="row wrap">
          <button type="button" className="secondary" onClick={() => downloadText('interview-practice.md', practiceReport(progress, props.ctx, new Date()), 'text/markdown')}>
            Export report
          </button>
          <button type="button" className="secondary" onClick={() => confirm('Forget all practice progress in this browser?') && clear()}>
            Reset progress
          </button>
        </div>
        {storageNotes}
      </div>
    );
  }

  const p = progress[ex.id];
  const hints = p?.hintsShown ?? 0;
  const scenario = ex.scenario ? scenarioById(ex.scenario) : undefined;
  return (
    <div data-testid="exercise" data-exercise={ex.id}>
      <button type="button" className="link small" onClick={() => setOpenId(null)}>
        ← All exercises
      </button>
      <h3>{ex.topic}</h3>
      <p className="question">
        <strong>{ex.question}</strong>
      </p>
      <p>
        <strong>Your task:</strong> {ex.task}
      </p>
      {scenario && (
        <button type="button" className="secondary" onClick={() => props.onLoadScenario(scenario.id)}>
          Load the scenario “{scenario.title}”
        </button>
      )}
      <div className="row wrap">
        <button
          type="button"
          onClick={() => {
            const r = ex.check(props.ctx);
            update(ex.id, (q) => ({ ...q, checks: q.checks + 1, lastCheck: r.message, passed: q.passed || r.passed, passedAt: q.passedAt ?? (r.passed ? new Date().toISOString() : null) }));
            setLastResult({ id: ex.id, passed: r.passed, message: r.message });
          }}
        >
          Check my work
        </button>
        <button type="button" className="secondary" disabled={hints >= ex.hints.length} onClick={() => update(ex.id, (q) => ({ ...q, hintsShown: Math.min(q.hintsShown + 1, ex.hints.length) }))}>
          {hints >= ex.hints.length ? 'No more hints' : `Show a hint (${hints + 1} of ${ex.hints.length})`}
        </button>
        <button type="button" className="secondary" aria-expanded={showAnswer} onClick={() => setShowAnswer(!showAnswer)}>
          {showAnswer ? 'Hide the model answer' : 'Show the model answer'}
        </button>
      </div>
      {lastResult?.id === ex.id && (
        <p role="status" className={lastResult.passed ? 'banner ok' : 'banner warn'} data-testid="check-result">
          <strong>{lastResult.passed ? 'Passed.' : 'Not yet.'}</strong> {lastResult.message}
        </p>
      )}
      {hints > 0 && (
        <ol className="hints small" aria-label="Hints">
          {ex.hints.slice(0, hints).map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ol>
      )}
      {showAnswer && (
        <div className="answer" data-testid="model-answer">
          <h4>Model answer</h4>
          <p>{ex.answer(props.ctx)}</p>
        </div>
      )}
      {storageNotes}
    </div>
  );
}

/** A failed save and a damaged stored record, shown wherever progress is. */
export function StorageNotes(props: { error: string | null; notice: string | null; onDismiss?: () => void }) {
  return (
    <>
      {props.error && (
        <p role="alert" className="error-text" data-testid="progress-save-error">
          {props.error}
        </p>
      )}
      {props.notice && (
        <p role="alert" className="banner warn small" data-testid="progress-notice">
          {props.notice}{' '}
          {props.onDismiss && (
            <button type="button" className="link small" onClick={props.onDismiss}>
              Dismiss
            </button>
          )}
        </p>
      )}
    </>
  );
}
