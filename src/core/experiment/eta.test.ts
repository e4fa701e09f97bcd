/** The work clock: time left from measured phase rates, on a scripted timeline. */
import { describe, expect, it } from 'vitest';
import { formatLeft, WorkClock } from './eta';

describe('WorkClock', () => {
  it('predicts the rest of a sweep from each phase’s measured rate, where a fraction of steps would not', () => {
    // Three jobs, each estimated at world 1 s, training 4 s, evaluation 2 s (7 s; 21 s in all).
    // On this machine world takes 0.5 s, training 8 s (2× the estimate) and evaluation 6 s (3×).
    const plan = Array.from({ length: 3 }, () => ({ world: 1, training: 4, evaluation: 2 }));
    const c = new WorkClock(plan, 0);
    expect(c.secondsLeft(0)).toBeNull();
    let t = 0;
    c.at(0, 'world', 0, t);
    t += 500;
    c.at(0, 'training', 0, t);
    t += 4000;
    c.at(0, 'training', 0.5, t);
    // Halfway through the first training: world measured at 0.5×, training at 2×; evaluation, not
    // yet seen, takes the overall rate (4.5 s for 3 estimated s = 1.5×). Left: world 2 est. s × 0.5,
    // training 10 × 2, evaluation 6 × 1.5 = 1 + 20 + 9 = 30 s (the truth is 2 × 14.5 + 4 + 6 = 39 s:
    // evaluation is slower than the rest, which no clock can know before it has seen one).
    expect(c.fraction()).toBeCloseTo(3 / 21, 10);
    expect(c.secondsLeft(t)).toBeCloseTo(30, 6);
    t += 4000;
    c.at(0, 'evaluation', 0, t);
    t += 6000;
    c.at(1, 'world', 0, t);
    // One whole job measured (14.5 s): the two left take 14.5 s each.
    expect(c.secondsLeft(t)).toBeCloseTo(29, 6);
    // The old sweep figure, elapsed / fraction of steps, said 4.5 / (0.5/3) × (1 − 0.5/3) = 22.5 s
    // at the earlier point, for 39 s of work left.
  });

  it('charges time in the current phase before its next report, and gives no figure too early', () => {
    const c = new WorkClock([{ ranking: 1 }], 0);
    c.at(0, 'ranking', 0.01, 500);
    expect(c.secondsLeft(800)).toBeNull(); // 0.8 s measured, 1% done
    c.at(0, 'ranking', 0.25, 2000);
    // The recent rate (time constant 5 s): the first 0.5 s and 0.01 of the work decayed by
    // e^(−1.5/5) under the 1.5 s that did 0.24.
    const keep = Math.exp(-1.5 / 5);
    const spent = 0.5 * keep + 1.5;
    const done = 0.01 * keep + 0.24;
    expect(c.secondsLeft(2000)).toBeCloseTo((0.75 * spent) / done, 6);
    expect(c.secondsLeft(2000)).toBeGreaterThan(0.75 * (1.5 / 0.24)); // between the last stretch's rate…
    expect(c.secondsLeft(2000)).toBeLessThan(0.75 * (2 / 0.25)); // …and the rate over everything
    // No report for a while: the time since counts as the same phase, so the figure does not freeze low.
    const later = Math.exp(-2 / 5);
    expect(c.secondsLeft(4000)).toBeCloseTo((0.75 * (spent * later + 2)) / (done * later), 6);
    expect(c.secondsLeft(4000)).toBeGreaterThan(c.secondsLeft(2000) ?? Infinity);
  });

  it('follows a phase that speeds up (a fresh page compiling its code) instead of averaging its slow start in', () => {
    // 100 estimated s of training: 2.5 units/s for the first 4 s, then 5 units/s; reports every 0.25 s.
    const c = new WorkClock([{ training: 100 }], 0);
    let done = 0;
    for (let t = 250; t <= 12_000; t += 250) {
      done += (t <= 4000 ? 2.5 : 5) * 0.25;
      c.at(0, 'training', done / 100, t);
    }
    expect(done).toBeCloseTo(50, 10);
    const truth = 50 / 5; // 10 s at the warm rate
    const overAll = 50 * (12 / 50); // 12 s: the rate over everything
    const left = c.secondsLeft(12_000) ?? Number.NaN;
    expect(Math.abs(left - truth)).toBeLessThan(Math.abs(overAll - truth) / 2);
    // Long work keeps a longer memory (a quarter of the elapsed time), so its figure stays steady:
    // the same speeds stretched 10× in time forget the start more slowly (relative to the rest).
    const slow = new WorkClock([{ training: 1000 }], 0);
    let d = 0;
    for (let t = 2500; t <= 120_000; t += 2500) {
      d += (t <= 40_000 ? 2.5 : 5) * 2.5;
      slow.at(0, 'training', d / 1000, t);
    }
    const slowLeft = slow.secondsLeft(120_000) ?? Number.NaN;
    expect(slowLeft).toBeGreaterThan(100); // the truth is 100 s, the rate over everything 120 s
    expect(slowLeft).toBeLessThan(120);
  });

  it('never moves back: a report behind the current position only charges its time', () => {
    const plan = Array.from({ length: 3 }, () => ({ training: 4, evaluation: 1 }));
    const c = new WorkClock(plan, 0);
    c.at(0, 'training', 0, 0);
    c.at(1, 'training', 0.5, 6000);
    const fraction = c.fraction();
    expect(fraction).toBeCloseTo(7 / 15, 10);
    // A lane's first result lands late, reported as "job 0, evaluation done".
    c.at(0, 'evaluation', 1, 6500);
    expect(c.fraction()).toBe(fraction);
    const left = c.secondsLeft(6500) ?? Number.NaN;
    // The old clock went back to job 0 here and briefly showed the whole rest again.
    expect(left).toBeLessThan((6.5 / 7) * 8 * 1.5);
    c.at(1, 'training', 0.75, 7000);
    expect(c.fraction()).toBeCloseTo(8 / 15, 10);
  });

  it('follows models trained together: a group’s jobs train at once, then are evaluated in turn', () => {
    // Three jobs, each training 4 and evaluation 1 estimated s, trained as one group: 6 s of
    // training for all three (0.5 s per estimated s), then 1 s per evaluation (1 s per estimated s).
    const plan = Array.from({ length: 3 }, () => ({ training: 4, evaluation: 1 }));
    const c = new WorkClock(plan, 0);
    const group = (phase: string, within: (k: number) => number, jobs = [0, 1, 2]) => jobs.map((job) => ({ job, phase, within: within(job) }));
    c.atAll(group('training', () => 0), 0);
    c.atAll(group('training', () => 0.5), 3000);
    expect(c.fraction()).toBeCloseTo(6 / 15, 10); // half of each job's training
    // 3 s for 6 estimated s of training: the other 6 take 3 s; evaluation, not yet seen, at the
    // overall rate (3 s for 6 est. s), 3 × 0.5 s. A clock told only of job 0 would count 2 est. s
    // done in 3 s and say 1.5 s/est. s, 3× too slow.
    expect(c.secondsLeft(3000)).toBeCloseTo(3 + 1.5, 6);
    c.atAll(group('training', () => 1), 6000);
    // Evaluating job 1 (job 0 done): job 1 half way, job 2 at its evaluation's start.
    c.atAll(group('evaluation', (j) => (j === 1 ? 0.5 : 0), [1, 2]), 7500);
    expect(c.fraction()).toBeCloseTo((12 + 1.5) / 15, 10);
    // A single job's landing report behind the group's position only charges its time.
    c.at(0, 'evaluation', 1, 7600);
    expect(c.fraction()).toBeCloseTo((12 + 1.5) / 15, 10);
    c.at(2, 'evaluation', 1, 9000);
    expect(c.fraction()).toBe(1);
  });

  it('clamps odd reports and formats the figure', () => {
    const c = new WorkClock([{ a: 1 }], 0);
    c.at(5, 'a', 2, 1000);
    expect(c.fraction()).toBe(1);
    expect(c.secondsLeft(2000)).toBe(0);
    expect(new WorkClock([], 0).secondsLeft(5000)).toBeNull();
    expect(formatLeft(null)).toBe('estimating time left…');
    expect(formatLeft(0.2)).toBe('about 1 s left');
    expect(formatLeft(42.1)).toBe('about 43 s left');
    expect(formatLeft(96)).toBe('about 95 s left');
    expect(formatLeft(179)).toBe('about 180 s left');
    expect(formatLeft(600)).toBe('about 10 min left');
    expect(formatLeft(7200)).toBe('about 2.0 h left');
  });
});
