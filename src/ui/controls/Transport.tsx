/** Play / pause, step one batch, step one epoch, reset, speed; and the run's progress line. */
import type { TrainingState } from '../playground/useTraining';
import type { RunView } from '../playground/runStore';
import { fmtInt } from '../format';
import { formatLeft } from '../../core/experiment/eta';

export const SPEEDS = [
  { label: 'Full speed', delayMs: 0 },
  { label: 'Fast (≤ 50 steps/s)', delayMs: 20 },
  { label: 'Slow (≤ 10 steps/s)', delayMs: 100 },
  { label: 'Very slow (≤ 2 steps/s)', delayMs: 500 },
];

export function Transport(props: {
  state: TrainingState;
  view: RunView | null;
  delayMs: number;
  busy: boolean;
  /** Why Play cannot start a run now (a settings error, a config too large); null when it can. */
  blocked: string | null;
  /** The next run's estimated memory and time, in words. */
  estimate: string;
  /** Seconds left of the run in progress (from its measured phase times), null while there is no figure. */
  secondsLeft: number | null;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onStepEpoch: () => void;
  /** Absent while Reset must not act (a sweep is training). */
  onReset?: () => void;
  onSpeed: (ms: number) => void;
}) {
  const { phase, stage, stageFraction } = props.state;
  const stageText = `${stage ?? 'preparing'}${stageFraction !== null && stageFraction > 0 ? ` ${Math.floor(stageFraction * 100)}%` : ''}`;
  const running = phase === 'running';
  const view = props.view;
  const progress = view && view.totalSteps > 0 ? view.step / view.totalSteps : 0;
  const seed = props.state.seed;
  const status =
    seed && (phase === 'running' || phase === 'paused')
      ? `${phase === 'paused' ? 'Paused: s' : 'S'}eed ${seed.index} of ${seed.count}: ${stageText}… (the charts show seed 1)`
      : phase === 'idle'
      ? `Ready. Press Play to train with these settings (${props.estimate}).`
      : phase === 'error'
        ? 'Stopped by an error.'
        : phase === 'finished'
          ? `Finished: ${props.state.outcome?.result.training.status ?? ''} after ${fmtInt(props.state.outcome?.result.training.steps ?? 0)} steps.`
          : stage !== 'training' && stage !== null
            ? `${phase === 'paused' ? 'Paused' : stage === 'evaluation' ? 'Evaluating on the test split' : 'Preparing'}${stage === 'evaluation' ? '' : `: ${stage}`}${stageFraction ? ` ${Math.floor(stageFraction * 100)}%` : ''}…`
            : `${phase === 'paused' ? 'Paused' : 'Training'}: epoch ${view?.epoch ?? 0}, step ${fmtInt(view?.step ?? 0)}${view?.totalSteps ? ` of ${fmtInt(view.totalSteps)}` : ''}${view?.samplesPerSecond ? `, ${fmtInt(Math.round(view.samplesPerSecond))} samples/s` : ''}`;
  // The time left joins the line once there is a figure (after about a second of measuring).
  const left = (phase === 'running' || phase === 'paused') && props.secondsLeft !== null ? ` · ${formatLeft(props.secondsLeft)}` : '';
  const announce =
    phase === 'idle'
      ? ''
      : phase === 'running' || phase === 'paused'
        ? `${seed ? `Seed ${seed.index} of ${seed.count}: ` : ''}${phase === 'paused' ? 'Paused' : stage === 'training' ? 'Training' : stage === 'evaluation' ? 'Evaluating' : 'Preparing'}`
        : status;
  return (
    <div className="transport" role="group" aria-label="Training controls" id="training-controls" tabIndex={-1}>
      <div className="row wrap">
        {running ? (
          <button
            type="button"
            // The second click of a double-click on Play lands here once the button has turned
            // into Pause; it is part of pressing Play, not a request to pause.
            onClick={(e) => e.detail < 2 && props.onPause()}
            aria-keyshortcuts="Space"
          >
            ⏸ Pause
          </button>
        ) : (
          <button type="button" onClick={props.onPlay} disabled={props.busy || props.blocked !== null} aria-describedby={props.blocked ? 'play-blocked' : undefined} aria-keyshortcuts="Space">
            ▶ {phase === 'paused' ? 'Resume' : 'Play'}
          </button>
        )}
        <button type="button" className="secondary" onClick={props.onStep} disabled={running || props.busy || props.blocked !== null}>
          Step batch
        </button>
        <button type="button" className="secondary" onClick={props.onStepEpoch} disabled={running || props.busy || props.blocked !== null}>
          Step epoch
        </button>
        <button type="button" className="secondary" onClick={props.onReset} disabled={phase === 'idle' || !props.onReset}>
          ↺ Reset
        </button>
        <label htmlFor="speed">Speed</label>
        <select id="speed" value={props.delayMs} onChange={(e) => props.onSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s.delayMs} value={s.delayMs}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      {props.blocked && (
        <p id="play-blocked" className="error-text small" data-testid="play-blocked">
          Play is off: {props.blocked}
        </p>
      )}
      <p className="status" data-testid="run-status">
        {status}
        {left && <span data-testid="run-eta">{left}</span>}
      </p>
      {/* What a screen reader hears: phase changes only, not every step the status line counts. */}
      <p className="sr-only" aria-live="polite" data-testid="run-announce">
        {announce}
      </p>
      {(phase === 'running' || phase === 'paused') && <progress max={1} value={progress} aria-label="Training progress" />}
    </div>
  );
}
