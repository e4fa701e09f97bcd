/**
 * The exact shapes of what a saved session holds (finished runs, trade-offs, chart views), so that
 * runs read back from browser storage are checked field by field before the page draws them. The
 * shapes are typed against the result types (see config/shape.ts): a field added to a result type
 * does not compile here until its shape is added.
 */
import { ConfigError } from '../config/fields';
import { arr, bool, custom, nullable, num, obj, oneOf, optional, rec, str, type Shape } from '../config/shape';
import { BACKENDS, type ConcreteBackend } from '../engine/backendNames';
import type { BackendChoice } from '../engine/backends';
import type { UnlearnedTask } from '../eval/learned';
import type { DefinedMean, TaskEvaluation } from '../eval/pointwise';
import type { PolicyEvaluation, RankingEvaluation } from '../eval/ranking';
import type { ConversionCheck, TaskCeiling } from '../eval/truth';
import { parseExperimentConfig, type ExperimentConfig } from '../experiment/config';
import type { Replicates, SeedValues } from '../experiment/replicates';
import type { ExperimentResult, SamplingReport } from '../experiment/run';
import type { GaucResult } from '../metrics';
import type { MeanInterval } from '../metrics/interval';
import type { Interval, OnlineResult, Outcome } from '../online/simulate';
import { RERANK_METHODS } from '../rerank/config';
import type { DiscordantPair, Disagreement, RankedPolicy } from '../rerank/disagreement';
import type { PolicyOutcome, TradeoffResult } from '../rerank/tradeoff';
import type { SeriesView } from '../telemetry/history';
import type { RunView } from '../telemetry/runView';
import type { PurchaseMode } from '../train/losses';
import type { Divergence, EpochSummary, TrainResult } from '../train/trainer';

const numOrNull = nullable(num);

/** A config is checked by the config parser itself: what it accepts, the page can run. */
const CONFIG: Shape<ExperimentConfig> = custom((v, p) => {
  try {
    parseExperimentConfig(v);
    return null;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return `${p}: ${e.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`;
  }
});

const CONCRETE = oneOf(BACKENDS.filter((b): b is ConcreteBackend => b !== 'auto'));
const BACKEND_CHOICE = obj<BackendChoice>({ backend: CONCRETE, reason: str, fallbacks: arr(obj({ backend: CONCRETE, reason: str }), 10) });

const DEFINED_MEAN = obj<DefinedMean>({ value: num, used: num, leftOut: num });
const GAUC = obj<GaucResult>({ value: num, groupsUsed: num, groupsDropped: num });
const TASK_EVALUATION = obj<TaskEvaluation>({
  task: str,
  kind: oneOf(['binary', 'regression'] as const),
  examples: num,
  logLoss: numOrNull,
  positiveRate: numOrNull,
  baseRateLogLoss: numOrNull,
  auc: numOrNull,
  gauc: nullable(GAUC),
  ece: numOrNull,
  mse: numOrNull,
  sessionNdcg: nullable(DEFINED_MEAN),
});
const TASK_CEILING = obj<TaskCeiling>({ task: str, auc: numOrNull, positionBlindAuc: numOrNull, logLoss: numOrNull, mse: numOrNull, baselineMse: numOrNull, modelShare: numOrNull });
const CONVERSION = obj<ConversionCheck>({ clickedBias: num, unclickedBias: num, unclickedTruth: num });
const POLICY_EVALUATION = obj<PolicyEvaluation>({
  policy: str,
  ndcg: DEFINED_MEAN,
  recall: DEFINED_MEAN,
  hitRate: DEFINED_MEAN,
  mrr: DEFINED_MEAN,
  truePurchase: DEFINED_MEAN,
  trueClick: DEFINED_MEAN,
  perSession: obj({ clicks: num, purchases: num, revenue: num }),
  truePurchaseShare: numOrNull,
  diversity: DEFINED_MEAN,
  novelty: num,
  coverage: num,
  gini: num,
  averagePopularity: num,
  longTailShare: num,
  calibrationKl: DEFINED_MEAN,
  serendipity: DEFINED_MEAN,
});
const RANKING = obj<RankingEvaluation>({ k: num, split: oneOf(['test'] as const), shoppers: num, policies: arr(POLICY_EVALUATION, 100) });
const UNLEARNED = obj<UnlearnedTask>({ task: str, loss: num, constant: num, message: str });
const SAMPLING = obj<SamplingReport>({ rate: num, trainRows: num, keptRows: num, keptShare: optional(num), raw: arr(TASK_EVALUATION, 100), meanRaw: arr(num, 100), meanRecalibrated: arr(num, 100) });

