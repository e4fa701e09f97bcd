/**
 * Owns the playground worker: starts it on first use, wraps it with comlink, and turns a crash
 * (an uncaught error or a failed load inside the worker) into a rejected call and a callback,
 * instead of RPC promises that never settle. After a crash the next call starts a fresh worker.
 *
 * A worker can also stop without any error event (closed, or killed by the browser): it then goes
 * silent. The worker posts a heartbeat every second; any message counts as a sign of life. Calls in
 * flight through a silence of SILENT_BUSY_MS are rejected and the worker replaced; a new call to a
 * worker silent for SILENT_IDLE_MS first waits PROBE_MS for a sign of life and otherwise starts a
 * fresh worker, so Play after a silent death trains instead of waiting forever.
 */
import * as Comlink from 'comlink';
import { PROBE_MS, SILENT_BUSY_MS, SILENT_IDLE_MS } from '../../worker/heartbeat';
import type { PlaygroundApi } from '../../worker/playgroundApi';

export class WorkerClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<PlaygroundApi> | null = null;
  private crashed: Promise<never> = new Promise(() => {});
  private fail: (message: string) => void = () => {};
  /** When the current worker last sent anything (performance.now()). */
  private lastSeen = 0;
  /** Calls to the current worker not yet settled. */
  private pending = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;

  /** @param onCrash called once per crash with a plain-words message. */
  constructor(private readonly onCrash: (message: string) => void) {}

  private start(): Comlink.Remote<PlaygroundApi> {
    const worker = new Worker(new URL('../../worker/playground.worker.ts', import.meta.url), { type: 'module' });
    this.lastSeen = performance.now();
    this.pending = 0;
    worker.addEventListener('message', () => {
      if (this.worker === worker) this.lastSeen = performance.now();
    });
    this.crashed = new Promise<never>((_, reject) => {
      let done = false;
      this.fail = (message: string) => {
        if (done) return;
        done = true;
        const current = this.worker === worker;
        if (current) this.terminate();
        reject(new Error(message));
        if (current) this.onCrash(message);
      };
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        this.fail(`The training worker stopped unexpectedly (${event.message || 'no details'}). Your settings are kept; press Play to start again.`);
      });
    });
    this.crashed.catch(() => {}); // observed through `call`; never an unhandled rejection
    this.worker = worker;
    this.remote = Comlink.wrap<PlaygroundApi>(worker);
    this.watchdog ??= setInterval(() => this.check(), 1000);
    return this.remote;
  }

  /** Rejects the calls of a worker that has been silent too long while they were in flight. */
  private check(): void {
    if (!this.worker || this.pending === 0) return;
    const silent = performance.now() - this.lastSeen;
    if (silent > SILENT_BUSY_MS) {
      this.fail(`The training worker stopped responding (no sign of life for ${Math.round(silent / 1000)} s). Your settings are kept; press Play to start a fresh one.`);
    }
  }

  /** Whether the current worker has been silent long enough to need a check before a new call. */
  private get doubtful(): boolean {
    return this.remote !== null && performance.now() - this.lastSeen > SILENT_IDLE_MS;
  }

  /** Waits for a sign of life from a silent worker; replaces it when none comes. */
  private async probe(): Promise<void> {
    const since = this.lastSeen;
    await new Promise((r) => setTimeout(r, PROBE_MS));
    if (this.remote && this.lastSeen === since) {
      // Its calls (if any) fail with this message; the new call goes to a fresh worker.
      this.fail('The training worker had stopped responding; a fresh one was started (models kept for the inspector were lost).');
    }
  }

  /**
   * Runs `fn` against the worker; rejects if the worker crashes or goes silent before it settles.
   * A worker that answers is called at once (so messages sent right after keep their order).
   */
  call<T>(fn: (api: Comlink.Remote<PlaygroundApi>) => Promise<T>): Promise<T> {
    if (this.doubtful) return this.probe().then(() => this.callNow(fn));
    return this.callNow(fn);
  }

  private async callNow<T>(fn: (api: Comlink.Remote<PlaygroundApi>) => Promise<T>): Promise<T> {
    const api = this.remote ?? this.start();
    const crashed = this.crashed;
    this.pending++;
    try {
      return await Promise.race([fn(api), crashed]);
    } finally {
      if (this.remote === api) this.pending--;
    }
  }

  /** Fire-and-forget message (pause, step, weights…); a no-op when no worker runs. */
  send(fn: (api: Comlink.Remote<PlaygroundApi>) => unknown): void {
    if (this.remote) void Promise.resolve(fn(this.remote)).catch(() => {});
  }

  get running(): boolean {
    return this.worker !== null;
  }

  terminate(): void {
    this.worker?.terminate();
    this.remote?.[Comlink.releaseProxy]();
    this.worker = null;
    this.remote = null;
    this.pending = 0;
  }
}
