/**
 * Opens the glossary entry of a metric from anywhere on the page: a context with `open(id)` and
 * one modal dialog. The entries (with the engine's doc comments) load on first use.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { GlossaryEntry } from './entries';
import type { GlossaryId } from './ids';

const Ctx = createContext<(id: GlossaryId) => void>(() => {});

/** Loads the glossary entries once (a separate chunk: the metrics' source text). */
export function loadGlossary(): Promise<GlossaryEntry[]> {
  return import('./entries').then((m) => m.GLOSSARY);
}

export function GlossaryProvider({ children }: { children: ReactNode }) {
  const [id, setId] = useState<GlossaryId | null>(null);
  const [entries, setEntries] = useState<GlossaryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const open = useCallback((next: GlossaryId) => {
    opener.current = document.activeElement;
    setId(next);
  }, []);
  useEffect(() => {
    if (id === null) return;
    if (!dialog.current?.open) dialog.current?.showModal();
    if (!entries) loadGlossary().then(setEntries, (e: Error) => setError(e.message));
  }, [id, entries]);
  const close = () => {
    dialog.current?.close();
  };
  const entry = entries?.find((e) => e.id === id);
  return (
    <Ctx.Provider value={open}>
      {children}
      <dialog
        ref={dialog}
        className="glossary-dialog"
        aria-labelledby="glossary-dialog-title"
        onClose={() => {
          setId(null);
          (opener.current as HTMLElement | null)?.focus?.();
        }}
      >
        {error && <p role="alert">The glossary could not load: {error}</p>}
        {!entry && !error && <p>Loading…</p>}
        {entry && <EntryView entry={entry} headingId="glossary-dialog-title" />}
        <button type="button" onClick={close} autoFocus>
          Close
        </button>
      </dialog>
    </Ctx.Provider>
  );
}

export function EntryView({ entry, headingId }: { entry: GlossaryEntry; headingId?: string }) {
  return (
    <article className="glossary-entry" data-testid={`glossary-${entry.id}`}>
      <h3 id={headingId}>{entry.name}</h3>
      <p>{entry.why}</p>
      <pre className="formula">{entry.definition}</pre>
      <p className="small muted">
        From the doc comment of <code>{entry.source}</code>, the code that computes it.
      </p>
    </article>
  );
}

export function useGlossary(): (id: GlossaryId) => void {
  return useContext(Ctx);
}
