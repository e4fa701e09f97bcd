/** Pause, step one batch, step one epoch, resume and cancel, on a real training run. */
import { describe, expect, it, vi } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { liveTensors, runExperiment } from '../experiment/run';
import { TrainingControl } from './control';

/** Resolves after the event loop has had a chance to run everything that is ready. */
const settle = () => new Promise((r) => setTimeout(r, 30));

describe('TrainingControl', () => {
  it('grants single steps and whole epochs while paused', async () => {
    const c = new TrainingControl();
    const ran: string[] = [];
    c.pause();
    const run = (async () => {
      for (let epoch = 0; epoch < 3; epoch++) {
        for (let s = 0; s < 4; s++) {
          await c.beforeStep(s === 0);
          if (c.isCancelled) return;
          ran.push(`${epoch}.${s}`);
        }
      }
    })();
    await settle();
    expect(ran).toEqual([]);
    c.step();
    await settle();
    expect(ran).toEqual(['0.0']);
    c.step(2);
    await settle();
    expect(ran).toEqual(['0.0', '0.1', '0.2']);
    c.stepEpoch(); // finishes epoch 0 only
    await settle();
    expect(ran.at(-1)).toBe('0.3');
    c.stepEpoch(); // at a boundary: the whole of epoch 1
    await settle();
    expect(ran.at(-1)).toBe('1.3');
    c.resume();
    await run;
    expect(ran).toHaveLength(12);
  });

  it('cancels a paused run', async () => {
    const c = new TrainingControl();
    c.pause();
    const states: string[] = [];
    c.subscribe((s) => states.push(s));
    const waiting = c.beforeStep(true);
    c.cancel();
    await waiting;
    expect(c.isCancelled).toBe(true);
    expect(states).toEqual(['cancelled']);
  });

  it('pauses a real run between steps, steps it by one batch, and resumes it to completion', async () => {
    const control = new TrainingControl();
    const steps: number[] = [];
    const start = liveTensors();
    const done = runExperiment(
      { world: { numShoppers: 60, numItems: 40, sessionsPerShopper: 4 }, model: { architecture: 'mmoe' }, training: { epochs: 2, batchSize: 128, telemetryEvery: 1, backend: 'wasm', patience: 0 } },
      {
        control,
        onTelemetry: (s) => {
          steps.push(s.step);
          if (s.step === 2) control.pause();
        },
      },
      { wasmPaths: nodeWasmPaths() },
    );
    await vi.waitFor(() => expect(control.current).toBe('paused'), { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(steps).toEqual([1, 2]);
    control.step();
    await new Promise((r) => setTimeout(r, 300));
    expect(steps).toEqual([1, 2, 3]);
    control.resume();
    const result = await done;
    expect(result.training.status).toBe('completed');
    expect(steps.at(-1)).toBe(result.training.steps);
    expect(liveTensors()).toBe(start);
  });
});

describe('speed control', () => {
  it('waits the set delay before each running step, and a pause cuts the wait short', async () => {
    const control = new TrainingControl();
    control.setDelay(80);
    const t0 = performance.now();
    await control.beforeStep(false);
    await control.beforeStep(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(150);
    const waiting = control.beforeStep(false);
    let passed = false;
    void waiting.then(() => (passed = true));
    control.pause();
    await new Promise((r) => setTimeout(r, 20));
    // Woken from the delay, it found the control paused and now waits for a step or resume.
    expect(passed).toBe(false);
    control.setDelay(0);
    control.step();
    await waiting;
    expect(passed).toBe(true);
  });
});

describe('yielding', () => {
  it('lets timers run during a long stretch of full-speed steps', async () => {
    const control = new TrainingControl();
    let fired = false;
    setTimeout(() => (fired = true), 0);
    const t0 = performance.now();
    // Busy "steps" of ~5 ms each, as a training loop whose awaits are all microtasks.
    while (!fired && performance.now() - t0 < 2000) {
      const s = performance.now();
      while (performance.now() - s < 5);
      await control.beforeStep(false);
    }
    expect(fired).toBe(true);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
