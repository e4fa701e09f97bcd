/** Every glossary entry on one page (the glossary tab). */
import { useEffect, useState } from 'react';
import type { GlossaryEntry } from './entries';
import { EntryView, loadGlossary } from './GlossaryContext';

export function GlossaryPage() {
  const [entries, setEntries] = useState<GlossaryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadGlossary().then(setEntries, (e: Error) => setError(e.message));
  }, []);
  return (
    <section className="card" aria-labelledby="glossary-title">
      <h2 id="glossary-title">Glossary of metrics</h2>
      <p className="muted">Each definition is the doc comment of the engine function that computes the number, so the page and the code say the same thing.</p>
      {error && <p role="alert">The glossary could not load: {error}</p>}
      {!entries && !error && <p>Loading…</p>}
      {entries?.map((e) => <EntryView key={e.id} entry={e} />)}
    </section>
  );
}
