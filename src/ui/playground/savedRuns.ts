/**
 * Finished runs kept across reloads, in IndexedDB (idb-keyval: a small, well-kept wrapper that
 * turns IndexedDB's request/transaction events into promises). IndexedDB rather than localStorage:
 * a session is a few hundred kB to a few MB of numbers (localStorage holds ~5 MB of text per site,
 * shared with the practice progress) and structured cloning keeps NaN, which JSON would turn into null.
 *
 * Each tab keeps its own session (its id lives in sessionStorage, which survives a reload of that
 * tab only), so two open tabs never overwrite each other's runs; a new tab starts from the most
 * recently saved session. What is kept and how it is read back is decided in core/teach/saved.ts.
 * Every call reports failure instead of throwing: a private window or blocked storage must not
 * break the page, only say that runs will not be kept.
 */
import { clear, createStore, del, get, set, update, type UseStore } from 'idb-keyval';
import { readSavedSession, trimSession, type SavedSession } from '../../core/teach/saved';

const DB = 'mtrec-playground';
const STORE = 'saved-runs';
/** sessionStorage key of this tab's id. */
const TAB_KEY = 'mtrec.tab';
/** IndexedDB key of the list of tab sessions, newest last. */
const INDEX_KEY = 'index';
/** Tab sessions kept; older ones are deleted as new tabs save. */
export const MAX_TAB_SESSIONS = 5;
/** A load that has not answered by then (a blocked database upgrade) starts the page empty. */
const LOAD_TIMEOUT_MS = 3000;

interface IndexEntry {
  tab: string;
  savedAt: string;
}

let db: UseStore | null = null;
function store(): UseStore {
  db ??= createStore(DB, STORE);
  return db;
}

function tabId(): string {
  try {
    let id = sessionStorage.getItem(TAB_KEY);
    if (!id) {
      id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      sessionStorage.setItem(TAB_KEY, id);
    }
    return id;
  } catch {
    return 'shared';
  }
}

const sessionKey = (tab: string) => `session:${tab}`;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export interface LoadedSession {
  session: SavedSession;
  /** Entries left out as unreadable, in words (empty when all were read). */
  problems: string[];
  /** Why nothing could be read (storage blocked, timed out), or null. */
  error: string | null;
}

/** This tab's saved session, else the most recently saved one of another tab, else an empty one. */
export async function loadSaved(): Promise<LoadedSession> {
  const read = async (): Promise<LoadedSession> => {
    const s = store();
    let raw: unknown = await get(sessionKey(tabId()), s);
    if (raw === undefined) {
      const index = ((await get<IndexEntry[]>(INDEX_KEY, s)) ?? []).filter((e) => typeof e?.tab === 'string');
      const newest = index.at(-1);
      if (newest) raw = await get(sessionKey(newest.tab), s);
    }
    const { session, problems } = readSavedSession(raw);
    return { session, problems, error: null };
  };
  const empty = readSavedSession(undefined).session;
  try {
    return await Promise.race([
      read(),
      new Promise<LoadedSession>((resolve) =>
        setTimeout(() => resolve({ session: empty, problems: [], error: 'Saved runs did not load in time (another tab may be upgrading the storage); this page starts empty.' }), LOAD_TIMEOUT_MS),
      ),
    ]);
  } catch (e) {
    return { session: empty, problems: [], error: `Saved runs cannot be read in this browser (${message(e)}).` };
  }
}

/** Saves this tab's session (bounded by trimSession); returns why it failed, or null. */
export async function saveSession(session: SavedSession): Promise<string | null> {
  const tab = tabId();
  const s = store();
  try {
    const kept = trimSession({ ...session, savedAt: new Date().toISOString() });
    await set(sessionKey(tab), kept, s);
    let dropped: IndexEntry[] = [];
    await update<IndexEntry[]>(
      INDEX_KEY,
      (old) => {
        const list = (Array.isArray(old) ? old : []).filter((e) => typeof e?.tab === 'string' && e.tab !== tab);
        list.push({ tab, savedAt: kept.savedAt });
        dropped = list.slice(0, Math.max(0, list.length - MAX_TAB_SESSIONS));
        return list.slice(-MAX_TAB_SESSIONS);
      },
      s,
    );
    for (const e of dropped) await del(sessionKey(e.tab), s);
    return null;
  } catch (e) {
    return `Finished runs could not be kept in this browser (${message(e)}); export a run to keep it.`;
  }
}

/** Deletes every saved session of every tab; returns why it failed, or null. */
export async function clearSaved(): Promise<string | null> {
  try {
    await clear(store());
    return null;
  } catch (e) {
    return `Saved runs could not be cleared (${message(e)}).`;
  }
}
