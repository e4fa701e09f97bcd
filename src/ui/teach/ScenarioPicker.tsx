/**
 * The scenarios: named starting points with their stories, loaded in one click (the URL then names
 * the scenario, so the link can be shared). The loaded scenario's story and what to watch stay on
 * screen until another is chosen.
 */
import { memo, useState } from 'react';
import { SCENARIOS, scenarioById } from '../../core/teach/scenarios';

function ScenarioPickerImpl(props: { current: string | null; onLoad: (id: string) => void; disabled: boolean }) {
  const [open, setOpen] = useState(props.current === null);
  // A scenario loaded from elsewhere (a lesson, an exercise) folds the list away too.
  const [seen, setSeen] = useState(props.current);
  if (props.current !== seen) {
    setSeen(props.current);
    if (props.current !== null) setOpen(false);
  }
  const current = props.current ? scenarioById(props.current) : undefined;
  return (
    <section className="card scenarios" aria-labelledby="scenarios-title" data-testid="scenarios">
      <div className="chart-head">
        <h2 id="scenarios-title">{current ? `Scenario: ${current.title}` : 'Scenarios'}</h2>
        <button type="button" className="secondary" aria-expanded={open} aria-controls="scenario-list" onClick={() => setOpen(!open)}>
          {open ? 'Hide scenarios' : 'Choose a scenario'}
        </button>
      </div>
      {current && (
        <div data-testid="scenario-story">
          <p>{current.story}</p>
          <p className="small">
            <strong>Watch:</strong> {current.watch}
          </p>
        </div>
      )}
      {!current && !open && <p className="muted small">Named starting points for a class, a demo or interview practice.</p>}
      {open && (
        <ul id="scenario-list" className="scenario-list">
          {SCENARIOS.map((s) => (
            <li key={s.id} className={s.id === props.current ? 'scenario selected' : 'scenario'}>
              <h3>{s.title}</h3>
              <p className="small">{s.story}</p>
              <button
                type="button"
                disabled={props.disabled}
                onClick={() => {
                  props.onLoad(s.id);
                  setOpen(false);
                }}
              >
                Load<span className="sr-only"> the scenario “{s.title}”</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ScenarioPicker = memo(ScenarioPickerImpl);
