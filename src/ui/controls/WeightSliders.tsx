/**
 * One slider per task weight. Under fixed weighting a move reaches the running trainer at once;
 * under the conditioned weighting a move after training evaluates the one trained model there.
 */
import { WEIGHTING_FIELDS } from '../../core/train/config';

const MAX = 5;

/** What a move does: acts on the running trainer, sets the starting weights, or picks where a conditioned model is evaluated. */
export type SliderRole = 'live' | 'start' | 'evaluate';

const HINTS: Record<SliderRole, string> = {
  live: '(act live while training)',
  start: '(starting weights)',
  evaluate: '(where the trained model is evaluated; moving them after training needs no retraining)',
};

export function WeightSliders(props: { weights: number[]; tasks: string[]; role: SliderRole; disabled?: boolean; onChange: (weights: number[]) => void }) {
  const field = WEIGHTING_FIELDS.weights;
  return (
    <fieldset className="weights" disabled={props.disabled}>
      <legend>
        Task weights <span className="muted small">{HINTS[props.role]}</span>
      </legend>
      {props.tasks.map((t, i) => {
        const id = `weight-${t}`;
        const v = props.weights[i] ?? 1;
        return (
          <div key={t} className="slider-row">
            <label htmlFor={id}>{t}</label>
            <input
              id={id}
              type="range"
              min={field.min}
              max={MAX}
              step={0.05}
              value={v}
              aria-valuetext={v.toFixed(2)}
              onChange={(e) => {
                const next = props.tasks.map((_, k) => props.weights[k] ?? 1);
                next[i] = Number(e.target.value);
                props.onChange(next);
              }}
            />
            <output htmlFor={id}>{v.toFixed(2)}</output>
          </div>
        );
      })}
    </fieldset>
  );
}
