/**
 * Time left for long work (a run, a sweep of runs, a trade-off), from the time measured so far.
 *
 * The work is a plan of jobs, each with estimated seconds per phase (world, features, training,
 * evaluation: the cost model's estimate, see cost.ts). As the work reports where it is, the clock
 * measures how long each phase really takes per estimated second: its rate. Time left is then
 * Σ over phases of (estimated seconds still to do × that phase's measured rate), a phase not yet
 * seen taking the rate measured over everything so far. So after the first run of a sweep, its
 * training and evaluation are each timed on this machine and the rest of the sweep is predicted from
 * those measured times, not from a fixed guess and not from a fraction of steps that ignores
 * evaluation (which made a sweep say "about 2 min left" for its first 90 s and take 192 s).
 *
 * A phase's rate is its *recent* rate: time and work decay with the phase's own running time
 * (exponentially, time constant a quarter of the elapsed time, at least 5 s). The first seconds of
 * a fresh page run at half speed or less while the browser compiles the engine's code (measured on
 * a fresh-page sweep: the first model's training at 0.08–0.09 of its steps a second for 3.5 s, then
 * 0.2 like every model after it), and a rate over everything kept that start in every figure: the
 * sweep said 1.8× the time it really had left at a quarter and at half way.
 */

import type { ExperimentConfig } from './config';
import { estimateCost } from './cost';
import type { RunStage } from './run';

/** Estimated seconds of one job per phase, in the order the phases run. */
export type JobPlan = Record<string, number>;

/** One job per seed of a run: its phases as the cost model estimates them. */
export function runPlan(config: ExperimentConfig): JobPlan[] {
  const s = estimateCost(config).seconds;
  return Array.from({ length: config.training.seeds }, () => ({ world: s.world, features: s.features, training: s.training, evaluation: s.evaluation }));
}

/** The plan phase a run stage belongs to (choosing the backend is part of the world's time); null for 'done'. */
export function stagePhase(stage: RunStage): string | null {
  return stage === 'done' ? null : stage === 'backend' ? 'world' : stage;
}

/** Time measured before a figure is given (a rate from a few hundred ms of work is noise). */
const MIN_MEASURED_S = 1;
/** Share of the estimated work done before a figure is given. */
const MIN_FRACTION = 0.02;
/** Least time constant of a phase's recent rate (s): a few seconds of work, about one model's training on the default settings. */
const MIN_MEMORY_S = 5;
/** The time constant is this share of the elapsed time when that is longer, so a long job's figure stays steady. */
const MEMORY_SHARE = 0.25;

/** A phase's recent time and work, each decayed as the phase runs. */
interface Recent {
  spent: number;
  done: number;
}

export class WorkClock {
  private readonly total: number;
  /** Estimated seconds finished per phase (whole jobs' phases plus the current one's share). */
  private done = new Map<string, number>();
  /** Seconds measured per phase. */
  private readonly spent = new Map<string, number>();
  /** Recent seconds and estimated seconds done per phase (see the module comment). */
  private readonly recent = new Map<string, Recent>();
  private phase: string | null = null;
  private last: number;
  private readonly start: number;

  /** @param plan one entry per job, in the order they run; @param now milliseconds (performance.now()). */
  constructor(
    private readonly plan: JobPlan[],
    now: number,
  ) {
    this.total = plan.reduce((s, j) => s + Object.values(j).reduce((a, b) => a + Math.max(0, b), 0), 0);
    this.start = now;
    this.last = now;
  }

  /**
   * The work is now in `phase` of job `job`, `within` (0..1) of the way through it. Time since the
   * last report is charged to the phase that was running; phases of earlier jobs, and phases of this
   * job before `phase` in its plan, count as done. A report behind the current position (a lane's
   * result landing after it moved on) only charges the time: work done never goes back.
   */
  at(job: number, phase: string, within: number, now: number): void {
    this.atAll([{ job, phase, within }], now);
  }

  /**
   * Several jobs at once, for models trained together: each listed job is in its `phase`, `within`
   * of the way; jobs before the first listed are done, and unlisted jobs after it not started. A
   * group training together lists all its jobs at 'training'; while its members are evaluated in
   * turn, the one being evaluated and those after it. Time is charged as in `at`, to the phase
   * that was running.
   */
  atAll(positions: ReadonlyArray<{ job: number; phase: string; within: number }>, now: number): void {
    if (positions.length === 0) return;
    // Time since the last report belongs to the phase that was running; before the first report,
    // to the first phase reported (the work started when the clock did).
    const running = this.phase ?? positions[0].phase;
    const dt = Math.max(0, now - this.last) / 1000;
    this.spent.set(running, (this.spent.get(running) ?? 0) + dt);
    this.last = now;
    const before = this.done.get(running) ?? 0;
    const done = this.doneAt(positions);
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    if (this.phase === null || total(done) >= total(this.done)) {
      this.phase = positions[0].phase;
      this.done = done;
    }
    this.remember(running, dt, (this.done.get(running) ?? 0) - before, now);
  }

