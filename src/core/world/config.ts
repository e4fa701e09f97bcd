/**
 * The knobs of the two synthetic worlds, as typed field tables (defaults, ranges, labels), and their
 * validation, including the checks that involve more than one field.
 */
import { ConfigError, readSection, type ConfigIssue, type FieldTable } from '../config/fields';

/**
 * The shopper's funnel: `click-purchase` (two steps, the default) or `click-cart-purchase`, where a
 * clicked item is first added to the cart and only a carted item can be bought. Each step has its
 * own drivers (see truth.ts): liking the item (taste, quality, a favourite brand) puts it in the
 * cart; buying intent and price decide checkout. Three-step worlds give models a third task,
 * add-to-cart, about twice as frequent as the purchase, heads ordered click, purchase, cart.
 * ESM² (Wen et al., SIGIR 2020) learns such a funnel over the entire impression space:
 * P(cart) = P(click)·P(cart | click) and P(purchase) = P(click)·P(cart | click)·P(purchase | cart),
 * each product fitted to its own label, so no step is learned only on the impressions that reached it.
 */
export const FUNNELS = ['click-purchase', 'click-cart-purchase'] as const;
export type Funnel = (typeof FUNNELS)[number];

/** Knobs of the shopper world. Every field has a default; see `SHOPPER_WORLD_FIELDS`. */
export interface ShopperWorldConfig {
  /** Seed of every random draw of the world. */
  seed: number;
  /** Number of shoppers. */
  numShoppers: number;
  /** Number of items in the catalogue. */
  numItems: number;
  /** Number of product categories. */
  numCategories: number;
  /** Brands per category. */
  brandsPerCategory: number;
  /** Dimension of the latent taste / attribute space. */
  latentDim: number;
  /** Mean sessions per shopper; active shoppers get more, at least 3 each (train, validate, test). */
  sessionsPerShopper: number;
  /** Items shown per session (the list length; positions 1..itemsPerSession). */
  itemsPerSession: number;
  /** Zipf exponent of item popularity: 0 = uniform exposure, larger = a few hits dominate. */
  popularitySkew: number;
  /** Correlation of click appeal and purchase drivers: 1 same, 0 unrelated, −1 clickbait. */
  alignment: number;
  /** Strength b of the click penalty −b·log(position). */
  positionBias: number;
  /** Standard deviation of per-impression logit noise on clicks and purchases. */
  labelNoise: number;
  /** Share of the logging policy's picks that are personalised (the rest follow popularity). */
  policyPersonalization: number;
  /** Share of shoppers that are cold-start: all of their sessions are in the test split. */
  coldShopperShare: number;
  /** Share of items that are cold-start: shown only in test sessions. */
  coldItemShare: number;
  /** The funnel's steps (see FUNNELS). */
  funnel: Funnel;
}

export const SHOPPER_WORLD_FIELDS: FieldTable<ShopperWorldConfig> = {
  seed: { label: 'Seed', help: 'Seed of every random draw of the world.', default: 42, min: 0, max: 4294967295, integer: true },
  numShoppers: { label: 'Shoppers', help: 'Number of shoppers.', default: 2000, min: 1, max: 200000, integer: true },
  numItems: { label: 'Items', help: 'Number of items in the catalogue.', default: 1000, min: 2, max: 100000, integer: true },
  numCategories: { label: 'Categories', help: 'Number of product categories.', default: 12, min: 1, max: 64, integer: true },
  brandsPerCategory: { label: 'Brands per category', help: 'Brands per category.', default: 4, min: 1, max: 32, integer: true },
  latentDim: { label: 'Latent dimension', help: 'Dimension of the taste and item attribute space.', default: 8, min: 2, max: 64, integer: true },
  sessionsPerShopper: { label: 'Sessions per shopper', help: 'Mean sessions per shopper (at least 3 each: train, validation, test).', default: 6, min: 3, max: 1000, integer: true },
  itemsPerSession: { label: 'Items per session', help: 'Items shown in one session, at positions 1..n.', default: 10, min: 1, max: 100, integer: true },
  popularitySkew: { label: 'Popularity skew', help: 'Zipf exponent of item popularity (0 = uniform).', default: 1, min: 0, max: 3 },
  alignment: { label: 'Click–purchase alignment', help: '1: what makes people click makes them buy; 0: unrelated; −1: clickbait.', default: 0.3, min: -1, max: 1 },
  positionBias: { label: 'Position bias', help: 'Click penalty b·log(position).', default: 0.7, min: 0, max: 5 },
  labelNoise: { label: 'Label noise', help: 'Std of per-impression noise on the click and purchase logits.', default: 0.5, min: 0, max: 5 },
  policyPersonalization: { label: 'Logging personalisation', help: 'Share of logged picks that are personalised rather than popular.', default: 0.6, min: 0, max: 1 },
  coldShopperShare: { label: 'Cold-start shoppers', help: 'Share of shoppers seen only in the test split.', default: 0.05, min: 0, max: 0.5 },
  coldItemShare: { label: 'Cold-start items', help: 'Share of items shown only in the test split.', default: 0.05, min: 0, max: 0.5 },
  funnel: {
    kind: 'enum',
    label: 'Funnel',
    help: 'click-purchase: two steps; click-cart-purchase: a click must be added to the cart before it can be bought (a third task).',
    default: 'click-purchase',
    options: FUNNELS,
  },
};

/** Largest impression log a config may ask for: 20 million impressions ≈ 0.5 GB of typed arrays. */
export const MAX_IMPRESSIONS = 20_000_000;

