/**
 * One typed config describes an experiment: world, model, weighting, training, evaluation, ranking. Every
 * field comes from a field table (default, range, label); `parseExperimentConfig` validates a
 * partial config from the runner, a file or (later) the URL and names every bad field.
 */
import { ConfigError, describeValue, isRecord, readSection, type ConfigIssue, type FieldTable } from '../config/fields';
import { MODEL_FIELDS, type ModelConfig } from '../model/config';
import { RANKING_FIELDS, type RankingConfig } from '../rerank/config';
import { TRAINING_FIELDS, WEIGHTING_FIELDS, type TrainingConfig, type WeightingConfig } from '../train/config';
import {
  MMOE_WORLD_FIELDS,
  parseMmoeWorldConfig,
  parseShopperWorldConfig,
  SHOPPER_WORLD_FIELDS,
  type MmoeWorldConfig,
  type ShopperWorldConfig,
} from '../world';

export const WORLD_KINDS = ['shopper', 'mmoe'] as const;
export type WorldConfig = ({ kind: 'shopper' } & ShopperWorldConfig) | ({ kind: 'mmoe' } & MmoeWorldConfig);

export interface EvaluationConfig {
  /** K of every top-K metric. */
  k: number;
  /** Test shoppers whose whole-catalogue ranking is evaluated (a seeded sample when fewer than all). */
  rankShoppers: number;
}

export const EVALUATION_FIELDS: FieldTable<EvaluationConfig> = {
  k: { label: 'K', help: 'Length of the evaluated top-K lists.', default: 10, min: 1, max: 100, integer: true },
  rankShoppers: { label: 'Ranked shoppers', help: 'Test shoppers whose whole-catalogue ranking is evaluated.', default: 500, min: 1, max: 100000, integer: true },
};

export interface ExperimentConfig {
  world: WorldConfig;
  model: ModelConfig;
  weighting: WeightingConfig;
  training: TrainingConfig;
  evaluation: EvaluationConfig;
  /** Score fusion, re-ranking and the simulated online test (acts on the trained model only). */
  ranking: RankingConfig;
}

const SECTIONS = ['world', 'model', 'weighting', 'training', 'evaluation', 'ranking'] as const;

/**
 * Task names in head order: click and purchase, then `cart` when the world's funnel has the cart step,
 * then `interest` with the auxiliary task; or the MMoE world's two regressions.
 */
export function taskNames(world: { kind: WorldConfig['kind']; funnel?: string }, auxiliary: ModelConfig['auxiliaryTask'] = 'none'): string[] {
  if (world.kind !== 'shopper') return ['y1', 'y2'];
  const names = ['click', 'purchase'];
  if (world.funnel === 'click-cart-purchase') names.push('cart');
  if (auxiliary === 'interest') names.push('interest');
  return names;
}

/**
 * Tasks whose weights move together: the world's own (click, purchase and, in the three-step
 * funnel, cart); an auxiliary interest head keeps its set weight. A sweep moves them over their
 * line or simplex; the `conditioned` weighting draws them.
 */
export function sweptTasks(c: { world: { kind: WorldConfig['kind']; funnel?: string } }): number {
  return taskNames(c.world).length;
}

/**
 * Condition inputs of the config's network: its swept tasks under the `conditioned` weighting
 * (whose weights it reads), 0 under every other weighting.
 */
export function conditionDim(config: Pick<ExperimentConfig, 'world' | 'weighting'>): number {
  return config.weighting.strategy === 'conditioned' ? sweptTasks(config) : 0;
}

/** Number of tasks of a config: its world's, plus the auxiliary task. */
export function taskCount(c: { world: { kind: WorldConfig['kind']; funnel?: string }; model: Pick<ModelConfig, 'auxiliaryTask'> }): number {
  return taskNames(c.world, c.model.auxiliaryTask).length;
}

/**
 * The config fields that hold one number per task. Their field tables' defaults hold two (the
 * two-task worlds); left out, they take one 1 per task of the config (`parseExperimentConfig`), and
 * that is their default wherever a default is compared (the URL).
 */
export const PER_TASK_LISTS = ['weighting.weights', 'training.positiveWeights'] as const;

/** The default of a per-task list for `c`: one 1 per task. */
export function perTaskDefault(c: { world: { kind: WorldConfig['kind']; funnel?: string }; model: Pick<ModelConfig, 'auxiliaryTask'> }): number[] {
  return new Array<number>(taskCount(c)).fill(1);
}

