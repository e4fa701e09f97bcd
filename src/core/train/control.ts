/**
 * Play, pause, step and cancel for a training run. The trainer awaits `beforeStep` between steps;
 * while paused that promise waits, so pausing costs nothing and a step or epoch can be granted one
 * at a time. Plain TypeScript: the worker drives it from messages, tests drive it directly.
 */

export type ControlState = 'running' | 'paused' | 'cancelled';

/** Longest stretch of steps without letting the event loop run (ms). */
export const YIELD_EVERY_MS = 30;

/**
 * Resolves on a fresh macrotask. Awaiting tensor reads resolves as microtasks on WASM and CPU, so a
 * training loop that never yields starves its own event loop: a worker would not see a pause, a
 * new weight or a timer until the epoch ends. A MessageChannel round trip is not clamped to 4 ms as
 * nested timers are. Works in Node and in workers alike.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class TrainingControl {
  private state: ControlState = 'running';
  /** Steps still granted while paused (from `step`); Infinity until the epoch ends for `stepEpoch`. */
  private grantedSteps = 0;
  private grantUntilEpochEnd = false;
  /** Whether a step has run under the current epoch grant (so the next epoch start ends it). */
  private epochGrantUsed = false;
  private wake: (() => void) | null = null;
  /** Pause between steps while running, in ms: the playground's speed control (0 = full speed). */
  private delayMs = 0;
  private lastYield = performance.now();
  private readonly listeners = new Set<(s: ControlState) => void>();

  get current(): ControlState {
    return this.state;
  }

  /** Called with the new state on every change. Returns an unsubscribe function. */
  subscribe(listener: (s: ControlState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: ControlState): void {
    if (this.state === state) return;
    this.state = state;
    this.listeners.forEach((l) => l(state));
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  pause(): void {
    if (this.state === 'running') this.set('paused');
  }

  resume(): void {
    if (this.state === 'cancelled') return;
    this.grantedSteps = 0;
    this.grantUntilEpochEnd = false;
    this.set('running');
    this.release();
  }

  /** While paused: run `n` more steps (one batch each), then stay paused. */
  step(n = 1): void {
    if (this.state !== 'paused') return;
    this.grantedSteps += n;
    this.release();
  }

  /** While paused: run to the end of the current epoch, then stay paused. */
  stepEpoch(): void {
    if (this.state !== 'paused') return;
    this.grantUntilEpochEnd = true;
    this.epochGrantUsed = false;
    this.release();
  }

  /** Slows a running trainer to at most one step per `ms` milliseconds (0 = full speed). */
  setDelay(ms: number): void {
    this.delayMs = Math.max(0, ms);
  }

  get delay(): number {
    return this.delayMs;
  }

  cancel(): void {
    this.set('cancelled');
    this.release();
  }

  get isCancelled(): boolean {
    return this.state === 'cancelled';
  }

  /**
   * Resolves when the next step may run. `epochStart` says the step opens a new epoch, which ends
   * a `stepEpoch` grant that has already run steps (a grant given at an epoch boundary covers the
   * whole next epoch).
   */
  async beforeStep(epochStart: boolean): Promise<void> {
    if (epochStart && this.epochGrantUsed) this.grantUntilEpochEnd = false;
    if (this.delayMs === 0 && performance.now() - this.lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      this.lastYield = performance.now();
    }
    if (this.delayMs > 0 && this.state === 'running') {
      // Woken early by pause/cancel/resume through `release`, so a slow speed never delays a click.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.wake = null;
          resolve();
        }, this.delayMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.lastYield = performance.now();
    }
    while (this.state === 'paused') {
      if (this.grantUntilEpochEnd) {
        this.epochGrantUsed = true;
        return;
      }
      if (this.grantedSteps > 0) {
        this.grantedSteps--;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.lastYield = performance.now();
    }
  }
}
