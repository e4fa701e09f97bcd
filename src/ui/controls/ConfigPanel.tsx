/**
 * The control panel: every config field of every section, generated from the same field tables
 * that validate configs and drive the URL. Edits apply to the next run; the task weights of a
 * fixed weighting also act live on the run in progress (see WeightSliders).
 */
import { memo } from 'react';
import type { ExperimentConfig } from '../../core/experiment/config';
import { fieldApplies } from '../../core/experiment/applies';
import { configTables } from '../../core/experiment/url';
import { FieldInput } from './FieldInput';
import { WeightSliders } from './WeightSliders';

const SECTIONS: Array<{ key: keyof ExperimentConfig; title: string; open: boolean }> = [
  { key: 'model', title: 'Model', open: true },
  { key: 'weighting', title: 'Weighting', open: true },
  { key: 'training', title: 'Training', open: true },
  { key: 'world', title: 'World', open: false },
  { key: 'evaluation', title: 'Evaluation', open: false },
];

function ConfigPanelImpl(props: {
  config: ExperimentConfig;
  onChange: (section: keyof ExperimentConfig, name: string, value: unknown) => void;
  onWorldKind: (kind: 'shopper' | 'mmoe') => void;
  onLiveWeights: (weights: number[]) => void;
  /** A field box starts or stops showing an error (see FieldInput). */
  onFieldError?: (id: string, error: string | null) => void;
  tasks: string[];
  disabled?: boolean;
}) {
  const { config } = props;
  const tables = configTables(config.world.kind);
  return (
    <form className="config-panel" aria-label="Experiment settings" onSubmit={(e) => e.preventDefault()}>
      {SECTIONS.map(({ key, title, open }) => {
        const values = config[key] as unknown as Record<string, unknown>;
        return (
          <details key={key} open={open} className="config-section" data-section={key}>
            <summary>{title}</summary>
            {key === 'world' && (
              <div className="field">
                <label htmlFor="f-world-kind">World</label>
                <select id="f-world-kind" value={config.world.kind} disabled={props.disabled} onChange={(e) => props.onWorldKind(e.target.value as 'shopper' | 'mmoe')}>
                  <option value="shopper">shopper (click → purchase)</option>
                  <option value="mmoe">mmoe (synthetic regression, task relatedness p)</option>
                </select>
              </div>
            )}
            {key === 'weighting' && (
              <WeightSliders weights={config.weighting.weights} tasks={props.tasks} role={config.weighting.strategy === 'fixed' ? 'live' : config.weighting.strategy === 'conditioned' ? 'evaluate' : 'start'} disabled={props.disabled} onChange={props.onLiveWeights} />
            )}
            {(() => {
              const entries = Object.entries(tables[key]).filter(([name]) => !(key === 'weighting' && name === 'weights'));
              const input = ([name, field]: (typeof entries)[number]) => (
                <FieldInput
                  key={name}
                  id={`f-${key}-${name}`}
                  field={field}
                  value={values[name]}
                  disabled={props.disabled}
                  onChange={(v) => props.onChange(key, name, v)}
                  onError={props.onFieldError}
                />
              );
              // Settings that change nothing for this config wait behind a fold (shown on request).
              const idle = entries.filter(([name]) => !fieldApplies(config, key, name));
              return (
                <>
                  {entries.filter(([name]) => fieldApplies(config, key, name)).map(input)}
                  {idle.length > 0 && (
                    <details className="idle-fields" data-testid={`idle-${key}`}>
                      <summary className="small muted">
                        {idle.length} {idle.length === 1 ? 'setting does' : 'settings do'} nothing with these choices
                      </summary>
                      {idle.map(input)}
                    </details>
                  )}
                </>
              );
            })()}
          </details>
        );
      })}
    </form>
  );
}

export const ConfigPanel = memo(ConfigPanelImpl);
