/**
 * The ceiling beside every model: the world's own truth scored the same way as the model, and where
 * the model sits between a know-nothing reference and that truth.
 *
 * A synthetic world knows the probabilities its labels were drawn from, so a model's AUC of 0.71
 * can be read as "most of the way" or "barely started" only against what the truth itself scores
 * on the same test impressions (the labels are noisy draws, so even the truth has AUC < 1).
 */
import { cartIndex, type EncodedData } from '../features';
import { auc, logLoss } from '../metrics';
import { ResponseModel, SPLIT, type MmoeWorld, type ShopperWorld } from '../world';

/** The truth scored on one task of the test split. */
export interface TaskCeiling {
  task: string;
  /**
   * AUC of the world's noise-free probability at the logged position: P(click | shopper, item,
   * position) for clicks, P(click | …)·P(purchase | click) for purchases, P(click | …)·P(cart | click)
   * for add-to-carts. No model can expect more.
   */
  auc: number | null;
  /**
   * AUC of the noise-free probability at position 1 for every impression: what a model that does
   * not see the position can aim at (it cannot know the position penalty of a logged impression).
   */
  positionBlindAuc: number | null;
  /** Log loss of the noise-free probability at the logged position, in nats. */
  logLoss: number | null;
  /** Regression tasks: the irreducible MSE, the label noise variance σ². */
  mse: number | null;
  /** Regression tasks: MSE of predicting the test mean (the know-nothing reference). */
  baselineMse: number | null;
  /**
   * The model's share of the gap from the know-nothing reference to the truth: `gapShare` of its
   * AUC between 0.5 and `auc` (binary), or of its MSE between `baselineMse` and `mse` (regression).
   * Filled in by `withModelShares`; null until then.
   */
  modelShare: number | null;
}

/** The ceilings with each task's `modelShare` set from the model's test metrics. */
export function withModelShares(ceilings: TaskCeiling[], model: ReadonlyArray<{ auc: number | null; mse: number | null }>): TaskCeiling[] {
  return ceilings.map((c, t) => {
    const m = model[t];
    let share: number | null = null;
    if (c.auc !== null && m?.auc != null) share = gapShare(m.auc, 0.5, c.auc);
    else if (c.mse !== null && c.baselineMse !== null && m?.mse != null) share = gapShare(m.mse, c.baselineMse, c.mse);
    return { ...c, modelShare: share };
  });
}

/** Noise-free truth of every test impression (shopper world), scored like the model. */
export function shopperCeiling(world: ShopperWorld, data: EncodedData, rows: Int32Array): TaskCeiling[] {
  const truth = new ResponseModel(world);
  const { log } = world;
  const n = rows.length;
  const pc = new Float32Array(n);
  const pp = new Float32Array(n);
  const pc1 = new Float32Array(n);
  const pp1 = new Float32Array(n);
  const hasCart = truth.hasCart;
  const pk = hasCart ? new Float32Array(n) : null; // P(click)·P(cart | click) at the logged position
  const pk1 = hasCart ? new Float32Array(n) : null;
  for (let j = 0; j < n; j++) {
    const r = rows[j];
    if (log.split[r] !== SPLIT.test) throw new Error(`row ${r} is not a test impression`);
    const u = log.shopper[r];
    const i = log.item[r];
    const aff = truth.affinity(u, i);
    const g = truth.purchaseGivenClickFrom(u, i, aff);
    pc[j] = 1 / (1 + Math.exp(-truth.clickLogit(u, i, log.position[r], aff)));
    pp[j] = pc[j] * g;
    pc1[j] = 1 / (1 + Math.exp(-truth.clickLogit(u, i, 1, aff)));
    pp1[j] = pc1[j] * g;
    if (pk && pk1) {
      const k = truth.cartGivenClickProb(u, i, aff);
      pk[j] = pc[j] * k;
      pk1[j] = pc1[j] * k;
    }
  }
  // Heads by name: click, purchase and (three-step funnel) cart have a truth; the interest head not.
  const scored: Record<string, readonly [Float32Array, Float32Array]> = { click: [pc, pc1], purchase: [pp, pp1] };
  if (pk && pk1) scored.cart = [pk, pk1];
  return data.tasks.map((task, t) => {
    const labels = Float32Array.from(rows, (r) => data.labels[t][r]);
    const [p, blind] = scored[task.name] ?? [null, null];
    if (!p || !blind) return { task: task.name, auc: null, positionBlindAuc: null, logLoss: null, mse: null, baselineMse: null, modelShare: null };
    return { task: task.name, auc: auc(labels, p), positionBlindAuc: auc(labels, blind), logLoss: logLoss(labels, p), mse: null, baselineMse: null, modelShare: null };
  });
}

