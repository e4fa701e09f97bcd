/**
 * The scenarios: named starting points with their stories, loaded in one click (the URL then names
 * the scenario, so the link can be shared). The loaded scenario's story and what to watch stay on
 * screen until another is chosen.
 */
import { memo, useMemo, useState } from 'react';
import type { RunRecord } from '../../core/teach/runs';
import { SCENARIOS, scenarioById } from '../../core/teach/scenarios';
import { scenarioVerdict, type VerdictStatus } from '../../core/teach/verdicts';

const MARK: Record<VerdictStatus, string> = {
  'as-promised': '✓',
  'within-noise': '≈',
  against: '✗',
  'one-seed': '…',
  'not-run': '…',
  'bench-only': '·',
};

function ScenarioPickerImpl(props: { current: string | null; onLoad: (id: string) => void; disabled: boolean; runs: readonly RunRecord[] }) {
  // Folded by default: the first screen must show what to do (the story, Play, the chart), and the
  // seven scenario cards would push all of that below the fold.
  const [open, setOpen] = useState(false);
  // A scenario loaded from elsewhere (a lesson, an exercise) folds the list away too.
  const [seen, setSeen] = useState(props.current);
  if (props.current !== seen) {
    setSeen(props.current);
    if (props.current !== null) setOpen(false);
  }
  const current = props.current ? scenarioById(props.current) : undefined;
  const verdict = useMemo(() => (current ? scenarioVerdict(current, props.runs) : []), [current, props.runs]);
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
          <details className="verdict" data-testid="scenario-verdict" open={verdict.some((v) => v.difference !== null)}>
            <summary>What your runs show ({verdict.filter((v) => v.status === 'as-promised').length} of {verdict.length} claims confirmed so far)</summary>
            <ul className="small">
              {verdict.map((v) => (
                <li key={v.claimId} data-status={v.status}>
                  <span aria-hidden="true">{MARK[v.status]} </span>
                  <strong>{v.statement}</strong> {v.text}
                </li>
              ))}
            </ul>
          </details>
        </div>
      )}
      {!current && (
        <div data-testid="scenario-story">
          <p>
            Default settings: 2,000 simulated shoppers who click and buy, and an MMoE model that learns both. Press Play and watch the two loss
            curves fall; then choose a scenario to explore one effect.
          </p>
        </div>
      )}
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
