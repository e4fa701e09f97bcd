/**
 * A guided lesson, one step at a time: the step sets the controls, points at the part of the page
 * to watch (outlined and scrolled into view), asks for a prediction first, waits for the run or
 * trade-off it needs, and then explains the outcome with the learner's own numbers.
 */
import { useEffect, useState } from 'react';
import { readLessonProgress, type StoredLesson } from '../../core/teach/lessonProgress';
import { LESSONS, lessonById, type LessonContext, type LessonStep, type LessonTarget } from '../../core/teach/lessons';
import type { TeachContext } from '../../core/teach/runs';
import { StorageNotes } from './PracticePanel';
import { keepAside, readStored, removeStored, writeStored } from './storage';
import type { TeachLog } from './useTeachLog';

export const LESSON_KEY = 'mtrec.lesson.v1';

/** Where each target is on the page. */
const TARGETS: Record<LessonTarget, string> = {
  settings: 'aside.sidebar',
  transport: '[data-testid=training-card]',
  charts: '.grid.charts',
  results: '[data-testid=result-summary]',
  rerank: '[data-testid=rerank]',
  inspector: '[data-testid=inspector]',
};

interface Progress {
  lesson: string;
  step: number;
  /** Run and trade-off counts of the log (TeachLog.runCount, …) when the lesson started. */
  runsAtStart: number;
  tradeoffsAtStart: number;
  /** Counts when the step's action started counting (on entry, or when its prediction was made). */
  runsAtStep: number;
  tradeoffsAtStep: number;
  predictions: Record<number, number>;
}