const EPOCH = obj<EpochSummary>({ epoch: num, step: num, trainLoss: arr(num), validationLoss: arr(num), validationAuc: arr(numOrNull), score: num, best: bool });
const DIVERGENCE = obj<Divergence>({ task: str, step: num, epoch: num, value: num, message: str });
const TRAINING = obj<TrainResult>({
  status: oneOf(['completed', 'early-stopped', 'cancelled', 'diverged'] as const),
  epochs: arr(EPOCH, 10_000),
  bestEpoch: nullable(num),
  steps: num,
  seconds: num,
  samplesPerSecond: num,
  backwardPassesPerStep: num,
  divergence: nullable(DIVERGENCE),
  meanGradientCosine: numOrNull,
  finalWeights: nullable(arr(num, 100)),
});

const MEAN_INTERVAL = obj<MeanInterval>({ n: num, mean: num, sd: num, lo: num, hi: num });
const SEED_VALUES = obj<SeedValues>({ offset: num, worldSeed: num, trainingSeed: num, values: rec(num) });
const REPLICATES = obj<Replicates>({ requested: num, seeds: arr(SEED_VALUES, 1000), summary: rec(MEAN_INTERVAL) });

/** A finished run's result, exactly as the engine reports it. */
export const EXPERIMENT_RESULT: Shape<ExperimentResult> = obj<ExperimentResult>({
  config: CONFIG,
  backend: BACKEND_CHOICE,
  world: obj({ kind: oneOf(['shopper', 'mmoe'] as const), fingerprint: nullable(str), examples: num, trainExamples: num }),
  purchaseMode: nullable(oneOf(['ctcvr', 'cvr', 'esmm'] as const satisfies readonly PurchaseMode[])),
  training: TRAINING,
  replicates: optional(nullable(REPLICATES)),
  evaluationSeconds: optional(num),
  evaluation: nullable(
    obj<NonNullable<ExperimentResult['evaluation']>>({
      tasks: arr(TASK_EVALUATION, 100),
      truth: arr(TASK_CEILING, 100),
      conversion: nullable(CONVERSION),
      funnelViolations: optional(nullable(num)),
      ranking: nullable(RANKING),
      unlearned: optional(arr(UNLEARNED, 100)),
      sampling: optional(nullable(SAMPLING)),
    }),
  ),
});

const OUTCOME = obj<Outcome>({ clicks: num, purchases: num, revenue: num });
const INTERVAL = obj<Interval>({ mean: num, lo: num, hi: num });
const ONLINE = obj<OnlineResult>({ shoppers: num, sessions: num, expected: OUTCOME, simulated: obj({ clicks: INTERVAL, purchases: INTERVAL, revenue: INTERVAL }) });
const POLICY_OUTCOME = obj<PolicyOutcome>({ policy: str, knob: numOrNull, evaluation: POLICY_EVALUATION, online: ONLINE });
const RANKED = obj<RankedPolicy>({ policy: str, offline: num, online: num, onlineLo: num, onlineHi: num, offlineRank: num, onlineRank: num });
const DISCORDANT = obj<DiscordantPair>({ offlineFavours: str, onlineFavours: str, offlineGap: num, onlineGap: num, clear: bool });
const DISAGREEMENT = obj<Disagreement>({ policies: arr(RANKED, 1000), discordant: arr(DISCORDANT, 100_000), kendallTau: num });

/** A computed re-ranking trade-off. */
export const TRADEOFF_RESULT: Shape<TradeoffResult> = obj<TradeoffResult>({
  method: oneOf(RERANK_METHODS),
  symbol: str,
  k: num,
  candidates: num,
  shoppers: num,
  sessions: num,
  points: arr(POLICY_OUTCOME, 1000),
  references: arr(POLICY_OUTCOME, 100),
  disagreement: DISAGREEMENT,
});

/** A series of a chart: x and y of the same length. */
const SERIES: Shape<SeriesView> = custom((v, p) => {
  const e = obj<SeriesView>({ x: arr(num), y: arr(num) }).check(v, p);
  if (e) return e;
  const s = v as SeriesView;
  return s.x.length === s.y.length ? null : `${p}: x and y differ in length`;
});

/** The charts' view of a finished run. */
export const RUN_VIEW: Shape<RunView> = obj<RunView>({
  tasks: arr(str, 100),
  step: num,
  epoch: num,
  totalSteps: num,
  samplesPerSecond: num,
  trainLoss: arr(SERIES, 100),
  weights: arr(SERIES, 100),
  cosine: SERIES,
  gates: nullable(arr(arr(num, 1000), 100)),
  epochs: arr(EPOCH, 10_000),
});


