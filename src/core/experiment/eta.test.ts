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
    expect(c.secondsLeft(2000)).toBeCloseTo(6, 6); // 2 s for a quarter: 6 s for the rest
    // No report for a while: the time since counts as the same phase, so the figure does not freeze low.
    expect(c.secondsLeft(4000)).toBeCloseTo(12, 6);
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