/** The MMoE world's floor: the label noise variance, beside the MSE of predicting the mean. */
export function mmoeCeiling(world: MmoeWorld, data: EncodedData, rows: Int32Array): TaskCeiling[] {
  return data.tasks.map((task, t) => {
    const y = Float64Array.from(rows, (r) => data.labels[t][r]);
    const mean = y.reduce((a, b) => a + b, 0) / Math.max(y.length, 1);
    const baselineMse = y.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(y.length, 1);
    return { task: task.name, auc: null, positionBlindAuc: null, logLoss: null, mse: world.config.noiseStd ** 2, baselineMse, modelShare: null };
  });
}

/**
 * Share of the gap from a reference to the ceiling that a model closes:
 * (model − reference) / (ceiling − reference). 0 = no better than the reference, 1 = as good as
 * the truth; for losses (lower is better) pass them as they are, the formula is the same. NaN when
 * the ceiling does not beat the reference.
 */
export function gapShare(model: number, reference: number, ceiling: number): number {
  const span = ceiling - reference;
  if (!Number.isFinite(model) || !Number.isFinite(span) || Math.abs(span) < 1e-12) return Number.NaN;
  return (model - reference) / span;
}

/**
 * How a funnel model's conversion estimate pCVR = P(purchase | impression) / P(click | impression)
 * (CVR-on-clicks × CTR, or ESMM) compares with the world's conversion probability, on the test
 * impressions that were clicked and on those that were not: sample selection bias shows as a
 * conversion estimate that is right where the model had labels (clicked) and off where it serves
 * without them (not clicked). The truth is each impression's own P(purchase | click) (the value its
 * purchase was drawn from), averaged, so the comparison is unbiased for the group's mean.
 */
export interface ConversionCheck {
  /** mean(pCVR) − mean(true P(purchase | click)) over clicked test impressions. */
  clickedBias: number;
  /** The same over test impressions that were not clicked: the entire space the model serves. */
  unclickedBias: number;
  /** mean(true P(purchase | click)) over unclicked test impressions, to read the bias against. */
  unclickedTruth: number;
}

/** `ConversionCheck` from the purchase and click predictions of test rows (shopper world). */
export function conversionCheck(world: ShopperWorld, rows: Int32Array, pClick: Float32Array, pPurchase: Float32Array): ConversionCheck {
  const { log } = world;
  const sums = { c: [0, 0, 0], u: [0, 0, 0] }; // [Σ pred, Σ truth, n]
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    const s = log.click[r] ? sums.c : sums.u;
    s[0] += pClick[j] > 0 ? pPurchase[j] / pClick[j] : 0;
    s[1] += log.pPurchaseGivenClick[r];
    s[2]++;
  }
  const bias = (s: number[]) => (s[2] > 0 ? (s[0] - s[1]) / s[2] : Number.NaN);
  return { clickedBias: bias(sums.c), unclickedBias: bias(sums.u), unclickedTruth: sums.u[2] > 0 ? sums.u[1] / sums.u[2] : Number.NaN };
}

/**
 * How often a model's predictions break the funnel's order on test impressions: the share of rows
 * with P(purchase) > P(cart) or P(cart) > P(click) (beyond 1e−6, float rounding), which no real
 * shopper can produce (no purchase without a cart, no cart without a click). ESM²'s path products
 * never break it; heads learned independently can. Null without a cart head.
 *   violations = |{ j : p_buy[j] > p_cart[j] + 1e−6  or  p_cart[j] > p_click[j] + 1e−6 }| / n
 */
export function funnelViolations(tasks: ReadonlyArray<{ name: string }>, preds: readonly Float32Array[]): number | null {
  const cart = cartIndex(tasks);
  if (cart < 0 || tasks[0]?.name !== 'click' || tasks[1]?.name !== 'purchase') return null;
  const [click, buy, carted] = [preds[0], preds[1], preds[cart]];
  const n = click.length;
  if (n === 0) return Number.NaN;
  let broken = 0;
  for (let j = 0; j < n; j++) if (buy[j] > carted[j] + 1e-6 || carted[j] > click[j] + 1e-6) broken++;
  return broken / n;
}