/**
 * `c` with its per-task lists (task weights, positive-class weights) fitted to its tasks: entries
 * past the last task dropped, missing ones set to 1 (a list one short stays where the interest head
 * allows it). What a settings change that adds or removes a task (the funnel, the world) applies
 * so the config stays valid and the weights already set are kept.
 */
export function fitTaskLists<C extends { world: { kind: WorldConfig['kind']; funnel?: string } } & Pick<ExperimentConfig, 'model' | 'weighting' | 'training'>>(c: C): C {
  const T = taskCount(c);
  const shortOk = c.model.auxiliaryTask === 'interest' && c.world.kind === 'shopper';
  const fit = (list: number[]) => (list.length === T || (shortOk && list.length === T - 1) ? list : Array.from({ length: T }, (_, t) => list[t] ?? 1));
  return { ...c, weighting: { ...c.weighting, weights: fit(c.weighting.weights) }, training: { ...c.training, positiveWeights: fit(c.training.positiveWeights) } };
}

/**
 * `c` moved to the other world: the new world's defaults, and what only the shopper world has (ESMM,
 * the interest head, the cart, negative sampling, class weights, focal loss) back to what the MMoE
 * world accepts, so the switch gives a valid config; task weights already set are kept per task.
 */
export function withWorldKind(c: ExperimentConfig, kind: WorldConfig['kind']) {
  const mmoe = kind === 'mmoe';
  return fitTaskLists({
    ...c,
    world: { kind },
    model: { ...c.model, architecture: mmoe && c.model.architecture === 'esmm' ? 'mmoe' : c.model.architecture, auxiliaryTask: mmoe ? 'none' : c.model.auxiliaryTask },
    weighting: { ...c.weighting, weights: mmoe ? c.weighting.weights.slice(0, 2) : c.weighting.weights },
    training: mmoe ? { ...c.training, negativeSampling: 1, positiveWeights: [1, 1], focalGamma: 0 } : c.training,
  });
}

/** The own property `key` of a record (never one inherited from its prototype). */
function own(raw: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(raw, key) ? raw[key] : undefined;
}