/** Number of cold-start items of a config (they are never shown in train or validation sessions). */
export function coldItemCount(c: ShopperWorldConfig): number {
  return Math.floor(c.numItems * c.coldItemShare);
}

/** Number of cold-start shoppers of a config. */
export function coldShopperCount(c: ShopperWorldConfig): number {
  return Math.floor(c.numShoppers * c.coldShopperShare);
}

/**
 * Validates a (partial) shopper-world config and fills in defaults.
 * @throws ConfigError listing every invalid field with its allowed range.
 */
export function parseShopperWorldConfig(input: unknown, prefix = 'world'): ShopperWorldConfig {
  const { value, issues } = readSection(SHOPPER_WORLD_FIELDS, input, prefix);
  if (issues.length === 0) issues.push(...crossFieldIssues(value, prefix));
  if (issues.length > 0) throw new ConfigError(issues);
  return value;
}

function crossFieldIssues(c: ShopperWorldConfig, prefix: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const warmItems = c.numItems - coldItemCount(c);
  if (c.itemsPerSession > warmItems) {
    issues.push({
      field: `${prefix}.itemsPerSession`,
      message:
        `must be an integer in [1, ${warmItems}]: a session shows distinct items, and only the ` +
        `${warmItems} non-cold items of the ${c.numItems}-item catalogue can be shown in training, got ${c.itemsPerSession}`,
    });
  }
  const impressions = c.numShoppers * c.sessionsPerShopper * c.itemsPerSession;
  if (impressions > MAX_IMPRESSIONS) {
    issues.push({
      field: `${prefix}.numShoppers`,
      message:
        `numShoppers × sessionsPerShopper × itemsPerSession must be at most ${MAX_IMPRESSIONS.toLocaleString('en-US')} ` +
        `impressions, got ${impressions.toLocaleString('en-US')}`,
    });
  }
  return issues;
}

/** Knobs of the MMoE paper's synthetic regression world (Ma et al., KDD 2018, §3.2). */
export interface MmoeWorldConfig {
  /** Seed of every random draw of the world. */
  seed: number;
  /** Number of samples (split into train / validation / test). */
  numSamples: number;
  /** Input dimension d. */
  inputDim: number;
  /** Task correlation p = cos(w1, w2). */
  correlation: number;
  /** Scale c of the task weight vectors. */
  scale: number;
  /** Number m of sine terms. */
  numSines: number;
  /** Standard deviation of the label noise ε_k. */
  noiseStd: number;
  /** Share of samples in the validation split. */
  validationShare: number;
  /** Share of samples in the test split. */
  testShare: number;
}

export const MMOE_WORLD_FIELDS: FieldTable<MmoeWorldConfig> = {
  seed: { label: 'Seed', help: 'Seed of every random draw of the world.', default: 42, min: 0, max: 4294967295, integer: true },
  numSamples: { label: 'Samples', help: 'Number of samples.', default: 12000, min: 10, max: 2000000, integer: true },
  inputDim: { label: 'Input dimension d', help: 'Dimension of x.', default: 100, min: 2, max: 1000, integer: true },
  correlation: { label: 'Task correlation p', help: 'Cosine between the two tasks\' weight vectors.', default: 0.9, min: -1, max: 1 },
  scale: { label: 'Scale c', help: 'Length of the task weight vectors.', default: 1, min: 0, max: 100 },
  numSines: { label: 'Sine terms m', help: 'Number of sine terms in each label.', default: 10, min: 0, max: 100, integer: true },
  noiseStd: { label: 'Noise std', help: 'Standard deviation of the label noise.', default: 0.01, min: 0, max: 10 },
  validationShare: { label: 'Validation share', help: 'Share of samples used for validation.', default: 0.1, min: 0, max: 0.5 },
  testShare: { label: 'Test share', help: 'Share of samples used for test.', default: 0.1, min: 0, max: 0.5 },
};

/** Samples in each split of the MMoE world (validation and test are rounded shares; train is the rest). */
export function mmoeSplitSizes(c: MmoeWorldConfig): { train: number; validation: number; test: number } {
  const test = Math.round(c.numSamples * c.testShare);
  const validation = Math.round(c.numSamples * c.validationShare);
  return { train: c.numSamples - test - validation, validation, test };
}

/**
 * Validates a (partial) MMoE-world config and fills in defaults.
 * @throws ConfigError listing every invalid field with its allowed range.
 */
export function parseMmoeWorldConfig(input: unknown, prefix = 'world'): MmoeWorldConfig {
  const { value, issues } = readSection(MMOE_WORLD_FIELDS, input, prefix);
  if (issues.length === 0 && value.numSamples * value.inputDim > 200_000_000) {
    issues.push({
      field: `${prefix}.numSamples`,
      message: `numSamples × inputDim must be at most 200,000,000 values, got ${(value.numSamples * value.inputDim).toLocaleString('en-US')}`,
    });
  }
  // Every split must hold a sample: an empty test split would leave every result blank, an empty
  // validation split leaves early stopping blind, an empty train split leaves nothing to learn.
  if (issues.length === 0) {
    const { train, validation, test } = mmoeSplitSizes(value);
    if (test < 1) issues.push({ field: `${prefix}.testShare`, message: `leaves the test split empty (${value.numSamples} samples × ${value.testShare}); raise it or numSamples` });
    if (validation < 1) issues.push({ field: `${prefix}.validationShare`, message: `leaves the validation split empty (${value.numSamples} samples × ${value.validationShare}); raise it or numSamples` });
    if (train < 1) issues.push({ field: `${prefix}.numSamples`, message: `leaves no training samples after the validation and test splits, got ${value.numSamples}` });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return value;
}
