/** A metric's label with a button that opens its glossary entry (formula and convention). */
import type { ReactNode } from 'react';
import { useGlossary } from './GlossaryContext';
import type { GlossaryId } from './ids';

export function MetricLabel({ id, children, name }: { id: GlossaryId; children: ReactNode; name?: string }) {
  const open = useGlossary();
  const label = name ?? (typeof children === 'string' ? children : id);
  return (
    <span className="metric-label">
      {children}
      <button type="button" className="gloss" onClick={() => open(id)} aria-label={`What is ${label}? Open the glossary`} title={`What is ${label}?`}>
        ?
      </button>
    </span>
  );
}
