/**
 * One config field as a labelled control, driven by its field-table entry: a select for names, a
 * number box with the field's range, a comma-separated box for lists. A value outside the range is
 * shown as an error beside the box and not applied.
 */
import { useEffect, useState } from 'react';
import { checkField, type Field } from '../../core/config/fields';

export function FieldInput(props: {
  id: string;
  field: Field;
  value: unknown;
  disabled?: boolean;
  onChange: (v: unknown) => void;
  /** Told when the box starts or stops showing an error (null), so Play can refuse with the reason. */
  onError?: (id: string, error: string | null) => void;
}) {
  const { id, field, value, disabled } = props;
  const shown = Array.isArray(value) ? value.join(', ') : String(value);
  const [draft, setDraft] = useState<{ text: string; error: string | null; from: string } | null>(null);
  // A new value from outside (reset, URL, a scenario) replaces what was being typed.
  const text = draft && draft.from === shown ? draft.text : shown;
  const error = draft && draft.from === shown ? draft.error : null;
  const errorId = `${id}-error`;
  const { onError } = props;
  useEffect(() => {
    onError?.(id, error);
    return () => onError?.(id, null);
  }, [onError, id, error]);

  const commit = (t: string) => {
    let parsed: unknown;
    if ('kind' in field && field.kind === 'numberList') parsed = t.split(',').map((s) => (s.trim() === '' ? Number.NaN : Number(s)));
    else parsed = t.trim() === '' ? Number.NaN : Number(t);
    const problem = checkField(field, parsed);
    setDraft({ text: t, error: problem ? `${field.label} ${problem}` : null, from: shown });
    if (!problem) props.onChange(parsed);
  };

  if ('kind' in field && field.kind === 'enum') {
    return (
      <div className="field">
        <label htmlFor={id}>{field.label}</label>
        <select id={id} value={String(value)} disabled={disabled} title={field.help} onChange={(e) => props.onChange(e.target.value)}>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
    );
  }
  const isList = 'kind' in field && field.kind === 'numberList';
  const numeric = !isList ? (field as { min: number; max: number; integer?: boolean }) : null;
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        type={isList ? 'text' : 'number'}
        inputMode="decimal"
        value={text}
        min={numeric?.min}
        max={numeric?.max}
        step={numeric?.integer ? 1 : 'any'}
        disabled={disabled}
        title={field.help}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => commit(e.target.value)}
      />
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
