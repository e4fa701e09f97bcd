/**
 * Owns the playground worker: starts it on first use, wraps it with comlink, and turns a crash
 * (an uncaught error or a failed load inside the worker) into a rejected call and a callback,
 * instead of RPC promises that never settle. After a crash the next call starts a fresh worker.
 */
import * as Comlink from 'comlink';
import type { PlaygroundApi } from '../../worker/playgroundApi';

export class WorkerClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<PlaygroundApi> | null = null;
  private crashed: Promise<never> = new Promise(() => {});

  /** @param onCrash called once per crash with a plain-words message. */
  constructor(private readonly onCrash: (message: string) => void) {}

  private start(): Comlink.Remote<PlaygroundApi> {
    const worker = new Worker(new URL('../../worker/playground.worker.ts', import.meta.url), { type: 'module' });
    this.crashed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        const message = `The training worker stopped unexpectedly (${event.message || 'no details'}). Your settings are kept; press Play to start again.`;
        if (this.worker === worker) this.terminate();
        reject(new Error(message));
        this.onCrash(message);
      });
    });
    this.crashed.catch(() => {}); // observed through `call`; never an unhandled rejection
    this.worker = worker;
    this.remote = Comlink.wrap<PlaygroundApi>(worker);
    return this.remote;
  }

  /** Runs `fn` against the worker; rejects if the worker crashes before it settles. */
  call<T>(fn: (api: Comlink.Remote<PlaygroundApi>) => Promise<T>): Promise<T> {
    const api = this.remote ?? this.start();
    return Promise.race([fn(api), this.crashed]);
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
  }
}
