/**
 * A page's finished work as it is kept across reloads: the run log the lessons and exercises read,
 * the trade-offs, the pinned runs and the run on screen. The page stores it in IndexedDB; this
 * module decides what is kept (bounded: the newest KEEP_RUNS runs, …) and reads a stored session
 * back strictly, entry by entry: an entry that does not fit (damaged, or written by another version)
 * is left out and counted, never half-drawn.
 */
import { isRecord } from '../config/fields';
import { int, nullable, obj, str, type Shape } from '../config/shape';
import type { ExperimentResult } from '../experiment/run';
import type { TradeoffResult } from '../rerank/tradeoff';
import type { RunView } from '../telemetry/runView';
import type { RunRecord } from './runs';
import { EXPERIMENT_RESULT, RUN_VIEW, TRADEOFF_RESULT } from './savedShapes';

export const SAVED_VERSION = 1;
/** Finished runs kept (the lessons' and exercises' log). */
export const KEEP_RUNS = 50;
/** Trade-offs kept. */
export const KEEP_TRADEOFFS = 20;
/** Pinned runs kept (each holds its chart view, the largest part of a session). */
export const KEEP_PINS = 20;

/** A pinned run as kept: the trained model itself stays in the worker and is not kept. */
export interface SavedPin {
  id: number;
  name: string;
  result: ExperimentResult;
  view: RunView;
}

export interface SavedSession {
  version: typeof SAVED_VERSION;
  /** ISO time of the save. */
  savedAt: string;
  /** The highest run number used; the next run is numbered after it. */
  lastRun: number;
  /** Finished runs, oldest first: the newest KEEP_RUNS. */
  runs: RunRecord[];
  /** Runs ever added to the log (keeps counting past KEEP_RUNS; lessons count new runs with it). */
  runCount: number;
  /** Computed trade-offs, oldest first: the newest KEEP_TRADEOFFS. */
  tradeoffs: TradeoffResult[];
  tradeoffCount: number;
  pins: SavedPin[];
  /** The run on screen: its number and chart view (its result is the log entry with that id). */
  latest: { id: number; view: RunView } | null;
}

export function emptySession(): SavedSession {
  return { version: SAVED_VERSION, savedAt: new Date(0).toISOString(), lastRun: 0, runs: [], runCount: 0, tradeoffs: [], tradeoffCount: 0, pins: [], latest: null };
}

/** Bounds a session to what is kept: the newest runs, trade-offs and pins; `latest` only if its run is kept. */
export function trimSession(s: SavedSession): SavedSession {
  const runs = s.runs.slice(-KEEP_RUNS);
  const latest = s.latest && runs.some((r) => r.id === s.latest!.id) ? s.latest : null;
  return { ...s, runs, tradeoffs: s.tradeoffs.slice(-KEEP_TRADEOFFS), pins: s.pins.slice(-KEEP_PINS), latest };
}

const RUN_RECORD: Shape<RunRecord> = obj<RunRecord>({ id: int, name: str, result: EXPERIMENT_RESULT });
const PIN: Shape<SavedPin> = obj<SavedPin>({ id: int, name: str, result: EXPERIMENT_RESULT, view: RUN_VIEW });
const LATEST = nullable(obj<{ id: number; view: RunView }>({ id: int, view: RUN_VIEW }));
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null);

/** A stored session read back: what can be used, and what was left out and why. */
export interface ReadSession {
  session: SavedSession;
  /** One line per entry or part left out (empty: everything was read). */
  problems: string[];
}

/**
 * Reads a stored session strictly. A record of another version is not read at all (said in
 * `problems`); within a record of this version each run, trade-off and pin is checked on its own
 * (result, config and chart view in full) and a bad one is left out; counts are repaired to be at
 * least what was kept, and run numbers to be unique and below `lastRun`.
 */
export function readSavedSession(raw: unknown): ReadSession {
  if (raw === undefined || raw === null) return { session: emptySession(), problems: [] };
  if (!isRecord(raw)) return { session: emptySession(), problems: ['the saved runs are not a record'] };
  if (raw.version !== SAVED_VERSION) return { session: emptySession(), problems: [`the saved runs were written by another version of the page (format ${JSON.stringify(raw.version)?.slice(0, 20)})`] };
  const problems: string[] = [];
  const list = <T>(key: string, shape: Shape<T>, max: number, what: string): T[] => {
    const v = Object.hasOwn(raw, key) ? raw[key] : undefined;
    if (!Array.isArray(v)) {
      if (v !== undefined) problems.push(`the saved ${what} are not a list`);
      return [];
    }
    const out: T[] = [];
    // Array.from: the stored list itself may carry a junk `constructor`, which slice would call.
    Array.from(v).slice(-max).forEach((e, i) => {
      const problem = shape.check(e, `${what}[${i}]`);
      if (problem) problems.push(problem);
      else out.push(e as T);
    });
    return out;
  };
  const seen = new Set<number>();
  const unique = <T extends { id: number }>(entries: T[], what: string): T[] =>
    entries.filter((e) => {
      if (seen.has(e.id)) {
        problems.push(`${what} ${e.id} appears twice`);
        return false;
      }
      seen.add(e.id);
      return true;
    });
  const runs = unique(list('runs', RUN_RECORD, KEEP_RUNS, 'runs'), 'run');
  seen.clear();
  const pins = unique(list('pins', PIN, KEEP_PINS, 'pinned runs'), 'pinned run');
  const tradeoffs = list('tradeoffs', TRADEOFF_RESULT, KEEP_TRADEOFFS, 'trade-offs');
  const latestProblem = LATEST.check(raw.latest ?? null, 'latest');
  if (latestProblem) problems.push(latestProblem);
  const latestRaw = latestProblem ? null : (raw.latest as SavedSession['latest'] | undefined) ?? null;
  const latest = latestRaw && runs.some((r) => r.id === latestRaw.id) ? latestRaw : null;
  const maxId = Math.max(0, ...runs.map((r) => r.id), ...pins.map((p) => p.id));
  const session: SavedSession = {
    version: SAVED_VERSION,
    savedAt: typeof raw.savedAt === 'string' && !Number.isNaN(Date.parse(raw.savedAt)) ? raw.savedAt : new Date(0).toISOString(),
    lastRun: Math.max(maxId, count(raw.lastRun) ?? 0),
    runs,
    runCount: Math.max(runs.length, count(raw.runCount) ?? 0),
    tradeoffs,
    tradeoffCount: Math.max(tradeoffs.length, count(raw.tradeoffCount) ?? 0),
    pins,
    latest,
  };
  return { session, problems };
}

/** What a session holds, in words for the page: "12 runs, 2 pinned, 1 trade-off". */
export function describeSession(s: SavedSession): string {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return [n(s.runs.length, 'run', 'runs'), `${s.pins.length} pinned`, n(s.tradeoffs.length, 'trade-off', 'trade-offs')].join(', ');
}

/** Approximate stored size of a session in bytes (its JSON length; IndexedDB's own encoding is of the same order). */
export function sessionBytes(s: SavedSession): number {
  return JSON.stringify(s).length;
}
