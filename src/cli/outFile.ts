/**
 * The runner's `--out` file: checked before any training, then rewritten after every run, so a
 * long file of runs that is interrupted, or dies, leaves every finished run on disk in one
 * complete, valid JSON file. Each write goes to a temporary file beside the target and is renamed
 * over it (a rename within a folder is atomic), so a reader never sees half a file.
 */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** What the file says about the whole job, so an older file can never pass for a current one. */
export type OutStatus = 'running' | 'complete' | 'interrupted' | 'failed';

/** The file as written: the job's status, how far it got, and one entry per finished run. */
export interface OutFile<R> {
  runner: 'npm run lab';
  status: OutStatus;
  /** Runs finished (each in `runs`) and runs in the file. */
  finished: number;
  total: number;
  /** When this version of the file was written (ISO 8601). */
  writtenAt: string;
  /** Why the job stopped early (interrupted or failed); absent otherwise. */
  note?: string;
  runs: R[];
}

/** A `--out` path that cannot be used: the runner exits 2 with the message before training. */
export class OutPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutPathError';
  }
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** JSON text of a file: non-finite numbers (a diverged loss) as strings, which JSON cannot hold. */
export function outText<R>(file: OutFile<R>): string {
  return JSON.stringify(file, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 1);
}

/** Writes `text` to `path` through a temporary file in the same folder and a rename. */
export function writeAtomically(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Checks that `path` can take the results and writes a first file (status "running", no runs), so
 * an older file at the path stops looking current at once.
 * @throws OutPathError naming what is wrong: a folder, a device, a missing or unwritable folder.
 */
export function prepareOut<R>(path: string, total: number): string {
  const full = resolve(path);
  if (existsSync(full)) {
    const st = statSync(full);
    if (st.isDirectory()) throw new OutPathError(`--out ${path} is a folder; give a file name, e.g. ${join(path, 'result.json')}`);
    if (!st.isFile()) throw new OutPathError(`--out ${path} is not a regular file (a device or a pipe); give a file path`);
  }
  const folder = dirname(full);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new OutPathError(`--out ${path}: the folder ${folder} does not exist`);
  const first: OutFile<R> = { runner: 'npm run lab', status: 'running', finished: 0, total, writtenAt: new Date().toISOString(), runs: [] };
  try {
    writeAtomically(full, outText(first));
  } catch (e) {
    throw new OutPathError(`--out ${path} cannot be written (${reason(e)}); choose a writable place`);
  }
  return full;
}
