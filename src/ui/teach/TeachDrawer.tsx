/**
 * The learning panel beside the playground: guided lessons and interview practice, in two tabs.
 * It stays mounted while closed so a lesson in progress is not lost.
 */
import { useState } from 'react';
import type { LessonStep } from '../../core/teach/lessons';
import type { TeachContext } from '../../core/teach/runs';
import { LessonPanel } from './LessonPanel';
import { PracticePanel } from './PracticePanel';
import type { TeachLog } from './useTeachLog';

export function TeachDrawer(props: {
  open: boolean;
  onClose: () => void;
  ctx: TeachContext;
  log: TeachLog;
  onApply: (apply: NonNullable<LessonStep['apply']>) => void;
  onLoadScenario: (id: string) => void;
  /** Why lessons and exercises cannot change settings now (a sweep is training); null when they can. */
  locked: string | null;
}) {
  const [tab, setTab] = useState<'lessons' | 'practice'>('lessons');
  return (
    <aside className="teach-drawer card" aria-label="Lessons and practice" hidden={!props.open} data-testid="teach-drawer">
      <div className="chart-head">
        <div role="tablist" aria-label="Learning" className="tabs small-tabs">
          {(['lessons', 'practice'] as const).map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
              {t === 'lessons' ? 'Guided lessons' : 'Interview practice'}
            </button>
          ))}
        </div>
        <button type="button" className="secondary" onClick={props.onClose}>
          Close<span className="sr-only"> the learning panel</span>
        </button>
      </div>
      {props.locked && (
        <p className="banner warn small" data-testid="teach-locked">
          {props.locked}
        </p>
      )}
      <fieldset className="plain" disabled={props.locked !== null}>
        <div hidden={tab !== 'lessons'}>
          <LessonPanel ctx={props.ctx} log={props.log} onApply={props.onApply} />
        </div>
        <div hidden={tab !== 'practice'}>
          <PracticePanel ctx={props.ctx} onLoadScenario={props.onLoadScenario} />
        </div>
      </fieldset>
    </aside>
  );
}