function parseWorld(input: unknown, issues: ConfigIssue[]): WorldConfig {
  if (input !== undefined && !isRecord(input)) {
    issues.push({ field: 'world', message: `must be an object, got ${describeValue(input)}` });
    return { kind: 'shopper', ...parseShopperWorldConfig({}) };
  }
  const raw = input ?? {};
  const kind = own(raw, 'kind') ?? 'shopper';
  if (kind !== 'shopper' && kind !== 'mmoe') {
    issues.push({ field: 'world.kind', message: `must be one of "shopper", "mmoe", got ${describeValue(kind)}` });
    return { kind: 'shopper', ...parseShopperWorldConfig({}) };
  }
  const rest = { ...raw };
  delete rest.kind;
  try {
    return kind === 'shopper' ? { kind, ...parseShopperWorldConfig(rest) } : { kind, ...parseMmoeWorldConfig(rest) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    issues.push(...e.issues);
    return kind === 'shopper'
      ? { kind, ...readSection(SHOPPER_WORLD_FIELDS, {}, 'world').value }
      : { kind, ...readSection(MMOE_WORLD_FIELDS, {}, 'world').value };
  }
}

/**
 * Validates a (partial) experiment config and fills in defaults.
 * @throws ConfigError listing every invalid field with what is allowed.
 */
export function parseExperimentConfig(input: unknown): ExperimentConfig {
  const issues: ConfigIssue[] = [];
  if (!isRecord(input)) {
    throw new ConfigError([{ field: '(config)', message: `must be an object, got ${describeValue(input)}` }]);
  }
  const raw = input;
  for (const key of Object.keys(raw)) {
    if (!(SECTIONS as readonly string[]).includes(key)) {
      issues.push({ field: key, message: `is not a config section (sections: ${SECTIONS.join(', ')})` });
    }
  }
  const world = parseWorld(own(raw, 'world'), issues);
  const section = <T>(table: FieldTable<T>, name: string): T => {
    const { value, issues: found } = readSection(table, own(raw, name), name);
    issues.push(...found);
    return value;
  };
  const config: ExperimentConfig = {
    world,
    model: section(MODEL_FIELDS, 'model'),
    weighting: section(WEIGHTING_FIELDS, 'weighting'),
    training: section(TRAINING_FIELDS, 'training'),
    evaluation: section(EVALUATION_FIELDS, 'evaluation'),
    ranking: section(RANKING_FIELDS, 'ranking'),
  };
  // Per-task lists left out take one entry per task (the field tables' defaults hold two, for the two-task worlds).
  const given = (sectionName: string, key: string) => {
    const sec = own(raw, sectionName);
    return isRecord(sec) && own(sec, key) !== undefined;
  };
  if (!given('weighting', 'weights')) config.weighting.weights = perTaskDefault(config);
  if (!given('training', 'positiveWeights')) config.training.positiveWeights = perTaskDefault(config);
  if (issues.length === 0) issues.push(...crossSectionIssues(config));
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}

function crossSectionIssues(c: ExperimentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = taskNames(c.world, c.model.auxiliaryTask);
  const T = names.length;
  // With the auxiliary task a list one short is still valid: the interest head's weight is then 1.
  const lengths = c.model.auxiliaryTask === 'interest' && c.world.kind === 'shopper' ? [T - 1, T] : [T];
  const perTask = (got: number) => {
    const which = `one weight per task (${T}: ${names.join(', ')}${lengths.length > 1 ? `; ${T - 1} leaves the interest head at 1` : ''})`;
    // A weight too many on a two-step shopper world is most likely meant for the cart.
    const cartHint = c.world.kind === 'shopper' && !names.includes('cart') && got > Math.max(...lengths) ? '; a weight for the cart needs the three-step funnel (world.funnel "click-cart-purchase")' : '';
    return `${which}${cartHint}`;
  };
  if (!lengths.includes(c.weighting.weights.length)) {
    issues.push({ field: 'weighting.weights', message: `must hold ${perTask(c.weighting.weights.length)}, got ${c.weighting.weights.length}` });
  }
  if (!lengths.includes(c.training.positiveWeights.length)) {
    issues.push({ field: 'training.positiveWeights', message: `must hold ${perTask(c.training.positiveWeights.length)}, got ${c.training.positiveWeights.length}` });
  }
  if (c.model.auxiliaryTask !== 'none' && c.world.kind !== 'shopper') {
    issues.push({ field: 'model.auxiliaryTask', message: 'the interest head learns shoppers’ favourite categories and needs the shopper world (world.kind "shopper"); use "none"' });
  }
  if (c.world.kind !== 'shopper') {
    const binaryOnly = 'acts on binary tasks, and the regression world has none; use the shopper world (world.kind "shopper")';
    if (c.training.negativeSampling !== 1) issues.push({ field: 'training.negativeSampling', message: `samples impressions without a purchase: it ${binaryOnly}, or 1` });
    if (c.training.focalGamma !== 0) issues.push({ field: 'training.focalGamma', message: `${binaryOnly}, or 0` });
    if (c.training.positiveWeights.some((w) => w !== 1)) issues.push({ field: 'training.positiveWeights', message: `${binaryOnly}, or 1 for every task` });
  }
  if (c.ranking.candidates < c.evaluation.k) {
    issues.push({ field: 'ranking.candidates', message: `the re-ranker needs at least K (${c.evaluation.k}) candidates to fill a list, got ${c.ranking.candidates}` });
  }
  if (c.world.kind === 'shopper' && c.evaluation.k > c.world.numItems) {
    issues.push({ field: 'evaluation.k', message: `a top-K list cannot be longer than the ${c.world.numItems}-item catalogue, got ${c.evaluation.k}` });
  }
  if (c.model.architecture === 'esmm' && c.world.kind !== 'shopper') {
    issues.push({ field: 'model.architecture', message: 'esmm models the click → purchase funnel and needs the shopper world (world.kind "shopper")' });
  }
  if (c.model.positionInput !== 'none' && c.world.kind !== 'shopper') {
    issues.push({ field: 'model.positionInput', message: 'the regression world has no list positions; use "none" or the shopper world (world.kind "shopper")' });
  }
  if (c.weighting.strategy === 'conditioned') {
    const C = conditionDim(c);
    if (c.model.architecture === 'single-task') {
      issues.push({ field: 'weighting.strategy', message: '"conditioned" trains one network for every weighting of tasks that share it, and a single-task model shares nothing: each task’s weight would only scale its own loss; use another architecture' });
    } else if (c.weighting.weights.length >= C && !(c.weighting.weights.slice(0, C).reduce((a, b) => a + b, 0) > 0)) {
      issues.push({ field: 'weighting.weights', message: `a conditioned model is evaluated at the shares of its first ${C} weights (${names.slice(0, C).join(', ')}): at least one must be above 0` });
    }
  }
  if (c.model.architecture === 'single-task' && ['gradnorm', 'pcgrad', 'mgda'].includes(c.weighting.strategy)) {
    issues.push({
      field: 'weighting.strategy',
      message: `"${c.weighting.strategy}" acts on parameters shared between tasks, and single-task models share none; use "fixed" or another architecture`,
    });
  }
  return issues;
}