  /** Estimated seconds done per phase with the jobs at `positions`. */
  private doneAt(positions: ReadonlyArray<{ job: number; phase: string; within: number }>): Map<string, number> {
    const last = this.plan.length - 1;
    const at = new Map(positions.map((q) => [Math.max(0, Math.min(q.job, last)), q]));
    const first = Math.min(...at.keys());
    const done = new Map<string, number>();
    for (let k = 0; k <= last; k++) {
      const q = at.get(k);
      if (k > first && !q) continue;
      const phases = Object.entries(this.plan[k]);
      const current = q ? phases.findIndex(([p]) => p === q.phase) : phases.length;
      const within = q ? Math.max(0, Math.min(1, q.within)) : 1;
      phases.forEach(([p, s], i) => {
        const share = i < current ? 1 : i === current ? within : 0;
        done.set(p, (done.get(p) ?? 0) + share * Math.max(0, s));
      });
    }
    return done;
  }

  /** Adds `dt` seconds and `work` estimated seconds to the phase's recent rate, decaying what it held. */
  private remember(phase: string, dt: number, work: number, now: number): void {
    const r = this.recent.get(phase) ?? { spent: 0, done: 0 };
    const keep = Math.exp(-dt / this.memory(now));
    this.recent.set(phase, { spent: r.spent * keep + dt, done: r.done * keep + Math.max(0, work) });
  }

  /** The recent rate's time constant at `now` (s). */
  private memory(now: number): number {
    return Math.max(MIN_MEMORY_S, MEMORY_SHARE * this.elapsed(now));
  }

  /** Estimated seconds of the whole plan. */
  get planned(): number {
    return this.total;
  }

  /** Estimated work done, 0..1. */
  fraction(): number {
    if (this.total <= 0) return 0;
    let d = 0;
    for (const v of this.done.values()) d += v;
    return Math.min(1, d / this.total);
  }

  /** Seconds measured since the clock started. */
  elapsed(now: number): number {
    return (now - this.start) / 1000;
  }

  /**
   * Seconds left, or null until at least 1 s has been measured and 2% of the work is done. Time
   * spent in the current phase since the last report counts toward its rate.
   */
  secondsLeft(now: number): number | null {
    const elapsed = this.elapsed(now);
    const fraction = this.fraction();
    if (elapsed < MIN_MEASURED_S || fraction < MIN_FRACTION || this.total <= 0) return null;
    const spent = new Map(this.spent);
    if (this.phase !== null) spent.set(this.phase, (spent.get(this.phase) ?? 0) + Math.max(0, now - this.last) / 1000);
    const overall = elapsed / (fraction * this.total);
    const planned = new Map<string, number>();
    for (const j of this.plan) for (const [p, s] of Object.entries(j)) planned.set(p, (planned.get(p) ?? 0) + Math.max(0, s));
    // The running phase's recent rate counts the time since the last report, with no work yet.
    const pending = this.phase === null ? 0 : Math.max(0, now - this.last) / 1000;
    let left = 0;
    for (const [p, s] of planned) {
      const done = this.done.get(p) ?? 0;
      // A phase's own rate once a meaningful part of it (5% of its plan, at least 0.2 s) is measured.
      const measured = spent.get(p) ?? 0;
      let rate = overall;
      if (done > 0.05 * s && measured > 0.2) {
        const r = this.recent.get(p) ?? { spent: 0, done: 0 };
        const keep = p === this.phase ? Math.exp(-pending / this.memory(now)) : 1;
        const extra = p === this.phase ? pending : 0;
        rate = r.done > 0 ? (r.spent * keep + extra) / (r.done * keep) : measured / done;
      }
      left += Math.max(0, s - done) * rate;
    }
    return left;
  }
}

/** "about 40 s left", "about 95 s left", "about 4 min left"; "estimating time left…" while there is no figure. */
export function formatLeft(seconds: number | null): string {
  if (seconds === null) return 'estimating time left…';
  if (seconds < 60) return `about ${Math.max(1, Math.ceil(seconds))} s left`;
  // Up to 3 min in 5-second steps: "about 2 min" would hide the difference between 95 s and 150 s.
  if (seconds < 180) return `about ${Math.round(seconds / 5) * 5} s left`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}
