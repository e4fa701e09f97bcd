/**
 * Claims: every effect a scenario, lesson step, caption or exercise promises, written as data that
 * `npm run bench:claims` can measure over seeds. A claim compares one side with another (or the gap
 * of one comparison with the gap of another), on one metric, in a promised direction.
 */

/** One side of a comparison: a partial experiment config and the metric read from its run. */
export interface ClaimSide {
  /** A partial experiment config (over the defaults); the seed runner sets world.seed and training.seed. */
  config: Record<string, unknown>;
  /** The metric read from this side's run (see `CLAIM_METRICS` in measure.ts for the names). */
  metric: string;
}

/** variant − base, or (variant − base) / |base| when the claim is relative. */
export interface Comparison {
  base: ClaimSide;
  variant: ClaimSide;
}

export interface Claim {
  /** Stable id, `<scenario or lesson>.<effect>`, e.g. `clickbait.rank-for-purchases`. */
  id: string;
  /** Where the words that make this claim live (a scenario's story, a lesson step, an exercise). */
  source: string;
  /** The promised effect in plain words, as the learner reads it. */
  statement: string;
  /**
   * One comparison (effect = its difference), or two (effect = first difference − second: "the gap
   * is larger here than there").
   */
  comparisons: [Comparison] | [Comparison, Comparison];
  /** `absolute`: variant − base in the metric's units; `relative`: (variant − base) / |base|. */
  scale: 'absolute' | 'relative';
  /**
   * The sign the words promise: `up` = the effect is positive, `down` negative; `none` = the words
   * promise that nothing changes ("the list does not improve"): an equivalence claim.
   */
  direction: 'up' | 'down' | 'none';
  /**
   * For `up` / `down`: the smallest effect worth showing, in the effect's units (a fraction for
   * relative claims), as a positive number: a claim whose mean effect is smaller does not hold even
   * when its sign is steady. For `none`: the margin of "no change": the whole 95% interval must lie
   * within ±minEffect.
   */
  minEffect: number;
}

/** What `bench:claims` concludes about one claim over the seeds it ran. */
export interface ClaimVerdict {
  id: string;
  /** The effect measured on each seed, in seed order. */
  effects: number[];
  seeds: number[];
  mean: number;
  /** 95% t-interval of the mean effect; NaN bounds with one seed. */
  lo: number;
  hi: number;
  /** Seeds whose effect has the promised sign (for `none`: lies within the margin). */
  agree: number;
  /** Agreeing seeds needed: ⌈7/8 of the seeds⌉ (7 of 8). */
  needed: number;
  /** Interval excludes zero in the promised direction, enough seeds agree, and |mean| ≥ minEffect. */
  holds: boolean;
  /** Why it fails, in words; empty when it holds. */
  why: string;
}