export function LessonPanel(props: {
  ctx: TeachContext;
  log: TeachLog;
  onApply: (apply: NonNullable<LessonStep['apply']>) => void;
}) {
  const { log } = props;
  const now = { runsAtStart: log.runCount, tradeoffsAtStart: log.tradeoffCount, runsAtStep: log.runCount, tradeoffsAtStep: log.tradeoffCount };
  // A reload resumes the lesson at its step with the runs it had counted (the run log is kept
  // too); counts from a log that was cleared since start again from now.
  const [restored] = useState(() => {
    const { text, error } = readStored(LESSON_KEY);
    const { value, problem } = readLessonProgress(text);
    const aside = problem && text !== null ? keepAside(LESSON_KEY, text) : null;
    const notice = error ?? (problem ? `The saved lesson position could not be used (${problem})${aside ? `; it is kept under “${aside}”` : ''}.` : null);
    const c = value?.counts;
    const fits = c && c.runsAtStep <= log.runCount && c.tradeoffsAtStep <= log.tradeoffCount;
    const state: Progress | null = value && { lesson: value.lesson, step: value.step, predictions: value.predictions, ...(fits ? c : now) };
    return { state, notice };
  });
  const [state, setShown] = useState<Progress | null>(restored.state);
  const [notice, setNotice] = useState<string | null>(restored.notice);
  const [saveError, setSaveError] = useState<string | null>(null);
  /** Every change of position is saved as it is made (leaving the lesson forgets it). */
  const setState = (next: Progress | null) => {
    setShown(next);
    if (!next) {
      removeStored(LESSON_KEY);
      return;
    }
    const { runsAtStart, tradeoffsAtStart, runsAtStep, tradeoffsAtStep } = next;
    const stored: StoredLesson = { lesson: next.lesson, step: next.step, predictions: next.predictions, counts: { runsAtStart, tradeoffsAtStart, runsAtStep, tradeoffsAtStep } };
    setSaveError(writeStored(LESSON_KEY, JSON.stringify(stored)));
  };
  const notes = <StorageNotes error={saveError} notice={notice} onDismiss={() => setNotice(null)} />;
  const lesson = state ? lessonById(state.lesson) : undefined;
  const step = lesson && state ? lesson.steps[state.step] : undefined;

  // Outline and scroll to the part of the page the step points at (again when it appears).
  const target = step?.point ? TARGETS[step.point] : null;
  useEffect(() => {
    if (!target) return;
    const el = document.querySelector(target);
    if (!el) return;
    el.classList.add('lesson-spotlight');
    el.scrollIntoView({ behavior: 'smooth', block: 'start' });
    return () => el.classList.remove('lesson-spotlight');
  }, [target, log.runCount]);

  if (!lesson || !state || !step) {
    return (
      <div data-testid="lessons">
        <p className="small">Each lesson sets the controls for you, asks you to predict, and explains what happened with your own numbers.</p>
        <ul className="exercise-list">
          {LESSONS.map((l) => (
            <li key={l.id}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  const s: Progress = { lesson: l.id, step: 0, ...now, predictions: {} };
                  setState(s);
                  if (l.steps[0].apply) props.onApply(l.steps[0].apply);
                }}
              >
                {l.title}
              </button>
              <span className="small muted"> — {l.summary}</span>
            </li>
          ))}
        </ul>
        {notes}
      </div>
    );
  }

  const predicted = step.predict ? state.predictions[state.step] !== undefined : true;
  const done =
    !step.waitFor || (predicted && (step.waitFor === 'run' ? log.runCount > state.runsAtStep : log.tradeoffCount > state.tradeoffsAtStep));
  const lessonCtx: LessonContext = {
    ...props.ctx,
    // The log keeps the newest entries: the lesson's are the last (count − count at start) of them.
    lessonRuns: log.runs.slice(Math.max(0, log.runs.length - (log.runCount - state.runsAtStart))),
    lessonTradeoffs: log.tradeoffs.slice(Math.max(0, log.tradeoffs.length - (log.tradeoffCount - state.tradeoffsAtStart))),
    predictions: state.predictions,
  };
  const explanation = done && step.explain ? step.explain(lessonCtx) : '';
  const go = (to: number) => {
    const next = lesson.steps[to];
    setState({ ...state, step: to, runsAtStep: log.runCount, tradeoffsAtStep: log.tradeoffCount });
    if (next.apply && to > state.step) props.onApply(next.apply);
  };
  const last = state.step === lesson.steps.length - 1;
  return (
    <div data-testid="lesson" aria-live="polite">
      <p className="small muted">
        {lesson.title} — step {state.step + 1} of {lesson.steps.length}
      </p>
      <h3 data-testid="lesson-step-title">{step.title}</h3>
      <p>{step.body}</p>
      {step.predict && (
        <fieldset className="predict">
          <legend>Predict first: {step.predict.question}</legend>
          {step.predict.options.map((o, i) => (
            <label key={o} className="inline">
              <input
                type="radio"
                name={`predict-${state.lesson}-${state.step}`}
                checked={state.predictions[state.step] === i}
                onChange={() =>
                  // Runs and trade-offs count from the moment of the prediction.
                  setState({ ...state, predictions: { ...state.predictions, [state.step]: i }, runsAtStep: log.runCount, tradeoffsAtStep: log.tradeoffCount })
                }
              />{' '}
              {o}
            </label>
          ))}
        </fieldset>
      )}
      {!predicted && <p className="small muted">Make your prediction before you act: what happens before it does not count.</p>}
      {predicted && step.waitFor && !done && (
        <p className="small" data-testid="lesson-waiting">
          {step.waitFor === 'run' ? 'Waiting for a run to finish…' : 'Waiting for the trade-off to be computed…'}
        </p>
      )}
      {explanation && (
        <p className="explain" data-testid="lesson-explain">
          {explanation}
        </p>
      )}
      <div className="row wrap">
        <button type="button" className="secondary" disabled={state.step === 0} onClick={() => go(state.step - 1)}>
          Back
        </button>
        {!last && (
          <button type="button" disabled={!done} onClick={() => go(state.step + 1)}>
            Next
          </button>
        )}
        <button type="button" className="secondary" onClick={() => setState(null)}>
          {last ? 'Finish the lesson' : 'Leave the lesson'}
        </button>
      </div>
      {notes}
    </div>
  );
}
