/** One slider per task weight. Under fixed weighting a move reaches the running trainer at once. */
import { WEIGHTING_FIELDS } from '../../core/train/config';

const MAX = 5;

export function WeightSliders(props: { weights: number[]; tasks: string[]; live: boolean; disabled?: boolean; onChange: (weights: number[]) => void }) {
  const field = WEIGHTING_FIELDS.weights;
  return (
    <fieldset className="weights" disabled={props.disabled}>
      <legend>Task weights {props.live ? <span className="muted small">(act live while training)</span> : <span className="muted small">(starting weights)</span>}</legend>
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
